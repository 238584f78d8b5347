package main

import (
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/mattn/go-runewidth"
)

// The class report as one self-contained HTML page: `steppe report
// --format html -o FILE`. Deck text is the instructor's and the learners'
// files are anyone's, so every string from them goes through html/template
// (which escapes it) after sanitize (which makes control characters
// visible); nothing is marked template.HTML. The page loads nothing: its
// charts are inline SVG drawn here, its style is inline, and its Content
// Security Policy forbids any request.

// The charts' geometry, in SVG user units (the charts scale to the page's
// width; at 1200 pixels one unit is about one pixel).
const (
	hardestChartWidth = 960
	hardestLabelWidth = 360 // the card names, left of the bars
	hardestValueWidth = 130 // "67% (4 of 6)" right of the longest bar
	hardestRowHeight  = 44  // two lines of label

	picksChartWidth = 520
	picksLabelWidth = 220
	picksValueWidth = 40
	picksRowHeight  = 28

	labelFontSize    = 13 // the page's style sets these
	sublabelFontSize = 12

	chartAxisHeight = 22 // the tick labels above the bars
	chartGap        = 12 // between the labels and the bars
)

// htmlReport is what the page's template shows: the report's text made
// safe to show, and the charts laid out.
type htmlReport struct {
	When       string
	Decks      string
	Summary    string
	Learners   []htmlLearner
	CardCount  int
	Skipped    []skippedFile
	Hardest    *barChart
	HardestMin int
	Picks      []picksFigure
	Cards      []htmlCard
	Unreached  []htmlCard
}

type htmlLearner struct {
	Name                       string
	Reviews, QuizAnswers, Seen int
}

type htmlCard struct {
	Card, Question, Type             string
	Seen, Fail, Lapses, Time, Recall string
	Answers, Rank                    int
}

// picksFigure is the chart of one card's wrong options.
type picksFigure struct {
	Card, Question string
	Picks          int
	Chart          *barChart
}

// barChart is a horizontal bar chart, laid out: every position is final.
type barChart struct {
	ID            string // unique in the page, for the clip path
	Title         string // what the chart shows, for screen readers
	Width, Height float64
	LabelWidth    float64 // labels are clipped to this width
	BarX          float64
	Class         string  // the bars' colour: fail or pick
	AxisY         float64 // the baseline of the tick labels
	GridTop       float64 // where the grid lines start
	Bottom        float64 // where the grid lines end
	Ticks         []chartTick
	Bars          []chartBar
}

type chartTick struct {
	X    float64
	Text string
}

type chartBar struct {
	Label, Sublabel string  // truncated to fit beside the bars
	Full            string  // the untruncated text, as the bar's tooltip
	LabelY, SubY    float64 // text baselines
	Y, W, H         float64 // the bar
	ValueX, ValueY  float64
	Value           string
}

// chartRow is one bar before layout.
type chartRow struct {
	label, sublabel, full string
	value, max            float64
	valueText             string
}

// writeReportHTML writes the report as one HTML page.
func writeReportHTML(out io.Writer, r classReport) error {
	return reportPage.Execute(out, newHTMLReport(r))
}

func newHTMLReport(r classReport) htmlReport {
	at := r.Time
	if t, err := time.Parse(time.RFC3339, r.Time); err == nil {
		at = t.Format("2006-01-02 15:04 MST")
	}
	decks := ""
	for i, d := range r.Decks {
		if i > 0 {
			decks += ", "
		}
		decks += oneLine(d)
	}
	v := htmlReport{
		When:       at,
		Decks:      decks,
		Summary:    fmt.Sprintf("%s, %s, %s", plural(len(r.Learners), "learner"), plural(len(r.Decks), "deck"), plural(len(r.Cards), "card")),
		CardCount:  len(r.Cards),
		HardestMin: hardestMinAnswers,
	}
	for _, l := range r.Learners {
		v.Learners = append(v.Learners, htmlLearner{Name: oneLine(l.Name), Reviews: l.Reviews, QuizAnswers: l.QuizAnswers, Seen: l.CardsSeen})
	}
	for _, s := range r.Skipped {
		v.Skipped = append(v.Skipped, skippedFile{File: oneLine(s.File), Reason: oneLine(s.Reason)})
	}

	byCard := map[string]*cardReport{}
	for i := range r.Cards {
		c := &r.Cards[i]
		byCard[c.Card] = c
		v.Cards = append(v.Cards, newHTMLCard(c, len(r.Learners)))
	}
	for _, key := range r.Unreached {
		if c := byCard[key]; c != nil {
			v.Unreached = append(v.Unreached, newHTMLCard(c, len(r.Learners)))
		}
	}

	var rows []chartRow
	for _, key := range r.Hardest {
		c := byCard[key]
		if c == nil || c.FailRate == nil {
			continue
		}
		answers := c.Reviews + c.QuizAnswers
		failed := c.Again + c.QuizWrong
		rows = append(rows, chartRow{
			label:     fitLabel(fmt.Sprintf("%d. %s", c.HardestRank, oneLine(c.Card)), hardestLabelWidth/labelFontSize),
			sublabel:  fitLabel(oneLine(c.Question), hardestLabelWidth/sublabelFontSize),
			full:      oneLine(c.Card) + ": " + oneLine(c.Question),
			value:     *c.FailRate,
			max:       1,
			valueText: fmt.Sprintf("%s (%d of %d)", percent(c.FailRate), failed, answers),
		})
	}
	if len(rows) > 0 {
		v.Hardest = layoutBars("hardest", "fail", "Fail rate of the hardest cards", rows, percentTicks(),
			hardestChartWidth, hardestLabelWidth, hardestValueWidth, hardestRowHeight)
	}

	for _, c := range r.Cards {
		total := 0
		for _, d := range c.Distractors {
			total += d.Picks
		}
		if total == 0 {
			continue
		}
		most := c.Distractors[0].Picks // most picked first
		for _, d := range c.Distractors {
			most = max(most, d.Picks)
		}
		rows := make([]chartRow, len(c.Distractors))
		for i, d := range c.Distractors {
			rows[i] = chartRow{
				label: fitLabel(oneLine(d.Option), picksLabelWidth/labelFontSize), full: oneLine(d.Option),
				value: float64(d.Picks), max: float64(most), valueText: strconv.Itoa(d.Picks),
			}
		}
		id := "picks-" + strconv.Itoa(len(v.Picks)+1)
		v.Picks = append(v.Picks, picksFigure{
			Card: oneLine(c.Card), Question: oneLine(c.Question), Picks: total,
			Chart: layoutBars(id, "pick", "Wrong options picked for "+oneLine(c.Card), rows, countTicks(most),
				picksChartWidth, picksLabelWidth, picksValueWidth, picksRowHeight),
		})
	}
	return v
}

func newHTMLCard(c *cardReport, learners int) htmlCard {
	h := htmlCard{
		Card: oneLine(c.Card), Question: oneLine(c.Question), Type: oneLine(c.Type),
		Seen: fmt.Sprintf("%d/%d", c.Learners, learners), Answers: c.Reviews + c.QuizAnswers,
		Fail: percent(c.FailRate), Lapses: "-", Time: "-", Recall: percent(c.Retrievability), Rank: c.HardestRank,
	}
	if c.ReviewStateReviews > 0 {
		h.Lapses = fmt.Sprintf("%d/%d", c.Lapses, c.ReviewStateReviews)
	}
	if c.MeanAnswerSeconds != nil {
		h.Time = fmt.Sprintf("%.1fs", *c.MeanAnswerSeconds)
	}
	return h
}

// layoutBars places the rows' labels and bars: labels on the left, clipped
// to labelWidth, bars from there on, scaled so that a row's max fills the
// width left after valueWidth for the value labels.
func layoutBars(id, class, title string, rows []chartRow, ticks []tickAt, width, labelWidth, valueWidth, rowHeight float64) *barChart {
	barX := labelWidth + chartGap
	span := width - barX - valueWidth
	top := float64(chartAxisHeight)
	c := &barChart{
		ID: id, Class: class, Title: title, Width: width, LabelWidth: labelWidth, BarX: barX,
		AxisY: top - 8, GridTop: top - 4, Bottom: top + float64(len(rows))*rowHeight,
	}
	c.Height = c.Bottom + 4
	for _, t := range ticks {
		c.Ticks = append(c.Ticks, chartTick{X: round1(barX + t.at*span), Text: t.text})
	}
	barH := min(rowHeight-12, 22.0)
	for i, r := range rows {
		y := top + float64(i)*rowHeight
		w := 0.0
		if r.max > 0 {
			w = round1(min(r.value/r.max, 1) * span)
		}
		b := chartBar{
			Label: r.label, Sublabel: r.sublabel, Full: r.full,
			Y: round1(y + (rowHeight-barH)/2), W: w, H: barH,
			ValueX: round1(barX + w + 6), ValueY: round1(y + rowHeight/2 + 4.5),
			Value: r.valueText,
		}
		if r.sublabel == "" {
			b.LabelY = b.ValueY
		} else {
			b.LabelY, b.SubY = round1(y+rowHeight/2-3), round1(y+rowHeight/2+13)
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}

// fitLabel truncates s, with an ellipsis, to about ems wide in a sans-serif
// font. SVG text does not wrap and the page cannot measure it, so this
// guesses each character's width from its kind, erring wide (DejaVu Sans,
// Debian's default, is a wide font); the chart's clip path hides whatever
// a guess lets through.
func fitLabel(s string, ems float64) string {
	const ellipsis = 1.0
	total := 0.0
	for _, r := range s {
		total += glyphWidth(r)
	}
	if total <= ems {
		return s
	}
	w := 0.0
	for i, r := range s {
		if w+glyphWidth(r) > ems-ellipsis {
			return strings.TrimRight(s[:i], " ") + "…"
		}
		w += glyphWidth(r)
	}
	return s
}

// glyphWidth is a guess at r's advance width, in ems.
func glyphWidth(r rune) float64 {
	switch {
	case runewidth.RuneWidth(r) == 2:
		return 1
	case strings.ContainsRune("iljI.,:;!|'`()[] ", r):
		return 0.34
	case strings.ContainsRune("frt-", r):
		return 0.42
	case strings.ContainsRune("mwMW@%", r):
		return 1
	case unicode.IsUpper(r):
		return 0.75
	case unicode.IsDigit(r), unicode.IsLower(r):
		return 0.64
	}
	return 0.7
}

// tickAt is a grid line, at a fraction of the bars' span.
type tickAt struct {
	at   float64
	text string
}

func percentTicks() []tickAt {
	var t []tickAt
	for p := 0; p <= 100; p += 25 {
		t = append(t, tickAt{float64(p) / 100, strconv.Itoa(p) + "%"})
	}
	return t
}

// countTicks marks whole numbers from 0 to most, at most five of them
// after 0.
func countTicks(most int) []tickAt {
	step := 1
	for base := 1; most/step > 5; base *= 10 {
		for _, m := range []int{1, 2, 5} {
			if step = base * m; most/step <= 5 {
				break
			}
		}
	}
	var t []tickAt
	for n := 0; n <= most; n += step {
		t = append(t, tickAt{float64(n) / float64(max(most, 1)), strconv.Itoa(n)})
	}
	return t
}

func round1(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }

var reportPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"num": func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) },
}).Parse(reportPageHTML))

// reportPageHTML is well-formed XML as well as HTML5 (every element is
// closed, no named entities but XML's), so that tests can check it with
// encoding/xml. The colours are Okabe and Ito's, which colour-blind
// readers tell apart.
const reportPageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="generator" content="steppe report"/>
<title>Class report, {{.When}}</title>
<style>
:root { --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --band: #f6f8fa; --fail: #0072b2; --pick: #d55e00; }
* { box-sizing: border-box; }
body { margin: 0; padding: 32px 40px 48px; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
main { max-width: 1120px; margin: 0 auto; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 15px; margin: 0 0 2px; }
p { margin: 6px 0; }
.lede { color: var(--muted); margin: 0 0 8px; }
.note { color: var(--muted); font-size: 13px; }
code, .id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-weight: 600; background: var(--band); border-bottom: 2px solid var(--rule); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fbfcfd; }
.q { display: block; color: var(--muted); font-size: 13px; }
td, li, figcaption { overflow-wrap: anywhere; }
.rank { display: inline-block; min-width: 1.6em; padding: 0 4px; margin-right: 4px; border-radius: 3px;
  background: var(--fail); color: #fff; font-size: 12px; text-align: center; }
table.learners { width: auto; min-width: 50%; }
figure { margin: 8px 0 0; }
svg.chart { display: block; width: 100%; height: auto; overflow: visible; }
svg.chart text { font-family: inherit; font-size: 13px; fill: var(--ink); }
svg.chart text.sub { font-size: 12px; fill: var(--muted); }
svg.chart text.tick { font-size: 11px; fill: var(--muted); }
svg.chart text.value { font-variant-numeric: tabular-nums; }
svg.chart line.grid { stroke: var(--rule); stroke-width: 1; }
svg.chart line.base { stroke: var(--muted); stroke-width: 1; }
svg.chart rect.fail { fill: var(--fail); }
svg.chart rect.pick { fill: var(--pick); }
.picks { display: grid; grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); gap: 20px 40px; }
.picks figure { margin: 0; break-inside: avoid; }
ul.plain { padding-left: 20px; margin: 6px 0; }
ul.plain li { margin: 2px 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
@media print {
  body { padding: 0; font-size: 11pt; }
  main { max-width: none; }
  h2 { break-after: avoid; }
  figure, tr { break-inside: avoid; }
  tbody tr:nth-child(even) td, th { background: none; }
  svg.chart rect, .rank { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
</style>
</head>
<body>
<main>
<header>
<h1>Class report</h1>
<p class="lede">{{.When}}: {{.Summary}}{{if .Decks}} ({{.Decks}}){{end}}</p>
</header>
{{with .Skipped}}
<section>
<h2>Skipped files</h2>
<ul class="plain">{{range .}}
<li><code>{{.File}}</code>: {{.Reason}}</li>{{end}}
</ul>
</section>
{{end}}
<section>
<h2>Learners</h2>
{{if .Learners}}<table class="learners">
<thead><tr><th>Learner</th><th class="n">Reviews</th><th class="n">Quiz answers</th><th class="n">Cards seen</th></tr></thead>
<tbody>{{range .Learners}}
<tr><td class="id">{{.Name}}</td><td class="n">{{.Reviews}}</td><td class="n">{{.QuizAnswers}}</td><td class="n">{{.Seen}} of {{$.CardCount}}</td></tr>{{end}}
</tbody>
</table>{{else}}<p>These files hold no learners.</p>{{end}}
</section>

<section>
<h2>Hardest cards</h2>
<p class="note">Most often failed, of the cards answered {{.HardestMin}} times or more: the share of reviews rated Again and quiz answers judged wrong.</p>
{{with .Hardest}}<figure>
{{template "chart" .}}
</figure>{{else}}<p>No card has been answered {{.HardestMin}} times or more and failed yet.</p>{{end}}
</section>

<section>
<h2>Wrong options picked</h2>
{{if .Picks}}<p class="note">For choice and multi cards: how often each wrong option was chosen, in drills and quizzes.</p>
<div class="picks">{{range .Picks}}
<figure>
<figcaption><h3 class="id">{{.Card}}</h3><span class="q">{{.Question}}</span></figcaption>
{{template "chart" .Chart}}
</figure>{{end}}
</div>{{else}}<p>No wrong option of a choice or multi card has been picked.</p>{{end}}
</section>

<section>
<h2>Cards</h2>
{{if .Cards}}<table class="cards">
<thead><tr><th>Card</th><th>Type</th><th class="n">Seen</th><th class="n">Answers</th><th class="n">Fail</th><th class="n">Lapses</th><th class="n">Time</th><th class="n">Recall</th></tr></thead>
<tbody>{{range .Cards}}
<tr><td>{{if .Rank}}<span class="rank" title="hardest card number {{.Rank}}">{{.Rank}}</span>{{end}}<span class="id">{{.Card}}</span><span class="q">{{.Question}}</span></td><td>{{.Type}}</td><td class="n">{{.Seen}}</td><td class="n">{{.Answers}}</td><td class="n">{{.Fail}}</td><td class="n">{{.Lapses}}</td><td class="n">{{.Time}}</td><td class="n">{{.Recall}}</td></tr>{{end}}
</tbody>
</table>
<p class="note">Seen: learners who answered the card. Fail: the fail rate. Lapses: Again given to learnt cards, of their reviews. Time: the mean answer time. Recall: the mean probability of recalling the card now (FSRS).</p>
{{else}}<p>The databases hold no cards.</p>{{end}}
</section>

<section>
<h2>Not reached by anyone: {{len .Unreached}}</h2>
{{if .Unreached}}<ul class="plain">{{range .Unreached}}
<li><span class="id">{{.Card}}</span> {{.Question}}</li>{{end}}
</ul>{{else}}<p>Every card has been seen by at least one learner.</p>{{end}}
</section>

<footer>Made by steppe report. This page is self-contained: it loads nothing.</footer>
</main>
</body>
</html>
{{define "chart"}}<svg class="chart" viewBox="0 0 {{num .Width}} {{num .Height}}" role="img" aria-labelledby="{{.ID}}-title">
<title id="{{.ID}}-title">{{.Title}}</title>
<defs><clipPath id="{{.ID}}-labels"><rect x="0" y="0" width="{{num .LabelWidth}}" height="{{num .Height}}"/></clipPath></defs>
{{$c := .}}{{range .Ticks}}<line class="grid" x1="{{num .X}}" y1="{{num $c.GridTop}}" x2="{{num .X}}" y2="{{num $c.Bottom}}"/>
<text class="tick" x="{{num .X}}" y="{{num $c.AxisY}}" text-anchor="middle">{{.Text}}</text>
{{end}}<g clip-path="url(#{{.ID}}-labels)">{{range .Bars}}
<text x="0" y="{{num .LabelY}}">{{.Label}}</text>{{if .Sublabel}}
<text class="sub" x="0" y="{{num .SubY}}">{{.Sublabel}}</text>{{end}}{{end}}
</g>{{range .Bars}}
<g><title>{{.Full}}: {{.Value}}</title><rect class="{{$c.Class}}" x="{{num $c.BarX}}" y="{{num .Y}}" width="{{num .W}}" height="{{num .H}}"/><text class="value" x="{{num .ValueX}}" y="{{num .ValueY}}">{{.Value}}</text></g>{{end}}
<line class="base" x1="{{num .BarX}}" y1="{{num .GridTop}}" x2="{{num .BarX}}" y2="{{num .Bottom}}"/>
</svg>{{end}}`

package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"
)

// reportWidth is the text report's width: a terminal's default.
const reportWidth = 80

// writeReportText writes the report for people, within reportWidth columns.
func writeReportText(out io.Writer, r classReport) error {
	w := bufio.NewWriter(out)
	at := r.Time
	if t, err := time.Parse(time.RFC3339, r.Time); err == nil {
		at = t.Format("2006-01-02 15:04 MST")
	}
	fmt.Fprintf(w, "Class report, %s: %s, %s (%s), %s\n", at, plural(len(r.Learners), "learner"),
		plural(len(r.Decks), "deck"), sanitize(strings.Join(r.Decks, ", ")), plural(len(r.Cards), "card"))
	if len(r.Skipped) > 0 {
		fmt.Fprintf(w, "Skipped: %s\n", plural(len(r.Skipped), "file"))
		for _, s := range r.Skipped {
			fmt.Fprintf(w, "  %s\n", fit(oneLine(s.Reason), reportWidth-2))
		}
	}

	fmt.Fprintln(w, "\nLearners")
	nameWidth := 0
	for _, l := range r.Learners {
		nameWidth = max(nameWidth, runewidth.StringWidth(sanitize(l.Name)))
	}
	nameWidth = min(nameWidth, 36)
	for _, l := range r.Learners {
		fmt.Fprintf(w, "  %s  %s, %s, %d of %d cards seen\n", pad(sanitize(l.Name), nameWidth),
			plural(l.Reviews, "review"), plural(l.QuizAnswers, "quiz answer"), l.CardsSeen, len(r.Cards))
	}

	byCard := map[string]*cardReport{}
	for i := range r.Cards {
		byCard[r.Cards[i].Card] = &r.Cards[i]
	}
	fmt.Fprintf(w, "\nHardest cards (most often failed, of those answered %d times or more)\n", hardestMinAnswers)
	if len(r.Hardest) == 0 {
		fmt.Fprintln(w, "  none yet")
	}
	for i, key := range r.Hardest {
		c := byCard[key]
		line := fmt.Sprintf("%2d. %s  failed %s of %s", i+1, sanitize(c.Card), percent(c.FailRate),
			plural(c.Reviews+c.QuizAnswers, "answer"))
		if c.Retrievability != nil {
			line += ", recall now " + percent(c.Retrievability)
		}
		fmt.Fprintf(w, "  %s\n", fit(line, reportWidth-2))
		fmt.Fprintf(w, "      %s\n", fit(oneLine(c.Question), reportWidth-6))
	}

	fmt.Fprintf(w, "\nNot reached by anyone: %d\n", len(r.Unreached))
	for _, key := range r.Unreached {
		c := byCard[key]
		fmt.Fprintf(w, "  %s\n", fit(sanitize(c.Card)+"  "+oneLine(c.Question), reportWidth-2))
	}

	fmt.Fprintln(w, "\nCards")
	const cardWidth = 30
	fmt.Fprintf(w, "%s  %5s  %7s  %4s  %6s  %6s  %6s\n", pad("CARD", cardWidth), "SEEN", "ANSWERS", "FAIL", "LAPSES", "TIME", "RECALL")
	for _, c := range r.Cards {
		lapses := "-"
		if c.ReviewStateReviews > 0 {
			lapses = fmt.Sprintf("%d/%d", c.Lapses, c.ReviewStateReviews)
		}
		tm := "-"
		if c.MeanAnswerSeconds != nil {
			tm = fmt.Sprintf("%.1fs", *c.MeanAnswerSeconds)
		}
		fmt.Fprintf(w, "%s  %5s  %7d  %4s  %6s  %6s  %6s\n", pad(fit(sanitize(c.Card), cardWidth), cardWidth),
			fmt.Sprintf("%d/%d", c.Learners, len(r.Learners)), c.Reviews+c.QuizAnswers, percent(c.FailRate),
			lapses, tm, percent(c.Retrievability))
	}

	var picked []cardReport
	for _, c := range r.Cards {
		if c.Distractors != nil && c.Learners > 0 {
			picked = append(picked, c)
		}
	}
	if len(picked) > 0 {
		fmt.Fprintln(w, "\nWrong options picked (times)")
		for _, c := range picked {
			fmt.Fprintf(w, "  %s\n", fit(sanitize(c.Card), reportWidth-2))
			items := make([]string, len(c.Distractors))
			for i, d := range c.Distractors {
				items[i] = fmt.Sprintf("%s ×%d", oneLine(d.Option), d.Picks)
			}
			for _, line := range wrapItems(items, " · ", reportWidth-4) {
				fmt.Fprintf(w, "    %s\n", line)
			}
		}
	}
	return w.Flush()
}

// writeReportCSV writes one row per card, after a header row.
func writeReportCSV(out io.Writer, r classReport) error {
	w := csv.NewWriter(out)
	w.Write([]string{"card", "deck", "id", "type", "learners", "seen_by", "reviews", "again",
		"review_state_reviews", "lapses", "lapse_rate", "quiz_answers", "quiz_wrong", "fail_rate",
		"mean_answer_seconds", "retrievability", "retrievability_learners", "hardest_rank", "distractors", "question"})
	for _, c := range r.Cards {
		rank := ""
		if c.HardestRank > 0 {
			rank = strconv.Itoa(c.HardestRank)
		}
		var picks []string
		for _, d := range c.Distractors {
			picks = append(picks, fmt.Sprintf("%s: %d", d.Option, d.Picks))
		}
		w.Write([]string{c.Card, c.Deck, c.ID, c.Type, strconv.Itoa(c.Learners), strings.Join(c.SeenBy, "; "),
			strconv.Itoa(c.Reviews), strconv.Itoa(c.Again), strconv.Itoa(c.ReviewStateReviews), strconv.Itoa(c.Lapses),
			number(c.LapseRate), strconv.Itoa(c.QuizAnswers), strconv.Itoa(c.QuizWrong), number(c.FailRate),
			number(c.MeanAnswerSeconds), number(c.Retrievability), strconv.Itoa(c.RetrievabilityLearners), rank,
			strings.Join(picks, "; "), c.Question})
	}
	w.Flush()
	return w.Error()
}

func number(x *float64) string {
	if x == nil {
		return ""
	}
	return strconv.FormatFloat(*x, 'f', -1, 64)
}

func percent(x *float64) string {
	if x == nil {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", *x*100)
}

// oneLine is s sanitized, with its white space runs made single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(sanitize(s)), " ") }

// fit truncates s to width display columns.
func fit(s string, width int) string { return runewidth.Truncate(s, width, "…") }

// pad fills s with spaces to width display columns.
func pad(s string, width int) string { return runewidth.FillRight(s, width) }

// wrapItems joins items with sep into lines of at most width columns; an
// item wider than width is truncated.
func wrapItems(items []string, sep string, width int) []string {
	var lines []string
	cur := ""
	for _, it := range items {
		it = fit(it, width)
		switch {
		case cur == "":
			cur = it
		case runewidth.StringWidth(cur+sep+it) <= width:
			cur += sep + it
		default:
			lines = append(lines, cur)
			cur = it
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

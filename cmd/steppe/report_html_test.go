package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"steppe/quiz"
	"steppe/store"
)

// svgChart is what the tests read back from a chart: its title, and each
// bar's tooltip ("LABEL: VALUE"), width and value label.
type svgChart struct {
	Title string   `xml:"title"`
	Bars  []svgBar `xml:"g"`
}

type svgBar struct {
	Title string `xml:"title"`
	Rect  struct {
		Class string `xml:"class,attr"`
		X     string `xml:"x,attr"`
		Width string `xml:"width,attr"`
	} `xml:"rect"`
	Value string `xml:"text"`
}

var svgRE = regexp.MustCompile(`(?s)<svg\b.*?</svg>`)

// checkPage checks what every report page must be: well-formed (the page
// is XML as well as HTML5), closed to the network, and free of anything
// loaded from elsewhere. It returns the page's charts.
func checkPage(t *testing.T, page string) []svgChart {
	t.Helper()
	if !strings.HasPrefix(page, "<!DOCTYPE html>\n<html lang=\"en\">") {
		t.Errorf("the page does not start as HTML5: %.60q", page)
	}
	d := xml.NewDecoder(strings.NewReader(page))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, col := d.InputPos()
			t.Fatalf("the page is not well-formed at %d:%d: %v", line, col, err)
		}
	}
	if !strings.Contains(page, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/>`) {
		t.Error("the page has no Content-Security-Policy")
	}
	lower := strings.ToLower(page)
	for _, bad := range []string{"http://", "https://", "src=", "<link", "<script", "<img", "<iframe", "url(http", "@import"} {
		if strings.Contains(lower, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	for i, r := range page {
		if r < 0x20 && r != '\n' || r == 0x7f || r == 0xfffd {
			t.Errorf("the page holds control character %U at byte %d", r, i)
			break
		}
	}
	var charts []svgChart
	for _, frag := range svgRE.FindAllString(page, -1) {
		var c svgChart
		if err := xml.Unmarshal([]byte(frag), &c); err != nil {
			t.Fatalf("chart: %v\n%s", err, frag)
		}
		// The group of labels has no tooltip; the bars do.
		c.Bars = slices.DeleteFunc(c.Bars, func(b svgBar) bool { return b.Title == "" })
		charts = append(charts, c)
	}
	if n := strings.Count(page, "<svg"); n != len(charts) {
		t.Errorf("%d <svg but %d charts read", n, len(charts))
	}
	return charts
}

// barTitles lists the chart's bars as their tooltips.
func barTitles(c svgChart) []string {
	var out []string
	for _, b := range c.Bars {
		out = append(out, b.Title)
	}
	return out
}

// TestReportHTML: the page of the class of makeClass has the hardest
// cards' chart, one chart per card with wrong options picked, and every
// card in its table; it is written atomically to -o, and -o writes the
// other formats too.
func TestReportHTML(t *testing.T) {
	dir := isolate(t)
	makeClass(t, dir)
	t.Chdir(dir)
	code, out, errOut := runSteppe(t, "", "report", "alice.db", "bob.db", "--format", "html", "-o", "class.html")
	if code != 0 || errOut != "" || out != "Wrote class.html: 5 cards, 2 learners\n" {
		t.Fatalf("status %d, stdout %q, stderr %q", code, out, errOut)
	}
	data, err := os.ReadFile("class.html")
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	charts := checkPage(t, page)
	if len(charts) != 3 {
		t.Fatalf("%d charts, want 3: the hardest cards, geo/sco-year's and geo/threats' wrong options", len(charts))
	}

	hard := charts[0]
	wantHard := []string{
		"geo/sco-year: In which year was the SCO formed?: 67% (4 of 6)",
		"geo/threats: Which of these are transnational threats?: 67% (2 of 3)",
		"geo/capital: What is the capital of Kazakhstan?: 25% (1 of 4)",
	}
	if hard.Title != "Fail rate of the hardest cards" || !slices.Equal(barTitles(hard), wantHard) {
		t.Errorf("hardest chart %q: %q, want %q", hard.Title, barTitles(hard), wantHard)
	}
	for _, label := range []string{">1. geo/sco-year<", ">2. geo/threats<", ">3. geo/capital<", ">In which year was the SCO formed?<"} {
		if !strings.Contains(page, label) {
			t.Errorf("no label %s", label)
		}
	}
	// The bars scale with the rate: 67% is longer than 25%, and no bar
	// leaves the chart.
	if w0, w2 := hard.Bars[0].Rect.Width, hard.Bars[2].Rect.Width; !(len(w0) > 0 && atof(t, w0) > atof(t, w2) && atof(t, w2) > 0) {
		t.Errorf("bar widths %s and %s", w0, w2)
	}
	for _, c := range charts {
		for _, b := range c.Bars {
			if end := atof(t, b.Rect.X) + atof(t, b.Rect.Width); end > 960 {
				t.Errorf("%s: bar ends at %v", b.Title, end)
			}
		}
	}

	picks := map[string][]string{}
	for _, c := range charts[1:] {
		picks[c.Title] = barTitles(c)
		for _, b := range c.Bars {
			if b.Rect.Class != "pick" {
				t.Errorf("%s: bar class %q", b.Title, b.Rect.Class)
			}
		}
	}
	wantPicks := map[string][]string{
		"Wrong options picked for geo/sco-year": {"1996: 3", "1991: 1", "2008: 0"},
		"Wrong options picked for geo/threats":  {"tourism: 2", "trade: 1"},
	}
	for title, want := range wantPicks {
		if !slices.Equal(picks[title], want) {
			t.Errorf("%s: %q, want %q", title, picks[title], want)
		}
	}

	for _, want := range []string{
		"<title>Class report, 2026-01-05 09:30 UTC</title>",
		"2026-01-05 09:30 UTC: 2 learners, 1 deck, 5 cards (geo)",
		`<td class="id">alice.db:default</td><td class="n">8</td><td class="n">0</td><td class="n">3 of 5</td>`,
		`<td class="id">bob.db:default</td><td class="n">5</td><td class="n">2</td><td class="n">4 of 5</td>`,
		`<span class="id">geo/capital</span><span class="q">What is the capital of Kazakhstan?</span></td><td>basic</td><td class="n">2/2</td><td class="n">4</td><td class="n">25%</td><td class="n">1/1</td><td class="n">5.0s</td><td class="n">90%</td>`,
		`<span class="id">geo/rivers</span><span class="q">Name the two great rivers of Central Asia.</span></td><td>basic</td><td class="n">0/2</td><td class="n">0</td><td class="n">-</td><td class="n">-</td><td class="n">-</td><td class="n">-</td>`,
		"<h2>Not reached by anyone: 1</h2>",
		`<li><span class="id">geo/rivers</span> Name the two great rivers of Central Asia.</li>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(page, "Skipped files") {
		t.Error("a section of skipped files with none skipped")
	}

	// A skipped file is listed.
	if err := os.WriteFile("notes.db", []byte("not a database\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runSteppe(t, "", "report", "alice.db", "notes.db", "--format", "html", "-o", "class.html"); code != 0 {
		t.Fatalf("status %d: %s", code, errOut)
	}
	data, _ = os.ReadFile("class.html")
	if !strings.Contains(string(data), "<li><code>notes.db</code>: notes.db is not a steppe database") {
		t.Errorf("the skipped file is not listed:\n%s", data)
	}

	// -o with the other formats writes what stdout would have shown.
	for _, format := range []string{"text", "csv", "json"} {
		_, want, _ := runSteppe(t, "", "report", "alice.db", "bob.db", "--format", format)
		code, out, errOut := runSteppe(t, "", "report", "alice.db", "bob.db", "--format", format, "--output", "class."+format)
		if code != 0 || out != "Wrote class."+format+": 5 cards, 2 learners\n" {
			t.Errorf("%s: status %d, stdout %q, stderr %q", format, code, out, errOut)
		}
		if got, _ := os.ReadFile("class." + format); string(got) != want {
			t.Errorf("%s: the file differs from stdout:\n%s", format, got)
		}
	}

	// html without -o, and -o into a missing folder, are errors that
	// write nothing.
	before := dirState(t, dir)
	code, out, errOut = runSteppe(t, "", "report", "alice.db", "--format", "html")
	if code != 1 || out != "" || !strings.Contains(errOut, "--format html needs -o FILE") {
		t.Errorf("html without -o: status %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut = runSteppe(t, "", "report", "alice.db", "--format", "html", "-o", filepath.Join("nowhere", "class.html"))
	if code != 1 || out != "" || !strings.Contains(errOut, "no folder nowhere") {
		t.Errorf("-o into a missing folder: status %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut = runSteppe(t, "", "report", "alice.db", "bob.db", "--format", "html", "-o", "./bob.db")
	if code != 1 || out != "" || !strings.Contains(errOut, "-o ./bob.db is the database bob.db") {
		t.Errorf("-o over a database: status %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = runSteppe(t, "", "report", "alice.db", "--format", "pdf", "-o", "class.pdf")
	if code != 1 || !strings.Contains(errOut, "or html with -o FILE") {
		t.Errorf("pdf: status %d, stderr %q", code, errOut)
	}
	sameDirState(t, before, dirState(t, dir))
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// evilClass is a class whose deck and file names try to break out of the
// page: markup, a script, an escape sequence, quotes.
func evilClass() *classInput {
	q := "<script>alert(1)</script>\x1b[31m red & \"quoted\" 'single'\x00"
	return &classInput{
		decks:   []string{"ev<b>il"},
		skipped: []skippedFile{{File: "x<i>.db", Reason: "x<i>.db is not a steppe database (\x1b]0;pwned\x07)"}},
		cards: []quiz.Card{
			{Deck: "ev<b>il", ID: "c</text><text>1", Type: quiz.Choice, Question: q, Answer: "a",
				Wrong: []string{"<img onerror=alert(1)>", "]]></svg>&amp;", "\u202eevil"}},
			{Deck: "ev<b>il", ID: "unseen", Type: quiz.Basic, Question: "</li></ul><h1>" + q, Answer: "a"},
		},
		learners: []learnerInput{{name: "a\"><b>.db:de\x1bfault", activity: []store.CardActivity{
			{Deck: "ev<b>il", CardID: "c</text><text>1", Reviews: 3, Again: 2,
				Picks: map[string]int{"<img onerror=alert(1)>": 2, "]]></svg>&amp;": 1, "a": 1}},
		}}},
	}
}

// TestReportHTMLEscapes: text from decks and files is shown as text, with
// control characters made visible, never as markup.
func TestReportHTMLEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := writeReportHTML(&buf, buildReport(evilClass(), classT0)); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	charts := checkPage(t, page)
	if len(charts) != 2 {
		t.Fatalf("%d charts, want 2", len(charts))
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[31m red &amp; &#34;quoted&#34; &#39;single&#39;\\x00",
		"&lt;/li&gt;&lt;/ul&gt;&lt;h1&gt;",
		"&lt;img onerror=alert(1)&gt;",
		"]]&gt;&lt;/svg&gt;&amp;amp;",
		`\u202eevil`,
		"c&lt;/text&gt;&lt;text&gt;1",
		"a&#34;&gt;&lt;b&gt;.db:de\\x1bfault",
		"x&lt;i&gt;.db is not a steppe database (\\x1b]0;pwned\\x07)",
		"ev&lt;b&gt;il",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	picks := barTitles(charts[1])
	want := []string{"<img onerror=alert(1)>: 2", "]]></svg>&amp;: 1", `\u202eevil: 0`}
	if !slices.Equal(picks, want) {
		t.Errorf("wrong options %q, want %q", picks, want)
	}
}

// TestReportHTMLEmpty: no learners, no cards, nothing picked: sentences
// instead of empty charts and tables.
func TestReportHTMLEmpty(t *testing.T) {
	for name, in := range map[string]*classInput{
		"nothing":    {},
		"no answers": {decks: []string{"d"}, cards: classDeck, learners: []learnerInput{{name: "a.db:default"}}},
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := writeReportHTML(&buf, buildReport(in, classT0)); err != nil {
				t.Fatal(err)
			}
			page := buf.String()
			if charts := checkPage(t, page); len(charts) != 0 {
				t.Errorf("%d charts", len(charts))
			}
			wants := []string{"No card has been answered 3 times or more and failed yet.",
				"No wrong option of a choice or multi card has been picked."}
			if name == "nothing" {
				wants = append(wants, "These files hold no learners.", "The databases hold no cards.",
					"Every card has been seen by at least one learner.")
			} else {
				wants = append(wants, "<h2>Not reached by anyone: 5</h2>")
			}
			for _, want := range wants {
				if !strings.Contains(page, want) {
					t.Errorf("the page lacks %q", want)
				}
			}
		})
	}
}

// TestCountTicks: whole numbers, at most six grid lines, 0 first.
func TestCountTicks(t *testing.T) {
	for most, want := range map[int]string{
		1: "0 1", 3: "0 1 2 3", 5: "0 1 2 3 4 5", 7: "0 2 4 6", 12: "0 5 10",
		20: "0 5 10 15 20", 37: "0 10 20 30", 100: "0 20 40 60 80 100", 999: "0 200 400 600 800",
	} {
		var got []string
		for _, tk := range countTicks(most) {
			got = append(got, tk.text)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("countTicks(%d) = %v, want %s", most, got, want)
		}
	}
}

// chromiumFlags keep headless Chromium to the page: no network of its own,
// no profile but a fresh one, its log on stderr.
var chromiumFlags = []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--enable-logging=stderr", "--v=0"}

// pageErrorRE matches what Chromium logs when the page itself fails: any
// console message (the page has no script, so any is an error), a script
// error, a load blocked by the Content-Security-Policy, a failed request.
// Chromium's own noise on a bare machine (D-Bus, GPU, sandbox warnings)
// does not match. Chromium 156 logs a CSP violation as
//
//	[...:INFO:CONSOLE:0] "Loading the image 'https://...' violates the following Content Security Policy directive: ..."
var pageErrorRE = regexp.MustCompile(`:CONSOLE[:(]|Uncaught|Refused to|Content Security Policy|Failed to load|ERR_[A-Z]`)

// runChromium runs headless Chromium once on args and returns its stdout
// and the lines of its log that tell of page errors.
func runChromium(t *testing.T, bin string, args ...string) (stdout string, pageErrors []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	all := append(append([]string{}, chromiumFlags...), "--user-data-dir="+t.TempDir())
	cmd := exec.CommandContext(ctx, bin, append(all, args...)...)
	cmd.WaitDelay = 5 * time.Second
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("chromium %s: timed out after 60 s\n%s", strings.Join(args, " "), errOut.String())
	}
	if err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	sc := bufio.NewScanner(&errOut)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if pageErrorRE.MatchString(sc.Text()) {
			pageErrors = append(pageErrors, sc.Text())
		}
	}
	return out.String(), pageErrors
}

// TestReportHTMLInChromium: a real browser parses the page into the
// charts and cards, and draws it, without an error and without asking for
// anything. STEPPE_SCREENSHOT_DIR keeps the screenshot for a person to
// look at.
func TestReportHTMLInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		bin, err = exec.LookPath("chromium-browser")
	}
	if err != nil {
		t.Skip("chromium not installed; install Debian's package chromium (apt-get install chromium) to run this test")
	}
	dir := isolate(t)
	makeClass(t, dir)
	page := filepath.Join(dir, "class.html")
	if code, _, errOut := runSteppe(t, "", "report", filepath.Join(dir, "alice.db"), filepath.Join(dir, "bob.db"),
		"--format", "html", "-o", page); code != 0 {
		t.Fatalf("status %d: %s", code, errOut)
	}
	url := "file://" + filepath.ToSlash(page)

	// First, that this Chromium's log shows what a page does wrong: a
	// page with a script and an image from the network.
	bad := filepath.Join(dir, "bad.html")
	err = os.WriteFile(bad, []byte(`<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"/>`+
		`</head><body><script>nothing()</script><img src="https://example.invalid/x.png"/></body></html>`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, errs := runChromium(t, bin, "--dump-dom", "file://"+filepath.ToSlash(bad)); len(errs) < 2 {
		t.Fatalf("chromium logged %d page errors for a page with two, so its log cannot tell: %q", len(errs), errs)
	}

	dom, errs := runChromium(t, bin, "--dump-dom", url)
	for _, e := range errs {
		t.Errorf("chromium logged a page error: %s", e)
	}
	if n := strings.Count(dom, "<svg"); n != 3 {
		t.Errorf("the DOM has %d <svg, want 3:\n%s", n, dom)
	}
	for _, want := range []string{"geo/sco-year", "geo/threats", "geo/capital", "geo/csto", "geo/rivers", "<rect class=\"pick\"", "Class report"} {
		if !strings.Contains(dom, want) {
			t.Errorf("the DOM lacks %s", want)
		}
	}

	shot := filepath.Join(t.TempDir(), "shot.png")
	_, errs = runChromium(t, bin, "--screenshot="+shot, "--window-size=1200,1600", url)
	for _, e := range errs {
		t.Errorf("chromium logged a page error: %s", e)
	}
	data, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1200 {
		t.Errorf("screenshot %dx%d, want 1200 wide", b.Dx(), b.Dy())
	}
	colors := map[color.RGBA]bool{}
	blue := false // the hardest cards' bars: #0072b2
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			colors[c] = true
			blue = blue || c == color.RGBA{0x00, 0x72, 0xb2, 0xff}
		}
	}
	if len(colors) < 50 {
		t.Errorf("the screenshot has %d colours: a blank page?", len(colors))
	}
	if !blue {
		t.Error("the screenshot shows no bar of the hardest cards' colour")
	}
	if keep := os.Getenv("STEPPE_SCREENSHOT_DIR"); keep != "" {
		if err := os.WriteFile(filepath.Join(keep, "report.png"), data, 0o644); err != nil {
			t.Error(err)
		}
	}
}

package decks

import (
	"strings"
	"testing"
)

func lintOutput(ds []Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// lintCases are the files of testdata/lint, with the diagnostics Lint must
// give: severity and the start of the message, at LINE:COL, in order.
var lintCases = []struct {
	file   string
	source bool
	want   []string
}{
	{"empty-deck", false, []string{
		`4:8: warning: deck "empty" has no cards`,
	}},
	{"warnings", false, []string{
		`4:14: warning: description of the deck holds a control character, U+202E (RIGHT-TO-LEFT OVERRIDE)`,
		`10:8: warning: basic card "year-again" asks the same question as card "year" (line 6)`,
		`16:12: warning: choice card "few-distractors" has 2 wrong options; 3 or more make guessing harder`,
		`19:13: warning: the answer "the csto" of basic card "giveaway" appears in its question`,
		`23:15: warning: the answer "Border security" of multi card "giveaway-multi" appears in its question`,
		`23:34: warning: the answer "Regional stability" of multi card "giveaway-multi" appears in its question`,
		`29:14: warning: the answer "Collective Security Treaty Organization" of typed card "giveaway-accept" appears in its question`,
		`36:14: warning: explain of basic card "escapes" holds an escape sequence, U+001B (ESC)`,
		`37:18: warning: item 2 of tags of basic card "escapes" holds a control character, U+0007 (BEL)`,
		`39:8: warning: q of basic card "braces" has {{...}}, which only a cloze card turns into blanks`,
		`40:13: warning: the answer "2001" of basic card "braces" appears in its question`,
	}},
	{"near", false, []string{
		`13:13: warning: typed answer "trilateral" of card "mechanisms" is within 2 edits of "Bilateral" (choice card "first-kind", line 8); a misspelt "Bilateral" may pass for it as almost`,
		`13:13: warning: typed answer "trilateral" of card "mechanisms" is within 2 edits of "bilateral" (typed card "first-kind-typed", line 22)`,
		// mechanisms-cued names "bilateral" in its question, but
		// first-kind-typed does not name "trilateral" in its own.
		`22:13: warning: typed answer "bilateral" of card "first-kind-typed" is within 2 edits of "trilateral" (typed card "mechanisms-cued", line 18)`,
		`26:13: warning: typed answer "CSTO" of card "pact" is within 1 edit of "CTSO" (multi card "pact-typo", line 36)`,
		`58:13: warning: typed answer "cooperation" of card "cooperation" is within 2 edits of "corporation" (cloze card "blank", line 61)`,
	}},
	{"source", true, []string{
		`15:14: section "Key Framework Shaping Central Asian Security" of basic card "typo-section" is not a heading of decks/source/regional-security-cooperation.txt; did you mean "Key Frameworks Shaping Central Asian Security"?`,
		`20:14: section "History of the CSTO" of basic card "no-such-section" is not a heading of decks/source/regional-security-cooperation.txt`,
		`25:12: quote of basic card "wrong-year" is not in decks/source/regional-security-cooperation.txt; the text matches as far as "...tion Organization (SCO) in 200" but not from "2" on`,
		`30:12: quote of basic card "straight-apostrophe" is not in decks/source/regional-security-cooperation.txt; it would match if typographic quotes, apostrophes and dashes were plain ones`,
		`35:12: quote of basic card "invented" is not in decks/source/regional-security-cooperation.txt; not even its start is in the text`,
		`40:12: warning: quote of basic card "other-heading" is under the heading "The Role of International Bodies in Central Asian Security", not under its section "Key Frameworks Shaping Central Asian Security"`,
		`44:12: warning: basic card "no-section" has a quote but no section; the quote is under the heading "Confidence-building measures"`,
		`49:12: warning: quote of basic card "preamble" is under no heading (it comes before the first), not under its section "Key Frameworks Shaping Central Asian Security"`,
	}},
}

func TestLint(t *testing.T) {
	for _, tc := range lintCases {
		t.Run(tc.file, func(t *testing.T) {
			file := "testdata/lint/" + tc.file + ".yaml"
			d, err := ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var opt LintOptions
			if tc.source {
				opt.Source = BundledSource()
			}
			ds := Lint(d, opt)
			if len(ds) != len(tc.want) {
				t.Errorf("got %d diagnostics, want %d:\n%s", len(ds), len(tc.want), lintOutput(ds))
			}
			for i := range min(len(ds), len(tc.want)) {
				got := strings.TrimPrefix(strings.SplitN(ds[i].String(), "\n", 2)[0], file+":")
				if !strings.HasPrefix(got, tc.want[i]) {
					t.Errorf("diagnostic %d:\n got %s\nwant %s...", i, got, tc.want[i])
				}
				if (ds[i].Severity == Warning) != strings.Contains(tc.want[i], "warning:") {
					t.Errorf("diagnostic %d has severity %s", i, ds[i].Severity)
				}
			}
			checkGolden(t, strings.TrimSuffix(file, ".yaml")+".golden", lintOutput(ds))
		})
	}
}

// TestLintWithoutSource makes sure sections and quotes are not judged when
// there is no text to judge them by.
func TestLintWithoutSource(t *testing.T) {
	d, err := ParseFile("testdata/lint/source.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if ds := Lint(d, LintOptions{}); len(ds) != 0 {
		t.Errorf("Lint without a source gave:\n%s", lintOutput(ds))
	}
}

func TestContainsWord(t *testing.T) {
	for _, tc := range []struct {
		text, word string
		want       bool
	}{
		{"Was the CSTO founded?", "csto", true},
		{"Was the CSTO founded?", "CST", false},
		{"When did the party start?", "art", false},
		{"Formed in 2001.", "2001", true},
		{"Formed in 20010.", "2001", false},
		{"The (SCO) was", "(SCO)", true},
		{"border\nsecurity matters", "Border  security", true},
		{"Kazakhstan’s neighbours", "Kazakhstan", true},
		{"", "x", false},
		{"x", "", false},
	} {
		if got := containsWord(tc.text, tc.word); got != tc.want {
			t.Errorf("containsWord(%q, %q) = %v, want %v", tc.text, tc.word, got, tc.want)
		}
	}
}

package decks

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"steppe/quiz"
)

var update = flag.Bool("update", false, "rewrite the testdata/**/*.golden files")

// checkGolden compares got with the golden file, or rewrites it under
// -update.
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it)\n--- got:\n%s\n--- want:\n%s", golden, got, want)
	}
}

// parseErrorCases are the files of testdata/parse that must fail, with how
// many diagnostics each must give and a line its output must hold, so that
// a careless -update cannot bless a wrong golden file.
var parseErrorCases = []struct {
	file  string
	count int
	want  string
}{
	{"syntax", 1, "syntax.yaml:6:8: YAML syntax: could not find end character of double-quoted text"},
	{"unknown-field", 4, `unknown-field.yaml:8:5: unknown field "anwser" in card "sco-founded" (known: id, type, q, answer, accept, answers, wrong, items, explain, section, quote, tags); did you mean "answer"?`},
	{"duplicate-id", 1, `duplicate-id.yaml:11:9: duplicate id "a" (first used at line 5)`},
	{"duplicate-field", 2, `duplicate-field.yaml:9:5: duplicate field "answer" in card "a" (first at line 8)`},
	{"missing-deck-fields", 4, `missing-deck-fields.yaml:1:1: missing field "format"; a deck file starts with "format: 1"`},
	{"missing-card-fields", 8, `missing-card-fields.yaml:7:5: choice card "no-answer" has no wrong`},
	{"wrong-type-field", 5, `wrong-type-field.yaml:10:5: field "items" does not apply to choice card "choice-items" (a choice card takes answer and wrong)`},
	{"answer-in-wrong", 5, `answer-in-wrong.yaml:9:19: answer "2001" of choice card "choice" is also among wrong`},
	{"list-sizes", 4, `list-sizes.yaml:8:14: multi card "one-answer" needs at least 2 answers, has 1`},
	{"truefalse", 3, `truefalse.yaml:8:13: answer of truefalse card "quoted" must be true or false, unquoted (a YAML boolean), not the text "true"`},
	{"bad-ids", 5, `bad-ids.yaml:2:7: deck slug "Central_Asia" may use only a-z, 0-9 and '-'`},
	{"format", 1, "format.yaml:1:9: format 2 is not supported; this steppe reads format 1"},
	{"format-text", 1, `format-text.yaml:1:9: format "one" is not supported; this steppe reads format 1`},
	{"empty-question", 4, `empty-question.yaml:6:8: empty question (q) in card "no-q"`},
	{"cloze", 7, `cloze.yaml:7:8: cloze card "no-blank": no blank in q; mark each blank as {{...}}`},
	{"unknown-type", 2, `unknown-type.yaml:6:11: unknown card type "mutli" in card "a"; want one of basic, typed, choice, multi, truefalse, cloze, order`},
	{"shapes", 8, `shapes.yaml:16:12: wrong of choice card "b" must be a list, written [a, b] or as "- " lines`},
	{"cards-not-list", 1, `cards-not-list.yaml:5:3: cards must be a list of cards, each starting with "- id: ..."`},
	{"empty", 1, `empty.yaml:1:1: empty deck file; a deck starts with "format: 1"`},
	{"two-documents", 1, "two-documents.yaml:6:1: a deck file holds one YAML document; another starts here"},
	{"anchors", 5, "anchors.yaml:9:5: merge keys (<<) are not supported in deck files"},
	{"many", 5, `many.yaml:13:9: duplicate id "one" (first used at line 5)`},
}

func TestParseErrors(t *testing.T) {
	for _, tc := range parseErrorCases {
		t.Run(tc.file, func(t *testing.T) {
			file := "testdata/parse/" + tc.file + ".yaml"
			d, err := ParseFile(file)
			if err == nil {
				t.Fatalf("ParseFile(%s) succeeded; want errors", file)
			}
			if d != nil {
				t.Errorf("ParseFile(%s) returned a deck with its errors", file)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, want ErrorList: %v", err, err)
			}
			if len(list) != tc.count {
				t.Errorf("got %d diagnostics, want %d:\n%v", len(list), tc.count, err)
			}
			for _, dg := range list {
				if dg.Severity != Error || dg.File != file || dg.Line < 1 || dg.Col < 1 {
					t.Errorf("diagnostic %+v: want an error placed in %s", dg, file)
				}
			}
			out := err.Error() + "\n"
			if !strings.Contains(out, "testdata/parse/"+tc.want+"\n") {
				t.Errorf("output lacks line\n%s\ngot:\n%s", tc.want, out)
			}
			checkGolden(t, strings.TrimSuffix(file, ".yaml")+".golden", out)
		})
	}
}

// TestParseGoldenCoverage makes sure every testdata/parse file is tested.
func TestParseGoldenCoverage(t *testing.T) {
	files, _ := filepath.Glob("testdata/parse/*.yaml")
	known := map[string]bool{}
	for _, tc := range parseErrorCases {
		known[tc.file] = true
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		if !known[name] && !strings.HasPrefix(name, "ok-") {
			t.Errorf("%s is in no test case", f)
		}
	}
}

// TestParseValid parses the ok-*.yaml files and compares the expanded cards
// with their golden files.
func TestParseValid(t *testing.T) {
	files, _ := filepath.Glob("testdata/parse/ok-*.yaml")
	if len(files) == 0 {
		t.Fatal("no testdata/parse/ok-*.yaml files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			d, err := ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, strings.TrimSuffix(file, ".yaml")+".golden", dumpDeck(d))
		})
	}
}

// dumpDeck renders everything Parse produced, for golden files.
func dumpDeck(d *Deck) string {
	var b strings.Builder
	fmt.Fprintf(&b, "deck %q: title %q, description %q, format %d, file %s\n", d.Slug, d.Title, d.Description, d.Format, d.File)
	if d.Source != nil {
		fmt.Fprintf(&b, "source: %q, note %q, url %q\n", d.Source.Title, d.Source.Note, d.Source.URL)
	}
	fmt.Fprintf(&b, "%d entries, %d cards\n", len(d.Entries), len(d.Cards))
	for _, c := range d.Cards {
		fmt.Fprintf(&b, "\n%s (%s) %s:%d\n", c.Key(), c.Type, c.File, c.Line)
		fmt.Fprintf(&b, "  question %q\n", c.Question)
		fields := []struct {
			name string
			s    string
		}{
			{"answer", c.Answer}, {"explain", c.Explain}, {"section", c.Section},
			{"quote", c.Quote}, {"sibling", c.Sibling},
		}
		for _, f := range fields {
			if f.s != "" {
				fmt.Fprintf(&b, "  %s %q\n", f.name, f.s)
			}
		}
		lists := []struct {
			name string
			l    []string
		}{
			{"accept", c.Accept}, {"answers", c.Answers}, {"wrong", c.Wrong},
			{"items", c.Items}, {"tags", c.Tags},
		}
		for _, l := range lists {
			if len(l.l) > 0 {
				fmt.Fprintf(&b, "  %s %q\n", l.name, l.l)
			}
		}
	}
	return b.String()
}

func TestNumbersAsText(t *testing.T) {
	d, err := ParseFile("testdata/parse/ok-numbers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "2001" || d.Description != "3.10" {
		t.Errorf("title, description = %q, %q; want the numbers as written", d.Title, d.Description)
	}
	c := d.Cards[0]
	if c.ID != "2001" || c.Question != "1991" || c.Answer != "2001" {
		t.Errorf("card 0: id %q, q %q, answer %q; want 2001, 1991, 2001", c.ID, c.Question, c.Answer)
	}
	if want := []string{"1991", "1996.50", "0x1F", "1e3"}; !equal(c.Wrong, want) {
		t.Errorf("wrong = %q, want %q", c.Wrong, want)
	}
	if c := d.Cards[1]; c.Answer != "007" || !equal(c.Accept, []string{"7", "seven"}) {
		t.Errorf("typed: answer %q accept %q; want 007 and [7 seven]", c.Answer, c.Accept)
	}
	if c := d.Cards[2]; c.Type != quiz.Basic || c.Answer != "true" {
		t.Errorf("basic with boolean answer: %s %q", c.Type, c.Answer)
	}
	if c := d.Cards[3]; c.Type != quiz.TrueFalse || c.Answer != "false" || c.Truth() {
		t.Errorf("truefalse: %s %q", c.Type, c.Answer)
	}
	if c := d.Cards[4]; !equal(c.Items, []string{"1", "2", "10"}) || !equal(c.Tags, []string{"2024", "numbers"}) {
		t.Errorf("order: items %q tags %q", c.Items, c.Tags)
	}
}

func TestAllTypes(t *testing.T) {
	d, err := ParseFile("testdata/parse/ok-all-types.yaml")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[quiz.CardType]bool{}
	for _, c := range d.Cards {
		seen[c.Type] = true
		if c.Deck != "all-types" || c.File != "testdata/parse/ok-all-types.yaml" || c.Line == 0 {
			t.Errorf("card %s: deck %q file %q line %d", c.ID, c.Deck, c.File, c.Line)
		}
	}
	for _, ty := range quiz.CardTypes {
		if !seen[ty] {
			t.Errorf("no %s card", ty)
		}
	}
	multi := d.Entries[3]
	if !equal(multi.Wrong, []string{"wrong 1", "wrong 2", "wrong 3"}) {
		t.Errorf("multi wrong via alias = %q", multi.Wrong)
	}
	if got := d.Cards[len(d.Cards)-1].Explain; got != "Kept as written,\nline by line." {
		t.Errorf("literal block explain = %q", got)
	}
	// Places are kept for Lint and for ":e".
	e := d.Entries[2]
	if e.Line != 19 || e.Col != 5 {
		t.Errorf("choice entry at %d:%d, want 19:5", e.Line, e.Col)
	}
	if p := e.Pos("answer"); p != (Pos{22, 13}) {
		t.Errorf("choice answer at %v, want {22 13}", p)
	}
	if p := e.ItemPos("wrong", 1); p != (Pos{23, 37}) {
		t.Errorf("choice wrong[1] at %v, want {23 37}", p)
	}
	if p := e.ItemPos("wrong", 3); p != (Pos{}) {
		t.Errorf("choice wrong[3] at %v, want none", p)
	}
	if p := d.Pos("source.url"); p != (Pos{8, 8}) {
		t.Errorf("source.url at %v, want {8 8}", p)
	}
}

func TestControlCharactersKept(t *testing.T) {
	d, err := ParseFile("testdata/parse/ok-control.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := d.Cards[0]
	if c.Question != "Red \x1b[31malert\x1b[0m here" || c.Answer != "bell\a" {
		t.Errorf("question %q answer %q: want the control characters kept", c.Question, c.Answer)
	}
	ws := Lint(d, LintOptions{})
	if len(ws) != 2 {
		t.Fatalf("Lint gave %d diagnostics, want 2 warnings: %v", len(ws), ws)
	}
	for _, w := range ws {
		if w.Severity != Warning {
			t.Errorf("%v: want a warning", w)
		}
	}
	if !strings.Contains(ws[0].Msg, "escape sequence, U+001B (ESC)") || !strings.Contains(ws[1].Msg, "U+0007 (BEL)") {
		t.Errorf("messages: %q, %q", ws[0].Msg, ws[1].Msg)
	}
}

func TestParseFileMissing(t *testing.T) {
	_, err := ParseFile("testdata/parse/no-such-file.yaml")
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want one wrapping os.ErrNotExist", err)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestParseByteOrderMarkAndCRLF checks that a file saved by a Windows editor
// reads the same as any other.
func TestParseByteOrderMarkAndCRLF(t *testing.T) {
	src := "\ufeffformat: 1\r\ndeck: x\r\ntitle: T\r\ncards:\r\n  - id: a\r\n    q: \"line\r\n      two\"\r\n    answer: |\r\n      x\r\n      y\r\n  - id: b\r\n    q: Q\r\n    anwser: A\r\n"
	_, err := Parse("win.yaml", []byte(src))
	want := "win.yaml:13:5: unknown field \"anwser\" in card \"b\" (known: id, type, q, answer, accept, answers, wrong, items, explain, section, quote, tags); did you mean \"answer\"?\n" +
		"   13 |     anwser: A\n" +
		"      |     ^"
	if err == nil || err.Error() != want {
		t.Fatalf("err:\n%v\nwant:\n%s", err, want)
	}
	d, err := Parse("win.yaml", []byte(strings.Replace(src, "anwser", "answer", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if c := d.Cards[0]; c.Question != "line two" || c.Answer != "x\ny" {
		t.Errorf("question %q answer %q", c.Question, c.Answer)
	}
}

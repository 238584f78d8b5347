package decks

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"steppe/quiz"
)

// LintOptions are the inputs Lint may use beyond the deck itself.
type LintOptions struct {
	// Source is the text the deck's cards are drawn from. When it is set,
	// each card's section must be one of its headings and each quote must
	// appear in it (white space aside); both are errors otherwise.
	Source *SourceText
}

// minDistractors is how many wrong options a choice card should offer, so
// that guessing is not easy.
const minDistractors = 3

// Lint checks a parsed deck for what Parse lets through but an author should
// look at. It returns warnings for: a deck without cards; two cards asking
// the same question (equal but for case, white space and final
// punctuation); a choice card with fewer than three wrong options; an answer
// (or accepted or right option) that appears as a whole word in its own
// question; control characters or terminal escape sequences in any text; and
// {{...}} in the question of a card that is not a cloze; a typed answer
// within the typo tolerance of another card's answer (see nearAnswers).
// With opt.Source it
// also checks each card's section and quote: errors for a section that is
// not a heading of the text and for a quote that is not in it, warnings for
// a quote found only under another heading than its section, or with no
// section given. Diagnostics come in file order.
func Lint(d *Deck, opt LintOptions) []Diagnostic {
	l := &linter{d: d, src: opt.Source}
	if len(d.Entries) == 0 {
		l.warn(d.Pos("cards"), "deck %q has no cards", d.Slug)
	}
	l.deckText()
	questions := map[string]*Entry{}
	for i := range d.Entries {
		e := &d.Entries[i]
		name := fmt.Sprintf("%s card %q", e.Type, e.ID)
		if k := questionKey(e.Q); k != "" {
			if first, ok := questions[k]; ok {
				l.warn(e.Pos("q"), "%s asks the same question as card %q (line %d)", name, first.ID, first.Line)
			} else {
				questions[k] = e
			}
		}
		if e.Type == quiz.Choice && len(e.Wrong) < minDistractors {
			l.warn(e.Pos("wrong"), "%s has %d wrong %s; %d or more make guessing harder",
				name, len(e.Wrong), pluralize("option", len(e.Wrong)), minDistractors)
		}
		l.answerInQuestion(e, name)
		l.entryText(e, name)
		if e.Type != quiz.Cloze && strings.Contains(e.Q, "{{") && strings.Contains(e.Q, "}}") {
			l.warn(e.Pos("q"), "q of %s has {{...}}, which only a cloze card turns into blanks; did you mean type: cloze?", name)
		}
		if l.src != nil {
			l.source(e, name)
		}
	}
	l.nearAnswers()
	sortDiagnostics(l.diags)
	return l.diags
}

type linter struct {
	d     *Deck
	src   *SourceText
	diags []Diagnostic
}

func (l *linter) add(sev Severity, pos Pos, format string, args ...any) {
	excerpt := ""
	if l.d.lines != nil {
		excerpt = l.d.lines.line(pos.Line)
	}
	l.diags = append(l.diags, Diagnostic{
		File: l.d.File, Line: pos.Line, Col: pos.Col, Severity: sev,
		Msg: fmt.Sprintf(format, args...), Excerpt: excerpt,
	})
}

func (l *linter) warn(pos Pos, format string, args ...any) { l.add(Warning, pos, format, args...) }

// questionKey is the form in which two questions count as the same.
func questionKey(q string) string {
	return strings.TrimRight(strings.ToLower(collapse(q)), "?.!: ")
}

func (l *linter) answerInQuestion(e *Entry, name string) {
	check := func(ans string, pos Pos) {
		if ans != "" && containsWord(e.Q, ans) {
			l.warn(pos, "the answer %q of %s appears in its question", ans, name)
		}
	}
	switch e.Type {
	case quiz.Basic, quiz.Typed, quiz.Choice:
		check(e.Answer, e.Pos("answer"))
		for i, a := range e.Accept {
			check(a, e.ItemPos("accept", i))
		}
	case quiz.Multi:
		for i, a := range e.Answers {
			check(a, e.ItemPos("answers", i))
		}
	}
}

// containsWord reports whether word appears in text as a whole word, case
// and runs of white space aside.
func containsWord(text, word string) bool {
	t, w := strings.ToLower(collapse(text)), strings.ToLower(collapse(word))
	if w == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(w)
	last, _ := utf8.DecodeLastRuneInString(w)
	for i := 0; i < len(t); {
		k := strings.Index(t[i:], w)
		if k < 0 {
			return false
		}
		a, b := i+k, i+k+len(w)
		before, _ := utf8.DecodeLastRuneInString(t[:a])
		after, _ := utf8.DecodeRuneInString(t[b:])
		if (a == 0 || !isWordRune(before) || !isWordRune(first)) &&
			(b == len(t) || !isWordRune(after) || !isWordRune(last)) {
			return true
		}
		_, n := utf8.DecodeRuneInString(t[a:])
		i = a + n
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

func (l *linter) deckText() {
	d := l.d
	l.control(d.Title, d.Pos("title"), "title of the deck")
	l.control(d.Description, d.Pos("description"), "description of the deck")
	if d.Source != nil {
		l.control(d.Source.Title, d.Pos("source.title"), "source title")
		l.control(d.Source.Note, d.Pos("source.note"), "source note")
		l.control(d.Source.URL, d.Pos("source.url"), "source url")
	}
}

func (l *linter) entryText(e *Entry, name string) {
	for _, f := range []struct {
		key  string
		text string
	}{
		{"q", e.Q}, {"answer", e.Answer}, {"explain", e.Explain},
		{"section", e.Section}, {"quote", e.Quote},
	} {
		l.control(f.text, e.Pos(f.key), f.key+" of "+name)
	}
	for _, f := range []struct {
		key  string
		list []string
	}{
		{"accept", e.Accept}, {"answers", e.Answers}, {"wrong", e.Wrong},
		{"items", e.Items}, {"tags", e.Tags},
	} {
		for i, s := range f.list {
			l.control(s, e.ItemPos(f.key, i), fmt.Sprintf("item %d of %s of %s", i+1, f.key, name))
		}
	}
}

var controlNames = map[rune]string{
	0: "NUL", 7: "BEL", 8: "BS", 0x0b: "VT", 0x0c: "FF", '\r': "CR", 0x1b: "ESC", 0x7f: "DEL",
	0x9b: "CSI", 0x202e: "RIGHT-TO-LEFT OVERRIDE",
}

// control warns about the first control character of s (see isControl).
// Parse keeps such characters; showing them safely is the display's job,
// but an author rarely means them.
func (l *linter) control(s string, pos Pos, what string) {
	for _, r := range s {
		if !isControl(r) {
			continue
		}
		desc := fmt.Sprintf("U+%04X", r)
		if n, ok := controlNames[r]; ok {
			desc += " (" + n + ")"
		}
		kind := "a control character"
		if r == 0x1b || r == 0x9b {
			kind = "an escape sequence"
		}
		l.warn(pos, "%s holds %s, %s; it will be shown escaped", what, kind, desc)
		return
	}
}

// source checks e's section and quote against the source text.
func (l *linter) source(e *Entry, name string) {
	src := l.src
	sectionOK := e.Section != "" && src.HasHeading(e.Section)
	if e.Section != "" && !sectionOK {
		msg := fmt.Sprintf("section %q of %s is not a heading of %s", e.Section, name, src.Name)
		if h := closestHeading(e.Section, src.Headings()); h != "" {
			msg += fmt.Sprintf("; did you mean %q?", h)
		}
		l.add(Error, e.Pos("section"), "%s", msg)
	}
	if e.Quote == "" {
		return
	}
	where := src.QuoteSections(e.Quote)
	switch {
	case where == nil:
		l.add(Error, e.Pos("quote"), "quote of %s is not in %s%s", name, src.Name, src.quoteMismatch(e.Quote))
	case e.Section == "":
		l.warn(e.Pos("quote"), "%s has a quote but no section; the quote is under %s", name, headingName(where[0]))
	case sectionOK && !contains(where, e.Section):
		l.warn(e.Pos("quote"), "quote of %s is under %s, not under its section %q", name, headingName(where[0]), e.Section)
	}
}

func headingName(h string) string {
	if h == "" {
		return "no heading (it comes before the first)"
	}
	return fmt.Sprintf("the heading %q", h)
}

// closestHeading returns the heading that s most likely misspells: one
// equal to it but for case and white space, or within an edit distance of a
// quarter of its length.
func closestHeading(s string, headings []string) string {
	key := strings.ToLower(collapse(s))
	best, bestD := "", len(key)/4+1
	for _, h := range headings {
		d := editDistance(key, strings.ToLower(collapse(h)))
		if d < bestD {
			best, bestD = h, d
		}
	}
	return best
}

func pluralize(word string, n int) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

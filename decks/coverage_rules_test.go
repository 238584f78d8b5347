package decks

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"steppe/quiz"
)

// The rules of issue 4 for the bundled decks. A later edit of a deck that
// breaks one of them fails here, and so in CI.

// deckHeadings says which headings (1-based, as numbered in DESIGN.md and
// designHeadings) each bundled deck covers; a deck cites exactly these.
var deckHeadings = map[string][]int{
	"frameworks":          {1, 2, 3},
	"challenges":          {4, 5, 6, 7},
	"confidence-building": {8, 9, 10},
	"beyond-security":     {11, 12, 13, 14},
}

const (
	minEntries        = 120 // card entries in all; a cloze entry counts once
	minPerHeading     = 5   // entries citing each heading
	minTypesPerDeck   = 5   // of the seven card types
	accordingToText   = "according to the text"
	aiGeneratedCaveat = "AI-generated"
)

// textOnlyNames are the names that may exist only in the source text (its
// case studies), acronyms and full names: a card that shows one must say
// "According to the text" in its question.
var textOnlyNames = []string{
	"CCATT", "Collectively Cooperating Against Transnational Threats",
	"CABSI", "Central Asian Border Security Initiative",
	"RESP", "Regional Environmental Security Platform",
}

// debris is web-page furniture of the source text that no card may carry.
var debris = []string{"See also", "Scroll to Top", "AI-Assisted Content"}

func loadBundled(t *testing.T) []*Deck {
	t.Helper()
	ds, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestBundledDecksLintClean lints every bundled deck against the bundled
// text: no errors and no warnings.
func TestBundledDecksLintClean(t *testing.T) {
	ds := loadBundled(t)
	var slugs []string
	for _, d := range ds {
		slugs = append(slugs, d.Slug)
		for _, dg := range Lint(d, LintOptions{Source: BundledSource()}) {
			t.Errorf("%v", dg)
		}
	}
	slices.Sort(slugs)
	var want []string
	for s := range deckHeadings {
		want = append(want, s)
	}
	slices.Sort(want)
	if !slices.Equal(slugs, want) {
		t.Errorf("bundled decks %v, want %v", slugs, want)
	}
}

// TestBundledCoverage checks the coverage rules: enough entries in all,
// every heading cited often enough, each deck citing exactly its own
// headings, and each deck using most card types.
func TestBundledCoverage(t *testing.T) {
	for _, p := range coverageProblems(loadBundled(t)) {
		t.Error(p)
	}
}

// TestBundledCardRules checks each card: a section and a quote; an explain
// on every auto-graded card; no question holding its own answer; the
// "According to the text" framing for names that may exist only in the
// text; no web-page debris. And each deck's source note carries the
// AI-generated caveat.
func TestBundledCardRules(t *testing.T) {
	for _, d := range loadBundled(t) {
		for _, p := range cardProblems(d) {
			t.Error(p)
		}
	}
}

// TestCoverageRulesBite breaks copies of the bundled decks in the ways a
// careless edit might, and checks that the rules notice each.
func TestCoverageRulesBite(t *testing.T) {
	bySlug := func(ds []*Deck, slug string) *Deck {
		for _, d := range ds {
			if d.Slug == slug {
				return d
			}
		}
		t.Fatalf("no deck %s", slug)
		return nil
	}
	// cloneDecks copies the decks deeply enough that their entries may be
	// changed.
	cloneDecks := func() []*Deck {
		var out []*Deck
		for _, d := range loadBundled(t) {
			c := *d
			c.Entries = slices.Clone(d.Entries)
			if d.Source != nil {
				src := *d.Source
				c.Source = &src
			}
			out = append(out, &c)
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		break_ func(ds []*Deck)
		want   string
	}{
		{"a heading loses its cards", func(ds []*Deck) {
			d := bySlug(ds, "confidence-building")
			d.Entries = slices.DeleteFunc(d.Entries, func(e Entry) bool { return e.Section == designHeadings[8] })
		}, "heading 9"},
		{"a card cites another deck's heading", func(ds []*Deck) {
			bySlug(ds, "frameworks").Entries[0].Section = designHeadings[13]
		}, "not one of the deck's headings"},
		{"too few entries", func(ds []*Deck) {
			for _, d := range ds {
				d.Entries = d.Entries[:len(d.Entries)/2]
			}
		}, "want at least 120"},
		{"a deck of two card types", func(ds []*Deck) {
			d := bySlug(ds, "challenges")
			d.Entries = slices.DeleteFunc(d.Entries, func(e Entry) bool { return e.Type != quiz.Choice && e.Type != quiz.TrueFalse })
		}, "uses 2 card types"},
	} {
		ds := cloneDecks()
		tc.break_(ds)
		if !anyContains(coverageProblems(ds), tc.want) {
			t.Errorf("%s: no problem mentioning %q among %q", tc.name, tc.want, coverageProblems(ds))
		}
	}
	for _, tc := range []struct {
		name   string
		break_ func(d *Deck)
		want   string
	}{
		{"no quote", func(d *Deck) { d.Entries[0].Quote = "" }, "needs a section and a quote"},
		{"no explain", func(d *Deck) {
			i := slices.IndexFunc(d.Entries, func(e Entry) bool { return e.Type == quiz.Choice })
			d.Entries[i].Explain = ""
		}, "needs an explain"},
		{"answer in question", func(d *Deck) {
			i := slices.IndexFunc(d.Entries, func(e Entry) bool { return e.Type == quiz.Typed })
			d.Entries[i].Q += " (" + d.Entries[i].Answer + ")"
		}, "holds its own answer"},
		{"text-only name without the framing", func(d *Deck) {
			i := slices.IndexFunc(d.Entries, func(e Entry) bool { return e.ID == "case-ccatt-result" })
			d.Entries[i].Q = "What result did the CCATT program's joint operations lead to?"
		}, "may exist only in the text"},
		{"a distractor naming CABSI", func(d *Deck) {
			i := slices.IndexFunc(d.Entries, func(e Entry) bool { return e.ID == "env-disasters" })
			d.Entries[i].Wrong = append(slices.Clone(d.Entries[i].Wrong), "CABSI")
		}, "may exist only in the text"},
		{"debris", func(d *Deck) { d.Entries[1].Explain += " Scroll to Top" }, "debris"},
		{"no caveat", func(d *Deck) { d.Source.Note = "From an article." }, "AI-generated"},
	} {
		d := bySlug(cloneDecks(), "beyond-security")
		tc.break_(d)
		if !anyContains(cardProblems(d), tc.want) {
			t.Errorf("%s: no problem mentioning %q among %q", tc.name, tc.want, cardProblems(d))
		}
	}
}

func anyContains(list []string, sub string) bool {
	return slices.ContainsFunc(list, func(s string) bool { return strings.Contains(s, sub) })
}

// coverageProblems applies the deck-level rules to a set of decks.
func coverageProblems(ds []*Deck) []string {
	var out []string
	problem := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	total := 0
	perHeading := map[string]int{}
	for _, d := range ds {
		total += len(d.Entries)
		want, ok := deckHeadings[d.Slug]
		if !ok {
			problem("deck %s is not in the issue's table of decks and headings", d.Slug)
			continue
		}
		wantSet := map[string]bool{}
		for _, n := range want {
			wantSet[designHeadings[n-1]] = true
		}
		cited := map[string]bool{}
		types := map[quiz.CardType]bool{}
		for _, e := range d.Entries {
			types[e.Type] = true
			if e.Section == "" {
				continue // cardProblems reports it
			}
			perHeading[e.Section]++
			cited[e.Section] = true
			if !wantSet[e.Section] {
				problem("%s/%s cites %q, which is not one of the deck's headings %v", d.Slug, e.ID, e.Section, want)
			}
		}
		for _, n := range want {
			if h := designHeadings[n-1]; !cited[h] {
				problem("deck %s has no card for its heading %d %q", d.Slug, n, h)
			}
		}
		if len(types) < minTypesPerDeck {
			var names []string
			for _, ty := range quiz.CardTypes {
				if types[ty] {
					names = append(names, ty.String())
				}
			}
			problem("deck %s uses %d card types (%s); want at least %d of the %d", d.Slug, len(types), strings.Join(names, ", "), minTypesPerDeck, len(quiz.CardTypes))
		}
	}
	if total < minEntries {
		problem("%d card entries in the bundled decks; want at least %d", total, minEntries)
	}
	for i, h := range designHeadings {
		if n := perHeading[h]; n < minPerHeading {
			problem("heading %d %q is cited by %d entries; want at least %d", i+1, h, n, minPerHeading)
		}
	}
	return out
}

// cardProblems applies the card-level rules, and the source note's, to one
// deck.
func cardProblems(d *Deck) []string {
	var out []string
	problem := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if d.Source == nil || !strings.Contains(d.Source.Note, aiGeneratedCaveat) ||
		!strings.Contains(strings.ToLower(d.Source.Note), accordingToText) {
		problem("deck %s: source.note must give the %s caveat and say that cards about text-only names say %q", d.Slug, aiGeneratedCaveat, "According to the text")
	}
	for _, e := range d.Entries {
		name := d.Slug + "/" + e.ID
		if e.Section == "" || e.Quote == "" {
			problem("%s: every card needs a section and a quote", name)
		}
		if e.Type.AutoGraded() && strings.TrimSpace(e.Explain) == "" {
			problem("%s: an auto-graded %s card needs an explain", name, e.Type)
		}
		for _, a := range ownAnswers(&e) {
			if containsWord(e.Q, a) {
				problem("%s: the question holds its own answer %q", name, a)
			}
		}
		if e.Type == quiz.Cloze {
			blanks, err := parseCloze(e.Q)
			if err != nil {
				problem("%s: %v", name, err)
			}
			for j, b := range blanks {
				if q := clozeQuestion(e.Q, blanks, j); containsWord(q, b.text) {
					problem("%s: the question of blank %q holds its own answer: %q", name, b.text, q)
				}
			}
		}
		if shows := textOnlyName(&e); shows != "" && !strings.Contains(strings.ToLower(e.Q), accordingToText) {
			problem("%s shows %s, which may exist only in the text: its question must say %q", name, shows, "According to the text")
		}
		for _, f := range entryTexts(&e) {
			for _, junk := range debris {
				if strings.Contains(strings.ToLower(f), strings.ToLower(junk)) {
					problem("%s carries web-page debris %q", name, junk)
				}
			}
		}
	}
	return out
}

// ownAnswers are the texts that e's question must not hold: the answer and
// accepted alternatives, or the right options of a multi. (A cloze's blanks
// are checked against each blank's own question.)
func ownAnswers(e *Entry) []string {
	switch e.Type {
	case quiz.Basic, quiz.Typed, quiz.Choice:
		return append([]string{e.Answer}, e.Accept...)
	case quiz.Multi:
		return e.Answers
	}
	return nil
}

// textOnlyName returns the first name of textOnlyNames that e shows a
// learner (question, answers, options, items) or quotes, or "".
func textOnlyName(e *Entry) string {
	fields := []string{e.Q, e.Answer, e.Quote}
	for _, l := range [][]string{e.Accept, e.Answers, e.Wrong, e.Items} {
		fields = append(fields, l...)
	}
	for _, f := range fields {
		for _, n := range textOnlyNames {
			if containsWord(f, n) {
				return n
			}
		}
	}
	return ""
}

func entryTexts(e *Entry) []string {
	out := []string{e.Q, e.Answer, e.Explain, e.Quote}
	for _, l := range [][]string{e.Accept, e.Answers, e.Wrong, e.Items} {
		out = append(out, l...)
	}
	return out
}

package decks

import (
	"slices"
	"strings"
	"testing"

	"steppe/quiz"
)

func mustParse(t *testing.T, src string) *Deck {
	t.Helper()
	d, err := Parse("deck.yaml", []byte(strings.TrimLeft(src, "\n")))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return d
}

const diffOld = `
format: 1
deck: d
title: D
cards:
  - id: same
    q: "Same?"
    answer: yes
  - id: moved
    q: "Moved?"
    answer: yes
  - id: reworded
    q: "Which year?"
    answer: 2001
  - id: explain
    q: "Why?"
    answer: because
    explain: "one reason"
  - id: case
    q: "Capital?"
    answer: astana
  - id: answer
    q: "Capital of Kazakhstan?"
    answer: Almaty
  - id: replaced
    q: "Capital of Kazakhstan?"
    answer: Astana
  - id: choice-wrong
    type: choice
    q: "Pick"
    answer: a
    wrong: [b, c]
  - id: choice-right
    type: choice
    q: "Pick"
    answer: a
    wrong: [b, c]
  - id: typed-accept
    type: typed
    q: "Type"
    answer: Shanghai Cooperation Organization
    accept: [SCO]
  - id: multi
    type: multi
    q: "Pick all"
    answers: [a, b]
    wrong: [c]
  - id: multi-shuffled
    type: multi
    q: "Pick all"
    answers: [a, b]
    wrong: [c, d]
  - id: order
    type: order
    q: "Order"
    items: [one, two, three]
  - id: tf
    type: truefalse
    q: "True?"
    answer: true
  - id: retyped
    q: "Year?"
    answer: 2001
  - id: tagged
    q: "Tagged?"
    answer: yes
    tags: [a]
  - id: cz
    type: cloze
    q: "The {{SCO}} was founded in {{2001}}."
  - id: gone
    q: "Gone?"
    answer: yes
`

const diffNew = `
format: 1
deck: d
title: D
cards:
  - id: moved
    q: "Moved?"
    answer: yes
  - id: same
    q: "Same?"
    answer: yes
  - id: reworded
    q: "In which year?"
    answer: 2001
  - id: explain
    q: "Why?"
    answer: because
    explain: "another reason"
  - id: case
    q: "Capital?"
    answer: "Astana "
  - id: answer
    q: "Capital of Kazakhstan?"
    answer: Astana
  - id: replaced
    q: "Largest city of Kazakhstan?"
    answer: Almaty
  - id: choice-wrong
    type: choice
    q: "Pick"
    answer: a
    wrong: [b, d, e]
  - id: choice-right
    type: choice
    q: "Pick"
    answer: b
    wrong: [a, c]
  - id: typed-accept
    type: typed
    q: "Type"
    answer: Shanghai Cooperation Organization
    accept: [SCO, the SCO]
  - id: multi
    type: multi
    q: "Pick all"
    answers: [a, c]
    wrong: [b]
  - id: multi-shuffled
    type: multi
    q: "Pick all"
    answers: [b, a]
    wrong: [d, c]
  - id: order
    type: order
    q: "Order"
    items: [one, three, two]
  - id: tf
    type: truefalse
    q: "True?"
    answer: false
  - id: retyped
    type: typed
    q: "Year?"
    answer: 2001
  - id: tagged
    q: "Tagged?"
    answer: yes
    tags: [b]
  - id: cz
    type: cloze
    q: "The {{SCO}} was set up in {{2001}} in {{Shanghai}}."
  - id: added
    q: "Added?"
    answer: yes
`

func TestDiff(t *testing.T) {
	got := Diff(mustParse(t, diffOld), mustParse(t, diffNew))
	want := []struct {
		id     string
		class  quiz.CardChange
		fields []string
	}{
		{"moved", quiz.CardUnchanged, nil},
		{"same", quiz.CardUnchanged, nil},
		{"reworded", quiz.CardReworded, []string{"q"}},
		{"explain", quiz.CardReworded, []string{"explain"}},
		{"case", quiz.CardUnchanged, nil}, // case and white space of an answer do not count
		{"answer", quiz.CardAnswerChanged, []string{"answer"}},
		{"replaced", quiz.CardReplaced, []string{"answer", "q"}},
		{"choice-wrong", quiz.CardReworded, []string{"wrong"}}, // distractors are wording
		{"choice-right", quiz.CardAnswerChanged, []string{"answer", "wrong"}},
		{"typed-accept", quiz.CardReworded, []string{"accept"}},
		{"multi", quiz.CardAnswerChanged, []string{"answers", "wrong"}},
		{"multi-shuffled", quiz.CardUnchanged, nil}, // the order of options does not count
		{"order", quiz.CardAnswerChanged, []string{"items"}},
		{"tf", quiz.CardAnswerChanged, []string{"answer"}},
		{"retyped", quiz.CardAnswerChanged, []string{"type"}},
		{"tagged", quiz.CardReworded, []string{"tags"}},
		{"cz.sco", quiz.CardReworded, []string{"q"}}, // a blank's sentence changed, not its answer
		{"cz.2001", quiz.CardReworded, []string{"q"}},
		{"cz.shanghai", quiz.CardNew, nil},
		{"added", quiz.CardNew, nil},
		{"gone", quiz.CardRemoved, nil},
	}
	if len(got) != len(want) {
		for _, c := range got {
			t.Logf("%s %s %v", c.ID, c.Class, c.Fields)
		}
		t.Fatalf("Diff gave %d changes, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.id || g.Class != w.class || !slices.Equal(g.Fields, w.fields) {
			t.Errorf("change %d = %s %s %v, want %s %s %v", i, g.ID, g.Class, g.Fields, w.id, w.class, w.fields)
		}
	}
	if e := got[16].Entry; e != "cz" {
		t.Errorf("cloze blank's entry = %q, want cz", e)
	}
}

func TestDiffSameDeck(t *testing.T) {
	d := mustParse(t, diffOld)
	for _, c := range Diff(d, d) {
		if c.Class != quiz.CardUnchanged {
			t.Errorf("%s: %s %v comparing a deck with itself", c.ID, c.Class, c.Fields)
		}
	}
}

func TestDiffEmpty(t *testing.T) {
	d := mustParse(t, diffOld)
	for _, c := range DiffCards(nil, d.Cards) {
		if c.Class != quiz.CardNew {
			t.Errorf("%s: %s, want new against no cards", c.ID, c.Class)
		}
	}
	for _, c := range DiffCards(d.Cards, nil) {
		if c.Class != quiz.CardRemoved {
			t.Errorf("%s: %s, want removed against no cards", c.ID, c.Class)
		}
	}
}

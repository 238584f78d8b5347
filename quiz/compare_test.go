package quiz

import (
	"slices"
	"testing"
)

func TestCompareCards(t *testing.T) {
	base := Card{ID: "c", Type: Typed, Question: "Q?", Answer: "Astana", Accept: []string{"Nur-Sultan"},
		Explain: "e", Tags: []string{"a", "b"}, File: "a.yaml", Line: 3}
	for _, tc := range []struct {
		name   string
		edit   func(c *Card)
		want   CardChange
		fields []string
	}{
		{"nothing", func(c *Card) {}, CardUnchanged, nil},
		{"place only", func(c *Card) { c.File, c.Line = "b.yaml", 9 }, CardUnchanged, nil},
		{"white space", func(c *Card) { c.Question = " Q? "; c.Answer = "ASTANA" }, CardUnchanged, nil},
		{"tag order", func(c *Card) { c.Tags = []string{"b", "a"} }, CardUnchanged, nil},
		{"question", func(c *Card) { c.Question = "Which city?" }, CardReworded, []string{"q"}},
		{"question case", func(c *Card) { c.Question = "q?" }, CardReworded, []string{"q"}},
		{"accept", func(c *Card) { c.Accept = nil }, CardReworded, []string{"accept"}},
		{"answer", func(c *Card) { c.Answer = "Almaty" }, CardAnswerChanged, []string{"answer"}},
		{"type", func(c *Card) { c.Type = Basic }, CardAnswerChanged, []string{"type"}},
		{"both", func(c *Card) { c.Answer, c.Question = "Almaty", "Largest city?" }, CardReplaced, []string{"answer", "q"}},
	} {
		n := base
		n.Accept = slices.Clone(base.Accept)
		tc.edit(&n)
		got, fields := CompareCards(&base, &n)
		if got != tc.want || !slices.Equal(fields, tc.fields) {
			t.Errorf("%s: %s %v, want %s %v", tc.name, got, fields, tc.want, tc.fields)
		}
		if got.Resets() != (tc.want == CardAnswerChanged || tc.want == CardReplaced) {
			t.Errorf("%s: Resets() = %v", tc.name, got.Resets())
		}
	}
}

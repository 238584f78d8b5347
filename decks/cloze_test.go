package decks

import (
	"strings"
	"testing"

	"steppe/quiz"
)

func TestBlankID(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"2001", "2001"},
		{"Shanghai Cooperation Organization", "shanghai-cooperation-organization"},
		{"  Shanghai   Cooperation  ", "shanghai-cooperation"},
		{"(SCO)", "sco"},
		{"U.S.–Central Asia", "u-s-central-asia"},
		{"Kazakhstan’s", "kazakhstans"},
		{"Kazakhstan's", "kazakhstans"},
		{"Türkmenistan", "turkmenistan"},
		{"Café ﬁnance", "cafe-finance"},
		{"ＳＣＯ", "sco"}, // full-width letters
		{"counter-terrorism", "counter-terrorism"},
		{"--a--b--", "a-b"},
		{"a very long blank that goes on and on and on well past the cap", "a-very-long-blank-that-goes-on-and-on-and-on"},
		{strings.Repeat("x", 60), strings.Repeat("x", 48)},
		{"日本", "x9f26ee51"},
		{"Ω", "x1aaaae68"},
	} {
		got := BlankID(tc.text)
		if got != tc.want {
			t.Errorf("BlankID(%q) = %q, want %q", tc.text, got, tc.want)
		}
		if !isSlug(got) || len(got) > maxBlankID {
			t.Errorf("BlankID(%q) = %q is not a short id", tc.text, got)
		}
	}
}

func TestClozeExpansion(t *testing.T) {
	src := `format: 1
deck: frameworks
title: "T"
cards:
  - id: sco-founded
    type: cloze
    q: "The {{SCO}} was formed in {{2001}} by {{six states}}."
    explain: "E"
    section: "S"
    quote: "Q"
    tags: [sco]
  - id: plain
    q: "Q"
    answer: "A"
`
	d, err := Parse("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Entries) != 2 || d.Entries[0].Q != "The {{SCO}} was formed in {{2001}} by {{six states}}." {
		t.Fatalf("entries keep q as written: %+v", d.Entries)
	}
	want := []struct{ id, q, a string }{
		{"sco-founded.sco", "The [...] was formed in 2001 by six states.", "SCO"},
		{"sco-founded.2001", "The SCO was formed in [...] by six states.", "2001"},
		{"sco-founded.six-states", "The SCO was formed in 2001 by [...].", "six states"},
		{"plain", "Q", "A"},
	}
	if len(d.Cards) != len(want) {
		t.Fatalf("%d cards, want %d", len(d.Cards), len(want))
	}
	for i, w := range want {
		c := d.Cards[i]
		if c.ID != w.id || c.Question != w.q || c.Answer != w.a {
			t.Errorf("card %d: %q %q %q, want %q %q %q", i, c.ID, c.Question, c.Answer, w.id, w.q, w.a)
		}
		if c.Deck != "frameworks" || c.File != "x.yaml" {
			t.Errorf("card %d: deck %q file %q", i, c.Deck, c.File)
		}
		if i < 3 {
			if c.Type != quiz.Cloze || c.Sibling != "sco-founded" || c.Line != 5 ||
				c.Explain != "E" || c.Section != "S" || c.Quote != "Q" || len(c.Tags) != 1 {
				t.Errorf("cloze card %d: %+v", i, c)
			}
		} else if c.Sibling != "" || c.Line != 12 {
			t.Errorf("plain card: sibling %q line %d", c.Sibling, c.Line)
		}
	}
}

// TestClozeIDsStable checks that a blank's card id does not depend on the
// other blanks, so editing a sentence keeps its learners' progress.
func TestClozeIDsStable(t *testing.T) {
	ids := func(q string) map[string]bool {
		bs, err := parseCloze(q)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]bool{}
		for _, b := range bs {
			m[b.id] = true
		}
		return m
	}
	before := ids("The {{SCO}} was formed in {{2001}}.")
	after := ids("In {{2001}}, {{six states}} formed the {{SCO}}.")
	for id := range before {
		if !after[id] {
			t.Errorf("blank id %q lost when blanks were added and moved", id)
		}
	}
}

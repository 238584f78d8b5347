package decks

import (
	"strings"
	"testing"

	"steppe/quiz"
)

// TestDraftBundled drafts the bundled source text: at least 40 cards, each
// with a section and a quote, and every one lint-clean against the text.
func TestDraftBundled(t *testing.T) {
	src := BundledSource()
	data, n, err := Draft(src, "draft", "")
	if err != nil {
		t.Fatal(err)
	}
	if n < 40 {
		t.Errorf("drafted %d cards, want at least 40", n)
	}
	d, err := Parse("draft.yaml", data)
	if err != nil {
		t.Fatalf("the draft does not parse: %v\n%s", err, data)
	}
	if len(d.Entries) != n {
		t.Errorf("Draft says %d cards, the file has %d", n, len(d.Entries))
	}
	for _, diag := range Lint(d, LintOptions{Source: src}) {
		t.Errorf("lint: %s", diag.String())
	}
	again, _, _ := Draft(src, "draft", "")
	if string(again) != string(data) {
		t.Error("drafting the same text twice gives different files")
	}
	// No cloze shows its own answer elsewhere in its question.
	for _, c := range d.Cards {
		if c.Type == quiz.Cloze && containsWord(c.Question, c.Answer) {
			t.Errorf("card %s: the answer %q appears in its question %q", c.ID, c.Answer, c.Question)
		}
	}
	kinds := map[quiz.CardType]int{}
	for _, e := range d.Entries {
		kinds[e.Type]++
		if e.Section == "" || e.Quote == "" {
			t.Errorf("card %q lacks a section or a quote", e.ID)
		}
		for _, debris := range []string{"See also", "Scroll to Top", "AI-Assisted", "Understanding the Importance"} {
			for _, s := range append([]string{e.Q, e.Quote, e.Section, e.Answer}, append(e.Answers, append(e.Wrong, e.Items...)...)...) {
				if strings.Contains(s, debris) {
					t.Errorf("card %q holds debris %q: %q", e.ID, debris, s)
				}
			}
		}
	}
	if kinds[quiz.Order] == 0 || kinds[quiz.Multi] == 0 || kinds[quiz.Cloze] == 0 {
		t.Errorf("card types drafted: %v; want cloze, order and multi", kinds)
	}
	if d.Source == nil || d.Source.Title != "Understanding the Importance of Regional Security Cooperation Agreements" {
		t.Errorf("source = %+v", d.Source)
	}
	if testing.Verbose() {
		t.Logf("%d cards: %v\n%s", n, kinds, data)
	}
}

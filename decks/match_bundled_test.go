package decks

import (
	"testing"

	"steppe/quiz"
)

// TestBundledMatching grades typed answers against the bundled decks, with
// the lexicon of all of them, as a drill over every installed deck would.
// The decks hold "bilateral" and "trilateral", two edits apart: the
// lexicon keeps either from passing for the other.
func TestBundledMatching(t *testing.T) {
	ds := loadBundled(t)
	var all []quiz.Card
	cards := map[string]*quiz.Card{}
	for _, d := range ds {
		all = append(all, d.Cards...)
	}
	for i := range all {
		cards[all[i].Key()] = &all[i]
	}
	lex := quiz.NewLexicon(quiz.DeckTerms(all))
	for _, tc := range []struct {
		card, typed string
		want        quiz.Verdict
	}{
		{"frameworks/frameworks-trilateral", "trilateral", quiz.Correct},
		{"frameworks/frameworks-trilateral", "Trilateral mechanisms", quiz.Correct},
		{"frameworks/frameworks-trilateral", "trilaterl", quiz.Almost},
		{"frameworks/frameworks-trilateral", "bilateral", quiz.Wrong},
		{"frameworks/frameworks-trilateral", "Bilateral agreements", quiz.Wrong},
		{"frameworks/frameworks-trilateral", "unilateral", quiz.Wrong},
		{"frameworks/evolution-example-org", "Shanghai Cooperation Organisation", quiz.Correct},
		{"frameworks/evolution-example-org", "the SCO", quiz.Correct},
		{"frameworks/evolution-example-org", "CSTO", quiz.Wrong},
		{"frameworks/intl-un", "U.N.", quiz.Correct},
		{"frameworks/intl-un", "Untied Nations", quiz.Almost},
		{"frameworks/intl-training", "training programmes", quiz.Correct},
		{"frameworks/intl-training", "trainig", quiz.Almost},
		{"beyond-security/" + ccattCard(t, all), "Collectively Cooperating Against Transnational Threats", quiz.Correct},
		{"beyond-security/" + ccattCard(t, all), "CCAT", quiz.Almost},
		{"beyond-security/" + ccattCard(t, all), "CABSI", quiz.Wrong},
	} {
		c := cards[tc.card]
		if c == nil {
			t.Fatalf("no card %s", tc.card)
		}
		if g := quiz.Match(c, tc.typed, lex); g.Verdict != tc.want {
			t.Errorf("%s: %q is %v, want %v", tc.card, tc.typed, g.Verdict, tc.want)
		}
	}
	// Without the lexicon, the card alone cannot tell a typo from the other
	// answer.
	if g := quiz.Match(cards["frameworks/frameworks-trilateral"], "bilateral", nil); g.Verdict != quiz.Almost {
		t.Errorf("bilateral without the lexicon: %v", g.Verdict)
	}
}

// ccattCard is the id of the typed card whose answer is CCATT.
func ccattCard(t *testing.T, cards []quiz.Card) string {
	for _, c := range cards {
		if c.Type == quiz.Typed && c.Answer == "CCATT" {
			return c.ID
		}
	}
	t.Fatal("no CCATT card")
	return ""
}

package quiz

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMatch checks that the matcher never panics, that an answer typed as
// written (or as Normalize writes it) is always right, with or without a
// lexicon, and that Normalize is idempotent. Its seed corpus is the table
// of matching cases, plus testdata/fuzz/FuzzMatch.
func FuzzMatch(f *testing.F) {
	for _, tc := range matchCases {
		f.Add(tc.card.Answer, tc.typed)
	}
	for _, s := range []string{"Full Name (FN)", "(((", "))(", "a (A)", "1,000,000.000", "−.5", "-", "’", "\u0301", "ǅ", "İ̇",
		"nineteen oh", "and", "thousand and", "0 345", "12, 345", "x (X-X-X-X)"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, answer, typed string) {
		if !utf8.ValidString(answer) || !utf8.ValidString(typed) {
			return // a terminal gives valid UTF-8; invalid bytes are not answers
		}
		if len(answer) > 1<<10 || len(typed) > 1<<10 {
			// Answers are short. The matcher's cost is linear in their
			// length, but the fuzzer would spend its time shrinking long ones.
			return
		}
		for _, s := range []string{answer, typed} {
			n := Normalize(s)
			if again := Normalize(n); again != n {
				t.Fatalf("Normalize not idempotent: %q → %q → %q", s, n, again)
			}
		}
		c := &Card{Type: Typed, Answer: answer}
		cards := []Card{*c, {Type: Choice, Answer: typed, Wrong: []string{answer + "x"}, Quote: typed + " (" + answer + ")"}}
		lex := NewLexicon(DeckTerms(cards))
		for _, l := range []Lexicon{nil, lex} {
			g := Match(c, typed, l)
			switch g.Verdict {
			case Correct, Almost, Wrong:
			default:
				t.Fatalf("Match(%q, %q) = %v", answer, typed, g.Verdict)
			}
			if strings.TrimSpace(answer) == "" {
				continue
			}
			if g := Match(c, answer, l); g.Verdict != Correct {
				t.Fatalf("Match(%q, itself, lexicon %v) = %v", answer, l != nil, g.Verdict)
			}
			if n := Normalize(answer); n != "" {
				if g := Match(c, n, l); g.Verdict != Correct {
					t.Fatalf("Match(%q, %q normalized, lexicon %v) = %v", answer, n, l != nil, g.Verdict)
				}
			}
		}
	})
}

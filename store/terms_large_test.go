package store_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"steppe/quiz"
	"steppe/store"
	"steppe/store/synth"
)

// distinctCards are n choice cards whose answers and distractors are all
// different: the most terms a deck of n cards can have, four per card.
func distinctCards(slug string, n int) []quiz.Card {
	cards := make([]quiz.Card, n)
	for i := range cards {
		cards[i] = quiz.Card{Deck: slug, ID: fmt.Sprintf("c%06d", i), Type: quiz.Choice,
			Question: fmt.Sprintf("Which body runs programme %d?", i),
			Answer:   fmt.Sprintf("The regional office number %d", i),
			Wrong: []string{fmt.Sprintf("The border commission %d", i), fmt.Sprintf("The customs service %d", i),
				fmt.Sprintf("The water council %d", i)}}
	}
	return cards
}

// TestLexiconLarge times reading the lexicon of a 100,000-card deck, as a
// drill does before its first card: the synthetic benchmark deck, and a deck
// of as many distinct terms as 100,000 cards can have.
func TestLexiconLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, tc := range []struct {
		name  string
		cards []quiz.Card
	}{
		{"synth", synth.Cards("big", 100_000, rand.New(rand.NewPCG(1, 2)))},
		{"distinct", distinctCards("big", 100_000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, err := store.Open(filepath.Join(t.TempDir(), "steppe.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			start := time.Now()
			if err := db.PutDeck(store.DeckMeta{Path: "big.yaml", Slug: "big", Format: 1}, tc.cards); err != nil {
				t.Fatal(err)
			}
			put := time.Since(start)
			start = time.Now()
			lex, err := db.Lexicon([]string{"big"})
			if err != nil {
				t.Fatal(err)
			}
			took := time.Since(start)
			var choice *quiz.Card
			for i := range tc.cards {
				if tc.cards[i].Type == quiz.Choice {
					choice = &tc.cards[i]
					break
				}
			}
			start = time.Now()
			const lookups = 1000
			for i := range lookups {
				if !lex.Known(quiz.Normalize(choice.Answer)) || lex.Known(fmt.Sprint("no such term ", i)) {
					t.Fatalf("Known is wrong about %q", choice.Answer)
				}
			}
			known := time.Since(start) / (2 * lookups)
			start = time.Now()
			quiz.Match(choice, "the wrong answer", lex)
			match := time.Since(start)
			terms, _ := db.Terms([]string{"big"})
			t.Logf("100k cards, %d terms, %d acronyms: PutDeck %v, Lexicon %v, Known %v, Match %v",
				len(terms.Known), len(terms.Pairs), put, took, known, match)
			if took > 50*time.Millisecond || known > time.Millisecond {
				t.Errorf("Lexicon of 100k cards took %v, and Known %v", took, known)
			}
		})
	}
}

func BenchmarkLexicon(b *testing.B) {
	for _, tc := range []struct {
		name  string
		cards []quiz.Card
	}{
		{"synth", synth.Cards("big", 100_000, rand.New(rand.NewPCG(1, 2)))},
		{"distinct", distinctCards("big", 100_000)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			db, err := store.Open(filepath.Join(b.TempDir(), "steppe.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if err := db.PutDeck(store.DeckMeta{Path: "big.yaml", Slug: "big", Format: 1}, tc.cards); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := db.Lexicon([]string{"big"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

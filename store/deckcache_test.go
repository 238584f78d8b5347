package store

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"steppe/quiz"
)

// everyType is one card of each type, every field set that the type uses.
func everyType(deck string) []quiz.Card {
	return []quiz.Card{
		{Deck: deck, ID: "basic", Type: quiz.Basic, Question: "Capital of Kazakhstan?", Answer: "Astana",
			Explain: "Since 1997.", Section: "Key Frameworks", Quote: "the capital", Tags: []string{"geo", "kz"},
			File: "/decks/d.yaml", Line: 7},
		{Deck: deck, ID: "typed", Type: quiz.Typed, Question: "SCO stands for?", Answer: "Shanghai Cooperation Organization",
			Accept: []string{"Shanghai Cooperation Organisation"}, Line: 12},
		{Deck: deck, ID: "choice", Type: quiz.Choice, Question: "Year?", Answer: "2001", Wrong: []string{"1991", "1996"}},
		{Deck: deck, ID: "multi", Type: quiz.Multi, Question: "Members?", Answers: []string{"Kazakhstan", "Russia"},
			Wrong: []string{"Mongolia"}},
		{Deck: deck, ID: "tf", Type: quiz.TrueFalse, Question: "CSTO is a military alliance.", Answer: "true"},
		{Deck: deck, ID: "sco.2001", Type: quiz.Cloze, Question: "The SCO was formed in [...].", Answer: "2001",
			Sibling: "sco"},
		{Deck: deck, ID: "sco.six", Type: quiz.Cloze, Question: "The SCO had [...] founders.", Answer: "six",
			Sibling: "sco"},
		{Deck: deck, ID: "order", Type: quiz.Order, Question: "Order these.", Items: []string{"Shanghai Five", "SCO", "RATS"}},
		{Deck: deck, ID: "unicode", Type: quiz.Basic, Question: "Ünïcödé — \"quotes\" and\nnewlines\t", Answer: "ё"},
	}
}

func TestDeckCacheRoundTrip(t *testing.T) {
	db := mustOpen(t)
	if _, _, _, ok, err := db.DeckSignature("/decks/d.yaml"); ok || err != nil {
		t.Fatalf("DeckSignature of an empty cache: %v, %v", ok, err)
	}
	meta := DeckMeta{Path: "/decks/d.yaml", Slug: "d", Title: "Frameworks", Size: 1234, MtimeNs: 1767605400123456789,
		Fingerprint: "xxh3:abcd", Format: 1, LoadedAt: base, Meta: []byte(`{"description":"x"}`)}
	cards := everyType("d")
	if err := db.PutDeck(meta, cards); err != nil {
		t.Fatal(err)
	}
	size, mtime, fp, ok, err := db.DeckSignature("/decks/d.yaml")
	if err != nil || !ok || size != 1234 || mtime != 1767605400123456789 || fp != "xxh3:abcd" {
		t.Errorf("DeckSignature = %d, %d, %q, %v, %v", size, mtime, fp, ok, err)
	}
	for _, want := range cards {
		got, err := db.Card("d", want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Card(%s):\n got %#v\nwant %#v", want.ID, got, want)
		}
	}
	all, err := db.DeckCards("d")
	if err != nil || !reflect.DeepEqual(all, cards) {
		t.Errorf("DeckCards = %+v, %v", all, err)
	}
	if _, err := db.Card("d", "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Card(nope): %v, want ErrNotFound", err)
	}
	ds, err := db.Decks()
	meta.Cards = len(cards)
	if err != nil || len(ds) != 1 || !ds[0].LoadedAt.Equal(base) {
		t.Fatalf("Decks = %+v, %v", ds, err)
	}
	ds[0].LoadedAt = base
	if !reflect.DeepEqual(ds[0], meta) {
		t.Errorf("Decks()[0] =\n %+v\nwant %+v", ds[0], meta)
	}
}

func TestPutDeckReplaces(t *testing.T) {
	db := mustOpen(t)
	cards := everyType("d")
	if err := db.PutDeck(DeckMeta{Path: "a.yaml", Slug: "d", Format: 1}, cards); err != nil {
		t.Fatal(err)
	}
	// The file changed: fewer cards.
	if err := db.PutDeck(DeckMeta{Path: "a.yaml", Slug: "d", Format: 1, Size: 2}, cards[:2]); err != nil {
		t.Fatal(err)
	}
	if all, _ := db.DeckCards("d"); len(all) != 2 {
		t.Errorf("after reloading: %d cards, want 2", len(all))
	}
	// Another file with the same slug takes the slug over.
	if err := db.PutDeck(DeckMeta{Path: "b.yaml", Slug: "d", Format: 1}, cards[2:5]); err != nil {
		t.Fatal(err)
	}
	if _, _, _, ok, _ := db.DeckSignature("a.yaml"); ok {
		t.Error("a.yaml still cached after b.yaml took its slug")
	}
	if all, _ := db.DeckCards("d"); len(all) != 3 || all[0].ID != "choice" {
		t.Errorf("after b.yaml: %+v", all)
	}
	// A file whose slug changed leaves nothing under the old slug.
	if err := db.PutDeck(DeckMeta{Path: "b.yaml", Slug: "e", Format: 1}, everyType("e")[:1]); err != nil {
		t.Fatal(err)
	}
	if all, _ := db.DeckCards("d"); len(all) != 0 {
		t.Errorf("old slug still has %d cards", len(all))
	}
	if ds, _ := db.Decks(); len(ds) != 1 || ds[0].Slug != "e" || ds[0].Cards != 1 {
		t.Errorf("Decks = %+v", ds)
	}
	// Cards of another deck, or duplicate ids, are refused whole.
	if err := db.PutDeck(DeckMeta{Path: "c.yaml", Slug: "f"}, everyType("g")); err == nil {
		t.Error("cards of deck g accepted for deck f")
	}
	dup := everyType("f")
	dup[1].ID = dup[0].ID
	if err := db.PutDeck(DeckMeta{Path: "c.yaml", Slug: "f"}, dup); err == nil {
		t.Error("duplicate card ids accepted")
	}
	if _, _, _, ok, _ := db.DeckSignature("c.yaml"); ok {
		t.Error("a failed PutDeck left a cache entry")
	}
}

// bigDeck is n basic cards of one deck.
func bigDeck(slug string, n int) []quiz.Card {
	cards := make([]quiz.Card, n)
	for i := range cards {
		cards[i] = quiz.Card{Deck: slug, ID: fmt.Sprintf("card-%06d", i), Type: quiz.Choice,
			Question: fmt.Sprintf("In which year did event %d happen?", i), Answer: "2001",
			Wrong: []string{"1991", "1996", "2008"}, Explain: "Because it did.", Section: "Evolution",
			Tags: []string{"bench"}, File: "/decks/big.yaml", Line: 10 + 8*i}
	}
	return cards
}

func TestPutDeckLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	db := mustOpen(t)
	cards := bigDeck("big", 100_000)
	start := time.Now()
	if err := db.PutDeck(DeckMeta{Path: "big.yaml", Slug: "big", Format: 1}, cards); err != nil {
		t.Fatal(err)
	}
	put := time.Since(start)
	start = time.Now()
	if err := db.PutDeck(DeckMeta{Path: "big.yaml", Slug: "big", Format: 1}, cards); err != nil {
		t.Fatal(err)
	}
	replace := time.Since(start)
	start = time.Now()
	all, err := db.DeckCards("big")
	if err != nil || len(all) != len(cards) {
		t.Fatalf("DeckCards: %d cards, %v", len(all), err)
	}
	t.Logf("100k cards: PutDeck %v, again (replacing) %v, DeckCards %v", put, replace, time.Since(start))
	if put > 5*time.Second || replace > 5*time.Second {
		t.Errorf("PutDeck of 100k cards too slow: %v, %v", put, replace)
	}
}

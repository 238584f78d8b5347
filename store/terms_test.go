package store

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"steppe/quiz"
)

// termCards are a deck whose terms are easy to tell apart.
func termCards(deck string) []quiz.Card {
	return []quiz.Card{
		{Deck: deck, ID: "csto", Type: quiz.Typed, Answer: "CSTO",
			Quote: "The Collective Security Treaty Organization (CSTO) also plays a vital role"},
		{Deck: deck, ID: "kind", Type: quiz.Choice, Answer: "Bilateral", Wrong: []string{"Multilateral", "Trilateral"}},
		{Deck: deck, ID: "mech", Type: quiz.Typed, Answer: "trilateral", Accept: []string{"trilateral mechanisms"}},
	}
}

func TestTermsRoundTrip(t *testing.T) {
	db := mustOpen(t)
	cards := termCards("d")
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d", Format: 1}, cards); err != nil {
		t.Fatal(err)
	}
	got, err := db.Terms([]string{"d"})
	if err != nil {
		t.Fatal(err)
	}
	if want := quiz.DeckTerms(cards); !reflect.DeepEqual(got, want) {
		t.Errorf("Terms =\n %q\nwant %q", got, want)
	}
	if got, err := db.Terms([]string{"nope"}); err != nil || len(got.Known)+len(got.Pairs) != 0 {
		t.Errorf("Terms of an unknown deck = %q, %v", got, err)
	}
	if got, err := db.Terms(nil); err != nil || len(got.Known)+len(got.Pairs) != 0 {
		t.Errorf("Terms of no deck = %q, %v", got, err)
	}

	lex, err := db.Lexicon([]string{"d"})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"csto", "bilateral", "multilateral", "trilateral mechanisms", "collective security treaty organization"} {
		if !lex.Known(k) {
			t.Errorf("Known(%q) = false", k)
		}
	}
	if lex.Known("unilateral") {
		t.Error("Known(unilateral)")
	}
	if got := lex.Equivalents("csto"); !slices.Equal(got, []string{"collective security treaty organization"}) {
		t.Errorf("Equivalents(csto) = %q", got)
	}
	// The lexicon does what the grader needs of it.
	if g := quiz.Match(&cards[2], "bilateral", lex); g.Verdict != quiz.Wrong {
		t.Errorf("bilateral for trilateral: %v", g.Verdict)
	}
	if g := quiz.Match(&cards[0], "Collective Security Treaty Organisation", lex); g.Verdict != quiz.Correct {
		t.Errorf("the expansion for CSTO: %v", g.Verdict)
	}
}

func TestTermsMergeDecks(t *testing.T) {
	db := mustOpen(t)
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, termCards("d")); err != nil {
		t.Fatal(err)
	}
	other := []quiz.Card{{Deck: "e", ID: "x", Type: quiz.Typed, Answer: "Bilateral", Accept: []string{"unilateral"}}}
	if err := db.PutDeck(DeckMeta{Path: "e.yaml", Slug: "e"}, other); err != nil {
		t.Fatal(err)
	}
	got, err := db.Terms([]string{"d", "e"})
	if err != nil {
		t.Fatal(err)
	}
	want := quiz.DeckTerms(append(termCards("d"), other...))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Terms of two decks =\n %q\nwant %q", got, want)
	}
	if only, _ := db.Terms([]string{"e"}); !slices.Equal(only.Known, []string{"bilateral", "unilateral"}) || only.Pairs != nil {
		t.Errorf("Terms of e = %q", only)
	}
}

func TestPutDeckReplacesTerms(t *testing.T) {
	db := mustOpen(t)
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, termCards("d")); err != nil {
		t.Fatal(err)
	}
	// The same deck again, edited: its old terms are gone.
	edited := []quiz.Card{{Deck: "d", ID: "sco", Type: quiz.Typed, Answer: "SCO",
		Explain: "The Shanghai Cooperation Organization (SCO) was formed in 2001."}}
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d", Size: 2}, edited); err != nil {
		t.Fatal(err)
	}
	got, err := db.Terms([]string{"d"})
	if err != nil {
		t.Fatal(err)
	}
	if want := quiz.DeckTerms(edited); !reflect.DeepEqual(got, want) {
		t.Errorf("Terms after the deck changed =\n %q\nwant %q", got, want)
	}
	// Another file taking the slug replaces them too.
	if err := db.PutDeck(DeckMeta{Path: "other.yaml", Slug: "d"}, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Terms([]string{"d"}); len(got.Known)+len(got.Pairs) != 0 {
		t.Errorf("Terms of an emptied deck = %q", got)
	}
	var n int
	if err := db.db.QueryRow(`SELECT (SELECT count(*) FROM deck_terms) + (SELECT count(*) FROM deck_acronyms)`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d rows of terms left, %v", n, err)
	}
}

// A failed PutDeck leaves the terms as they were.
func TestPutDeckTermsAtomic(t *testing.T) {
	db := mustOpen(t)
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, termCards("d")); err != nil {
		t.Fatal(err)
	}
	bad := termCards("d")
	bad[1].Deck = "elsewhere" // refused
	bad[1].Answer = "Regional"
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, bad); err == nil {
		t.Fatal("PutDeck took a card of another deck")
	}
	if got, _ := db.Terms([]string{"d"}); !reflect.DeepEqual(got, quiz.DeckTerms(termCards("d"))) {
		t.Errorf("Terms after a failed PutDeck = %q", got)
	}
}

// Migration 5 makes every deck cached before it parse again, so that its
// terms get written.
func TestMigrationInvalidatesDeckCache(t *testing.T) {
	path := filepath.Join(t.TempDir(), "steppe.db")
	var stmts []string
	for _, m := range migrations[:4] {
		stmts = append(stmts, m.sql)
	}
	stmts = append(stmts, "PRAGMA user_version = 4",
		`INSERT INTO decks (path, slug, size, mtime_ns, fingerprint, format, loaded_at) VALUES ('d.yaml', 'd', 120, 7, 'xxh3:ab', 1, 0)`,
		`INSERT INTO deck_cards (slug, card_id, position, type, body) VALUES ('d', 'c0', 0, 'typed', '{"a":"CSTO"}')`)
	rawExec(t, path, stmts...)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	size, mtime, fp, ok, err := db.DeckSignature("d.yaml")
	if err != nil || !ok || size == 120 || fp == "xxh3:ab" {
		t.Errorf("DeckSignature after migrating = %d, %d, %q, %v, %v; want it changed", size, mtime, fp, ok, err)
	}
	if c, err := db.Card("d", "c0"); err != nil || c.Answer != "CSTO" {
		t.Errorf("the cached card went: %+v, %v", c, err)
	}
}

//go:build linux

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"steppe/decks"
	"steppe/quiz"
)

// answer waits for a prompt and types a line at it.
func (d *ttyDrill) answer(prompt, line string) {
	d.t.Helper()
	d.expect(prompt)
	d.send(line + keyEnter)
}

// parseClean parses and lints a deck file, failing on any diagnostic.
func parseClean(t *testing.T, path string) *decks.Deck {
	t.Helper()
	d, err := decks.ParseFile(path)
	if err != nil {
		t.Fatalf("%s does not parse: %v", path, err)
	}
	for _, dg := range decks.Lint(d, decks.LintOptions{}) {
		t.Errorf("lint: %s", dg)
	}
	return d
}

// TestDeckNew writes a deck with a choice and a typed card through the
// wizard. The choice card is first entered with its answer among the wrong
// options: the wizard shows the error and asks the card again.
func TestDeckNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "geo.yaml")
	d := startOnTTY(t, dir, false, "deck", "new", "geo.yaml")

	d.answer("Deck slug:", "") // the default, from the file name
	d.answer("Title:", "Geography")
	d.answer("Description (optional):", "Capitals and dates")
	d.answer("Source title (optional):", "")
	d.answer("Source note (optional):", "")

	d.expect("Card type:")
	d.send(keyDown + keyDown + keyEnter) // choice
	d.answer("Question:", "In which year was the SCO formed?")
	d.answer("Answer:", "2001")
	d.answer("Wrong options:", "2001, 1991, 1996, 2008")
	d.answer("Explanation (optional):", "It was formed in Shanghai.")
	d.answer("Section (optional):", "")
	d.answer("Quote (optional):", "")
	d.answer("Tags (optional):", "sco, dates")
	d.answer("Card id:", "")
	d.expect("This card would make the deck invalid")
	d.expect("geo.yaml:")
	// Asked again, with the answers given as defaults.
	d.answer("Card type:", "")
	d.answer("Question:", "")
	d.answer("Answer:", "")
	d.answer("Wrong options:", "1991, 1996, 2008")
	d.answer("Explanation (optional):", "")
	d.answer("Section (optional):", "")
	d.answer("Quote (optional):", "")
	d.answer("Tags (optional):", "")
	d.answer("Card id:", "sco-founded")
	d.expect(`Card "sco-founded" added.`)
	d.answer("Add another card?", "y")

	d.expect("Card type:")
	d.send(keyDown + keyEnter) // typed
	d.answer("Question:", "What is the capital of Kazakhstan?")
	d.answer("Answer:", "Astana")
	d.answer("Also accept (optional):", "Nur-Sultan, Akmola")
	d.answer("Explanation (optional):", "")
	d.answer("Section (optional):", "")
	d.answer("Quote (optional):", "")
	d.answer("Tags (optional):", "")
	d.answer("Card id:", "")
	d.expect(`Card "what-is-the-capital-of-kazakhstan" added.`)
	d.answer("Add another card?", "n")
	d.expect("wrote 2 cards to geo.yaml")
	d.end()

	deck := parseClean(t, path)
	if deck.Slug != "geo" || deck.Title != "Geography" || deck.Description != "Capitals and dates" || deck.Source != nil {
		t.Errorf("deck %q, title %q, description %q, source %v", deck.Slug, deck.Title, deck.Description, deck.Source)
	}
	if len(deck.Entries) != 2 {
		t.Fatalf("%d cards, want 2", len(deck.Entries))
	}
	c, ty := deck.Entries[0], deck.Entries[1]
	if c.ID != "sco-founded" || c.Type != quiz.Choice || c.Answer != "2001" ||
		strings.Join(c.Wrong, "|") != "1991|1996|2008" || c.Explain != "It was formed in Shanghai." ||
		strings.Join(c.Tags, "|") != "sco|dates" {
		t.Errorf("choice card: %+v", c)
	}
	if ty.ID != "what-is-the-capital-of-kazakhstan" || ty.Type != quiz.Typed || ty.Answer != "Astana" ||
		strings.Join(ty.Accept, "|") != "Nur-Sultan|Akmola" {
		t.Errorf("typed card: %+v", ty)
	}
	data, _ := os.ReadFile(path)
	if !bytes.Contains(data, []byte("    answer: \"2001\"\n")) {
		t.Errorf("the answer is not a quoted string:\n%s", data)
	}
}

const commentedDeck = `# A deck with comments.
format: 1
deck: geo   # the slug
title: "Geography"

cards:
  # the first card
  - id: capital
    q: "What is the capital of Kazakhstan?"
    answer: Astana   # since 1997
# a comment at the end
`

// TestDeckNewAppend adds a card to a deck written by hand: the file's bytes
// and comments stay as they were, the new card follows them, and its
// proposed id does not clash with the deck's.
func TestDeckNewAppend(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "geo.yaml")
	if err := os.WriteFile(path, []byte(commentedDeck), 0o644); err != nil {
		t.Fatal(err)
	}
	d := startOnTTY(t, dir, false, "deck", "new", "--append", "geo.yaml")
	d.expect("Adding cards to geo.yaml")
	d.expect("Card type:")
	d.send(keyEnter) // basic
	d.answer("Question:", "Capital")
	d.answer("Answer:", "Astana")
	d.answer("Explanation (optional):", "")
	d.answer("Section (optional):", "")
	d.answer("Quote (optional):", "")
	d.answer("Tags (optional):", "")
	d.answer("Card id:", "") // proposed: capital-2, as capital is taken
	d.expect(`Card "capital-2" added.`)
	d.answer("Add another card?", "n")
	d.expect("added 1 card to geo.yaml")
	d.end()

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte(commentedDeck)) {
		t.Fatalf("the original bytes changed:\n%s", data)
	}
	want := commentedDeck + "  - id: capital-2\n    q: \"Capital\"\n    answer: \"Astana\"\n"
	if string(data) != want {
		t.Errorf("got\n%s\nwant\n%s", data, want)
	}
	deck := parseClean(t, path)
	if len(deck.Entries) != 2 || deck.Entries[1].ID != "capital-2" || deck.Entries[1].Answer != "Astana" {
		t.Errorf("cards: %+v", deck.Entries)
	}
}

// TestDeckNewInterrupt checks that Ctrl-C stops the wizard and writes
// nothing.
func TestDeckNewInterrupt(t *testing.T) {
	dir := t.TempDir()
	d := startOnTTY(t, dir, false, "deck", "new", "x.yaml")
	d.answer("Deck slug:", "")
	d.expect("Title:")
	d.send(keyCtrlC)
	d.expect("nothing written to x.yaml")
	select {
	case err := <-d.exited:
		d.ended = true
		if err == nil {
			t.Errorf("status 0 after Ctrl-C")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("steppe did not end")
	}
	if _, err := os.Stat(filepath.Join(dir, "x.yaml")); err == nil {
		t.Error("x.yaml was written")
	}
}

// TestDeckNewNoTerminal checks the exit status without a terminal: 2.
func TestDeckNewNoTerminal(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	code := run([]string{"deck", "new", filepath.Join(dir, "x.yaml")}, strings.NewReader(""), &out, &errOut)
	if code != 2 {
		t.Errorf("status %d, want 2; stderr %q", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "deck new needs a terminal") {
		t.Errorf("stderr %q", errOut.String())
	}
}

// TestCardsEnd checks where appended cards go: before the top-level key
// after the cards, or at the end; indented as the list is.
func TestCardsEnd(t *testing.T) {
	for _, tc := range []struct {
		doc, before, indent string
	}{
		{"format: 1\ncards:\n  - id: a\n    q: x\n", "format: 1\ncards:\n  - id: a\n    q: x\n", "  "},
		{"cards:\n- id: a\n  q: x\n# end\ntitle: T\n", "cards:\n- id: a\n  q: x\n# end\n", ""},
		{"cards:\n    - id: a\n      q: x\n", "cards:\n    - id: a\n      q: x\n", "    "},
	} {
		at, indent, err := cardsEnd([]byte(tc.doc))
		if err != nil {
			t.Errorf("%q: %v", tc.doc, err)
			continue
		}
		if tc.doc[:at] != tc.before || indent != tc.indent {
			t.Errorf("%q: before %q, indent %q; want %q, %q", tc.doc, tc.doc[:at], indent, tc.before, tc.indent)
		}
	}
	for _, doc := range []string{"cards: []\n", "cards:\n", "title: x\n"} {
		if _, _, err := cardsEnd([]byte(doc)); err == nil {
			t.Errorf("%q: no error", doc)
		}
	}
}

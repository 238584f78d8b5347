package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"steppe/decks"
	"steppe/quiz"
	"steppe/store"
)

func (a *app) deckDiffCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show how a deck's cards changed, and what that does to progress",
		Long: `diff compares two versions of a deck card by card, matching cards by id (a
cloze blank by its entry's id and the blank's text), and says what loading NEW
over OLD does to learners' progress:

  unchanged       nothing changed                          kept
  reworded        the question, explain, distractors,      kept
                  accepted alternatives, section, quote
                  or tags; not the answer
  answer changed  the answer, the right options, the       the card starts over as new; its
                  order, or the card's type                reviews are marked reset
  replaced        both the question and the answer         as answer changed; the id was
                                                           probably reused for another card
  removed         the card is gone                         archived, never deleted; it comes
                                                           back if the card returns
  new             a new id                                 starts as new

Answers that differ only in case or white space count as the same. OLD and NEW
are .yaml files; OLD may also be an installed deck's slug, meaning the version
the database last loaded. Loading a changed deck applies this policy by itself.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.deckDiff(args[0], args[1], asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the changes as JSON")
	return cmd
}

func (a *app) deckDiff(oldArg, newArg string, asJSON bool) error {
	newDeck, err := decks.ParseFile(newArg)
	if err != nil {
		return deckParseError(err)
	}
	var oldCards []quiz.Card
	oldSlug := ""
	if isDeckPath(oldArg) {
		d, err := decks.ParseFile(oldArg)
		if err != nil {
			return deckParseError(err)
		}
		oldCards, oldSlug = d.Cards, d.Slug
	} else {
		if oldCards, err = a.cachedCards(oldArg); err != nil {
			return err
		}
		oldSlug = oldArg
	}
	if oldSlug != newDeck.Slug {
		fmt.Fprintf(a.stderr, "warning: %s is deck %q and %s is deck %q; progress is kept by slug, so %s would not take over %s's progress\n",
			oldArg, oldSlug, newArg, newDeck.Slug, newArg, oldArg)
	}
	changes := decks.DiffCards(oldCards, newDeck.Cards)
	if asJSON {
		return writeDiffJSON(a.stdout, oldArg, newArg, newDeck.Slug, changes)
	}
	writeDiff(a.stdout, oldArg, newArg, newDeck.Slug, changes)
	return nil
}

// cachedCards returns the cards of the deck slug as the database last
// loaded them, opening the database read-only.
func (a *app) cachedCards(slug string) ([]quiz.Card, error) {
	path := a.dbFile()
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no database at %s, so no deck %q was loaded; name OLD as a .yaml file", path, slug)
	}
	db, err := store.OpenReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	cards, err := db.DeckCards(slug)
	if err != nil {
		return nil, err
	}
	if len(cards) == 0 {
		return nil, fmt.Errorf("the database has no deck %q loaded; name OLD as a .yaml file, or run a command that uses the deck first", slug)
	}
	return cards, nil
}

// diffClasses are the classes in the order diff prints them, with what
// each does to progress.
var diffClasses = []struct {
	class    quiz.CardChange
	key      string // the JSON name
	progress string // the JSON word for what happens to progress
	says     string
}{
	{quiz.CardAnswerChanged, "answer_changed", "reset", "progress starts over; its reviews are marked reset"},
	{quiz.CardReplaced, "replaced", "reset", "both question and answer changed: the id was probably reused for another card; progress starts over"},
	{quiz.CardRemoved, "removed", "archived", "progress archived, not deleted; it comes back if the card returns"},
	{quiz.CardNew, "new", "new", "starts as new"},
	{quiz.CardReworded, "reworded", "kept", "progress kept"},
	{quiz.CardUnchanged, "unchanged", "kept", "progress kept"},
}

func writeDiff(w io.Writer, oldName, newName, slug string, changes []decks.Change) {
	fmt.Fprintf(w, "deck %s: %s -> %s\n", slug, oldName, newName)
	for _, dc := range diffClasses {
		var ids []decks.Change
		for _, c := range changes {
			if c.Class == dc.class {
				ids = append(ids, c)
			}
		}
		if len(ids) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s: %d (%s)\n", dc.class, len(ids), dc.says)
		if dc.class == quiz.CardUnchanged {
			continue // listing them would drown the changes
		}
		width := 0
		for _, c := range ids {
			width = max(width, len(c.ID))
		}
		for _, c := range ids {
			if len(c.Fields) > 0 {
				fmt.Fprintf(w, "  %-*s  %s\n", width, c.ID, strings.Join(c.Fields, ", "))
			} else {
				fmt.Fprintf(w, "  %s\n", c.ID)
			}
		}
	}
	if len(changes) == 0 {
		fmt.Fprintln(w, "\nno cards in either version")
	}
}

func writeDiffJSON(w io.Writer, oldName, newName, slug string, changes []decks.Change) error {
	type card struct {
		ID       string   `json:"id"`
		Entry    string   `json:"entry"`
		Class    string   `json:"class"`
		Fields   []string `json:"fields"`
		Progress string   `json:"progress"`
	}
	out := struct {
		Deck   string         `json:"deck"`
		Old    string         `json:"old"`
		New    string         `json:"new"`
		Counts map[string]int `json:"counts"`
		Cards  []card         `json:"cards"`
	}{Deck: slug, Old: oldName, New: newName, Counts: map[string]int{}, Cards: []card{}}
	for _, dc := range diffClasses {
		out.Counts[dc.key] = 0
	}
	for _, c := range changes {
		for _, dc := range diffClasses {
			if dc.class != c.Class {
				continue
			}
			out.Counts[dc.key]++
			fields := c.Fields
			if fields == nil {
				fields = []string{}
			}
			out.Cards = append(out.Cards, card{ID: c.ID, Entry: c.Entry, Class: dc.key, Fields: fields, Progress: dc.progress})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// changeReport is the line said once, on stderr, when a run loads a
// changed version of a deck; it is "" when nothing a learner sees changed.
// A card in restored (back in the deck after it was removed) is said to be
// back, unless its answer changed while it was gone.
func changeReport(slug string, changes []decks.Change, restored []string) string {
	isBack := make(map[string]bool, len(restored))
	for _, id := range restored {
		isBack[id] = true
	}
	byClass := map[quiz.CardChange][]string{}
	var back []string
	for _, c := range changes {
		if !c.Class.Resets() && isBack[c.ID] {
			back = append(back, slug+"/"+c.ID)
			continue
		}
		byClass[c.Class] = append(byClass[c.Class], slug+"/"+c.ID)
	}
	var parts []string
	add := func(class quiz.CardChange, note string) {
		keys := byClass[class]
		if len(keys) == 0 {
			return
		}
		s := fmt.Sprintf("%d %s", len(keys), class)
		switch note {
		case "":
		case "ids":
			s += " (progress reset: " + listKeys(keys) + ")"
		case "replaced":
			s += " (progress reset; was the id reused for another card? " + listKeys(keys) + ")"
		default:
			s += " (" + note + ")"
		}
		parts = append(parts, s)
	}
	add(quiz.CardReworded, "")
	add(quiz.CardAnswerChanged, "ids")
	add(quiz.CardReplaced, "replaced")
	add(quiz.CardRemoved, "progress kept")
	add(quiz.CardNew, "")
	if len(back) > 0 {
		parts = append(parts, fmt.Sprintf("%d back (progress restored: %s)", len(back), listKeys(back)))
	}
	if len(parts) == 0 {
		return ""
	}
	return "deck " + slug + " changed: " + strings.Join(parts, ", ")
}

// listKeys names up to five cards, and how many more there are.
func listKeys(keys []string) string {
	const most = 5
	if len(keys) <= most {
		return strings.Join(keys, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(keys[:most], ", "), len(keys)-most)
}

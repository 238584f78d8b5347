package decks

import "steppe/quiz"

// Change is how one card differs between two versions of a deck. Cards are
// matched by id; a cloze entry's blanks are compared one by one, since each
// blank is a card with its own progress.
type Change struct {
	ID    string // the card's id; a cloze blank's is "entry-id.blank-text"
	Entry string // the id of the entry the card comes from
	Class quiz.CardChange
	// Fields names what changed in a card that is in both versions, as
	// quiz.CompareCards names them.
	Fields []string
	// Question is the card's question in the newer version, or in the older
	// one for a removed card.
	Question string
}

// Diff classifies every card of old and new by id (see quiz.CompareCards):
// the cards of new in their order, then those removed, in old's order.
func Diff(old, new *Deck) []Change { return DiffCards(old.Cards, new.Cards) }

// DiffCards is Diff over two versions' expanded cards, such as the cards a
// database cached and those just parsed.
func DiffCards(old, new []quiz.Card) []Change {
	before := make(map[string]*quiz.Card, len(old))
	for i := range old {
		before[old[i].ID] = &old[i]
	}
	out := make([]Change, 0, len(new))
	seen := make(map[string]bool, len(new))
	for i := range new {
		c := &new[i]
		seen[c.ID] = true
		ch := Change{ID: c.ID, Entry: entryID(c), Class: quiz.CardNew, Question: c.Question}
		if o, ok := before[c.ID]; ok {
			ch.Class, ch.Fields = quiz.CompareCards(o, c)
		}
		out = append(out, ch)
	}
	for i := range old {
		c := &old[i]
		if !seen[c.ID] {
			out = append(out, Change{ID: c.ID, Entry: entryID(c), Class: quiz.CardRemoved, Question: c.Question})
		}
	}
	return out
}

func entryID(c *quiz.Card) string {
	if c.Sibling != "" {
		return c.Sibling
	}
	return c.ID
}

package quiz

import (
	"fmt"
	"strings"
)

// CardType is the kind of question a card asks, which decides how it is
// shown and how its answer is checked.
type CardType uint8

// The card types of deck format 1.
const (
	Basic     CardType = iota // question, then the answer is revealed and self-rated
	Typed                     // the learner types the answer
	Choice                    // one right option among distractors
	Multi                     // two or more right options among distractors
	TrueFalse                 // a statement that is true or false
	Cloze                     // one blank of a sentence; self-rated like basic
	Order                     // items to put in the right order
)

var cardTypeNames = [...]string{"basic", "typed", "choice", "multi", "truefalse", "cloze", "order"}

// CardTypes lists every card type in the order of deck format 1.
var CardTypes = []CardType{Basic, Typed, Choice, Multi, TrueFalse, Cloze, Order}

func (t CardType) String() string {
	if int(t) < len(cardTypeNames) {
		return cardTypeNames[t]
	}
	return fmt.Sprintf("cardtype(%d)", t)
}

// ParseCardType reads a type's name as deck files write it.
func ParseCardType(s string) (CardType, error) {
	for i, n := range cardTypeNames {
		if n == s {
			return CardType(i), nil
		}
	}
	return 0, fmt.Errorf("card type %q: want one of %s", s, strings.Join(cardTypeNames[:], ", "))
}

// AutoGraded reports whether steppe checks the answer itself, rather than
// the learner rating a revealed answer.
func (t CardType) AutoGraded() bool { return t != Basic && t != Cloze }

// Card is one question as the learner meets it. A cloze entry of a deck file
// yields one Card per blank.
type Card struct {
	Deck string // the deck's slug
	ID   string // unique in the deck; a cloze blank's is "entry-id.blank-text"
	Type CardType

	Question string // for a cloze blank: the text with this blank shown as [...]
	Answer   string // basic, typed, choice, cloze: the answer text; truefalse: "true" or "false"
	Accept   []string
	Answers  []string // multi: the right options
	Wrong    []string // choice, multi: the distractors
	Items    []string // order: the items in the right order

	Explain string
	Section string
	Quote   string
	Tags    []string

	// Sibling is the entry id that cloze blanks of one sentence share; it is
	// empty for other cards. Siblings are never shown on the same day.
	Sibling string

	File string // where the card is defined, for ":e"
	Line int
}

// Key names the card outside its deck file: "deck/id".
func (c *Card) Key() string { return c.Deck + "/" + c.ID }

// Truth is a truefalse card's answer.
func (c *Card) Truth() bool { return c.Answer == "true" }

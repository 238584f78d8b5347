package quiz

import (
	"slices"
	"strings"
)

// CardChange is how one card differs between two versions of its deck, which
// decides what happens to learners' progress of it.
type CardChange uint8

// The classes of change, from the least to the most disruptive for a card
// that is in both versions; CardRemoved and CardNew name cards in only one.
const (
	CardUnchanged     CardChange = iota // nothing a learner sees changed: progress is kept
	CardReworded                        // the question, explain, distractors or other text, not the answer: kept
	CardAnswerChanged                   // the answer, the right options or the order: the card starts over
	CardReplaced                        // both the question and the answer: starts over; the id was probably reused
	CardRemoved                         // the card is gone: progress is archived, and comes back with the card
	CardNew                             // a new id: starts as new
)

var changeNames = [...]string{"unchanged", "reworded", "answer changed", "replaced", "removed", "new"}

func (c CardChange) String() string {
	if int(c) < len(changeNames) {
		return changeNames[c]
	}
	return "change(?)"
}

// Resets reports whether learners' progress of a card with this change
// starts over.
func (c CardChange) Resets() bool { return c == CardAnswerChanged || c == CardReplaced }

// CompareCards classifies how the card with old's id changed into new, and
// names the fields that changed ("type", "q", "answer", "answers", "items",
// "accept", "wrong", "explain", "section", "quote", "tags").
//
// The answer is what a learner learns: a card's answer text (a cloze
// blank's, a truefalse card's truth), a multi card's set of right options,
// an order card's items in order, and the card's type, since a changed type
// asks for the answer in another way. Text compares equal when it differs
// only in case and runs of white space, so fixing a capital or reflowing a
// line keeps progress. Everything else is rewording: the question and
// explain, and also a choice card's distractors (the right option stays
// right), a typed card's accepted alternatives (the answer shown stays the
// same; only the grading grows more or less lenient), and section, quote
// and tags. Where the card is defined (file and line) does not count.
func CompareCards(old, new *Card) (CardChange, []string) {
	var fields []string
	diff := func(name string, changed bool) bool {
		if changed {
			fields = append(fields, name)
		}
		return changed
	}
	answer := diff("type", old.Type != new.Type)
	answer = diff("answer", !sameText(old.Answer, new.Answer)) || answer
	answer = diff("answers", !sameSet(old.Answers, new.Answers)) || answer
	answer = diff("items", !sameList(old.Items, new.Items)) || answer
	question := diff("q", !sameWords(old.Question, new.Question))
	other := diff("accept", !sameSet(old.Accept, new.Accept))
	other = diff("wrong", !sameSet(old.Wrong, new.Wrong)) || other
	other = diff("explain", !sameWords(old.Explain, new.Explain)) || other
	other = diff("section", !sameWords(old.Section, new.Section)) || other
	other = diff("quote", !sameWords(old.Quote, new.Quote)) || other
	other = diff("tags", !sameSet(old.Tags, new.Tags)) || other
	switch {
	case answer && question:
		return CardReplaced, fields
	case answer:
		return CardAnswerChanged, fields
	case question || other:
		return CardReworded, fields
	}
	return CardUnchanged, nil
}

// sameWords reports whether a and b are the same text but for runs of
// white space.
func sameWords(a, b string) bool { return a == b || squeeze(a) == squeeze(b) }

// sameText reports whether a and b are the same text but for case and runs
// of white space.
func sameText(a, b string) bool { return a == b || strings.EqualFold(squeeze(a), squeeze(b)) }

func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

func sameList(a, b []string) bool {
	return slices.EqualFunc(a, b, sameText)
}

// sameSet compares lists whose order does not matter.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	key := func(l []string) []string {
		out := make([]string, len(l))
		for i, s := range l {
			out[i] = strings.ToLower(squeeze(s))
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(key(a), key(b))
}

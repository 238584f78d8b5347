package quiz

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// Grade is the result of checking one answer.
type Grade struct {
	Verdict Verdict
	// Expected is the right answer as the learner should see it.
	Expected string
	// For multi: which options were right and chosen, missed, or chosen
	// wrongly. For order: Positions[i] says whether item i was placed right.
	Chosen, Missed, WronglyChosen []string
	Positions                     []bool
	// Credit is the share of the answer that was right, from 0 to 1: partial
	// for multi and order, 1 for right and almost (a typo), 0 for wrong.
	Credit float64
	// For typed: the text as the learner typed it, and the form it equalled
	// or nearly equalled, empty when it is wrong: the answer or an accept
	// alternative as the deck writes it, or an equivalent the lexicon gives
	// (normalized), such as the expansion of an acronym.
	Typed, Matched string
}

// Rating turns a grade into the rating a drill records unless the learner
// overrides it: wrong is Again, a near miss Hard, right Good.
func (g Grade) Rating() Rating {
	switch g.Verdict {
	case Correct:
		return Good
	case Almost:
		return Hard
	}
	return Again
}

// CheckChoice grades the option a learner chose on a choice card.
func CheckChoice(c *Card, chosen string) Grade {
	g := Grade{Verdict: Wrong, Expected: c.Answer}
	if chosen == c.Answer {
		g.Verdict, g.Credit = Correct, 1
	}
	return g
}

// CheckTrueFalse grades a truefalse answer.
func CheckTrueFalse(c *Card, said bool) Grade {
	g := Grade{Verdict: Wrong, Expected: c.Answer}
	if said == c.Truth() {
		g.Verdict, g.Credit = Correct, 1
	}
	return g
}

// CheckMulti grades the options chosen on a multi card. Anything but
// exactly the right options is wrong; Credit counts each option chosen or
// left rightly, over all options.
func CheckMulti(c *Card, chosen []string) Grade {
	g := Grade{Verdict: Wrong, Expected: strings.Join(c.Answers, "; ")}
	right := 0
	for _, a := range c.Answers {
		if slices.Contains(chosen, a) {
			g.Chosen = append(g.Chosen, a)
			right++
		} else {
			g.Missed = append(g.Missed, a)
		}
	}
	for _, w := range c.Wrong {
		if slices.Contains(chosen, w) {
			g.WronglyChosen = append(g.WronglyChosen, w)
		} else {
			right++
		}
	}
	g.Credit = float64(right) / float64(len(c.Answers)+len(c.Wrong))
	if len(g.Missed) == 0 && len(g.WronglyChosen) == 0 {
		g.Verdict = Correct
	}
	return g
}

// CheckOrder grades items put in order; Credit is the share of items in
// their right place.
func CheckOrder(c *Card, order []string) Grade {
	g := Grade{Verdict: Wrong, Expected: strings.Join(c.Items, " → "), Positions: make([]bool, len(c.Items))}
	right := 0
	for i, item := range c.Items {
		if i < len(order) && order[i] == item {
			g.Positions[i] = true
			right++
		}
	}
	g.Credit = float64(right) / float64(len(c.Items))
	if right == len(c.Items) && len(order) == len(c.Items) {
		g.Verdict = Correct
	}
	return g
}

// Options returns a choice or multi card's options, right and wrong,
// shuffled by rng, or a truefalse card's "true" and "false".
func Options(c *Card, rng *rand.Rand) []string {
	var opts []string
	switch c.Type {
	case Choice:
		opts = append([]string{c.Answer}, c.Wrong...)
	case Multi:
		opts = append(slices.Clone(c.Answers), c.Wrong...)
	case TrueFalse:
		return []string{"true", "false"}
	case Order:
		opts = slices.Clone(c.Items)
		// Never show the items already in order: that gives the answer away.
		for range 8 {
			rng.Shuffle(len(opts), func(i, j int) { opts[i], opts[j] = opts[j], opts[i] })
			if !slices.Equal(opts, c.Items) {
				break
			}
		}
		return opts
	default:
		return nil
	}
	rng.Shuffle(len(opts), func(i, j int) { opts[i], opts[j] = opts[j], opts[i] })
	return opts
}

package optimize

import (
	"cmp"
	"slices"
	"time"

	"steppe/quiz"
)

// Log is one review of a review log: the card, when, and the rating 1–4.
// Rating 0 marks a manual entry (a reschedule, say), which is skipped.
type Log struct {
	Card   string // the card's key; with several users, user and card together
	Time   int64  // milliseconds since the epoch, UTC
	Rating int
}

// Review is one review of a card as the model sees it: the rating and the
// whole learning days since the card's previous review (0 for the first).
type Review struct {
	Rating int
	DeltaT int
}

// Item is one training example: a card's reviews up to and including the
// one predicted, which is the last. Every item of a card shares the card's
// review slice, so an item costs no copy of its history.
type Item struct {
	Reviews []Review
	Card    int   // the index of the card, in the order the log first names them
	Time    int64 // when the last review happened, ms
}

// last is the review an item predicts.
func (it Item) last() Review { return it.Reviews[len(it.Reviews)-1] }

// longTermReviews counts the reviews on a later day than the one before.
func (it Item) longTermReviews() int {
	n := 0
	for _, r := range it.Reviews {
		if r.DeltaT > 0 {
			n++
		}
	}
	return n
}

// firstLongTerm is the first review on a later day than the one before.
// Every item has one, as its last review is such a review.
func (it Item) firstLongTerm() Review {
	for _, r := range it.Reviews {
		if r.DeltaT > 0 {
			return r
		}
	}
	return it.last()
}

// Items builds the training items of a log, as the reference optimizer's
// converter does: per card, in time order, the days between reviews are
// differences of learning days of cal (its time zone and day-start hour);
// each review after the first that falls on a later day than the one before
// it makes an item holding the reviews up to it. Same-day reviews stay in
// the histories (they move the memory by the short-term rule) but are not
// predicted. The items are sorted by the time of their last review, the
// order that sets the recency weights.
//
// The log need not be sorted. Rows rated 0 are skipped; so are ratings
// outside 1–4, which callers reject with a message before this.
func Items(logs []Log, cal quiz.Calendar) (items []Item, cards int) {
	// Group by card in order of first appearance, keeping each card's rows
	// in input order; sort a card's rows only when they are out of time
	// order (a log is usually written in time order already).
	index := map[string]int{}
	var byCard [][]Log
	for _, l := range logs {
		if l.Rating < 1 || l.Rating > 4 {
			continue
		}
		i, ok := index[l.Card]
		if !ok {
			i = len(byCard)
			index[l.Card] = i
			byCard = append(byCard, nil)
		}
		byCard[i] = append(byCard[i], l)
	}
	for _, card := range byCard {
		if !slices.IsSortedFunc(card, func(a, b Log) int { return cmp.Compare(a.Time, b.Time) }) {
			slices.SortStableFunc(card, func(a, b Log) int { return cmp.Compare(a.Time, b.Time) })
		}
		reviews := make([]Review, len(card))
		prev := 0
		for k, l := range card {
			day := cal.Day(time.UnixMilli(l.Time))
			reviews[k].Rating = l.Rating
			if k > 0 {
				reviews[k].DeltaT = day - prev
			}
			prev = day
		}
		for k := 1; k < len(reviews); k++ {
			if reviews[k].DeltaT > 0 {
				items = append(items, Item{Reviews: reviews[: k+1 : k+1], Card: cards, Time: card[k].Time})
			}
		}
		cards++
	}
	// Time order; ties by card and length, so the order is total.
	slices.SortFunc(items, func(a, b Item) int {
		return cmp.Or(cmp.Compare(a.Time, b.Time), cmp.Compare(a.Card, b.Card), cmp.Compare(len(a.Reviews), len(b.Reviews)))
	})
	return items, cards
}

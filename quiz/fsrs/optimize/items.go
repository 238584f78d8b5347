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

// secondReview reports whether the review an item predicts is its card's
// first on a later day than the one before: whether the item has exactly
// one such review.
func (it Item) secondReview() bool {
	for _, r := range it.Reviews[:len(it.Reviews)-1] {
		if r.DeltaT > 0 {
			return false
		}
	}
	return true
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
	// Number the cards in order of first appearance, then place the rows
	// card by card (a counting sort), keeping each card's rows in input
	// order; a card's rows are sorted only when they are out of time order
	// (a log is usually written in time order already).
	index := map[string]int32{}
	cardOf := make([]int32, len(logs))
	var counts []int32
	for i, l := range logs {
		cardOf[i] = -1
		if l.Rating < 1 || l.Rating > 4 {
			continue
		}
		c, ok := index[l.Card]
		if !ok {
			c = int32(len(counts))
			index[l.Card] = c
			counts = append(counts, 0)
		}
		cardOf[i] = c
		counts[c]++
	}
	starts := make([]int32, len(counts)+1)
	for c, n := range counts {
		starts[c+1] = starts[c] + n
	}
	rows := make([]Log, starts[len(counts)])
	next := slices.Clone(starts[:len(counts)])
	for i, c := range cardOf {
		if c >= 0 {
			rows[next[c]] = logs[i]
			next[c]++
		}
	}
	reviews := make([]Review, len(rows)) // every card's reviews, card by card
	type key struct {
		time      int64
		card, end int32
	}
	var keys []key
	for c := range counts {
		card, rs := rows[starts[c]:starts[c+1]], reviews[starts[c]:starts[c+1]]
		if !slices.IsSortedFunc(card, func(a, b Log) int { return cmp.Compare(a.Time, b.Time) }) {
			slices.SortStableFunc(card, func(a, b Log) int { return cmp.Compare(a.Time, b.Time) })
		}
		prev := 0
		for k, l := range card {
			day := cal.Day(time.UnixMilli(l.Time))
			rs[k].Rating = l.Rating
			if k > 0 {
				rs[k].DeltaT = day - prev
				if rs[k].DeltaT > 0 {
					keys = append(keys, key{l.Time, int32(c), int32(k)})
				}
			}
			prev = day
		}
	}
	// Time order; ties by card and length, so the order is total. The keys
	// hold no pointers, so sorting them is cheaper than sorting items.
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.time, b.time), cmp.Compare(a.card, b.card), cmp.Compare(a.end, b.end))
	})
	items = make([]Item, len(keys))
	for i, k := range keys {
		rs := reviews[starts[k.card] : starts[k.card]+k.end+1 : starts[k.card]+k.end+1]
		items[i] = Item{Reviews: rs, Card: int(k.card), Time: k.time}
	}
	return items, len(counts)
}

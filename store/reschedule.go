package store

import (
	"fmt"
	"time"

	"steppe/quiz"
)

// Rescheduled is one card a reschedule replayed: its stored memory and the
// memory its live reviews (neither undone nor reset) give through the
// scheduler, from a new card.
type Rescheduled struct {
	Deck, CardID string
	Stored       quiz.Memory
	Replayed     quiz.Memory
	Changed      bool // Replayed differs from Stored
}

// RescheduleResult counts what a reschedule did.
type RescheduleResult struct {
	Cards   int // cards with at least one live review
	Reviews int // live reviews replayed
	Changed int // cards whose memory differs from the stored one
	Written bool
}

// Reschedule recomputes the memory of every card of the learner that has a
// live review, by replaying those reviews in order through s from a zero
// memory (DESIGN.md, "Storage"). It streams the log, calls visit (if not
// nil) for each card, and unless dryRun writes every changed memory in one
// transaction; flags such as suspended and leech stay. Cards without live
// reviews are left alone.
func (l *Learner) Reschedule(s quiz.Scheduler, dryRun bool, visit func(*Rescheduled)) (RescheduleResult, error) {
	var res RescheduleResult
	states, err := l.States()
	if err != nil {
		return res, err
	}
	stored := make(map[[2]string]quiz.Memory, len(states))
	for _, cs := range states {
		stored[[2]string{cs.Deck, cs.CardID}] = cs.Memory
	}
	states = nil
	var changed []Rescheduled
	var cur Rescheduled
	have := false
	flush := func() {
		if !have {
			return
		}
		cur.Stored = stored[[2]string{cur.Deck, cur.CardID}]
		cur.Changed = !equalMemory(cur.Stored, cur.Replayed)
		res.Cards++
		if cur.Changed {
			res.Changed++
			if !dryRun {
				changed = append(changed, cur)
			}
		}
		if visit != nil {
			visit(&cur)
		}
	}
	// One goroutine reads the log while this one replays it: each takes
	// about half the time.
	batches, free := make(chan []reviewKey, 4), make(chan []reviewKey, 6)
	for range cap(free) {
		free <- make([]reviewKey, 0, 4096)
	}
	errc := make(chan error, 1)
	go func() {
		defer close(batches)
		errc <- l.liveReviews(batches, free)
	}()
	for batch := range batches {
		for i := range batch {
			r := &batch[i]
			if !have || r.deck != cur.Deck || r.card != cur.CardID {
				flush()
				cur = Rescheduled{Deck: r.deck, CardID: r.card}
				have = true
			}
			cur.Replayed = s.Next(cur.Replayed, time.UnixMilli(r.at).UTC(), quiz.Rating(r.rating)).Memory
			res.Reviews++
		}
		free <- batch[:0]
	}
	if err := <-errc; err != nil {
		return res, fmt.Errorf("reschedule %q: %w", l.name, err)
	}
	flush()
	if dryRun || len(changed) == 0 {
		return res, nil
	}
	im, err := l.Import()
	if err != nil {
		return res, err
	}
	for i := range changed {
		if err := im.Memory(changed[i].Deck, changed[i].CardID, changed[i].Replayed); err != nil {
			im.Rollback()
			return res, err
		}
	}
	if err := im.Commit(); err != nil {
		return res, err
	}
	res.Written = true
	return res, nil
}

// equalMemory reports whether two memories are equal, times compared as
// instants.
func equalMemory(a, b quiz.Memory) bool {
	ta, tb := a, b
	ta.Due, tb.Due, ta.LastReview, tb.LastReview = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	return ta == tb && a.Due.Equal(b.Due) && a.LastReview.Equal(b.LastReview)
}

// liveReviewsQuery selects a profile's reviews that are neither undone nor
// reset, card by card in replay order.
const liveReviewsQuery = `SELECT deck, card_id, time, rating FROM reviews
	WHERE profile = ? AND undone = 0 AND reset = 0 ORDER BY deck, card_id, time, id`

// reviewKey is what a replay needs of a review.
type reviewKey struct {
	deck, card string
	at, rating int64
}

// liveReviews sends the learner's reviews that are neither undone nor
// reset, in replay order, in batches taken from free.
func (l *Learner) liveReviews(batches chan<- []reviewKey, free <-chan []reviewKey) error {
	rows, err := l.db.db.Query(liveReviewsQuery, l.id)
	if err != nil {
		return err
	}
	defer rows.Close()
	batch := <-free
	for rows.Next() {
		var r reviewKey
		if err := rows.Scan(&r.deck, &r.card, &r.at, &r.rating); err != nil {
			return err
		}
		batch = append(batch, r)
		if len(batch) == cap(batch) {
			batches <- batch
			batch = <-free
		}
	}
	if len(batch) > 0 {
		batches <- batch
	}
	return rows.Err()
}

package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"steppe/quiz"
	"steppe/quiz/fsrs"
)

// A card's memory is a pure function of its reviews that are neither undone
// nor reset: replaying them through the scheduler from a new card must give
// exactly what the store holds.
func TestRebuildFromLog(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	s, err := fsrs.New(fsrs.DefaultParams()) // fuzz on: every bit of the memory matters
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	const cards, reviews = 50, 400
	now := base
	var sid int64
	newSession := func() {
		if sid, err = l.StartSession("drill", []string{"d"}, now); err != nil {
			t.Fatal(err)
		}
	}
	newSession()
	var undos, resets int
	for i := range reviews {
		if i%40 == 39 {
			newSession()
		}
		// Minutes apart within a session, days apart between them, to
		// pass through learning steps, reviews and lapses.
		if rng.IntN(2) == 0 {
			now = now.Add(time.Duration(rng.Int64N(int64(30 * time.Minute))))
		} else {
			now = now.Add(time.Duration(rng.Int64N(int64(5 * 24 * time.Hour))))
		}
		now = now.Truncate(time.Millisecond)
		id := fmt.Sprintf("c%02d", rng.IntN(cards))
		before, _, _, err := l.Memory("d", id)
		if err != nil {
			t.Fatal(err)
		}
		g := quiz.Rating(1 + rng.IntN(4))
		r := quiz.ReviewLog{SessionID: sid, Deck: "d", CardID: id, Time: now, Rating: g, Scheduler: s.Name(),
			Before: before, After: s.Next(before, now, g).Memory}
		if err := l.Record(&r); err != nil {
			t.Fatal(err)
		}
		switch x := rng.IntN(40); {
		case x < 4:
			if _, err := l.Undo(sid); err != nil {
				t.Fatal(err)
			}
			undos++
		case x == 4: // undo two in a row
			for range 2 {
				if _, err := l.Undo(sid); err != nil && !errors.Is(err, ErrNothingToUndo) {
					t.Fatal(err)
				} else if err == nil {
					undos++
				}
			}
		case x == 5:
			if err := l.Reset("d", id); err != nil {
				t.Fatal(err)
			}
			resets++
			newSession() // an undo never reaches back across a reset
		}
	}

	rebuilt := make(map[string]quiz.Memory)
	var rows, replayed int
	for r, err := range l.AllReviews() {
		if err != nil {
			t.Fatal(err)
		}
		rows++
		if r.Undone || r.Reset {
			continue
		}
		replayed++
		rebuilt[r.CardID] = s.Next(rebuilt[r.CardID], r.Time, r.Rating).Memory
	}
	if rows != reviews || undos < 20 || resets < 3 || replayed < reviews/2 {
		t.Fatalf("%d rows, %d undos, %d resets, %d replayed: the test lost its teeth", rows, undos, resets, replayed)
	}
	stored, err := l.States()
	if err != nil {
		t.Fatal(err)
	}
	states := make(map[quiz.State]int)
	for _, cs := range stored {
		want := rebuilt[cs.CardID] // zero for a card whose reviews were all undone or reset
		states[cs.Memory.State]++
		if !sameMemory(cs.Memory, want) {
			t.Errorf("%s: stored %+v\n rebuilt %+v", cs.CardID, cs.Memory, want)
		}
		delete(rebuilt, cs.CardID)
	}
	for id := range rebuilt {
		t.Errorf("%s: rebuilt from the log but not stored", id)
	}
	if states[quiz.Review] == 0 || states[quiz.Learning]+states[quiz.Relearning] == 0 {
		t.Errorf("states reached: %v; want review and (re)learning cards", states)
	}
	t.Logf("%d reviews (%d replayed, %d undos, %d resets) over %d cards; states %v", rows, replayed, undos, resets, len(stored), states)
}

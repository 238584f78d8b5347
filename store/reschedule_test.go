package store

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"steppe/quiz"
	"steppe/quiz/fsrs"
)

// A reschedule replays each card's live reviews: it restores a state that
// was overwritten, ignores undone and reset reviews, keeps flags, writes
// nothing on a dry run, and finds nothing to do a second time.
func TestReschedule(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	s, err := fsrs.New(fsrs.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 5))
	now := base
	sid, err := l.StartSession("drill", []string{"d"}, now)
	if err != nil {
		t.Fatal(err)
	}
	var undos int
	for i := range 200 {
		if rng.IntN(2) == 0 {
			now = now.Add(time.Duration(rng.Int64N(int64(30 * time.Minute))))
		} else {
			now = now.Add(time.Duration(rng.Int64N(int64(5 * 24 * time.Hour))))
		}
		now = now.Truncate(time.Millisecond)
		id := fmt.Sprintf("c%d", rng.IntN(10))
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
		if i%9 == 4 {
			if _, err := l.Undo(sid); err != nil {
				t.Fatal(err)
			}
			undos++
		}
	}
	// c0 starts over: its reviews no longer count.
	if err := l.Reset("d", "c0"); err != nil {
		t.Fatal(err)
	}
	if sid, err = l.StartSession("drill", []string{"d"}, now); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	c0 := quiz.ReviewLog{SessionID: sid, Deck: "d", CardID: "c0", Time: now, Rating: quiz.Easy, Scheduler: s.Name(),
		After: s.Next(quiz.Memory{}, now, quiz.Easy).Memory}
	if err := l.Record(&c0); err != nil {
		t.Fatal(err)
	}
	truth, err := l.States()
	if err != nil {
		t.Fatal(err)
	}

	// Nothing to do on a consistent database.
	res, err := l.Reschedule(s, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Cards != 10 || res.Changed != 0 || res.Written {
		t.Fatalf("consistent database: %+v; want 10 cards, none changed, nothing written", res)
	}

	// Overwrite two states and flag one of them.
	bad := truth[3].Memory
	bad.Due = bad.Due.Add(72 * time.Hour)
	bad.Stability *= 2
	if err := l.ReplaceMemory("d", truth[3].CardID, bad); err != nil {
		t.Fatal(err)
	}
	if err := l.ReplaceMemory("d", "c0", quiz.Memory{}); err != nil {
		t.Fatal(err)
	}
	if err := l.SetSuspended("d", truth[3].CardID, true); err != nil {
		t.Fatal(err)
	}

	var seen []string
	res, err = l.Reschedule(s, true, func(c *Rescheduled) {
		if c.Changed {
			seen = append(seen, c.CardID)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed != 2 || res.Written || len(seen) != 2 || seen[0] != "c0" || seen[1] != truth[3].CardID {
		t.Fatalf("dry run: %+v, changed %v; want c0 and %s", res, seen, truth[3].CardID)
	}
	if m, _, _, _ := l.Memory("d", truth[3].CardID); !sameMemory(m, bad) {
		t.Fatalf("dry run wrote %+v", m)
	}

	res, err = l.Reschedule(s, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed != 2 || !res.Written {
		t.Fatalf("reschedule: %+v; want 2 changed and written", res)
	}
	after, err := l.States()
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(truth) {
		t.Fatalf("%d states after, %d before", len(after), len(truth))
	}
	for i := range after {
		if !sameMemory(after[i].Memory, truth[i].Memory) {
			t.Errorf("%s: rescheduled %+v\n want %+v", after[i].CardID, after[i].Memory, truth[i].Memory)
		}
	}
	if !after[3].Flags.Suspended {
		t.Errorf("%s lost its suspension", after[3].CardID)
	}
	if res, err = l.Reschedule(s, true, nil); err != nil || res.Changed != 0 {
		t.Fatalf("second run: %+v, %v; want nothing changed", res, err)
	}
	if undos < 10 {
		t.Fatalf("%d undos: the test lost its teeth", undos)
	}
}

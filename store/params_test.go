package store

import (
	"slices"
	"testing"
	"time"

	"steppe/quiz"
	"steppe/quiz/fsrs"
)

// Stored parameters round-trip per profile and clear with nil.
func TestParams(t *testing.T) {
	db := mustOpen(t)
	a, b := mustLearner(t, db, "a"), mustLearner(t, db, "b")
	if w, err := a.Params(); err != nil || w != nil {
		t.Fatalf("new profile: %v, %v", w, err)
	}
	w := slices.Clone(fsrs.DefaultW[:])
	w[0] = 0.123456789012345
	if err := a.SetParams(w); err != nil {
		t.Fatal(err)
	}
	got, err := a.Params()
	if err != nil || !slices.Equal(got, w) {
		t.Fatalf("got %v, %v; want %v", got, err, w)
	}
	if w, _ := b.Params(); w != nil {
		t.Fatalf("another profile got %v", w)
	}
	if err := a.SetParams(nil); err != nil {
		t.Fatal(err)
	}
	if w, _ := a.Params(); w != nil {
		t.Fatalf("cleared, still %v", w)
	}
}

// The optimizer's log is the live reviews, by card and time: no undone
// review, and none from before a reset.
func TestReviewLog(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	s, err := fsrs.New(fsrs.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	sid, err := l.StartSession("drill", []string{"d"}, base)
	if err != nil {
		t.Fatal(err)
	}
	review := func(id string, at time.Time, g quiz.Rating) {
		before, _, _, err := l.Memory("d", id)
		if err != nil {
			t.Fatal(err)
		}
		r := quiz.ReviewLog{SessionID: sid, Deck: "d", CardID: id, Time: at, Rating: g, Scheduler: s.Name(),
			Before: before, After: s.Next(before, at, g).Memory}
		if err := l.Record(&r); err != nil {
			t.Fatal(err)
		}
	}
	day := 24 * time.Hour
	review("b", base, quiz.Good)
	review("a", base.Add(time.Minute), quiz.Again)
	review("a", base.Add(day), quiz.Good)
	review("a", base.Add(2*day), quiz.Easy)
	if _, err := l.Undo(sid); err != nil { // the Easy
		t.Fatal(err)
	}
	review("c", base, quiz.Hard)
	if err := l.Reset("d", "c"); err != nil {
		t.Fatal(err)
	}
	review("c", base.Add(3*day), quiz.Good)
	got, err := l.ReviewLog()
	if err != nil {
		t.Fatal(err)
	}
	want := []LogReview{
		{"d/a", base.Add(time.Minute).UnixMilli(), 1},
		{"d/a", base.Add(day).UnixMilli(), 3},
		{"d/b", base.UnixMilli(), 3},
		{"d/c", base.Add(3 * day).UnixMilli(), 3},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
}

package store

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"steppe/quiz"
)

// base is the tests' clock, at a whole millisecond as stored times are.
var base = time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)

// testReview is a review that takes a new card to learning.
func testReview(deck, id string, g quiz.Rating, at time.Time) quiz.ReviewLog {
	return quiz.ReviewLog{
		Deck: deck, CardID: id, Time: at, Rating: g, Scheduler: "fsrs",
		Answer: "2001", Verdict: quiz.Correct, Duration: 1500 * time.Millisecond,
		After: quiz.Memory{
			State: quiz.Learning, Step: 1, Stability: 2.3065, Difficulty: 2.118,
			Due: at.Add(10 * time.Minute), LastReview: at, Reps: 1,
		},
	}
}

// sameMemory compares memories with times as instants.
func sameMemory(a, b quiz.Memory) bool {
	ta, tb := a, b
	ta.Due, tb.Due, ta.LastReview, tb.LastReview = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	return ta == tb && a.Due.Equal(b.Due) && a.LastReview.Equal(b.LastReview)
}

func countReviews(t *testing.T, db *DB) (all, undone int) {
	t.Helper()
	if err := db.db.QueryRow(`SELECT count(*), coalesce(sum(undone), 0) FROM reviews`).Scan(&all, &undone); err != nil {
		t.Fatal(err)
	}
	return all, undone
}

func TestRecordAndUndo(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	sid, err := l.StartSession("drill", []string{"d"}, base)
	if err != nil {
		t.Fatal(err)
	}

	first := testReview("d", "c1", quiz.Good, base)
	first.SessionID = sid
	if err := l.Record(&first); err != nil {
		t.Fatal(err)
	}
	second := first
	second.Time = base.Add(10 * time.Minute)
	second.Before = first.After
	second.After = quiz.Memory{State: quiz.Review, Stability: 3.1, Difficulty: 2.1, Due: base.AddDate(0, 0, 3),
		LastReview: second.Time, ScheduledDays: 3, Reps: 2}
	if err := l.Record(&second); err != nil {
		t.Fatal(err)
	}
	if first.ID == 0 || second.ID <= first.ID {
		t.Fatalf("IDs %d, %d: want increasing IDs set by Record", first.ID, second.ID)
	}
	if err := l.SetSuspended("d", "c1", true); err != nil {
		t.Fatal(err)
	}
	if m, f, ok, err := l.Memory("d", "c1"); err != nil || !ok || !sameMemory(m, second.After) || !f.Suspended {
		t.Fatalf("Memory = %+v, %+v, %v, %v; want %+v, suspended", m, f, ok, err, second.After)
	}

	got, err := l.Undo(sid)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != second.ID || !got.Undone || got.Answer != "2001" || got.Duration != 1500*time.Millisecond ||
		!sameMemory(got.After, second.After) || !got.Time.Equal(second.Time) {
		t.Errorf("Undo returned %+v, want the second review undone", got)
	}
	m, f, _, _ := l.Memory("d", "c1")
	if !sameMemory(m, first.After) || !f.Suspended {
		t.Errorf("after one undo: %+v %+v, want %+v and the flag kept", m, f, first.After)
	}
	if _, err := l.Undo(sid); err != nil {
		t.Fatal(err)
	}
	m, _, found, _ := l.Memory("d", "c1")
	if !found || !sameMemory(m, quiz.Memory{}) {
		t.Errorf("after two undos: %+v (found %v), want a new card", m, found)
	}
	if _, err := l.Undo(sid); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("third Undo: %v, want ErrNothingToUndo", err)
	}
	if all, undone := countReviews(t, db); all != 2 || undone != 2 {
		t.Errorf("review rows: %d, %d undone; want 2, 2 undone (rows are never deleted)", all, undone)
	}
	rs, err := l.Reviews("d", "c1")
	if err != nil || len(rs) != 2 || !rs[0].Undone || !rs[1].Undone || rs[0].SessionID != sid {
		t.Errorf("Reviews = %+v, %v", rs, err)
	}

	// Another learner's session is not this learner's to undo.
	other := mustLearner(t, db, "other")
	third := testReview("d", "c2", quiz.Good, base)
	third.SessionID = sid
	if err := l.Record(&third); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Undo(sid); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("Undo by another profile: %v, want ErrNothingToUndo", err)
	}
	if err := l.EndSession(sid, base.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := other.EndSession(sid, base); !errors.Is(err, ErrNotFound) {
		t.Errorf("EndSession by another profile: %v, want ErrNotFound", err)
	}
}

func TestRecordRejectsBadReviews(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	for _, r := range []quiz.ReviewLog{
		testReview("", "c1", quiz.Good, base),
		testReview("d", "c1", 0, base),
		testReview("d", "c1", quiz.Good, time.Time{}),
	} {
		if err := l.Record(&r); err == nil {
			t.Errorf("Record(%+v) succeeded", r)
		}
	}
	bad := testReview("d", "c1", quiz.Good, base)
	bad.SessionID = 99 // no such session: the foreign key refuses it
	if err := l.Record(&bad); err == nil {
		t.Error("Record with an unknown session succeeded")
	}
	if all, _ := countReviews(t, db); all != 0 {
		t.Errorf("%d review rows after failed records", all)
	}
	if _, _, found, _ := l.Memory("d", "c1"); found {
		t.Error("a failed Record stored a memory")
	}
}

func TestFlagsResetAndReplace(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	until := base.Add(20 * time.Hour)
	if err := l.Bury("d", "new", until); err != nil {
		t.Fatal(err)
	}
	if err := l.SetLeech("d", "new", true); err != nil {
		t.Fatal(err)
	}
	m, f, found, err := l.Memory("d", "new")
	if err != nil || !found || m.State != quiz.New || !f.BuriedUntil.Equal(until) || !f.Leech || f.Suspended {
		t.Errorf("flags on an unseen card: %+v %+v %v %v", m, f, found, err)
	}
	if err := l.Bury("d", "new", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, f, _, _ := l.Memory("d", "new"); !f.BuriedUntil.IsZero() || !f.Leech {
		t.Errorf("after unbury: %+v", f)
	}

	r := testReview("d", "c1", quiz.Good, base)
	if err := l.Record(&r); err != nil {
		t.Fatal(err)
	}
	want := quiz.Memory{State: quiz.Review, Stability: 5, Difficulty: 4, Due: base.AddDate(0, 0, 5), LastReview: base, Reps: 1, ScheduledDays: 5}
	if err := l.ReplaceMemory("d", "c1", want); err != nil {
		t.Fatal(err)
	}
	if m, _, _, _ := l.Memory("d", "c1"); !sameMemory(m, want) {
		t.Errorf("after ReplaceMemory: %+v", m)
	}
	if err := l.Reset("d", "c1"); err != nil {
		t.Fatal(err)
	}
	if m, _, _, _ := l.Memory("d", "c1"); !sameMemory(m, quiz.Memory{}) {
		t.Errorf("after Reset: %+v", m)
	}
	rs, _ := l.Reviews("d", "c1")
	if len(rs) != 1 || !rs[0].Reset || rs[0].Undone {
		t.Errorf("reviews after Reset: %+v", rs)
	}
}

func TestProfiles(t *testing.T) {
	db := mustOpen(t)
	db.Now = func() time.Time { return base }
	a := mustLearner(t, db, "ann")
	again := mustLearner(t, db, "ann")
	if a.ID() != again.ID() {
		t.Errorf("Profile twice: ids %d and %d", a.ID(), again.ID())
	}
	b := mustLearner(t, db, "bob")
	r := testReview("d", "c1", quiz.Good, base.Add(time.Hour))
	if err := b.Record(&r); err != nil {
		t.Fatal(err)
	}
	ps, err := db.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0].Name != "ann" || ps[1].Name != "bob" || !ps[0].Created.Equal(base) ||
		ps[0].Reviews != 0 || ps[1].Reviews != 1 || !ps[1].LastReview.Equal(r.Time) || !ps[0].LastReview.IsZero() {
		t.Errorf("Profiles = %+v", ps)
	}
	if _, err := db.Profile(""); err == nil {
		t.Error("empty profile name accepted")
	}
}

// Two steppes drilling on one file wait for each other instead of failing.
func TestConcurrentWriters(t *testing.T) {
	db1 := mustOpen(t)
	db2, err := Open(db1.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	const perWriter = 200
	var wg sync.WaitGroup
	errs := make(chan error, 2*perWriter)
	for w, db := range []*DB{db1, db2} {
		wg.Go(func() {
			l, err := db.Profile("default")
			if err != nil {
				errs <- err
				return
			}
			sid, err := l.StartSession("drill", []string{"d"}, base)
			if err != nil {
				errs <- err
				return
			}
			for i := range perWriter {
				r := testReview("d", fmt.Sprintf("w%d-c%d", w, i%20), quiz.Good, base.Add(time.Duration(i)*time.Second))
				r.SessionID = sid
				if err := l.Record(&r); err != nil {
					errs <- err
				}
				if i%5 == 4 { // Undo reads before it writes: without BEGIN IMMEDIATE, it would fail
					if _, err := l.Undo(sid); err != nil {
						errs <- err
					}
				}
				if i%50 == 49 { // and read in between, as a session does
					if _, err := l.Queue(quiz.QueueQuery{Decks: []string{"d"}, Now: base, DayEnd: base.Add(time.Hour), NewLimit: 5, ReviewLimit: 5}); err != nil {
						errs <- err
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if all, undone := countReviews(t, db1); all != 2*perWriter || undone != 2*perWriter/5 {
		t.Errorf("%d reviews recorded, %d undone; want %d, %d", all, undone, 2*perWriter, 2*perWriter/5)
	}
}

func TestImportHistory(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	states := []CardState{
		{Deck: "d", CardID: "a", Memory: quiz.Memory{State: quiz.Review, Stability: 3, Difficulty: 5, Due: base, LastReview: base.AddDate(0, 0, -3), Reps: 4}},
		{Deck: "d", CardID: "b", Flags: quiz.Flags{Suspended: true, Leech: true, BuriedUntil: base}},
	}
	reviews := []quiz.ReviewLog{testReview("d", "a", quiz.Good, base.AddDate(0, 0, -3)), testReview("d", "a", quiz.Again, base.AddDate(0, 0, -4))}
	reviews[1].Undone = true
	if err := l.ImportHistory(states, reviews); err != nil {
		t.Fatal(err)
	}
	if reviews[0].ID == 0 || reviews[1].ID == 0 {
		t.Error("IDs not set")
	}
	got, err := l.States()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !sameMemory(got[0].Memory, states[0].Memory) || got[1].Flags.Suspended != true ||
		!got[1].Flags.Leech || !got[1].Flags.BuriedUntil.Equal(base) {
		t.Errorf("States = %+v", got)
	}
	rs, _ := l.Reviews("d", "a")
	if len(rs) != 2 || !rs[0].Undone || rs[1].Undone || rs[0].Rating != quiz.Again { // time order
		t.Errorf("Reviews = %+v", rs)
	}
	// A reschedule writes memories in bulk and keeps flags.
	im, err := l.Import()
	if err != nil {
		t.Fatal(err)
	}
	m := quiz.Memory{State: quiz.Review, Stability: 9, Due: base, LastReview: base, Reps: 1}
	if err := im.Memory("d", "b", m); err != nil {
		t.Fatal(err)
	}
	if err := im.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := im.Rollback(); err != nil {
		t.Errorf("Rollback after Commit: %v", err)
	}
	if got, f, _, _ := l.Memory("d", "b"); !sameMemory(got, m) || !f.Suspended || !f.Leech {
		t.Errorf("after Importer.Memory: %+v %+v", got, f)
	}
	var cache int
	if err := db.db.QueryRow(`PRAGMA cache_size`).Scan(&cache); err != nil || cache != -2000 {
		t.Errorf("cache_size after an import: %d, %v; want the default back", cache, err)
	}

	bad := []quiz.ReviewLog{testReview("d", "x", quiz.Good, base), testReview("d", "y", 9, base)}
	if err := l.ImportHistory(nil, bad); err == nil || bad[0].ID != 0 {
		t.Errorf("ImportHistory with a bad rating: %v, ID %d", err, bad[0].ID)
	}
}

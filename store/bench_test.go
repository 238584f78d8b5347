package store

import (
	"fmt"
	"testing"
	"time"

	"steppe/quiz"
)

const benchCards = 1000

// benchLearner is a learner with benchCards cards already in review, so
// that every recorded review updates an existing state, and an open
// session.
func benchLearner(b *testing.B) (*DB, *Learner, int64) {
	db := mustOpen(b)
	l := mustLearner(b, db, "default")
	states := make([]CardState, benchCards)
	for i := range states {
		states[i] = CardState{Deck: "bench", CardID: fmt.Sprintf("card-%04d", i), Memory: benchMemory(base)}
	}
	if err := l.ImportHistory(states, nil); err != nil {
		b.Fatal(err)
	}
	sid, err := l.StartSession("drill", []string{"bench"}, base)
	if err != nil {
		b.Fatal(err)
	}
	return db, l, sid
}

func benchMemory(at time.Time) quiz.Memory {
	return quiz.Memory{State: quiz.Review, Stability: 12.5, Difficulty: 5.25, Due: at.AddDate(0, 0, 12),
		LastReview: at, ElapsedDays: 3, ScheduledDays: 12, Reps: 5, Lapses: 1}
}

// BenchmarkRecordReview is one answer as a drill stores it.
func BenchmarkRecordReview(b *testing.B) {
	_, l, sid := benchLearner(b)
	ids := make([]string, benchCards)
	for i := range ids {
		ids[i] = fmt.Sprintf("card-%04d", i)
	}
	i := 0
	for b.Loop() {
		at := base.Add(time.Duration(i) * time.Second)
		r := quiz.ReviewLog{SessionID: sid, Deck: "bench", CardID: ids[i%benchCards], Time: at, Rating: quiz.Good,
			Answer: "2001", Verdict: quiz.Correct, Duration: 2 * time.Second, Scheduler: "fsrs",
			Before: benchMemory(base), After: benchMemory(at)}
		if err := l.Record(&r); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkBareTransaction is the least a drill's answer can cost on the
// same tables, indexes and settings: BEGIN, one UPDATE of a card state, one
// INSERT of a review, COMMIT, with prepared statements and arguments made
// ahead.
func BenchmarkBareTransaction(b *testing.B) {
	db, l, sid := benchLearner(b)
	upd, err := db.db.Prepare(`UPDATE card_states SET ` + setList(memoryCols) + `
		WHERE profile = ? AND deck = ? AND card_id = ?`)
	if err != nil {
		b.Fatal(err)
	}
	defer upd.Close()
	ins := db.stmt.insertReview
	type argSet struct{ upd, ins []any }
	sets := make([]argSet, benchCards)
	for i := range sets {
		id := fmt.Sprintf("card-%04d", i)
		m := benchMemory(base)
		r := quiz.ReviewLog{SessionID: sid, Deck: "bench", CardID: id, Time: base, Rating: quiz.Good,
			Answer: "2001", Verdict: quiz.Correct, Duration: 2 * time.Second, Scheduler: "fsrs", Before: m, After: m}
		sets[i] = argSet{
			upd: append(memoryArgs(nil, &m), l.id, "bench", id),
			ins: reviewArgs(nil, l.id, &r),
		}
	}
	i := 0
	for b.Loop() {
		set := sets[i%benchCards]
		tx, err := db.db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Stmt(upd).Exec(set.upd...); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Stmt(ins).Exec(set.ins...); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func setList(cols []string) string {
	s := ""
	for i, c := range cols {
		if i > 0 {
			s += ", "
		}
		s += c + " = ?"
	}
	return s
}

// BenchmarkImport is what cmd/gendb does: 100,000 card states and
// 1,000,000 reviews in one import.
func BenchmarkImport(b *testing.B) {
	const states, reviews = 100_000, 1_000_000
	for b.Loop() {
		b.StopTimer()
		db := mustOpen(b)
		l := mustLearner(b, db, "default")
		ids := make([]string, states)
		for i := range ids {
			ids[i] = fmt.Sprintf("card-%06d", i)
		}
		b.StartTimer()
		im, err := l.Import()
		if err != nil {
			b.Fatal(err)
		}
		for _, id := range ids {
			if err := im.State(&CardState{Deck: "big", CardID: id, Memory: benchMemory(base)}); err != nil {
				b.Fatal(err)
			}
		}
		at := base.AddDate(-2, 0, 0)
		var r quiz.ReviewLog
		for i := range reviews {
			at = at.Add(time.Minute)
			r = quiz.ReviewLog{Deck: "big", CardID: ids[(i*7919)%states], Time: at, Rating: quiz.Rating(1 + i%4),
				Scheduler: "fsrs", Before: benchMemory(at.AddDate(0, 0, -3)), After: benchMemory(at)}
			if err := im.Review(&r); err != nil {
				b.Fatal(err)
			}
		}
		if err := im.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}

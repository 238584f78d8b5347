package store_test

import (
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"steppe/quiz"
	"steppe/quiz/fsrs"
	"steppe/store"
	"steppe/store/synth"
)

// benchNow is when the synthetic history ends and the benchmark's session
// starts.
var benchNow = time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)

// bigDatabase is a learner with 100,000 card states and 1,000,000 reviews,
// and the 100,000-card deck in the cache. Writing it takes about half a
// minute, so it is kept in the temporary folder and copied for each run.
func bigDatabase(b *testing.B) string {
	b.Helper()
	cached := filepath.Join(os.TempDir(), "steppe-bench", "nextcard-100k-1m-v6.db")
	if _, err := os.Stat(cached); err != nil {
		b.Logf("writing %s (once)", cached)
		tmp := cached + ".tmp"
		os.Remove(tmp)
		db, err := store.Open(tmp)
		if err != nil {
			b.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		cards := synth.Cards("bench", 100000, rng)
		if err := db.PutDeck(store.DeckMeta{Path: "bench.yaml", Slug: "bench", Title: "bench"}, cards); err != nil {
			b.Fatal(err)
		}
		l, err := db.Profile("default")
		if err != nil {
			b.Fatal(err)
		}
		if err := synth.WriteHistory(l, cards, 1000000, benchNow, rng); err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, cached); err != nil {
			b.Fatal(err)
		}
	}
	path := filepath.Join(b.TempDir(), "steppe.db")
	copyFile(b, cached, path)
	return path
}

func copyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkNextCard times what a learner waits for after an answer: from an
// open session, with the answer recorded, choosing the next card and loading
// it to show. Recording the answer (an fsync) is outside the timer; it is
// BenchmarkRecordReview's.
func BenchmarkNextCard(b *testing.B) {
	db, l := openBench(b, bigDatabase(b))
	sched, err := fsrs.New(fsrs.DefaultParams())
	if err != nil {
		b.Fatal(err)
	}
	now := benchNow
	open := func() *quiz.Session {
		id, err := l.StartSession("drill", []string{"bench"}, now)
		if err != nil {
			b.Fatal(err)
		}
		s, err := quiz.NewSession(l, sched, quiz.SessionConfig{ID: id, Decks: []string{"bench"},
			NewLimit: 20, ReviewLimit: 200, LearnAhead: 20 * time.Minute, LeechThreshold: 8, Seed: 1}, now)
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	sess := open()
	answer := func(c quiz.Candidate) {
		now = now.Add(7 * time.Second)
		if _, err := sess.Answer(c, now, quiz.Answer{Rating: quiz.Easy, Verdict: quiz.Correct}); err != nil {
			b.Fatal(err)
		}
	}
	c, ok := sess.Next(now)
	if !ok {
		b.Fatal("no card due in the benchmark database")
	}
	answer(c)
	shown := 0
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		c, ok := sess.Next(now)
		if !ok {
			b.StopTimer()
			sess = open()
			b.StartTimer()
			if c, ok = sess.Next(now); !ok {
				b.Fatal("the benchmark database ran out of due cards")
			}
		}
		card, err := db.Card(c.Deck, c.ID)
		if err != nil || card.Question == "" {
			b.Fatalf("card %s: %v", c.Key(), err)
		}
		shown++
		b.StopTimer()
		answer(c)
		b.StartTimer()
	}
	b.StopTimer()
	if shown != b.N {
		b.Fatalf("showed %d cards in %d rounds", shown, b.N)
	}
}

// BenchmarkReschedule dry-runs a reschedule of the 100,000-card learner with
// 1,000,000 reviews: every card's live reviews replayed through FSRS and
// compared with its stored state.
func BenchmarkReschedule(b *testing.B) {
	_, l := openBench(b, bigDatabase(b))
	p := fsrs.DefaultParams()
	p.MaxInterval = 365 // as synth wrote the history
	s, err := fsrs.New(p)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := l.Reschedule(s, true, nil)
		if err != nil {
			b.Fatal(err)
		}
		if res.Reviews != 1000000 {
			b.Fatalf("replayed %d reviews, want 1000000", res.Reviews)
		}
	}
}

// openBench opens a benchmark database and its learner; they are closed when
// the benchmark ends.
func openBench(b *testing.B, path string) (*store.DB, *store.Learner) {
	b.Helper()
	db, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	l, err := db.Profile("default")
	if err != nil {
		b.Fatal(err)
	}
	return db, l
}

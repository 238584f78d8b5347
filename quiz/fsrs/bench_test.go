package fsrs

import (
	"testing"
	"time"

	"steppe/quiz"
)

// benchCard is a review card a month into its life, due today, so that Next
// takes the longest path: retrievability, all three recall intervals and fuzz.
func benchCard() (quiz.Memory, time.Time) {
	last := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	return quiz.Memory{
		State: quiz.Review, Stability: 12.5, Difficulty: 5.3, Due: last.AddDate(0, 0, 12),
		LastReview: last, ScheduledDays: 12, Reps: 4,
	}, last.AddDate(0, 0, 13)
}

func benchScheduler(b *testing.B, fuzz bool) *Scheduler {
	p := DefaultParams()
	p.Fuzz = fuzz
	s, err := New(p)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkNext times one rating with fuzz off, the reference's default and
// the configuration of its ~5.8 µs figure.
func BenchmarkNext(b *testing.B) { benchNext(b, benchScheduler(b, false)) }

// BenchmarkNextFuzz adds the fuzz draw: seeding Alea hashes the ~35-character
// seed three times, a chain of about a hundred dependent float steps.
func BenchmarkNextFuzz(b *testing.B) { benchNext(b, benchScheduler(b, true)) }

func benchNext(b *testing.B, s *Scheduler) {
	m, now := benchCard()
	b.ReportAllocs()
	var sink quiz.Outcome
	for b.Loop() {
		sink = s.Next(m, now, quiz.Good)
	}
	if sink.Memory.ScheduledDays < 13 {
		b.Fatalf("interval %d", sink.Memory.ScheduledDays)
	}
}

func BenchmarkPreview(b *testing.B)     { benchPreview(b, benchScheduler(b, false)) }
func BenchmarkPreviewFuzz(b *testing.B) { benchPreview(b, benchScheduler(b, true)) }

func benchPreview(b *testing.B, s *Scheduler) {
	m, now := benchCard()
	b.ReportAllocs()
	var sink [4]quiz.Outcome
	for b.Loop() {
		sink = s.Preview(m, now)
	}
	if sink[3].Memory.ScheduledDays <= sink[2].Memory.ScheduledDays {
		b.Fatal("easy is not longer than good")
	}
}

func TestNextAllocatesNothing(t *testing.T) {
	for _, fuzz := range []bool{false, true} {
		p := DefaultParams()
		p.Fuzz = fuzz
		s, err := New(p)
		if err != nil {
			t.Fatal(err)
		}
		m, now := benchCard()
		if n := testing.AllocsPerRun(100, func() { s.Next(m, now, quiz.Good) }); n != 0 {
			t.Fatalf("fuzz %v: Next allocates %v times per call", fuzz, n)
		}
		if n := testing.AllocsPerRun(100, func() { s.Preview(m, now) }); n != 0 {
			t.Fatalf("fuzz %v: Preview allocates %v times per call", fuzz, n)
		}
	}
}

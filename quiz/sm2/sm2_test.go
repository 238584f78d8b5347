package sm2

import (
	"math"
	"testing"
	"time"

	"steppe/quiz"
)

var t0 = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

func mustNew(t *testing.T, p Params) *Scheduler {
	t.Helper()
	s, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNextEase(t *testing.T) {
	for _, tc := range []struct {
		ef   float64
		q    int
		want float64
	}{
		{2.5, 5, 2.6},
		{2.5, 4, 2.5},
		{2.5, 3, 2.36},
		{2.5, 1, 1.96},
		{1.4, 1, 1.3}, // floor
		{1.3, 3, 1.3},
	} {
		if got := NextEase(tc.ef, tc.q); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("NextEase(%v, %d) = %v, want %v", tc.ef, tc.q, got, tc.want)
		}
	}
}

func TestQuality(t *testing.T) {
	want := map[quiz.Rating]int{quiz.Again: 1, quiz.Hard: 3, quiz.Good: 4, quiz.Easy: 5}
	for r, q := range want {
		if got := Quality(r); got != q {
			t.Errorf("Quality(%v) = %d, want %d", r, got, q)
		}
	}
}

// TestIntervals replays a rating sequence a day at a time from a fixed date
// and compares every interval, E-factor and state.
func TestIntervals(t *testing.T) {
	s := mustNew(t, Params{})
	type step struct {
		r     quiz.Rating
		ivl   int
		ease  float64
		state quiz.State
		laps  int
	}
	seq := []step{
		{quiz.Good, 1, 2.5, quiz.Review, 0},
		{quiz.Good, 6, 2.5, quiz.Review, 0},
		{quiz.Good, 15, 2.5, quiz.Review, 0},  // 6 × 2.5
		{quiz.Easy, 38, 2.6, quiz.Review, 0},  // 15 × 2.5 = 37.5 → 38
		{quiz.Hard, 99, 2.46, quiz.Review, 0}, // 38 × 2.6 = 98.8
		{quiz.Again, 1, 1.92, quiz.Relearning, 1},
		{quiz.Good, 1, 1.92, quiz.Review, 1},
		{quiz.Good, 6, 1.92, quiz.Review, 1},
		{quiz.Good, 12, 1.92, quiz.Review, 1}, // 6 × 1.92 = 11.52
	}
	var m quiz.Memory
	now := t0
	for i, st := range seq {
		o := s.Next(m, now, st.r)
		m = o.Memory
		if m.ScheduledDays != st.ivl || math.Abs(m.Ease-st.ease) > 1e-9 || m.State != st.state || m.Lapses != st.laps {
			t.Fatalf("step %d (%v): ivl %d ease %v state %v lapses %d; want %d %v %v %d",
				i, st.r, m.ScheduledDays, m.Ease, m.State, m.Lapses, st.ivl, st.ease, st.state, st.laps)
		}
		if !m.Due.Equal(now.AddDate(0, 0, st.ivl)) {
			t.Fatalf("step %d: due %v, want %v", i, m.Due, now.AddDate(0, 0, st.ivl))
		}
		if !math.IsNaN(o.Retrievability) {
			t.Fatalf("step %d: SM-2 reported a retrievability %v", i, o.Retrievability)
		}
		if m.Reps != i+1 {
			t.Fatalf("step %d: reps %d", i, m.Reps)
		}
		now = m.Due
	}
}

func TestFirstFailureIsLearning(t *testing.T) {
	s := mustNew(t, Params{})
	o := s.Next(quiz.Memory{}, t0, quiz.Again)
	if o.Memory.State != quiz.Learning || o.Memory.Lapses != 0 || o.Memory.ScheduledDays != 1 {
		t.Fatalf("new card failed: %+v", o.Memory)
	}
}

func TestMaxInterval(t *testing.T) {
	s := mustNew(t, Params{MaxInterval: 10})
	m := quiz.Memory{State: quiz.Review, Step: 5, Ease: 2.5, ScheduledDays: 9, LastReview: t0, Reps: 5}
	if got := s.Next(m, t0.AddDate(0, 0, 9), quiz.Good).Memory.ScheduledDays; got != 10 {
		t.Fatalf("interval %d, want the maximum 10", got)
	}
	if _, err := New(Params{MaxInterval: -1}); err == nil {
		t.Fatal("negative maximum interval accepted")
	}
}

func TestPreviewMatchesNext(t *testing.T) {
	s := mustNew(t, Params{})
	m := quiz.Memory{State: quiz.Review, Step: 2, Ease: 2.2, ScheduledDays: 6, LastReview: t0, Reps: 2}
	now := t0.AddDate(0, 0, 7)
	p := s.Preview(m, now)
	for i, r := range quiz.Ratings {
		if n := s.Next(m, now, r); n.Memory != p[i].Memory {
			t.Errorf("%v: preview %+v, next %+v", r, p[i].Memory, n.Memory)
		}
	}
	if p[0].Memory.ElapsedDays != 7 {
		t.Errorf("elapsed %d, want 7", p[0].Memory.ElapsedDays)
	}
}

func TestRetrievabilityOrdersOverdue(t *testing.T) {
	s := mustNew(t, Params{})
	m := quiz.Memory{State: quiz.Review, ScheduledDays: 10, LastReview: t0}
	onTime := s.Retrievability(m, t0.AddDate(0, 0, 10))
	late := s.Retrievability(m, t0.AddDate(0, 0, 20))
	if math.Abs(onTime-0.9) > 1e-9 || !(late < onTime) {
		t.Fatalf("on time %v, late %v", onTime, late)
	}
	if s.Retrievability(quiz.Memory{}, t0) != 0 {
		t.Fatal("new card has a retrievability")
	}
}

package fsrs

import (
	"testing"
	"time"

	"steppe/quiz"
)

// TestElapsedDaysFollowTheCalendar checks that elapsed days are the
// learner's days: in Almaty (UTC+5) with days starting at 04:00, a review at
// 03:00 local time belongs to the day before.
func TestElapsedDaysFollowTheCalendar(t *testing.T) {
	almaty, err := time.LoadLocation("Asia/Almaty")
	if err != nil {
		t.Fatal(err)
	}
	p := DefaultParams()
	p.Fuzz = false
	p.Calendar = quiz.Calendar{Loc: almaty, StartHour: 4}
	local, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	p.Calendar = quiz.Calendar{}
	utc, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	last := time.Date(2026, 1, 5, 22, 0, 0, 0, almaty) // 17:00 UTC
	m := quiz.Memory{State: quiz.Review, Stability: 10, Difficulty: 5, LastReview: last, Due: last.AddDate(0, 0, 10), ScheduledDays: 10, Reps: 3}
	for _, tc := range []struct {
		now        time.Time
		local, utc int
	}{
		{time.Date(2026, 1, 6, 3, 0, 0, 0, almaty), 0, 0},  // before 04:00: still the local day of the last review
		{time.Date(2026, 1, 6, 4, 30, 0, 0, almaty), 1, 0}, // past 04:00: a new local day, still the 5th in UTC
		{time.Date(2026, 1, 6, 23, 0, 0, 0, almaty), 1, 1},
		{time.Date(2026, 1, 7, 4, 59, 0, 0, almaty), 2, 1}, // 23:59 UTC on the 6th
	} {
		if got := local.Next(m, tc.now, quiz.Good).Memory.ElapsedDays; got != tc.local {
			t.Errorf("%v in Almaty from 04:00: elapsed %d, want %d", tc.now, got, tc.local)
		}
		if got := utc.Next(m, tc.now, quiz.Good).Memory.ElapsedDays; got != tc.utc {
			t.Errorf("%v in UTC: elapsed %d, want %d", tc.now, got, tc.utc)
		}
	}
	// Same-day review in the learner's calendar takes the short-term formula.
	same := local.Next(m, time.Date(2026, 1, 6, 3, 0, 0, 0, almaty), quiz.Good)
	if want := local.ShortTermStability(10, quiz.Good); same.Memory.Stability != want {
		t.Errorf("same local day: S %v, want the short-term %v", same.Memory.Stability, want)
	}
}

// Package sm2 implements the classic SuperMemo-2 scheduler (Woźniak, 1987),
// selectable in steppe for comparison with FSRS.
//
// SM-2 grades recall on a quality scale of 0–5; steppe's four ratings map
// onto it as follows:
//
//	Again → 1  incorrect, but the right answer was recognised once shown
//	Hard  → 3  correct, with serious difficulty
//	Good  → 4  correct, after some hesitation
//	Easy  → 5  perfect response
//
// Quality 0 ("complete blackout") and 2 have no rating: a flashcard learner
// who pressed Again has seen the answer, which is SM-2's quality 1.
//
// After each review the E-factor becomes EF + (0.1 - (5-q)(0.08 + (5-q)0.02)),
// never below 1.3; a new card starts at 2.5. A recall (q ≥ 3) is the card's
// n-th successful repetition in a row and sets the interval to 1 day for
// n = 1, 6 days for n = 2 and the previous interval × EF (the E-factor before
// this review's change) after that, rounded. A failure (q < 3) starts the
// repetitions over with a 1-day interval and keeps the E-factor's change.
// Classic SM-2 has no learning steps; quiz.Memory.Step holds n.
package sm2

import (
	"fmt"
	"math"
	"time"

	"steppe/quiz"
)

// StartEase is a new card's E-factor, and MinEase its floor.
const (
	StartEase = 2.5
	MinEase   = 1.3
)

// Params are SM-2's settings.
type Params struct {
	MaxInterval int           // days; 0 means 36500
	Calendar    quiz.Calendar // the days that elapsed days count
}

// Scheduler is an SM-2 scheduler. It is immutable and safe for concurrent use.
type Scheduler struct{ p Params }

var _ quiz.Scheduler = (*Scheduler)(nil)

// New checks the settings.
func New(p Params) (*Scheduler, error) {
	if p.MaxInterval < 0 {
		return nil, fmt.Errorf("maximum interval %d: want a whole number of days of at least 1", p.MaxInterval)
	}
	if p.MaxInterval == 0 {
		p.MaxInterval = 36500
	}
	return &Scheduler{p: p}, nil
}

// Name implements quiz.Scheduler.
func (s *Scheduler) Name() string { return "sm2" }

// Quality maps a rating onto SM-2's 0–5 scale.
func Quality(r quiz.Rating) int {
	return [...]int{quiz.Again: 1, quiz.Hard: 3, quiz.Good: 4, quiz.Easy: 5}[r]
}

// NextEase is the E-factor after a review of quality q.
func NextEase(ef float64, q int) float64 {
	d := float64(5 - q)
	return math.Max(MinEase, ef+(0.1-d*(0.08+d*0.02)))
}

// Next implements quiz.Scheduler.
func (s *Scheduler) Next(m quiz.Memory, now time.Time, r quiz.Rating) quiz.Outcome {
	q := Quality(r)
	before := m
	ef := m.Ease
	if ef == 0 {
		ef = StartEase
	}
	if m.State != quiz.New && !m.LastReview.IsZero() {
		m.ElapsedDays = max(s.p.Calendar.Between(m.LastReview, now), 0)
	} else {
		m.ElapsedDays = 0
	}
	m.Reps++
	m.LastReview = now
	m.Stability, m.Difficulty = 0, 0
	var ivl int
	if q < 3 {
		ivl = 1
		m.Step = 0
		switch before.State {
		case quiz.Review, quiz.Relearning:
			if before.State == quiz.Review {
				m.Lapses++
			}
			m.State = quiz.Relearning
		default:
			m.State = quiz.Learning
		}
	} else {
		m.Step++
		switch m.Step {
		case 1:
			ivl = 1
		case 2:
			ivl = 6
		default:
			ivl = int(math.Round(float64(max(before.ScheduledDays, 1)) * ef))
		}
		m.State = quiz.Review
	}
	ivl = min(ivl, s.p.MaxInterval)
	m.Ease = NextEase(ef, q)
	m.ScheduledDays = ivl
	m.Due = now.Add(time.Duration(ivl) * 24 * time.Hour)
	return quiz.Outcome{Memory: m, Retrievability: math.NaN()}
}

// Preview implements quiz.Scheduler.
func (s *Scheduler) Preview(m quiz.Memory, now time.Time) [4]quiz.Outcome {
	var out [4]quiz.Outcome
	for i, r := range quiz.Ratings {
		out[i] = s.Next(m, now, r)
	}
	return out
}

// Retrievability implements quiz.Scheduler. SM-2 has no memory model; this
// estimate assumes recall falls to 90% over the scheduled interval, which is
// enough to order due cards by how overdue they are.
func (s *Scheduler) Retrievability(m quiz.Memory, now time.Time) float64 {
	if m.State == quiz.New || m.ScheduledDays <= 0 {
		return 0
	}
	t := math.Max(now.Sub(m.LastReview).Hours()/24, 0)
	return math.Pow(0.9, t/float64(m.ScheduledDays))
}

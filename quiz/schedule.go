package quiz

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Memory is a card's scheduling state: everything a scheduler needs to decide
// when the card comes back. It is a pure function of the card's reviews under
// the scheduler's settings, so it can always be rebuilt from the review log.
type Memory struct {
	State         State
	Step          int     // index into the learning or relearning steps
	Stability     float64 // FSRS: days until recall falls to 90%; 0 for a new card
	Difficulty    float64 // FSRS: 1–10; 0 for a new card
	Ease          float64 // SM-2 E-factor; 0 under FSRS
	Due           time.Time
	LastReview    time.Time // zero for a card never reviewed
	ElapsedDays   int       // learning days between the last two reviews
	ScheduledDays int       // the interval set by the last review, in days
	Reps          int
	Lapses        int
}

// Outcome is what one review does to a card.
type Outcome struct {
	Memory Memory // the card after the review
	// Retrievability is the recall probability the scheduler used for this
	// review, from the elapsed days; NaN for a new card or a scheduler
	// without a memory model.
	Retrievability float64
}

// Scheduler decides when a card comes back. FSRS and SM-2 both implement
// it, so a session does not care which one it has. Implementations are pure
// and safe for concurrent use.
type Scheduler interface {
	// Name is the scheduler's setting value: "fsrs" or "sm2".
	Name() string
	// Next applies one rating given at now.
	Next(m Memory, now time.Time, r Rating) Outcome
	// Preview gives the outcome of each rating, indexed by rating-1, so the
	// interface can show "Good · 3d" before the learner chooses.
	Preview(m Memory, now time.Time) [4]Outcome
	// Retrievability estimates the probability of recalling the card at now;
	// a due card with lower retrievability is more urgent. 0 for a new card.
	Retrievability(m Memory, now time.Time) float64
}

// Steps are learning or relearning steps in whole minutes, as FSRS and Anki
// define them.
type Steps []int

// ParseSteps reads steps written as in the settings: "1m,10m", "1h 1d" or a
// YAML list's items. Each is a whole number followed by m, h or d. An empty
// string or "none" means no steps.
func ParseSteps(s string) (Steps, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "none") {
		return Steps{}, nil
	}
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	steps := make(Steps, 0, len(fields))
	for _, f := range fields {
		m, err := ParseStep(f)
		if err != nil {
			return nil, err
		}
		steps = append(steps, m)
	}
	return steps, nil
}

// ParseStep reads one step such as "10m", "1h" or "2d" into minutes.
func ParseStep(s string) (int, error) {
	bad := fmt.Errorf("step %q: want a whole number followed by m, h or d, such as 10m, 1h or 1d", s)
	if len(s) < 2 {
		return 0, bad
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 {
		return 0, bad
	}
	var unit int
	switch s[len(s)-1] {
	case 'm':
		unit = 1
	case 'h':
		unit = 60
	case 'd':
		unit = 1440
	default:
		return 0, bad
	}
	if n > 100*365*1440/unit {
		return 0, fmt.Errorf("step %q: longer than 100 years", s)
	}
	return n * unit, nil
}

// String writes the steps back in the form ParseSteps reads, using the
// largest unit that divides each step.
func (s Steps) String() string {
	if len(s) == 0 {
		return "none"
	}
	parts := make([]string, len(s))
	for i, m := range s {
		switch {
		case m%1440 == 0:
			parts[i] = strconv.Itoa(m/1440) + "d"
		case m%60 == 0:
			parts[i] = strconv.Itoa(m/60) + "h"
		default:
			parts[i] = strconv.Itoa(m) + "m"
		}
	}
	return strings.Join(parts, ",")
}

// FormatInterval writes a duration the way rating buttons show it: "1m",
// "10m", "3h", "4d", "2.5mo", "1.2y".
func FormatInterval(d time.Duration) string {
	switch m := d.Minutes(); {
	case m < 1:
		return "<1m"
	case m < 60:
		return strconv.Itoa(int(m+0.5)) + "m"
	case m < 1440:
		return strconv.Itoa(int(m/60+0.5)) + "h"
	}
	days := d.Hours() / 24
	switch {
	case days < 30:
		return strconv.Itoa(int(days+0.5)) + "d"
	case days < 365:
		return strconv.FormatFloat(days/30, 'f', 1, 64) + "mo"
	}
	return strconv.FormatFloat(days/365, 'f', 1, 64) + "y"
}

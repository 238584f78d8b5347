// Package fsrs implements the FSRS-6 spaced-repetition scheduler exactly as
// the reference implementation, ts-fsrs 5.4.2, computes it: the same
// parameter migration and clipping, the same rounding of intermediate results,
// the same state machine and learning steps, and the same seeded fuzz. With a
// UTC calendar starting at 00:00 it returns the reference's values to the bit.
//
// Everything here is a pure function of its inputs: a card's memory, the time
// and a rating go in; the new memory comes out. It implements quiz.Scheduler.
package fsrs

import (
	"fmt"
	"math"
	"strconv"

	"steppe/quiz"
)

// DefaultW holds FSRS-6's 21 default parameters.
var DefaultW = [21]float64{
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
	0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
	0.1542,
}

// The bounds of stability, in days.
const (
	SMin = 0.001
	SMax = 36500.0
)

// Params are the scheduler's settings.
type Params struct {
	// W holds the model's weights: 21 for FSRS-6, or 19 (FSRS-5) or 17
	// (FSRS-4.5), which are migrated. Nil means DefaultW.
	W []float64
	// Retention is the desired probability of recall when a card falls due,
	// in (0, 1].
	Retention float64
	// MaxInterval caps intervals, in days; 0 means 36500.
	MaxInterval int
	// LearningSteps and RelearningSteps are in minutes.
	LearningSteps   quiz.Steps
	RelearningSteps quiz.Steps
	// ShortTerm turns on same-day reviews and the learning steps.
	ShortTerm bool
	// Fuzz spreads intervals of three days or more a little, seeded from the
	// review so that the result is reproducible.
	Fuzz bool
	// Calendar defines the days that elapsed days count.
	Calendar quiz.Calendar
}

// DefaultParams returns steppe's default settings (../DESIGN.md): those of
// ts-fsrs except that fuzz is on. The calendar is UTC from 00:00; callers set
// the learner's time zone and day-start hour.
func DefaultParams() Params {
	return Params{
		Retention:       0.9,
		MaxInterval:     36500,
		LearningSteps:   quiz.Steps{1, 10},
		RelearningSteps: quiz.Steps{10},
		ShortTerm:       true,
		Fuzz:            true,
	}
}

type bound struct{ lo, hi float64 }

// bounds are the clipping limits of each weight. w17 and w18 have a ceiling
// that depends on the relearning steps, and w19's floor depends on whether
// short-term scheduling is on; clip fills those in.
var bounds = [21]bound{
	{0.001, 100}, {0.001, 100}, {0.001, 100}, {0.001, 100},
	{1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75},
	{0, 4.5}, {0, 0.8}, {0.001, 3.5}, {0.001, 5},
	{0.001, 0.25}, {0.001, 0.9}, {0, 4}, {0, 1},
	{1, 6}, {0, 2}, {0, 2}, {0.01, 0.8},
	{0.1, 0.8},
}

// Bounds returns the clipping limits of each weight before the two
// adjustments clip makes: w17 and w18's ceiling when there are several
// relearning steps, and w19's floor of 0 when short-term scheduling is off.
// The optimizer clips with them as the reference optimizer does.
func Bounds() (lo, hi [21]float64) {
	for i, b := range bounds {
		lo[i], hi[i] = b.lo, b.hi
	}
	return lo, hi
}

// MigrateW turns a 17-, 19- or 21-value parameter set into FSRS-6's 21
// values, clipped, as ts-fsrs does for the given relearning-step count and
// short-term setting.
func MigrateW(w []float64, relearningSteps int, shortTerm bool) ([21]float64, error) {
	var out [21]float64
	switch len(w) {
	case 21:
		copy(out[:], w)
	case 19:
		copy(out[:], clipped(w, relearningSteps, shortTerm))
		out[19], out[20] = 0, 0.5
	case 17:
		c := clipped(w, relearningSteps, shortTerm)
		copy(out[:], c)
		out[4] = toFixed8(c[5]*2 + c[4])
		out[5] = toFixed8(math.Log(c[5]*3+1) / 3)
		out[6] = toFixed8(c[6] + 0.5)
		out[17], out[18], out[19], out[20] = 0, 0, 0, 0.5
	default:
		return out, fmt.Errorf("%d parameters: want 17, 19 or 21", len(w))
	}
	copy(out[:], clipped(out[:], relearningSteps, shortTerm))
	return out, nil
}

// clipped returns w with each value inside its bounds; NaN becomes 0 first.
func clipped(w []float64, relearningSteps int, shortTerm bool) []float64 {
	b := bounds
	if !shortTerm {
		b[19].lo = 0
	}
	if relearningSteps > 1 && len(w) > 14 {
		a := clamp(orZero(w[11]), b[11].lo, b[11].hi)
		bb := clamp(orZero(w[13]), b[13].lo, b[13].hi)
		c := clamp(orZero(w[14]), b[14].lo, b[14].hi)
		v := -(math.Log(a) + math.Log(math.Pow(2, bb)-1) + 0.3*c) / float64(relearningSteps)
		ceil := clamp(r8(math.Sqrt(math.Max(v, 0))), 0.01, 2)
		b[17].hi, b[18].hi = ceil, ceil
	}
	out := make([]float64, len(w))
	for i, x := range w {
		out[i] = clamp(orZero(x), b[i].lo, b[i].hi)
	}
	return out
}

func orZero(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

func clamp(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }

// jsRound is JavaScript's Math.round: halves round toward +infinity, where
// Go's math.Round rounds them away from zero.
func jsRound(x float64) float64 {
	f := math.Floor(x)
	if x-f >= 0.5 {
		f++
	}
	return f
}

// r8 is ts-fsrs's roundTo(x, 8), applied to many intermediate results.
func r8(x float64) float64 { return jsRound(float64(x*1e8)) / 1e8 }

// toFixed8 is JavaScript's Number(x.toFixed(8)).
func toFixed8(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 8, 64), 64)
	return v
}

package quiz

import (
	"slices"
	"time"
)

// The grading rule's constants: how a correct answer counts as slow.
const (
	// SlowFactor is how many times the learner's median answer time a
	// correct answer may take before it is rated Hard rather than Good.
	SlowFactor = 2.5
	// PaceWindow is how many of the learner's latest answers of a card type
	// the median is taken over.
	PaceWindow = 200
	// PaceMinAnswers is how many answers of a card type the learner must
	// have given before an answer of that type can count as slow.
	PaceMinAnswers = 20
	// MinAnswerTime and MaxAnswerTime bound an answer time as it is counted,
	// in the median and in the comparison alike. The cap keeps a learner who
	// walked away from the terminal from stretching the median; the floor
	// keeps sub-second answers (a quick click, or a script piping answers)
	// from making an answer of two seconds "slow".
	MinAnswerTime = time.Second
	MaxAnswerTime = 60 * time.Second
)

// answerTime is an answer time as the grading rule counts it.
func answerTime(d time.Duration) time.Duration {
	return min(max(d, MinAnswerTime), MaxAnswerTime)
}

// Pace is a learner's usual answer time for one card type.
type Pace struct {
	Median  time.Duration // of the answer times as counted (bounded)
	Answers int           // how many answers the median is taken over
}

// PaceOf is the pace of the answer times given, newest first: the median of
// the first PaceWindow of them, each bounded to [MinAnswerTime,
// MaxAnswerTime]. Times of zero or less are unknown and left out. ok is
// false when fewer than PaceMinAnswers are left.
func PaceOf(times []time.Duration) (p Pace, ok bool) {
	counted := make([]time.Duration, 0, min(len(times), PaceWindow))
	for _, d := range times {
		if len(counted) == PaceWindow {
			break
		}
		if d > 0 {
			counted = append(counted, answerTime(d))
		}
	}
	if len(counted) < PaceMinAnswers {
		return Pace{Answers: len(counted)}, false
	}
	slices.Sort(counted)
	n := len(counted)
	m := counted[n/2]
	if n%2 == 0 {
		m = (counted[n/2-1] + counted[n/2]) / 2
	}
	return Pace{Median: m, Answers: n}, true
}

// Proposal is the rating a drill proposes for an auto-graded answer, and
// why; the learner may take it or choose another.
type Proposal struct {
	Rating Rating
	// Slow is set when a correct answer is rated Hard for its time.
	Slow bool
	// Took is the answer time as counted; Median is the learner's median
	// for the card type, zero while there are too few answers to know it.
	Took, Median time.Duration
}

// Propose turns a grade and the time the answer took into the rating a
// drill proposes, given the learner's recent answer times for the card's
// type, newest first (see PaceOf):
//   - wrong, and anything but all right on multi and order: Again;
//   - almost (a typed answer within the typo tolerance): Hard;
//   - correct: Good, but Hard when the answer took more than SlowFactor
//     times the median, once there are PaceMinAnswers answers to take it
//     over.
//
// Easy is never proposed: it comes only from the learner.
func Propose(g Grade, took time.Duration, recent []time.Duration) Proposal {
	p := Proposal{Rating: g.Rating(), Took: answerTime(took)}
	pace, ok := PaceOf(recent)
	if !ok {
		return p
	}
	p.Median = pace.Median
	// Exact in float64: both times are under a minute of nanoseconds.
	if g.Verdict == Correct && float64(p.Took) > SlowFactor*float64(p.Median) {
		p.Rating, p.Slow = Hard, true
	}
	return p
}

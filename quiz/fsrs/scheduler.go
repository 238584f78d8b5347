package fsrs

import (
	"fmt"
	"math"
	"time"

	"steppe/quiz"
)

const day = 24 * time.Hour

// Scheduler is an FSRS-6 scheduler with fixed settings. It is immutable and
// safe for concurrent use.
type Scheduler struct {
	p           Params
	w           [21]float64
	decay       float64 // -w20
	factor      float64 // 0.9^(1/decay) - 1, rounded
	ivlModifier float64 // turns stability into an interval at the desired retention
	d0Easy      float64 // the unclamped initial difficulty of Easy, the mean-reversion target
	expW8       float64 // exp(w8), a factor of every recall
	maxIvl      float64
}

var _ quiz.Scheduler = (*Scheduler)(nil)

// New checks the settings and precomputes what every review needs.
func New(p Params) (*Scheduler, error) {
	if !(p.Retention > 0 && p.Retention <= 1) {
		return nil, fmt.Errorf("retention %v: want a number above 0 and at most 1, such as 0.9", p.Retention)
	}
	if p.MaxInterval < 0 {
		return nil, fmt.Errorf("maximum interval %d: want a whole number of days of at least 1", p.MaxInterval)
	}
	if p.MaxInterval == 0 {
		p.MaxInterval = 36500
	}
	if p.W == nil {
		p.W = DefaultW[:]
	}
	w, err := MigrateW(p.W, len(p.RelearningSteps), p.ShortTerm)
	if err != nil {
		return nil, err
	}
	p.W = w[:]
	s := &Scheduler{p: p, w: w, maxIvl: float64(p.MaxInterval)}
	s.decay = -w[20]
	s.factor = r8(math.Exp((1/s.decay)*math.Log(0.9)) - 1)
	s.ivlModifier = r8((math.Pow(p.Retention, 1/s.decay) - 1) / s.factor)
	s.d0Easy = s.initDifficultyRaw(quiz.Easy)
	s.expW8 = math.Exp(w[8])
	return s, nil
}

// Name implements quiz.Scheduler.
func (s *Scheduler) Name() string { return "fsrs" }

// Params returns the settings in force, with W migrated and clipped.
func (s *Scheduler) Params() Params { return s.p }

// W returns the 21 weights in force after migration and clipping.
func (s *Scheduler) W() [21]float64 { return s.w }

// ForgettingCurve is the probability of recall t days after a review that
// left stability S, rounded as the reference rounds it.
func (s *Scheduler) ForgettingCurve(t, S float64) float64 {
	return r8(math.Pow(1+float64(s.factor*t)/S, s.decay))
}

// Retrievability implements quiz.Scheduler with the exact time since the
// last review, for ordering due cards; 0 for a new card.
func (s *Scheduler) Retrievability(m quiz.Memory, now time.Time) float64 {
	if m.State == quiz.New || m.Stability <= 0 {
		return 0
	}
	t := math.Max(now.Sub(m.LastReview).Hours()/24, 0)
	return math.Pow(1+float64(s.factor*t)/m.Stability, s.decay)
}

// NextInterval turns a stability into whole days at the desired retention,
// without fuzz.
func (s *Scheduler) NextInterval(S float64) int {
	return int(math.Min(math.Max(1, jsRound(float64(S*s.ivlModifier))), s.maxIvl))
}

// InitStability is a new card's stability after its first rating.
func (s *Scheduler) InitStability(g quiz.Rating) float64 {
	return math.Max(s.w[g-1], 0.1)
}

func (s *Scheduler) initDifficultyRaw(g quiz.Rating) float64 {
	return r8(s.w[4] - math.Exp(float64(g-1)*s.w[5]) + 1)
}

// InitDifficulty is a new card's difficulty after its first rating.
func (s *Scheduler) InitDifficulty(g quiz.Rating) float64 {
	return clamp(s.initDifficultyRaw(g), 1, 10)
}

// NextDifficulty moves D by the rating, damped near 10 and pulled back
// toward the initial difficulty of Easy.
func (s *Scheduler) NextDifficulty(D float64, g quiz.Rating) float64 {
	delta := -s.w[6] * (float64(g) - 3)
	damped := D + r8(float64(delta*(10-D))/9)
	return clamp(r8(float64(s.w[7]*s.d0Easy)+float64((1-s.w[7])*damped)), 1, 10)
}

// RecallStability is the stability after a successful recall (Hard, Good or
// Easy) at retrievability R.
func (s *Scheduler) RecallStability(D, S, R float64, g quiz.Rating) float64 {
	return s.recallStability(S, s.recallGain(D, S, R), g)
}

// recallGain is the part of a recall's stability increase that every grade
// shares, so that a review computes it once for all three. The products keep
// the reference's left-to-right order, so the results are the same to the bit.
func (s *Scheduler) recallGain(D, S, R float64) float64 {
	return float64(float64(s.expW8*(11-D))*math.Pow(S, -s.w[9])) * (math.Exp((1-R)*s.w[10]) - 1)
}

func (s *Scheduler) recallStability(S, gain float64, g quiz.Rating) float64 {
	switch g {
	case quiz.Hard:
		gain = float64(gain * s.w[15])
	case quiz.Easy:
		gain = float64(gain * s.w[16])
	}
	return r8(clamp(float64(S*(1+gain)), SMin, SMax))
}

// ForgetStability is the stability after a lapse at retrievability R.
func (s *Scheduler) ForgetStability(D, S, R float64) float64 {
	sf := r8(clamp(s.w[11]*math.Pow(D, -s.w[12])*(math.Pow(S+1, s.w[13])-1)*math.Exp((1-R)*s.w[14]), SMin, SMax))
	return math.Min(math.Max(s.forgetCap(S), SMin), sf)
}

// forgetCap keeps a lapse from raising stability: S/exp(w17·w18), which is S
// itself when short-term scheduling is off.
func (s *Scheduler) forgetCap(S float64) float64 {
	w17, w18 := 0.0, 0.0
	if s.p.ShortTerm {
		w17, w18 = s.w[17], s.w[18]
	}
	return r8(S / math.Exp(float64(w17*w18)))
}

// ShortTermStability is the stability after a review on the day of the last
// one.
func (s *Scheduler) ShortTermStability(S float64, g quiz.Rating) float64 {
	sinc := math.Pow(S, -s.w[19]) * math.Exp(s.w[17]*(float64(g)-3+s.w[18]))
	if g >= quiz.Hard {
		sinc = math.Max(sinc, 1)
	}
	return r8(clamp(float64(S*sinc), SMin, SMax))
}

// memoryState is FSRS's (difficulty, stability) pair.
type memoryState struct{ D, S float64 }

// nextState applies rating g, t days after the last review, with R the
// retrievability at t.
func (s *Scheduler) nextState(m memoryState, t int, R float64, g quiz.Rating) memoryState {
	if m.D == 0 && m.S == 0 {
		return memoryState{D: s.InitDifficulty(g), S: s.InitStability(g)}
	}
	var S float64
	switch {
	case t == 0 && s.p.ShortTerm:
		S = s.ShortTermStability(m.S, g)
	case g == quiz.Again:
		S = s.ForgetStability(m.D, m.S, R)
	default:
		S = s.RecallStability(m.D, m.S, R, g)
	}
	return memoryState{D: s.NextDifficulty(m.D, g), S: S}
}

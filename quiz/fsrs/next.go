package fsrs

import (
	"math"
	"strconv"
	"time"

	"steppe/quiz"
)

// Next implements quiz.Scheduler: the card after rating g at now.
func (s *Scheduler) Next(m quiz.Memory, now time.Time, g quiz.Rating) quiz.Outcome {
	r := s.review(m, now)
	if s.p.ShortTerm {
		return r.shortTerm(g)
	}
	return r.longTerm(g)
}

// Preview implements quiz.Scheduler.
func (s *Scheduler) Preview(m quiz.Memory, now time.Time) [4]quiz.Outcome {
	r := s.review(m, now)
	var out [4]quiz.Outcome
	for i, g := range quiz.Ratings {
		if s.p.ShortTerm {
			out[i] = r.shortTerm(g)
		} else {
			out[i] = r.longTerm(g)
		}
	}
	return out
}

// review holds what one review call computes once for every rating: the
// elapsed days, the retrievability and the fuzz draw, as ts-fsrs does.
type review struct {
	s       *Scheduler
	before  quiz.Memory
	now     time.Time
	elapsed int
	r       float64 // NaN for a new card
	fuzzU   float64 // the seeded draw; NaN until first needed
	// recallS and recallIvl hold a review card's Hard, Good and Easy
	// stabilities and intervals once computed; every recall rating needs them.
	recallS   [4]float64
	recallIvl [4]int
	recalled  bool
}

func (s *Scheduler) review(m quiz.Memory, now time.Time) review {
	r := review{s: s, before: m, now: now, r: math.NaN(), fuzzU: math.NaN()}
	if m.State != quiz.New && !m.LastReview.IsZero() {
		r.elapsed = max(s.p.Calendar.Between(m.LastReview, now), 0)
	}
	if m.State != quiz.New {
		r.r = s.ForgettingCurve(float64(r.elapsed), m.Stability)
	}
	return r
}

// after starts the outcome: the card with this review counted.
func (r *review) after() quiz.Outcome {
	m := r.before
	m.Reps++
	m.LastReview = r.now
	m.ElapsedDays = r.elapsed
	m.Ease = 0
	return quiz.Outcome{Memory: m, Retrievability: r.r}
}

func (r *review) state(g quiz.Rating) memoryState {
	rr := r.r
	if math.IsNaN(rr) {
		rr = 1
	}
	return r.s.nextState(memoryState{D: r.before.Difficulty, S: r.before.Stability}, r.elapsed, rr, g)
}

// interval is next_interval with fuzz.
func (r *review) interval(S float64) int {
	ivl := r.s.NextInterval(S)
	if !r.s.p.Fuzz || float64(ivl) < 2.5 {
		return ivl
	}
	if math.IsNaN(r.fuzzU) {
		r.fuzzU = r.fuzzDraw()
	}
	return fuzz(ivl, r.elapsed, r.s.p.MaxInterval, r.fuzzU)
}

// fuzzDraw seeds Alea with "now_reps_D*S" as ts-fsrs writes it: reps after
// this review, D and S before it, the product in JavaScript's number format.
func (r *review) fuzzDraw() float64 {
	var buf [64]byte
	b := strconv.AppendInt(buf[:0], r.now.UnixMilli(), 10)
	b = append(b, '_')
	b = strconv.AppendInt(b, int64(r.before.Reps+1), 10)
	b = append(b, '_')
	b = strconv.AppendFloat(b, float64(r.before.Difficulty*r.before.Stability), 'f', -1, 64)
	return aleaFirst(b)
}

func fuzz(ivl, elapsed, maxIvl int, u float64) int {
	f := float64(ivl)
	delta := 1.0
	delta += 0.15 * math.Max(math.Min(f, 7)-2.5, 0)
	delta += 0.10 * math.Max(math.Min(f, 20)-7, 0)
	delta += 0.05 * math.Max(f-20, 0)
	ivl2 := math.Min(f, float64(maxIvl))
	minIvl := math.Max(2, jsRound(ivl2-delta))
	maxI := math.Min(jsRound(ivl2+delta), float64(maxIvl))
	if ivl2 > float64(elapsed) {
		minIvl = math.Max(minIvl, float64(elapsed+1))
	}
	minIvl = math.Min(minIvl, maxI)
	return int(math.Floor(u*(maxI-minIvl+1) + minIvl))
}

func (r *review) setDays(o *quiz.Outcome, ivl int) {
	o.Memory.State = quiz.Review
	o.Memory.Step = 0
	o.Memory.ScheduledDays = ivl
	o.Memory.Due = r.now.Add(time.Duration(ivl) * day)
}

// shortTerm is ts-fsrs's BasicScheduler: learning steps and same-day reviews.
func (r *review) shortTerm(g quiz.Rating) quiz.Outcome {
	o := r.after()
	if r.before.State == quiz.Review && g != quiz.Again {
		r.recall(&o, g)
		return o
	}
	ms := r.state(g)
	o.Memory.Difficulty, o.Memory.Stability = ms.D, ms.S
	switch r.before.State {
	case quiz.New:
		r.applySteps(&o, g, quiz.Learning)
	case quiz.Learning, quiz.Relearning:
		r.applySteps(&o, g, r.before.State)
	case quiz.Review:
		o.Memory.Lapses++
		r.applySteps(&o, g, quiz.Relearning)
	}
	return o
}

// recall schedules a review card recalled with Hard, Good or Easy. The three
// intervals depend on each other, so all three are computed, once per review.
func (r *review) recall(o *quiz.Outcome, g quiz.Rating) {
	if !r.recalled {
		s := &r.recallS
		if r.elapsed == 0 {
			for _, gg := range quiz.Ratings[1:] {
				s[gg-1] = r.state(gg).S
			}
		} else {
			// The three recalls share most of their arithmetic.
			S := r.before.Stability
			gain := r.s.recallGain(r.before.Difficulty, S, r.r)
			for _, gg := range quiz.Ratings[1:] {
				s[gg-1] = r.s.recallStability(S, gain, gg)
			}
		}
		h, gd, e := r.interval(s[1]), r.interval(s[2]), r.interval(s[3])
		h = min(h, gd)
		gd = max(gd, h+1)
		e = max(e, gd+1)
		r.recallIvl = [4]int{0, h, gd, e}
		r.recalled = true
	}
	o.Memory.Stability = r.recallS[g-1]
	o.Memory.Difficulty = r.s.NextDifficulty(r.before.Difficulty, g)
	r.setDays(o, r.recallIvl[g-1])
}

// applySteps moves a card along its learning or relearning steps, or
// graduates it when the steps have no entry for g.
func (r *review) applySteps(o *quiz.Outcome, g quiz.Rating, target quiz.State) {
	steps := r.s.p.LearningSteps
	if r.before.State == quiz.Review || r.before.State == quiz.Relearning {
		steps = r.s.p.RelearningSteps
	}
	cur := r.before.Step
	minutes, next, ok := stepEntry(steps, cur, r.before.State, g)
	switch {
	case !ok || minutes == 0:
		r.setDays(o, r.interval(o.Memory.Stability))
	case minutes < 1440:
		o.Memory.State = target
		o.Memory.Step = next
		o.Memory.ScheduledDays = 0
		o.Memory.Due = r.now.Add(time.Duration(minutes) * time.Minute)
	default:
		o.Memory.State = quiz.Review
		o.Memory.Step = next
		o.Memory.ScheduledDays = minutes / 1440
		o.Memory.Due = r.now.Add(time.Duration(minutes) * time.Minute)
	}
}

// stepEntry is ts-fsrs's learning-steps strategy: the minutes until the card
// is due again and its next step, or ok false when the card graduates.
func stepEntry(steps quiz.Steps, cur int, before quiz.State, g quiz.Rating) (minutes, next int, ok bool) {
	n := len(steps)
	if n == 0 || cur >= n {
		return 0, 0, false
	}
	if before == quiz.Review {
		if g == quiz.Again {
			return steps[cur], 0, true
		}
		return 0, 0, false
	}
	switch g {
	case quiz.Again:
		return steps[0], 0, true
	case quiz.Hard:
		if n == 1 {
			return int(jsRound(float64(steps[0]) * 1.5)), cur, true
		}
		return int(jsRound(float64(steps[0]+steps[1]) / 2)), cur, true
	case quiz.Good:
		if cur+1 < n {
			return steps[cur+1], cur + 1, true
		}
	}
	return 0, 0, false
}

// longTerm is ts-fsrs's LongTermScheduler: no steps, every outcome a review
// in whole days.
func (r *review) longTerm(g quiz.Rating) quiz.Outcome {
	o := r.after()
	var ivl [4]int
	for i, gg := range quiz.Ratings {
		ms := r.state(gg)
		if gg == g {
			o.Memory.Difficulty, o.Memory.Stability = ms.D, ms.S
		}
		ivl[i] = r.interval(ms.S)
	}
	ivl[0] = min(ivl[0], ivl[1])
	ivl[1] = max(ivl[1], ivl[0]+1)
	ivl[2] = max(ivl[2], ivl[1]+1)
	ivl[3] = max(ivl[3], ivl[2]+1)
	if g == quiz.Again && r.before.State != quiz.New {
		o.Memory.Lapses++
	}
	r.setDays(&o, ivl[g-1])
	return o
}

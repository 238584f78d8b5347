// Package sim simulates a learner's workload under a scheduler: how many
// reviews a day a setting asks for, the retention it achieves and how much
// the learner knows at the end. It answers the question every FSRS user asks,
// what a higher desired retention costs, and compares FSRS with SM-2.
//
// The simulated learner's memory follows FSRS-6 with given weights (the
// "true" memory model). Each card keeps two states side by side: the true
// memory, advanced by an FSRS scheduler with the true weights, and the
// scheduler under test's own memory, which decides the due date. Both see the
// same ratings.
//
// The model, day by day:
//
//   - The days are whole days. Learning steps and same-day reviews are not
//     simulated (build the scheduler under test with FSRS's short-term
//     scheduling off): a card rated Again comes back on a later day, as the
//     scheduler decides.
//   - Each day, first the cards due that day or earlier are reviewed, then
//     NewPerDay new cards are introduced and rated once. There is no daily
//     review limit, so nothing is postponed.
//   - A review of a card seen before is recalled with probability equal to
//     the true memory's retrievability at that moment (the FSRS forgetting
//     curve of the days since the last review and the true stability).
//     Forgotten gives Again; recalled gives Hard, Good or Easy with the
//     fixed probabilities of ReviewRatingProb.
//   - A new card has no memory to recall from; its first rating is drawn from
//     FirstRatingProb.
//
// Both mixes are the defaults of the FSRS reference simulator
// (fsrs-optimizer's simulate), measured on Anki users' logs.
//
// Like package quiz, sim is pure: time starts at a fixed date, and all
// randomness comes from a PCG source seeded by the caller.
package sim

import (
	"fmt"
	"math/rand/v2"
	"time"

	"steppe/quiz"
	"steppe/quiz/fsrs"
	"steppe/quiz/sm2"
)

// FirstRatingProb is the probability of each rating (Again, Hard, Good,
// Easy) at a card's first review.
var FirstRatingProb = [4]float64{0.24, 0.094, 0.495, 0.171}

// ReviewRatingProb is the probability of Hard, Good and Easy given that a
// card seen before was recalled.
var ReviewRatingProb = [3]float64{0.224, 0.632, 0.144}

// Start is the first simulated day's midnight, UTC. Reviews happen at noon,
// so any calendar whose day starts between midnight and noon UTC counts the
// days as the simulation does.
var Start = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// MaxCards bounds Days × NewPerDay, which is the number of cards a run holds
// in memory.
const MaxCards = 10_000_000

// Config is one run's learner and length.
type Config struct {
	Days      int    // simulated days, at least 1
	NewPerDay int    // new cards introduced each day, at least 0
	Seed      uint64 // seeds the recall and rating draws
	// W holds the true memory model's FSRS weights; nil means fsrs.DefaultW.
	W []float64
}

// Result is what a run measured.
type Result struct {
	// ReviewsPerDay counts each day's reviews, first reviews of new cards
	// included.
	ReviewsPerDay []int
	TotalReviews  int
	// Reviews and Recalled count the reviews of cards seen before (review
	// and relearning cards), which is where retention is measured.
	Reviews, Recalled int
	// RetentionAchieved is Recalled/Reviews; 0 when Reviews is 0.
	RetentionAchieved float64
	// KnownAtEnd is the expected number of cards the learner would recall
	// if asked all of them at the start of the day after the last: the sum
	// of the true retrievability of every card introduced.
	KnownAtEnd float64
	Cards      int // cards introduced
}

// card is one card's two memories.
type card struct {
	truth, sched quiz.Memory
}

const day = 24 * time.Hour

// Run simulates the learner under sched, which must schedule in whole days
// (FSRS with short-term scheduling off, or SM-2) on a calendar that starts
// its days between midnight and noon UTC, such as the zero quiz.Calendar.
func Run(cfg Config, sched quiz.Scheduler) (Result, error) {
	if cfg.Days < 1 {
		return Result{}, fmt.Errorf("days %d: want at least 1", cfg.Days)
	}
	if cfg.NewPerDay < 0 {
		return Result{}, fmt.Errorf("new cards per day %d: want at least 0", cfg.NewPerDay)
	}
	if cfg.NewPerDay > 0 && cfg.Days > MaxCards/cfg.NewPerDay {
		return Result{}, fmt.Errorf("%d days × %d new cards: want at most %d cards in all", cfg.Days, cfg.NewPerDay, MaxCards)
	}
	truth, err := fsrs.New(fsrs.Params{W: cfg.W, Retention: 0.9})
	if err != nil {
		return Result{}, fmt.Errorf("true memory model: %w", err)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed_57e9_9e))
	res := Result{ReviewsPerDay: make([]int, cfg.Days)}
	cards := make([]card, 0, cfg.Days*cfg.NewPerDay)
	// due[d] lists the cards that fall due on day d; a card due after the
	// last day is dropped from the lists but stays in cards.
	due := make([][]int32, cfg.Days)

	review := func(i int32, d int, now time.Time, g quiz.Rating) {
		c := &cards[i]
		c.truth = truth.Next(c.truth, now, g).Memory
		c.sched = sched.Next(c.sched, now, g).Memory
		res.ReviewsPerDay[d]++
		next := dayOf(c.sched.Due)
		if next <= d {
			next = d + 1 // a scheduler in whole days never asks for today again
		}
		if next < cfg.Days {
			due[next] = append(due[next], i)
		}
	}

	for d := range cfg.Days {
		now := Start.Add(time.Duration(d)*day + 12*time.Hour)
		for _, i := range due[d] {
			r := truth.Retrievability(cards[i].truth, now)
			g := quiz.Again
			if rng.Float64() < r {
				g = Pick(rng, ReviewRatingProb[:]) + quiz.Hard
				res.Recalled++
			}
			res.Reviews++
			review(i, d, now, g)
		}
		due[d] = nil
		for range cfg.NewPerDay {
			cards = append(cards, card{})
			review(int32(len(cards)-1), d, now, Pick(rng, FirstRatingProb[:])+quiz.Again)
		}
	}

	end := Start.Add(time.Duration(cfg.Days) * day)
	for _, c := range cards {
		res.KnownAtEnd += truth.Retrievability(c.truth, end)
	}
	for _, n := range res.ReviewsPerDay {
		res.TotalReviews += n
	}
	if res.Reviews > 0 {
		res.RetentionAchieved = float64(res.Recalled) / float64(res.Reviews)
	}
	res.Cards = len(cards)
	return res, nil
}

// dayOf numbers the simulated day that holds t, counting Start's as 0.
func dayOf(t time.Time) int {
	return int(t.Sub(Start) / day)
}

// Pick draws an index with the given probabilities, which sum to 1, as a
// rating offset: add quiz.Again (or quiz.Hard) to it.
func Pick(rng *rand.Rand, p []float64) quiz.Rating {
	u := rng.Float64()
	for i, x := range p[:len(p)-1] {
		if u < x {
			return quiz.Rating(i)
		}
		u -= x
	}
	return quiz.Rating(len(p) - 1)
}

// Setting is a scheduler under test.
type Setting struct {
	Scheduler string  // "fsrs" or "sm2"
	Retention float64 // FSRS's desired retention, in (0, 1]; SM-2 ignores it
	// W holds the FSRS weights the scheduler under test uses; nil means
	// fsrs.DefaultW. SM-2 ignores it.
	W           []float64
	MaxInterval int  // days; 0 means 36500
	Fuzz        bool // FSRS's seeded interval fuzz
}

// New builds the setting's scheduler as Run needs it: in whole days on the
// zero calendar, FSRS with short-term scheduling off.
func (s Setting) New() (quiz.Scheduler, error) {
	switch s.Scheduler {
	case "fsrs":
		return fsrs.New(fsrs.Params{W: s.W, Retention: s.Retention, MaxInterval: s.MaxInterval, Fuzz: s.Fuzz})
	case "sm2":
		return sm2.New(sm2.Params{MaxInterval: s.MaxInterval})
	}
	return nil, fmt.Errorf("scheduler %q: want fsrs or sm2", s.Scheduler)
}

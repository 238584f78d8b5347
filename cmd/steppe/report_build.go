package main

import (
	"cmp"
	"math"
	"slices"
	"time"

	"steppe/quiz"
	"steppe/quiz/fsrs"
	"steppe/store"
)

// The hardest cards are ranked among the cards with at least this many
// answers (reviews and quiz answers) over the class, so that one unlucky
// answer does not top the list.
const (
	hardestMinAnswers = 3
	hardestCount      = 10
)

// classReport is `steppe report`, in every format; the README documents the
// JSON and CSV fields.
type classReport struct {
	Time      string          `json:"time"`
	Learners  []reportLearner `json:"learners"`
	Skipped   []skippedFile   `json:"skipped"`
	Decks     []string        `json:"decks"`
	Cards     []cardReport    `json:"cards"`
	Hardest   []string        `json:"hardest"`
	Unreached []string        `json:"unreached"`
}

type reportLearner struct {
	Name        string `json:"name"`
	File        string `json:"file"`
	Profile     string `json:"profile"`
	Reviews     int    `json:"reviews"`
	QuizAnswers int    `json:"quiz_answers"`
	CardsSeen   int    `json:"cards_seen"`
}

type cardReport struct {
	Card     string `json:"card"`
	Deck     string `json:"deck"`
	ID       string `json:"id"`
	Type     string `json:"type"`
	Question string `json:"question"`

	Learners int      `json:"learners"`
	SeenBy   []string `json:"seen_by"`

	Reviews            int      `json:"reviews"`
	Again              int      `json:"again"`
	ReviewStateReviews int      `json:"review_state_reviews"`
	Lapses             int      `json:"lapses"`
	LapseRate          *float64 `json:"lapse_rate"`
	QuizAnswers        int      `json:"quiz_answers"`
	QuizWrong          int      `json:"quiz_wrong"`
	FailRate           *float64 `json:"fail_rate"`

	MeanAnswerSeconds *float64 `json:"mean_answer_seconds"`

	Retrievability         *float64 `json:"retrievability"`
	RetrievabilityLearners int      `json:"retrievability_learners"`

	Distractors []distractorPicks `json:"distractors,omitempty"`
	HardestRank int               `json:"hardest_rank,omitempty"`
}

type distractorPicks struct {
	Option string `json:"option"`
	Picks  int    `json:"picks"`
}

// buildReport adds up the learners' activity card by card. now is the time
// the retrievabilities are computed at.
func buildReport(in *classInput, now time.Time) classReport {
	sched, _ := fsrs.New(fsrs.DefaultParams()) // the default parameters are valid
	rep := classReport{
		Time:      now.UTC().Format(time.RFC3339),
		Skipped:   append([]skippedFile{}, in.skipped...),
		Decks:     append([]string{}, in.decks...),
		Learners:  []reportLearner{},
		Cards:     []cardReport{},
		Hardest:   []string{},
		Unreached: []string{},
	}
	byKey := map[store.CardRef]int{}
	for _, c := range in.cards {
		byKey[store.CardRef{Deck: c.Deck, ID: c.ID}] = len(rep.Cards)
		cr := cardReport{Card: c.Key(), Deck: c.Deck, ID: c.ID, Type: c.Type.String(), Question: c.Question, SeenBy: []string{}}
		if c.Type == quiz.Choice || c.Type == quiz.Multi {
			cr.Distractors = []distractorPicks{}
			for _, w := range c.Wrong {
				cr.Distractors = append(cr.Distractors, distractorPicks{Option: w})
			}
		}
		rep.Cards = append(rep.Cards, cr)
	}
	type sums struct {
		timed  int
		time   time.Duration
		rSum   float64
		rCount int
	}
	acc := make([]sums, len(rep.Cards))
	for _, l := range in.learners {
		rl := reportLearner{Name: l.name, File: l.file, Profile: l.profile}
		for _, a := range l.activity {
			i, ok := byKey[store.CardRef{Deck: a.Deck, ID: a.CardID}]
			if !ok {
				continue // a card no longer in the decks
			}
			rl.Reviews += a.Reviews
			rl.QuizAnswers += a.QuizAnswers
			cr := &rep.Cards[i]
			if a.Seen() {
				rl.CardsSeen++
				cr.Learners++
				cr.SeenBy = append(cr.SeenBy, l.name)
			}
			cr.Reviews += a.Reviews
			cr.Again += a.Again
			cr.ReviewStateReviews += a.ReviewReviews
			cr.Lapses += a.Lapses
			cr.QuizAnswers += a.QuizAnswers
			cr.QuizWrong += a.QuizWrong
			acc[i].timed += a.Timed
			acc[i].time += a.AnswerTime
			// FSRS memories only: an SM-2 card has no stability, and its
			// E-factor says nothing about today's recall.
			if m := a.Memory; m.State != quiz.New && m.Stability > 0 && !m.LastReview.IsZero() {
				acc[i].rSum += sched.Retrievability(m, now)
				acc[i].rCount++
			}
			countPicks(cr, a.Picks)
		}
		rep.Learners = append(rep.Learners, rl)
	}
	for i := range rep.Cards {
		cr := &rep.Cards[i]
		cr.LapseRate = ratio(cr.Lapses, cr.ReviewStateReviews)
		cr.FailRate = ratio(cr.Again+cr.QuizWrong, cr.Reviews+cr.QuizAnswers)
		if acc[i].timed > 0 {
			s := round4(acc[i].time.Seconds() / float64(acc[i].timed))
			cr.MeanAnswerSeconds = &s
		}
		if acc[i].rCount > 0 {
			r := round4(acc[i].rSum / float64(acc[i].rCount))
			cr.Retrievability = &r
			cr.RetrievabilityLearners = acc[i].rCount
		}
		slices.SortStableFunc(cr.Distractors, func(x, y distractorPicks) int { return y.Picks - x.Picks })
		if cr.Learners == 0 {
			rep.Unreached = append(rep.Unreached, cr.Card)
		}
	}
	rep.Hardest = hardest(rep.Cards)
	for rank, key := range rep.Hardest {
		for i := range rep.Cards {
			if rep.Cards[i].Card == key {
				rep.Cards[i].HardestRank = rank + 1
			}
		}
	}
	return rep
}

// countPicks adds a learner's answers to a choice or multi card to its
// distractors' counts; the right options chosen are not counted.
func countPicks(cr *cardReport, picks map[string]int) {
	if cr.Distractors == nil || len(picks) == 0 {
		return
	}
	index := map[string]int{}
	known := map[string]bool{}
	for i, d := range cr.Distractors {
		index[d.Option] = i
		known[d.Option] = true
	}
	for answer, n := range picks {
		for _, opt := range splitAnswer(answer, known) {
			if i, ok := index[opt]; ok {
				cr.Distractors[i].Picks += n
			}
		}
	}
}

// hardest ranks the cards answered at least hardestMinAnswers times that
// were ever failed: by fail rate, then by the lower mean retrievability
// (unknown last), then by more lapses, then by name.
func hardest(cards []cardReport) []string {
	var cand []*cardReport
	for i := range cards {
		c := &cards[i]
		if c.Reviews+c.QuizAnswers >= hardestMinAnswers && c.FailRate != nil && *c.FailRate > 0 {
			cand = append(cand, c)
		}
	}
	slices.SortFunc(cand, func(x, y *cardReport) int {
		if d := cmp.Compare(*y.FailRate, *x.FailRate); d != 0 {
			return d
		}
		rx, ry := math.Inf(1), math.Inf(1)
		if x.Retrievability != nil {
			rx = *x.Retrievability
		}
		if y.Retrievability != nil {
			ry = *y.Retrievability
		}
		if d := cmp.Compare(rx, ry); d != 0 {
			return d
		}
		if d := cmp.Compare(y.Lapses, x.Lapses); d != 0 {
			return d
		}
		return cmp.Compare(x.Card, y.Card)
	})
	out := []string{}
	for _, c := range cand[:min(len(cand), hardestCount)] {
		out = append(out, c.Card)
	}
	return out
}

func ratio(n, of int) *float64 {
	if of == 0 {
		return nil
	}
	r := round4(float64(n) / float64(of))
	return &r
}

// round4 keeps four decimals, so that the report does not change with the
// milliseconds the clock runs on between two runs.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// Package synth writes synthetic decks and learner histories for
// benchmarks: a large deck of realistic cards, and reviews made as a learner
// who answers cards when they fall due would have made them. cmd/gendb and
// the store's benchmarks use it; steppe itself never does.
package synth

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"steppe/quiz"
	"steppe/quiz/fsrs"
	"steppe/store"
)

var (
	subjects = []string{"the Shanghai Cooperation Organization", "the Collective Security Treaty Organization", "the border commission",
		"the regional anti-terrorism structure", "the water-sharing council", "the joint customs service", "the trilateral working group",
		"the environmental monitoring platform", "the OSCE field office", "the UN regional centre"}
	verbs   = []string{"coordinate", "monitor", "finance", "negotiate", "train", "inspect", "review", "certify"}
	objects = []string{"cross-border patrols", "joint exercises", "water allocations", "counter-narcotics operations",
		"demarcation surveys", "information exchanges", "early-warning drills", "customs inspections"}
	years = []string{"1996", "2001", "2002", "2005", "2007", "2010", "2015", "2018"}
)

func pick[T any](rng *rand.Rand, s []T) T { return s[rng.IntN(len(s))] }

func question(rng *rand.Rand, id string) string {
	return fmt.Sprintf("Which body was set up to %s %s after the agreements of %s (case %s)?", pick(rng, verbs), pick(rng, objects), pick(rng, years), id)
}

func distractors(rng *rand.Rand, answer string, n int, pool []string) []string {
	var out []string
	for len(out) < n {
		w := pick(rng, pool)
		if w != answer && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// Cards makes n cards of mixed types for deck slug: about 40% choice, 20%
// typed, 15% truefalse, 10% multi, 10% basic and 5% order, each with a
// question of about 80 characters and an explanation.
func Cards(slug string, n int, rng *rand.Rand) []quiz.Card {
	cards := make([]quiz.Card, n)
	for i := range cards {
		c := &cards[i]
		c.Deck, c.ID = slug, fmt.Sprintf("c%06d", i)
		answer := pick(rng, subjects)
		c.Explain = fmt.Sprintf("%s was given this task so that the states could %s %s together rather than each alone.",
			strings.ToUpper(answer[:1])+answer[1:], pick(rng, verbs), pick(rng, objects))
		switch r := rng.IntN(100); {
		case r < 40:
			c.Type, c.Question, c.Answer, c.Wrong = quiz.Choice, question(rng, c.ID), answer, distractors(rng, answer, 3, subjects)
		case r < 60:
			c.Type = quiz.Typed
			c.Question = fmt.Sprintf("In which year were the %s agreements on %s signed (case %s)?", pick(rng, subjects)[4:], pick(rng, objects), c.ID)
			c.Answer, c.Accept = pick(rng, years), []string{"year " + pick(rng, years)}
		case r < 75:
			c.Type = quiz.TrueFalse
			c.Question = fmt.Sprintf("%s was the first body to %s %s (case %s).", strings.ToUpper(answer[:1])+answer[1:], pick(rng, verbs), pick(rng, objects), c.ID)
			c.Answer = fmt.Sprint(rng.IntN(2) == 0)
		case r < 85:
			c.Type = quiz.Multi
			c.Question = fmt.Sprintf("Which tasks does %s carry out under the %s agreement (case %s)?", answer, pick(rng, years), c.ID)
			c.Answers = distractors(rng, "", 2, objects)
			c.Wrong = distractors(rng, "", 2, []string{"space launches", "film festivals", "football leagues", "stamp printing"})
		case r < 95:
			c.Type, c.Question, c.Answer = quiz.Basic, question(rng, c.ID), answer
		default:
			c.Type = quiz.Order
			c.Question = fmt.Sprintf("Put the steps of the %s agreement in order (case %s).", pick(rng, years), c.ID)
			c.Items = []string{"sign the accord", "ratify it", "set up the secretariat", "hold the first joint exercise"}
		}
	}
	return cards
}

// WriteDeck writes n cards made by Cards to a deck file and returns them.
func WriteDeck(path, slug string, n int, rng *rand.Rand) ([]quiz.Card, error) {
	cards := Cards(slug, n, rng)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintf(w, "format: 1\ndeck: %s\ntitle: \"A synthetic deck of %d cards\"\ndescription: \"Written by cmd/gendb for benchmarks.\"\ncards:\n", slug, n)
	for i := range cards {
		c := &cards[i]
		fmt.Fprintf(w, "  - id: %s\n", c.ID)
		if c.Type != quiz.Basic {
			fmt.Fprintf(w, "    type: %s\n", c.Type)
		}
		fmt.Fprintf(w, "    q: %q\n", c.Question)
		switch c.Type {
		case quiz.Multi:
			fmt.Fprintf(w, "    answers: %s\n    wrong: %s\n", quoteList(c.Answers), quoteList(c.Wrong))
		case quiz.Order:
			fmt.Fprintf(w, "    items: %s\n", quoteList(c.Items))
		case quiz.TrueFalse:
			fmt.Fprintf(w, "    answer: %s\n", c.Answer)
		default:
			fmt.Fprintf(w, "    answer: %q\n", c.Answer)
		}
		if len(c.Accept) > 0 {
			fmt.Fprintf(w, "    accept: %s\n", quoteList(c.Accept))
		}
		if c.Type == quiz.Choice {
			fmt.Fprintf(w, "    wrong: %s\n", quoteList(c.Wrong))
		}
		fmt.Fprintf(w, "    explain: %q\n", c.Explain)
	}
	return cards, w.Flush()
}

// WriteHistory gives each card its share of the reviews, as a learner who
// answers cards when they fall due would have made them, and runs them
// through FSRS so that each card's state follows from its reviews, as
// steppe's own states do. (Shifting a history in time keeps that true but
// for calendar-day rounding, which a benchmark does not mind.)
func WriteHistory(l *store.Learner, cards []quiz.Card, total int, now time.Time, rng *rand.Rand) error {
	// Intervals of at most a year keep a card's ten-odd reviews within a
	// learner's lifetime (and within what time.Duration can shift).
	p := fsrs.DefaultParams()
	p.MaxInterval = 365
	sched, err := fsrs.New(p)
	if err != nil {
		return err
	}
	im, err := l.Import()
	if err != nil {
		return err
	}
	per := total / len(cards)
	extra := total % len(cards)
	logs := make([]quiz.ReviewLog, 0, per+1)
	for i := range cards {
		slug, id := cards[i].Deck, cards[i].ID
		n := per
		if i < extra {
			n++
		}
		// The learner answers when a card falls due, a little late: minutes
		// for learning steps, up to a fifth of the interval for reviews.
		t := now
		var m quiz.Memory
		logs = logs[:0]
		for k := range n {
			r := quiz.Good
			switch x := rng.IntN(100); {
			case k >= n-2:
				// A learner finishes a lapsed card within the session, so a
				// history ends with the card out of (re)learning.
			case x < 10:
				r = quiz.Again
			case x < 25:
				r = quiz.Hard
			case x < 35:
				r = quiz.Easy
			}
			o := sched.Next(m, t, r)
			logs = append(logs, quiz.ReviewLog{Deck: slug, CardID: id, Time: t, Rating: r, Scheduler: "fsrs",
				Duration: time.Duration(2000+rng.IntN(20000)) * time.Millisecond, Before: m, After: o.Memory})
			m = o.Memory
			ivl := m.Due.Sub(t)
			late := time.Duration(rng.Int64N(int64(ivl/5) + int64(5*time.Minute)))
			t = m.Due.Add(late)
		}
		// Shift the history so that its last review falls before today
		// (a day before now, so whatever hour the learner's day starts)
		// and now falls somewhere before a little past the card's due
		// time: most cards are not yet due, some are due today, a few are
		// overdue, and today's limits are untouched, as at the start of a
		// learner's day.
		last := logs[len(logs)-1].Time
		end := now.Add(-24 * time.Hour)
		shift := last.Sub(end) + time.Duration(rng.Float64()*1.1*float64(m.Due.Sub(last)))
		for j := range logs {
			logs[j].Time = logs[j].Time.Add(-shift)
			logs[j].Before = shifted(logs[j].Before, shift)
			logs[j].After = shifted(logs[j].After, shift)
			if err := im.Review(&logs[j]); err != nil {
				im.Rollback()
				return err
			}
		}
		if err := im.State(&store.CardState{Deck: slug, CardID: id, Memory: shifted(m, shift)}); err != nil {
			im.Rollback()
			return err
		}
	}
	return im.Commit()
}

// shifted moves a memory's times back by d; elapsed days stay as they are,
// since the whole history moves together.
func shifted(m quiz.Memory, d time.Duration) quiz.Memory {
	if !m.Due.IsZero() {
		m.Due = m.Due.Add(-d)
	}
	if !m.LastReview.IsZero() {
		m.LastReview = m.LastReview.Add(-d)
	}
	return m
}

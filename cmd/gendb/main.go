// Command gendb writes a large synthetic deck and a learner database that
// matches it, for benchmarks: by default 100,000 cards of mixed types, each
// with a question of about 80 characters, distractors and an explanation,
// and 1,000,000 reviews that FSRS turned into the cards' states.
//
//	go run ./cmd/gendb -cards 100000 -reviews 1000000 -db FILE -deck FILE.yaml
//
// It is a developer tool; steppe itself never calls it.
package main

import (
	"bufio"
	"flag"
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

func main() {
	var (
		cards   = flag.Int("cards", 100000, "cards in the deck, all with a state")
		reviews = flag.Int("reviews", 1000000, "reviews in the log")
		dbPath  = flag.String("db", "", "the database `file` to write (must not exist)")
		deck    = flag.String("deck", "", "the deck `file` to write")
		slug    = flag.String("slug", "bench", "the deck's slug")
		seed    = flag.Uint64("seed", 1, "random seed")
		nowFlag = flag.String("now", "", "the time the history ends, RFC 3339 (default: now)")
	)
	flag.Parse()
	if *dbPath == "" || *deck == "" || *cards < 1 || *reviews < *cards {
		fmt.Fprintln(os.Stderr, "gendb: want -db FILE -deck FILE.yaml, at least one card, and at least one review per card")
		flag.Usage()
		os.Exit(2)
	}
	now := time.Now()
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			fail(fmt.Errorf("-now: %w", err))
		}
		now = t
	}
	rng := rand.New(rand.NewPCG(*seed, *seed+1))
	start := time.Now()
	ids, err := writeDeck(*deck, *slug, *cards, rng)
	if err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "gendb: wrote %d cards to %s in %v\n", len(ids), *deck, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	if err := writeHistory(*dbPath, *slug, ids, *reviews, now, rng); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "gendb: wrote %d card states and %d reviews to %s in %v\n", len(ids), *reviews, *dbPath, time.Since(start).Round(time.Millisecond))
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

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gendb:", err)
	os.Exit(1)
}

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

func question(rng *rand.Rand, i int) string {
	return fmt.Sprintf("Which body was set up to %s %s after the agreements of %s (case %d)?", pick(rng, verbs), pick(rng, objects), pick(rng, years), i)
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

// writeDeck writes a deck of n cards of mixed types and returns their ids.
func writeDeck(path, slug string, n int, rng *rand.Rand) ([]string, error) {
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
	ids := make([]string, n)
	for i := range n {
		id := fmt.Sprintf("c%06d", i)
		ids[i] = id
		answer := pick(rng, subjects)
		explain := fmt.Sprintf("%s was given this task so that the states could %s %s together rather than each alone.", strings.ToUpper(answer[:1])+answer[1:], pick(rng, verbs), pick(rng, objects))
		fmt.Fprintf(w, "  - id: %s\n", id)
		switch r := rng.IntN(100); {
		case r < 40:
			fmt.Fprintf(w, "    type: choice\n    q: %q\n    answer: %q\n    wrong: %s\n", question(rng, i), answer, quoteList(distractors(rng, answer, 3, subjects)))
		case r < 60:
			fmt.Fprintf(w, "    type: typed\n    q: %q\n    answer: %s\n    accept: [%q]\n", fmt.Sprintf("In which year were the %s agreements on %s signed (case %d)?", pick(rng, subjects)[4:], pick(rng, objects), i), pick(rng, years), "year "+pick(rng, years))
		case r < 75:
			fmt.Fprintf(w, "    type: truefalse\n    q: %q\n    answer: %v\n", fmt.Sprintf("%s was the first body to %s %s (case %d).", strings.ToUpper(answer[:1])+answer[1:], pick(rng, verbs), pick(rng, objects), i), rng.IntN(2) == 0)
		case r < 85:
			right := distractors(rng, "", 2, objects)
			fmt.Fprintf(w, "    type: multi\n    q: %q\n    answers: %s\n    wrong: %s\n", fmt.Sprintf("Which tasks does %s carry out under the %s agreement (case %d)?", answer, pick(rng, years), i), quoteList(right), quoteList(distractors(rng, right[0]+right[1], 2, []string{"space launches", "film festivals", "football leagues", "stamp printing"})))
		case r < 95:
			fmt.Fprintf(w, "    q: %q\n    answer: %q\n", question(rng, i), answer)
		default:
			fmt.Fprintf(w, "    type: order\n    q: %q\n    items: [\"sign the accord\", \"ratify it\", \"set up the secretariat\", \"hold the first joint exercise\"]\n", fmt.Sprintf("Put the steps of the %s agreement in order (case %d).", pick(rng, years), i))
		}
		fmt.Fprintf(w, "    explain: %q\n", explain)
	}
	return ids, w.Flush()
}

// writeHistory gives each card its share of the reviews, as a learner who
// answers cards when they fall due would have made them, and runs them
// through FSRS so that each card's state follows from its reviews, as
// steppe's own states do. (Shifting a history in time keeps that true but
// for calendar-day rounding, which a benchmark does not mind.)
func writeHistory(path, slug string, ids []string, total int, now time.Time, rng *rand.Rand) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists; gendb writes a new database", path)
	}
	db, err := store.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	l, err := db.Profile("default")
	if err != nil {
		return err
	}
	sched, err := fsrs.New(fsrs.DefaultParams())
	if err != nil {
		return err
	}
	im, err := l.Import()
	if err != nil {
		return err
	}
	per := total / len(ids)
	extra := total % len(ids)
	logs := make([]quiz.ReviewLog, 0, per+1)
	for i, id := range ids {
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
		// Shift the history so that now falls somewhere between the last
		// review and a little past the card's due time: most cards are not
		// yet due, some are due today, a few are overdue.
		last := logs[len(logs)-1].Time
		shift := last.Sub(now) + time.Duration(rng.Float64()*1.1*float64(m.Due.Sub(last)))
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

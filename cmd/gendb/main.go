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
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"steppe/store"
	"steppe/store/synth"
)

func main() {
	var (
		nCards  = flag.Int("cards", 100000, "cards in the deck, all with a state")
		reviews = flag.Int("reviews", 1000000, "reviews in the log")
		dbPath  = flag.String("db", "", "the database `file` to write (must not exist)")
		deck    = flag.String("deck", "", "the deck `file` to write")
		slug    = flag.String("slug", "bench", "the deck's slug")
		seed    = flag.Uint64("seed", 1, "random seed")
		nowFlag = flag.String("now", "", "the time the history ends, RFC 3339 (default: now)")
	)
	flag.Parse()
	if *dbPath == "" || *deck == "" || *nCards < 1 || *reviews < *nCards {
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
	if _, err := os.Stat(*dbPath); err == nil {
		fail(fmt.Errorf("%s exists; gendb writes a new database", *dbPath))
	}
	rng := rand.New(rand.NewPCG(*seed, *seed+1))
	start := time.Now()
	cards, err := synth.WriteDeck(*deck, *slug, *nCards, rng)
	if err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "gendb: wrote %d cards to %s in %v\n", len(cards), *deck, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	db, err := store.Open(*dbPath)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	l, err := db.Profile("default")
	if err != nil {
		fail(err)
	}
	if err := synth.WriteHistory(l, cards, *reviews, now, rng); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "gendb: wrote %d card states and %d reviews to %s in %v\n", len(cards), *reviews, *dbPath, time.Since(start).Round(time.Millisecond))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gendb:", err)
	os.Exit(1)
}

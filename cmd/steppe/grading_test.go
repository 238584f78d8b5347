package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"steppe/quiz"
	"steppe/store"
)

const gradingDeck = `format: 1
deck: tf
title: "True or false"
cards:
  - id: old
    type: truefalse
    q: "The SCO was formed in 2001."
    answer: true
  - id: quick
    type: truefalse
    q: "The CSTO is a military alliance."
    answer: true
  - id: slow
    type: truefalse
    q: "Water is a source of regional tension."
    answer: true
`

// TestSlowAnswerProposesHard drills with a history of 25 truefalse answers
// of a second each: a right answer given at once is proposed Good, and one
// given after 3 seconds, more than 2.5 times the median, Hard, with the
// reason in the prompt; Enter takes the proposal. The clock is real, so the
// test waits those seconds.
func TestSlowAnswerProposesHard(t *testing.T) {
	if testing.Short() {
		t.Skip("waits 3 s for a slow answer")
	}
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("STEPPE_NOW", "")
	t.Setenv("NO_COLOR", "1")
	deck := filepath.Join(dir, "tf.yaml")
	dbPath := filepath.Join(dir, "steppe.db")
	if err := os.WriteFile(deck, []byte(gradingDeck), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	// A first run caches the deck, so that the history has its card type.
	if code := run([]string{"--db", dbPath, "drill", deck, "--plain"}, strings.NewReader(":q\n"), &out, &errOut); code != 0 {
		t.Fatalf("first drill: status %d: %s", code, errOut.String())
	}
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	l, err := db.Profile("default")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var history []quiz.ReviewLog
	for i := range 25 {
		at := now.AddDate(0, 0, -40).Add(time.Duration(i) * time.Hour)
		history = append(history, quiz.ReviewLog{Deck: "tf", CardID: "old", Time: at, Rating: quiz.Good,
			Verdict: quiz.Correct, Duration: time.Second, Scheduler: "fsrs"})
	}
	later := quiz.Memory{State: quiz.Review, Stability: 60, Difficulty: 5, Due: now.AddDate(0, 0, 30),
		LastReview: now.AddDate(0, 0, -1), ScheduledDays: 31, Reps: 25}
	if err := l.ImportHistory([]store.CardState{{Deck: "tf", CardID: "old", Memory: later}}, history); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	in, feed := io.Pipe()
	go func() {
		io.WriteString(feed, "t\n\n") // quick: at once
		time.Sleep(3 * time.Second)
		io.WriteString(feed, "t\n\n") // slow
		feed.Close()
	}()
	out.Reset()
	errOut.Reset()
	if code := run([]string{"--db", dbPath, "drill", deck, "--plain"}, in, &out, &errOut); code != 0 {
		t.Fatalf("drill: status %d: %s", code, errOut.String())
	}
	quick := regexp.MustCompile(`(?m)^Enter for good · \w+, or 1-4> $`)
	slow := regexp.MustCompile(`(?m)^Enter for hard · \w+ \(slow: [23](\.\d)?s, your median 1s\), or 1-4> $`)
	if !quick.MatchString(out.String()) || !slow.MatchString(out.String()) {
		t.Fatalf("want a good and a slow hard proposal:\n%s", out.String())
	}

	db, err = store.OpenReadOnly(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l, err = db.Profile("default")
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]quiz.Rating{"quick": quiz.Good, "slow": quiz.Hard} {
		rs, err := l.Reviews("tf", id)
		if err != nil || len(rs) != 1 || rs[0].Rating != want || rs[0].Verdict != quiz.Correct {
			t.Errorf("%s: reviews %+v, %v; want one correct answer rated %v", id, rs, err, want)
		}
	}
	// The two answers now count among the answer times.
	if ts, err := l.RecentDurations(quiz.TrueFalse, quiz.PaceWindow); err != nil || len(ts) < 26 || ts[0] <= 2500*time.Millisecond {
		t.Errorf("answer times %v, %v; want the slow answer first of 26 or 27", ts[:min(len(ts), 3)], err)
	}
}

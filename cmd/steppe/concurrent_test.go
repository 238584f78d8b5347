package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestTwoDrillsAtOnce runs two plain-mode drills on one database and one
// deck at the same time, each fed its answers as fast as a pipe takes them.
// Both must end cleanly, with nothing on stderr (no "database is locked"),
// and every answer of both must be in the review log: DESIGN.md's
// busy_timeout makes the second writer wait instead of failing.
func TestTwoDrillsAtOnce(t *testing.T) {
	for _, fresh := range []bool{true, false} {
		name := "existing database"
		if fresh {
			// Both processes also create the file, migrate it, and cache
			// the deck at once.
			name = "new database"
		}
		t.Run(name, func(t *testing.T) { twoDrillsAtOnce(t, fresh) })
	}
}

func twoDrillsAtOnce(t *testing.T, fresh bool) {
	dir := t.TempDir()
	var cards []string
	for i := 1; i <= 40; i++ {
		cards = append(cards, basicCard(fmt.Sprintf("c%02d", i)))
	}
	deck := writeDeck(t, dir, "pair", cards)
	dbPath := filepath.Join(dir, "steppe.db")
	if !fresh {
		// A first run with nothing to answer creates the database and
		// caches the deck.
		cmd := steppeCommand(t, dir, "drill", deck, "--db", dbPath, "--plain")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("first run: %v\n%s", err, out)
		}
	}

	// Each session answers 15 basic cards, each with a reveal line and a
	// rating, then its input ends. --new lets each have 20 new cards
	// whatever the other has answered by the time it starts.
	const perSession = 15
	var answers strings.Builder
	for i := range perSession {
		fmt.Fprintf(&answers, "\n%d\n", i%4+1)
	}
	type result struct {
		err            error
		stdout, stderr bytes.Buffer
	}
	var (
		results [2]result
		cmds    [2]*exec.Cmd
		wg      sync.WaitGroup
	)
	for i := range cmds {
		cmds[i] = steppeCommand(t, dir, "drill", deck, "--db", dbPath, "--new", "20", "--seed", fmt.Sprint(i+1), "--plain")
		cmds[i].Stdin = strings.NewReader(answers.String())
		cmds[i].Stdout = &results[i].stdout
		cmds[i].Stderr = &results[i].stderr
	}
	for i, cmd := range cmds {
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i].err = cmd.Wait()
		}()
	}
	wg.Wait()

	want := fmt.Sprintf("Session over: %d cards, %d answers,", perSession, perSession)
	for i, r := range results {
		if r.err != nil {
			t.Errorf("session %d: %v", i+1, r.err)
		}
		if r.stderr.Len() > 0 {
			t.Errorf("session %d wrote to stderr:\n%s", i+1, r.stderr.String())
		}
		if !strings.Contains(r.stdout.String(), want) {
			t.Errorf("session %d: no %q in its output:\n%s", i+1, want, r.stdout.String())
		}
	}

	reviews := openReviews(t, dbPath)
	if len(reviews) != 2*perSession {
		t.Errorf("%d reviews in the log, want %d: every answer of both sessions", len(reviews), 2*perSession)
	}
	bySession := map[int64]int{}
	for _, r := range reviews {
		bySession[r.SessionID]++
		if r.Undone || r.Reset {
			t.Errorf("review %d of %s is marked undone or reset", r.ID, r.CardID)
		}
	}
	if len(bySession) != 2 {
		t.Errorf("reviews by session: %v, want two sessions", bySession)
	}
	for id, n := range bySession {
		if n != perSession {
			t.Errorf("session %d has %d reviews, want %d", id, n, perSession)
		}
	}
}

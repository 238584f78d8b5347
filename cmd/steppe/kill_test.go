package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"steppe/quiz"
	"steppe/store"
)

// This file and its neighbours start real steppe processes: this test
// binary, run again with STEPPE_TEST_RUN_MAIN=1 (see TestMain).

// testNow is the fixed clock of the process tests, as in the testscripts.
const testNow = "2026-01-05T09:30:00Z"

// steppeCommand returns a command that runs steppe with args, with its own
// home, data and config folders under dir, a fixed clock, UTC and no
// colour. Variables of the caller's environment that steppe reads are
// dropped.
func steppeCommand(t *testing.T, dir string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "STEPPE_"), strings.HasPrefix(name, "XDG_"),
			name == "HOME", name == "NO_COLOR", name == "TZ", name == "TERM":
			continue
		}
		env = append(env, kv)
	}
	cmd.Env = append(env,
		"STEPPE_TEST_RUN_MAIN=1",
		"STEPPE_NOW="+testNow,
		"HOME="+filepath.Join(dir, "home"),
		"XDG_DATA_HOME="+filepath.Join(dir, "data"),
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"TZ=UTC",
		"NO_COLOR=1",
	)
	return cmd
}

// writeDeck writes a deck file of cards (YAML list items, already
// indented) and returns its path.
func writeDeck(t *testing.T, dir, slug string, cards []string) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "format: 1\ndeck: %s\ntitle: \"Deck %s\"\ncards:\n", slug, slug)
	for _, c := range cards {
		b.WriteString(c)
	}
	path := filepath.Join(dir, slug+".yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// basicCard is a deck entry whose question names its id: "What is card ID?".
func basicCard(id string) string {
	return fmt.Sprintf("  - id: %s\n    q: \"What is card %s?\"\n    answer: \"answer %s\"\n", id, id, id)
}

func choiceCard(id string) string {
	return fmt.Sprintf("  - id: %s\n    type: choice\n    q: \"What is card %s?\"\n    answer: \"right %s\"\n    wrong: [\"wrong a\", \"wrong b\", \"wrong c\"]\n", id, id, id)
}

// shownCard finds the card id in what a card's first prompt printed.
var shownCard = regexp.MustCompile(`What is card (\S+)\?`)

// plainRun is a steppe process in plain mode, driven prompt by prompt
// through pipes.
type plainRun struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr bytes.Buffer

	mu      sync.Mutex
	out     []byte
	eof     bool
	changed chan struct{} // a token whenever out grows or ends
	seen    int           // how much of out the test has looked at
}

func startPlain(t *testing.T, cmd *exec.Cmd) *plainRun {
	t.Helper()
	p := &plainRun{t: t, cmd: cmd, changed: make(chan struct{}, 1)}
	var err error
	if p.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = &p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// A test that failed half way must not leave a process behind.
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := stdout.Read(buf)
			p.mu.Lock()
			p.out = append(p.out, buf[:n]...)
			p.eof = err != nil
			p.mu.Unlock()
			select {
			case p.changed <- struct{}{}:
			default:
			}
			if err != nil {
				return
			}
		}
	}()
	return p
}

// prompt waits for the next prompt: output since the last one that ends in
// "> ", which plain mode prints only when it waits for a line. It returns
// that output, the prompt's line last.
func (p *plainRun) prompt() string {
	p.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		p.mu.Lock()
		fresh, eof := string(p.out[p.seen:]), p.eof
		if strings.HasSuffix(fresh, "> ") {
			p.seen = len(p.out)
		}
		p.mu.Unlock()
		switch {
		case strings.HasSuffix(fresh, "> "):
			return fresh
		case eof:
			p.t.Fatalf("steppe ended before the next prompt; output since the last one:\n%s\nstderr:\n%s", fresh, p.stderr.String())
		}
		select {
		case <-p.changed:
		case <-deadline:
			p.t.Fatalf("no prompt within 10s; output since the last one:\n%s", fresh)
		}
	}
}

func (p *plainRun) send(line string) {
	p.t.Helper()
	if _, err := io.WriteString(p.stdin, line+"\n"); err != nil {
		p.t.Fatalf("write %q to steppe: %v", line, err)
	}
}

// lastLine is the prompt's own line in what prompt returned.
func lastLine(s string) string {
	return s[strings.LastIndexByte(s, '\n')+1:]
}

// answerCard answers the card whose first prompt is out, up to and
// including its rating line, and returns the card's id. It does not wait
// for what follows the rating.
func (p *plainRun) answerCard(out string, rating string) string {
	p.t.Helper()
	m := shownCard.FindStringSubmatch(out)
	if m == nil {
		p.t.Fatalf("no card question before the prompt:\n%s", out)
	}
	switch prompt := lastLine(out); {
	case prompt == "show the answer> ":
		p.send("")
		if r := lastLine(p.prompt()); !strings.HasPrefix(r, "rate it: ") {
			p.t.Fatalf("after the reveal: prompt %q, want the rating", r)
		}
		p.send(rating)
	case strings.HasPrefix(prompt, "answer 1-"):
		p.send("1")
		if r := lastLine(p.prompt()); !strings.HasPrefix(r, "Enter for ") {
			p.t.Fatalf("after the choice: prompt %q, want the rating", r)
		}
		p.send("") // the grade's rating
	default:
		p.t.Fatalf("card %s: unexpected prompt %q", m[1], prompt)
	}
	return m[1]
}

// openReviews opens the database read-only, checks its integrity, and
// returns the default learner's reviews.
func openReviews(t *testing.T, path string) []quiz.ReviewLog {
	t.Helper()
	db, err := store.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(); err != nil {
		t.Error(err)
	}
	learner, err := db.Profile("default")
	if err != nil {
		t.Fatal(err)
	}
	var out []quiz.ReviewLog
	for r, err := range learner.AllReviews() {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// TestKilledDrillKeepsAnswers kills a plain-mode drill with SIGKILL while
// it waits at a prompt: every card answered before it, and nothing else, is
// in the review log, and the file passes SQLite's integrity check.
func TestKilledDrillKeepsAnswers(t *testing.T) {
	dir := t.TempDir()
	var cards []string
	for i := 1; i <= 10; i++ {
		id := fmt.Sprintf("c%02d", i)
		if i%2 == 0 {
			cards = append(cards, choiceCard(id))
		} else {
			cards = append(cards, basicCard(id))
		}
	}
	deck := writeDeck(t, dir, "kill", cards)
	dbPath := filepath.Join(dir, "steppe.db")
	const answers = 4

	p := startPlain(t, steppeCommand(t, dir, "drill", deck, "--db", dbPath, "--seed", "7", "--plain"))
	answered := map[string]bool{}
	out := p.prompt()
	for range answers {
		id := p.answerCard(out, "3")
		answered[id] = true
		// The next card's first prompt shows that the answer is
		// committed: DESIGN.md commits before printing anything else.
		out = p.prompt()
	}
	next := shownCard.FindStringSubmatch(out)
	if next == nil || answered[next[1]] {
		t.Fatalf("after %d answers, want a new card at the prompt; got:\n%s", answers, out)
	}
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	var exit *exec.ExitError
	if err := p.cmd.Wait(); !errors.As(err, &exit) || exit.Exited() {
		t.Fatalf("steppe was not killed: %v", err)
	}
	if _, err := os.Stat(dbPath + "-wal"); err != nil {
		t.Logf("no write-ahead log left by the kill: %v", err)
	}

	reviews := openReviews(t, dbPath)
	got := map[string]bool{}
	for _, r := range reviews {
		if r.Undone || r.Reset {
			t.Errorf("review of %s is marked undone or reset", r.CardID)
		}
		if got[r.CardID] {
			t.Errorf("two reviews of %s", r.CardID)
		}
		got[r.CardID] = true
	}
	if len(reviews) != answers || len(got) != len(answered) {
		t.Errorf("%d reviews of %d cards in the log, want %d: one per card answered", len(reviews), len(got), answers)
	}
	for id := range answered {
		if !got[id] {
			t.Errorf("card %s was answered but its review is lost", id)
		}
	}
	if got[next[1]] {
		t.Errorf("card %s, shown but not answered, has a review", next[1])
	}

	// A read-write open recovers the log, and finds the file sound.
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(); err != nil {
		t.Error(err)
	}
}

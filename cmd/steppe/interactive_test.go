//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	expect "github.com/Netflix/go-expect"
	"github.com/hinshun/vt10x"
	"golang.org/x/sys/unix"

	"steppe/quiz"
)

// Keys as a terminal sends them.
const (
	keyEnter = "\r"
	keyUp    = "\x1b[A"
	keyDown  = "\x1b[B"
	keyCtrlC = "\x03"
	keyCtrlD = "\x04"
)

// ttyDrill is a steppe process on a pseudo-terminal, as a learner at a
// terminal runs it: go-expect reads what it prints into a vt10x screen,
// which also answers the cursor-position queries survey sends.
type ttyDrill struct {
	t      *testing.T
	c      *expect.Console
	screen vt10x.Terminal
	exited chan error // steppe's exit
	ended  bool       // exited has been read
}

// consoleWriter hands what the vt10x screen answers back to the console as
// input; the console is made after the screen.
type consoleWriter struct{ c *expect.Console }

func (w *consoleWriter) Write(b []byte) (int, error) { return w.c.Write(b) }

// expect reads until s, and returns what was read.
func (d *ttyDrill) expect(s string) string {
	d.t.Helper()
	out, err := d.c.ExpectString(s)
	if err != nil {
		d.t.Fatalf("waiting for %q: %v\nread:\n%q\nscreen:\n%s", s, err, out, d.screen.String())
	}
	return out
}

// ready waits until survey has put the terminal in raw mode, so that the
// keys sent next go to the prompt just shown: survey draws a prompt first and
// switches modes after, and a key sent in between would be echoed, or lost
// (Ctrl-C).
func (d *ttyDrill) ready() {
	d.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		tio, err := unix.IoctlGetTermios(int(d.c.Tty().Fd()), unix.TCGETS)
		if err != nil {
			d.t.Fatal(err)
		}
		if tio.Lflag&unix.ICANON == 0 {
			return
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("the prompt never took the keyboard; screen:\n%s", d.screen.String())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// send types keys at the prompt just expected.
func (d *ttyDrill) send(keys string) {
	d.t.Helper()
	d.ready()
	if _, err := d.c.Send(keys); err != nil {
		d.t.Fatal(err)
	}
}

// ttyQuestions are the questions of the deck in TestInteractiveDrill, by card.
var ttyQuestions = map[string]string{
	"capital": "What is the capital of Kazakhstan?",
	"sco":     "In which year was the SCO formed?",
	"csto":    "Which treaty organization did Russia lead",
	"water":   "Water scarcity is named as a source",
}

const ttyDeck = `format: 1
deck: tty
title: "Interactive"
cards:
  - id: capital
    q: "What is the capital of Kazakhstan?"
    answer: Astana
    explain: "Astana has been the capital since 1997."
  - id: sco
    type: choice
    q: "In which year was the SCO formed?"
    answer: 2001
    wrong: ["1991", "1996", "2008"]
  - id: csto
    type: typed
    q: "Which treaty organization did Russia lead with several Central Asian states?"
    answer: "Collective Security Treaty Organization"
    accept: [CSTO]
  - id: water
    type: truefalse
    q: "Water scarcity is named as a source of regional tension."
    answer: true
`

// startTTY starts `steppe drill deck --seed 3` on a pseudo-terminal with
// colour on.
func startTTY(t *testing.T, dir, deck, dbPath string) *ttyDrill {
	t.Helper()
	return startOnTTY(t, dir, true, "drill", deck, "--db", dbPath, "--seed", "3")
}

// startOnTTY starts steppe with args, in dir, on a new pseudo-terminal, 80
// by 30, that is also its controlling terminal. There is no --plain: steppe
// sees a terminal on stdin and stdout; colour is on when asked for. It skips
// the test only when no pseudo-terminal can be had.
func startOnTTY(t *testing.T, dir string, colour bool, args ...string) *ttyDrill {
	t.Helper()
	reply := &consoleWriter{}
	screen := vt10x.New(vt10x.WithWriter(reply), vt10x.WithSize(80, 30))
	c, err := expect.NewConsole(expect.WithStdout(screen), expect.WithDefaultTimeout(10*time.Second))
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	reply.c = c
	if err := unix.IoctlSetWinsize(int(c.Tty().Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 30, Col: 80}); err != nil {
		c.Close()
		t.Fatal(err)
	}
	d := &ttyDrill{t: t, c: c, screen: screen, exited: make(chan error, 1)}

	cmd := steppeCommand(t, dir, args...)
	cmd.Dir = dir
	if colour {
		env := cmd.Env[:0]
		for _, kv := range cmd.Env {
			if !strings.HasPrefix(kv, "NO_COLOR=") {
				env = append(env, kv)
			}
		}
		cmd.Env = env
	}
	cmd.Env = append(cmd.Env, "TERM=xterm-256color")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Tty(), c.Tty(), c.Tty()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		c.Close()
		t.Fatal(err)
	}
	go func() { d.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		// A test that failed half way must not leave steppe behind.
		if !d.ended {
			cmd.Process.Kill()
			<-d.exited
		}
		c.Close()
	})
	return d
}

// end waits for steppe to end, with status 0.
func (d *ttyDrill) end() {
	d.t.Helper()
	select {
	case err := <-d.exited:
		d.ended = true
		if err != nil {
			d.t.Errorf("steppe ended with %v; screen:\n%s", err, d.screen.String())
		}
	case <-time.After(10 * time.Second):
		d.t.Fatalf("steppe did not end; screen:\n%s", d.screen.String())
	}
}

// writeTTYDeck writes ttyDeck into dir and returns its path and a
// database path beside it.
func writeTTYDeck(t *testing.T, dir string) (deck, dbPath string) {
	t.Helper()
	deck = filepath.Join(dir, "tty.yaml")
	if err := os.WriteFile(deck, []byte(ttyDeck), 0o644); err != nil {
		t.Fatal(err)
	}
	return deck, filepath.Join(dir, "steppe.db")
}

// TestInteractiveDrill drives the survey mode through a pseudo-terminal, as
// a learner at a terminal does, with arrow keys, Enter and Ctrl-C, and then
// checks what the database holds, not what the screen shows: each card's
// rating, answer and verdict are what was sent.
func TestInteractiveDrill(t *testing.T) {
	dir := t.TempDir()
	deck, dbPath := writeTTYDeck(t, dir)
	d := startTTY(t, dir, deck, dbPath)
	c, screen := d.c, d.screen

	// What each card gets, whatever order the session shows them in.
	type sent struct {
		rating  quiz.Rating
		answer  string
		verdict quiz.Verdict
	}
	want := map[string]sent{}
	for n := 1; n <= 4; n++ {
		out := d.expectQuestion()
		card := ""
		for id, q := range ttyQuestions {
			if strings.Contains(out, q) {
				card = id
			}
		}
		switch card {
		case "capital":
			// Enter reveals the answer; the menu starts at good, one down
			// is easy.
			d.expect("show the answer (Enter)")
			d.send(keyEnter)
			d.expect("Astana has been the capital since 1997.")
			d.expect("Quit; answers are saved (:q)")
			d.send(keyDown + keyEnter)
			want[card] = sent{quiz.Easy, "", quiz.Ungraded}
		case "sco":
			// Find 2001 in the menu, which starts at its first option.
			d.expect("Your answer")
			options := []string{"1991", "1996", "2001", "2008"}
			var all []expect.ExpectOpt
			for _, o := range options {
				all = append(all, expect.String(o))
			}
			menu, err := c.Expect(expect.All(all...))
			if err != nil {
				t.Fatalf("waiting for the options: %v\nread:\n%q", err, menu)
			}
			pos := 0
			for _, o := range options {
				if strings.Index(menu, o) < strings.Index(menu, "2001") {
					pos++
				}
			}
			d.send(strings.Repeat(keyDown, pos) + keyEnter)
			// Colour is on at a terminal: the verdict is green.
			d.expect("\x1b[32mcorrect")
			// The grade's rating, good, is selected: Enter takes it.
			d.expect("Quit; answers are saved (:q)")
			d.send(keyEnter)
			want[card] = sent{quiz.Good, "2001", quiz.Correct}
		case "csto":
			d.expect("Your answer")
			d.send("CSTO" + keyEnter)
			d.expect("correct")
			// Good is selected; one up is hard.
			d.expect("Quit; answers are saved (:q)")
			d.send(keyUp + keyEnter)
			want[card] = sent{quiz.Hard, "CSTO", quiz.Correct}
		case "water":
			// True is first; one down is False, the wrong answer.
			d.expect("Your answer")
			d.send(keyDown + keyEnter)
			d.expect("\x1b[31mwrong")
			// The grade's rating, again, is selected: Enter takes it.
			d.expect("Quit; answers are saved (:q)")
			d.send(keyEnter)
			want[card] = sent{quiz.Again, "false", quiz.Wrong}
		default:
			t.Fatalf("card %d: no known question in:\n%s\nscreen:\n%s", n, out, screen.String())
		}
	}

	// A learning card comes back early, as nothing else is left; Ctrl-C at
	// its prompt ends the session with the summary and status 0.
	d.expect("5/")
	d.expectQuestion()
	d.send(keyCtrlC)
	d.expect("Session over: 4 cards, 4 answers")
	d.expect("Next card due")
	d.end()

	reviews := openReviews(t, dbPath)
	if len(reviews) != len(want) {
		t.Errorf("%d reviews, want %d", len(reviews), len(want))
	}
	for _, r := range reviews {
		w, ok := want[r.CardID]
		if !ok {
			t.Errorf("review of %s, which was not answered", r.CardID)
			continue
		}
		delete(want, r.CardID)
		if r.Rating != w.rating || r.Answer != w.answer || r.Verdict != w.verdict {
			t.Errorf("%s: rating %v, answer %q, verdict %v; want %v, %q, %v",
				r.CardID, r.Rating, r.Answer, r.Verdict, w.rating, w.answer, w.verdict)
		}
	}
	for id := range want {
		t.Errorf("no review of %s", id)
	}
}

// expectQuestion reads until a question of the deck has been shown, and
// returns what was read.
func (d *ttyDrill) expectQuestion() string {
	d.t.Helper()
	var qs []string
	for _, q := range ttyQuestions {
		qs = append(qs, q)
	}
	out, err := d.c.Expect(expect.String(qs...))
	if err != nil {
		d.t.Fatalf("waiting for a question: %v\nread:\n%q\nscreen:\n%s", err, out, d.screen.String())
	}
	return out
}

// TestInteractiveCtrlD checks that Ctrl-D at a menu ends the session, as end
// of input does in plain mode, and records nothing: survey alone would take
// it as Enter and record the highlighted option as the learner's answer.
func TestInteractiveCtrlD(t *testing.T) {
	dir := t.TempDir()
	deck, dbPath := writeTTYDeck(t, dir)
	d := startTTY(t, dir, deck, dbPath)
	// New cards come in deck order: the basic card is first. Ctrl-D at its
	// rating menu, where survey would record the highlighted "good".
	if out := d.expectQuestion(); !strings.Contains(out, ttyQuestions["capital"]) {
		t.Fatalf("the first card is not the deck's first:\n%s", out)
	}
	d.expect("show the answer (Enter)")
	d.send(keyEnter)
	d.expect("Quit; answers are saved (:q)")
	d.send(keyCtrlD)
	d.expect("Nothing answered in this session.")
	d.end()
	if reviews := openReviews(t, dbPath); len(reviews) != 0 {
		t.Errorf("%d reviews after Ctrl-D, want none: %+v", len(reviews), reviews)
	}
}

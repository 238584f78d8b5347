//go:build linux

package main

import (
	"strings"
	"testing"

	expect "github.com/Netflix/go-expect"

	"steppe/quiz"
	"steppe/store"
)

// TestInteractiveQuiz takes a quiz through survey on a pseudo-terminal:
// the choice by the arrow keys, the typed answer after a command that does
// not apply, Enter at each continue prompt, and Ctrl-C at the last question.
// The database then holds the two answers, right, and no review.
func TestInteractiveQuiz(t *testing.T) {
	dir := t.TempDir()
	deck, dbPath := writeTTYDeck(t, dir)
	d := startOnTTY(t, dir, true, "quiz", deck, "--db", dbPath, "--seed", "3")
	d.expect("Quiz: 3 questions from tty")
	want := map[string]string{} // card: the answer sent
	for n := 1; n <= 2; n++ {
		out := d.expectQuestion()
		switch {
		case strings.Contains(out, ttyQuestions["sco"]):
			d.expect("Your answer")
			options := []string{"1991", "1996", "2001", "2008"}
			var all []expect.ExpectOpt
			for _, o := range options {
				all = append(all, expect.String(o))
			}
			menu, err := d.c.Expect(expect.All(all...))
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
			want["sco"] = "2001"
		case strings.Contains(out, ttyQuestions["csto"]):
			d.expect("Your answer")
			d.send(":s" + keyEnter)
			d.expect("does not apply in a quiz")
			d.expect("Your answer")
			d.send("CSTO" + keyEnter)
			want["csto"] = "CSTO"
		case strings.Contains(out, ttyQuestions["water"]):
			d.expect("Your answer")
			d.send(keyEnter) // True comes first
			want["water"] = "true"
		default:
			t.Fatalf("question %d: not an auto-graded one:\n%s", n, out)
		}
		d.expect("\x1b[32mcorrect")
		d.expect("Next question (Enter)")
		d.send(keyEnter)
	}
	d.expect("3/3 · score 2/2")
	d.expectQuestion()
	d.send(keyCtrlC)
	d.expect("Quiz ended early: 2 of 3 questions answered.")
	d.expect("Score: 2/3 (67%)")
	d.end()

	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l, err := db.Profile("default")
	if err != nil {
		t.Fatal(err)
	}
	qs, err := l.Quizzes()
	if err != nil || len(qs) != 1 || qs[0].Answered != 2 || qs[0].How != store.QuizQuit {
		t.Fatalf("quizzes %+v, %v", qs, err)
	}
	answers, err := l.QuizAnswers(qs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range answers {
		if w, ok := want[a.CardID]; !ok || a.Answer != w || a.Verdict != quiz.Correct || a.Credit != 1 {
			t.Errorf("%s: answer %q, verdict %v, credit %v; want %q, right", a.CardID, a.Answer, a.Verdict, a.Credit, w)
		}
		delete(want, a.CardID)
	}
	for id := range want {
		t.Errorf("no answer to %s", id)
	}
	if states, err := l.States(); err != nil || len(states) != 0 {
		t.Errorf("card states after a quiz: %v, %v", states, err)
	}
}

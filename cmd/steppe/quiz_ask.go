package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"steppe/quiz"
	"steppe/store"
)

// loop asks the questions until they are done, the learner quits or the
// time runs out, and says which of the three it was.
func (q *quizzer) loop() (string, error) {
	for {
		select {
		case <-q.interrupt:
			return store.QuizQuit, nil
		default:
		}
		pos, card, ok := q.exam.Next()
		if !ok {
			return store.QuizFinished, nil
		}
		if q.exam.Start.IsZero() {
			q.exam.Begin(q.clock(), q.limit) // the clock starts at the first question
		} else if q.exam.TimeUp(q.clock()) {
			q.scr.println(q.scr.yellow("time is up: the time limit of " + formatLimit(q.limit) + " has run out"))
			return store.QuizTimeUp, nil
		}
		how, err := q.question(pos, card)
		if err != nil || how != "" {
			return how, err
		}
	}
}

const quizHelp = `commands: :q end the quiz (answers are saved), :e where the card is defined,
:? this list; :u, :s and :b do not apply in a quiz`

// ask runs one prompt until it gets an answer, handling the commands that
// leave the question where it is; ok is false when the learner quits.
func (q *quizzer) ask(card *quiz.Card, prompt func() (reply, error)) (r reply, ok bool, err error) {
	for {
		if r, err = prompt(); err != nil {
			return r, false, err
		}
		switch r.cmd {
		case cmdNone:
			return r, true, nil
		case cmdQuit:
			return r, false, nil
		case cmdHelp:
			q.scr.println(q.scr.wrap(quizHelp, 0))
		case cmdWhere:
			q.scr.println(q.scr.wrap(fmt.Sprintf("%s is defined at %s:%d", card.Key(), card.File, card.Line), 0))
		default:
			q.scr.println(q.scr.wrap(fmt.Sprintf(":%c does not apply in a quiz, which leaves your schedule alone; :? lists the commands", r.cmd), 0))
		}
	}
}

// question asks one question, saves the answer and shows the verdict. It
// returns how the quiz ends when it ends here ("" when it goes on).
func (q *quizzer) question(pos int, card *quiz.Card) (string, error) {
	q.header(pos, card)
	shown := q.clock()
	var (
		grade  quiz.Grade
		answer string
		picked []string // an order card's items as placed
		r      reply
		ok     bool
		err    error
	)
	quit := func() (string, error) { return store.QuizQuit, err }
	opts := quiz.Options(card, q.exam.Rand())
	switch card.Type {
	case quiz.Basic, quiz.Cloze:
		if _, ok, err = q.ask(card, func() (reply, error) { return q.ui.reveal("show the answer") }); !ok {
			return quit()
		}
		q.scr.println(q.scr.hang("answer: ", card.Answer))
		if card.Explain != "" {
			q.scr.println(q.scr.wrap(card.Explain, 0))
		}
		labels := [4]string{"again · I did not know it", "hard · I knew it, just", "good · I knew it", "easy · I knew it well"}
		msg := "did you know it? 1 again (no), 2 hard, 3 good, 4 easy"
		if q.interactive {
			msg = "Did you know it?"
		}
		if r, ok, err = q.ask(card, func() (reply, error) { return q.ui.rate(msg, labels, 0) }); !ok {
			return quit()
		}
		grade = quiz.SelfGrade(card, r.rating)
		answer = r.rating.String()
	case quiz.Choice:
		msg := "Your answer"
		if !q.interactive {
			q.scr.options(opts)
			msg = fmt.Sprintf("answer 1-%d", len(opts))
		}
		if r, ok, err = q.ask(card, func() (reply, error) { return q.ui.choose(msg, opts) }); !ok {
			return quit()
		}
		answer = opts[r.index]
		grade = quiz.CheckChoice(card, answer)
	case quiz.Multi:
		msg := "Every right answer"
		if !q.interactive {
			q.scr.options(opts)
			msg = "the right answers, e.g. 1 3"
		}
		if r, ok, err = q.ask(card, func() (reply, error) { return q.ui.chooseMany(msg, opts) }); !ok {
			return quit()
		}
		chosen := pick(opts, r.indices)
		answer = strings.Join(chosen, "; ")
		grade = quiz.CheckMulti(card, chosen)
	case quiz.TrueFalse:
		msg := "true or false (t/f)"
		if q.interactive {
			msg = "Your answer"
		}
		if r, ok, err = q.ask(card, func() (reply, error) { return q.ui.trueFalse(msg) }); !ok {
			return quit()
		}
		said := r.index == 0
		answer = strconv.FormatBool(said)
		grade = quiz.CheckTrueFalse(card, said)
	case quiz.Typed:
		msg := "your answer (empty: don't know)"
		if q.interactive {
			msg = "Your answer"
		}
		if r, ok, err = q.ask(card, func() (reply, error) { return q.ui.typed(msg) }); !ok {
			return quit()
		}
		answer = strings.TrimSpace(r.text)
		grade = quiz.Match(card, answer, q.lex)
	case quiz.Order:
		q.scr.options(opts)
		if r, ok, err = q.ask(card, func() (reply, error) { return q.ui.order("the item numbers, first to last", len(opts)) }); !ok {
			return quit()
		}
		picked = pick(opts, r.indices)
		answer = strings.Join(picked, " → ")
		grade = quiz.CheckOrder(card, picked)
	}
	at := q.clock()
	a, err := q.exam.Answer(grade, answer, at, at.Sub(shown))
	if errors.Is(err, quiz.ErrTimeUp) {
		q.scr.println(q.scr.yellow(q.scr.wrap("time is up: the time limit of "+formatLimit(q.limit)+" ran out before this answer, which does not count", 0)))
		return store.QuizTimeUp, nil
	}
	if err != nil {
		return "", err
	}
	// Saved before anything else is shown: a closed terminal loses nothing
	// answered.
	if err := q.learner.RecordQuizAnswer(&store.QuizAnswer{
		Session: q.id, Position: a.Position, Deck: card.Deck, CardID: card.ID, Time: a.Time,
		Answer: answer, Verdict: grade.Verdict, Credit: a.Points, Duration: a.Duration,
	}); err != nil {
		return "", err
	}
	if card.Type.AutoGraded() {
		q.verdict(card, &a, picked)
		last := pos == len(q.exam.Questions)
		msg := "Enter for the next question"
		switch {
		case q.interactive && last:
			msg = "See the result"
		case q.interactive:
			msg = "Next question"
		case last:
			msg = "Enter for the result"
		}
		if _, ok, err = q.ask(card, func() (reply, error) { return q.ui.cont(msg) }); !ok {
			return store.QuizQuit, err
		}
	}
	q.scr.println("")
	return "", nil
}

// header prints the running score and the question.
func (q *quizzer) header(pos int, card *quiz.Card) {
	points, answered := q.exam.Score()
	line := fmt.Sprintf("%d/%d · score %s/%d · %s", pos, len(q.exam.Questions), formatPoints(points), answered, sanitize(card.Deck))
	if left, ok := q.exam.Left(q.clock()); ok {
		line += " · " + formatTook(left) + " left"
	}
	q.scr.println(q.scr.faint(line))
	q.scr.question(card)
}

// verdict prints the drill's verdict, with the points a partly right
// answer scores and a note that a near miss counts as right.
func (q *quizzer) verdict(card *quiz.Card, a *quiz.ExamAnswer, picked []string) {
	note := ""
	switch {
	case a.Grade.Verdict == quiz.Almost:
		note = " (counted as right)"
	case a.Grade.Verdict == quiz.Wrong && a.Points > 0:
		note = fmt.Sprintf(" (partly right: %s of 1 point)", formatPoints(a.Points))
	}
	q.scr.verdict(card, a.Grade, a.Given, picked, note)
}

package store

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"steppe/quiz"
)

func mustStartQuiz(t *testing.T, l *Learner, opts QuizOptions, at time.Time) int64 {
	t.Helper()
	id, err := l.StartQuiz([]string{"d"}, opts, at)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func lastQuiz(t *testing.T, l *Learner) QuizRecord {
	t.Helper()
	qs, err := l.Quizzes()
	if err != nil || len(qs) == 0 {
		t.Fatalf("quizzes: %v, %v", qs, err)
	}
	return qs[len(qs)-1]
}

func TestQuizResults(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "ana")
	base := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)

	if qs, err := l.Quizzes(); len(qs) != 0 || err != nil {
		t.Fatalf("quizzes of a new learner: %v, %v", qs, err)
	}
	opts := QuizOptions{Requested: 20, Types: []string{"typed", "multi"}, Tags: []string{"sco"}, Seed: 42,
		TimeLimit: 10 * time.Minute, Questions: []QuizQuestion{{"d", "a"}, {"d", "b"}, {"d", "c"}}}
	id := mustStartQuiz(t, l, opts, base)
	answers := []QuizAnswer{
		{Session: id, Position: 1, Deck: "d", CardID: "a", Time: base.Add(time.Minute), Answer: "2001", Verdict: quiz.Correct, Credit: 1, Duration: 5 * time.Second},
		{Session: id, Position: 2, Deck: "d", CardID: "b", Time: base.Add(2 * time.Minute), Answer: "terrorism", Verdict: quiz.Wrong, Credit: 2.0 / 3, Duration: 7 * time.Second},
		{Session: id, Position: 3, Deck: "d", CardID: "c", Time: base.Add(3 * time.Minute), Answer: "CTSO", Verdict: quiz.Almost, Credit: 1},
	}
	for i := range answers {
		if err := l.RecordQuizAnswer(&answers[i]); err != nil {
			t.Fatal(err)
		}
	}
	// Before the quiz ends, as after a crash: the answers count, the time
	// runs to the last one, and how it ended is unknown.
	r := lastQuiz(t, l)
	if r.ID != id || r.Answered != 3 || r.Score != 2.666667 || r.Questions != 3 || r.How != "" ||
		!r.Ended.IsZero() || r.Duration() != 3*time.Minute || !slices.Equal(r.Decks, []string{"d"}) {
		t.Fatalf("unended quiz: %+v", r)
	}
	if err := l.EndQuiz(id, QuizTimeUp, base.Add(10*time.Minute)); err != nil {
		t.Fatal(err)
	}
	r = lastQuiz(t, l)
	if r.How != QuizTimeUp || !r.Ended.Equal(base.Add(10*time.Minute)) || r.Duration() != 10*time.Minute {
		t.Fatalf("ended quiz: %+v", r)
	}
	o := r.Options
	if o.Requested != 20 || o.Seed != 42 || o.TimeLimit != 10*time.Minute || o.RetakeOf != 0 ||
		!slices.Equal(o.Types, opts.Types) || !slices.Equal(o.Tags, opts.Tags) || !slices.Equal(o.Questions, opts.Questions) {
		t.Fatalf("options %+v, want %+v", o, opts)
	}
	got, err := l.QuizAnswers(id)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, answers) {
		t.Fatalf("answers\n%+v\nwant\n%+v", got, answers)
	}

	// A retake, later: the history lists both, oldest first.
	retake := mustStartQuiz(t, l, QuizOptions{RetakeOf: id, Questions: []QuizQuestion{{"d", "b"}}}, base.Add(time.Hour))
	if err := l.EndQuiz(retake, QuizQuit, base.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	all, err := l.Quizzes()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].ID != id || all[1].ID != retake || all[1].Options.RetakeOf != id ||
		all[1].Answered != 0 || all[1].Score != 0 || all[1].How != QuizQuit || all[1].Duration() != 0 {
		t.Fatalf("history %+v", all)
	}
}

// TestQuizLeavesTheScheduleAlone: a quiz writes no review and no card state.
func TestQuizLeavesTheScheduleAlone(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "ana")
	now := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	id := mustStartQuiz(t, l, QuizOptions{Questions: []QuizQuestion{{"d", "a"}}}, now)
	if err := l.RecordQuizAnswer(&QuizAnswer{Session: id, Position: 1, Deck: "d", CardID: "a", Time: now, Verdict: quiz.Wrong}); err != nil {
		t.Fatal(err)
	}
	if err := l.EndQuiz(id, QuizFinished, now); err != nil {
		t.Fatal(err)
	}
	states, err := l.States()
	if err != nil || len(states) != 0 {
		t.Fatalf("card states after a quiz: %v, %v", states, err)
	}
	revs, err := l.Reviews("d", "a")
	if err != nil || len(revs) != 0 {
		t.Fatalf("reviews after a quiz: %v, %v", revs, err)
	}
}

func TestQuizAnswerRefused(t *testing.T) {
	db := mustOpen(t)
	ana, bo := mustLearner(t, db, "ana"), mustLearner(t, db, "bo")
	now := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	quizID := mustStartQuiz(t, ana, QuizOptions{}, now)
	drillID, err := ana.StartSession("drill", []string{"d"}, now)
	if err != nil {
		t.Fatal(err)
	}
	good := QuizAnswer{Session: quizID, Position: 1, Deck: "d", CardID: "a", Time: now, Verdict: quiz.Correct, Credit: 1}
	for name, c := range map[string]struct {
		l      *Learner
		change func(a *QuizAnswer)
	}{
		"a drill session":        {ana, func(a *QuizAnswer) { a.Session = drillID }},
		"another learner's quiz": {bo, func(a *QuizAnswer) {}},
		"no such session":        {ana, func(a *QuizAnswer) { a.Session = 999 }},
		"no card":                {ana, func(a *QuizAnswer) { a.CardID = "" }},
		"no time":                {ana, func(a *QuizAnswer) { a.Time = time.Time{} }},
		"position 0":             {ana, func(a *QuizAnswer) { a.Position = 0 }},
		"credit above 1":         {ana, func(a *QuizAnswer) { a.Credit = 1.5 }},
		"negative credit":        {ana, func(a *QuizAnswer) { a.Credit = -0.1 }},
		"a verdict out of range": {ana, func(a *QuizAnswer) { a.Verdict = 9 }},
	} {
		a := good
		c.change(&a)
		if err := c.l.RecordQuizAnswer(&a); err == nil {
			t.Errorf("%s: recorded", name)
		}
	}
	if got, err := ana.QuizAnswers(quizID); err != nil || len(got) != 0 {
		t.Fatalf("answers after refusals: %v, %v", got, err)
	}
	if _, err := bo.QuizAnswers(quizID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("another learner's answers: %v", err)
	}
	if err := bo.EndQuiz(quizID, QuizFinished, now); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ending another learner's quiz: %v", err)
	}
	if err := ana.EndQuiz(drillID, QuizFinished, now); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ending a drill as a quiz: %v", err)
	}
	if err := ana.EndQuiz(quizID, "abandoned", now); err == nil {
		t.Fatal("an unknown ending was recorded")
	}
	if qs, err := bo.Quizzes(); err != nil || len(qs) != 0 {
		t.Fatalf("bo's quizzes: %v, %v", qs, err)
	}
}

// TestQuizHistoryReadOnly: the history reads a database opened read-only.
func TestQuizHistoryReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "steppe.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	l := mustLearner(t, db, "ana")
	now := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	id := mustStartQuiz(t, l, QuizOptions{Questions: []QuizQuestion{{"d", "a"}}}, now)
	if err := l.RecordQuizAnswer(&QuizAnswer{Session: id, Position: 1, Deck: "d", CardID: "a", Time: now, Verdict: quiz.Correct, Credit: 1}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	rl := mustLearner(t, ro, "ana")
	qs, err := rl.Quizzes()
	if err != nil || len(qs) != 1 || qs[0].Answered != 1 || qs[0].Score != 1 {
		t.Fatalf("%+v, %v", qs, err)
	}
}

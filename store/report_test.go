package store

import (
	"reflect"
	"testing"
	"time"

	"steppe/quiz"
)

// reportDeck is a small deck with a choice and a multi card, cached in db.
func putReportDeck(t *testing.T, db *DB) {
	t.Helper()
	cards := []quiz.Card{
		{Deck: "geo", ID: "capital", Type: quiz.Basic, Question: "Capital of Kazakhstan?", Answer: "Astana"},
		{Deck: "geo", ID: "sco", Type: quiz.Choice, Question: "SCO formed?", Answer: "2001", Wrong: []string{"1991", "1996"}},
		{Deck: "geo", ID: "threats", Type: quiz.Multi, Question: "Threats?", Answers: []string{"terrorism", "drugs"},
			Wrong: []string{"tourism", "trade"}},
		{Deck: "geo", ID: "unseen", Type: quiz.Basic, Question: "Never asked", Answer: "x"},
	}
	if err := db.PutDeck(DeckMeta{Path: "geo.yaml", Slug: "geo", Format: 1, LoadedAt: reportT0}, cards); err != nil {
		t.Fatal(err)
	}
}

var reportT0 = time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)

// review records one review; before and after are states, the memory
// otherwise plausible FSRS values.
func review(t *testing.T, l *Learner, session int64, card string, at time.Duration, rating quiz.Rating,
	answer string, took time.Duration, before, after quiz.State) quiz.ReviewLog {
	t.Helper()
	r := &quiz.ReviewLog{SessionID: session, Deck: "geo", CardID: card, Time: reportT0.Add(at), Rating: rating, Answer: answer,
		Duration: took, Scheduler: "fsrs",
		Before: quiz.Memory{State: before},
		After:  quiz.Memory{State: after, Stability: 3, Difficulty: 5, LastReview: reportT0.Add(at), Due: reportT0.Add(at + 72*time.Hour)}}
	if before != quiz.New {
		r.Before.Stability, r.Before.Difficulty, r.Before.LastReview = 2, 5, reportT0
	}
	if err := l.Record(r); err != nil {
		t.Fatal(err)
	}
	return *r
}

func TestCardActivity(t *testing.T) {
	db := mustOpen(t)
	putReportDeck(t, db)
	alice := mustLearner(t, db, "alice")
	bob := mustLearner(t, db, "bob")
	const day = 24 * time.Hour

	sa, err := alice.StartSession("drill", []string{"geo"}, reportT0)
	if err != nil {
		t.Fatal(err)
	}
	review(t, alice, sa, "capital", 0, quiz.Good, "", 4*time.Second, quiz.New, quiz.Review)
	review(t, alice, sa, "capital", 3*day, quiz.Again, "", 6*time.Second, quiz.Review, quiz.Relearning)
	review(t, alice, sa, "sco", 0, quiz.Again, "1996", 2*time.Second, quiz.New, quiz.Learning)
	review(t, alice, sa, "sco", time.Minute, quiz.Good, "2001", 0, quiz.Learning, quiz.Review) // no time measured
	review(t, alice, sa, "threats", 0, quiz.Again, "terrorism; tourism", time.Second, quiz.New, quiz.Learning)
	// Undone: it does not count.
	review(t, alice, sa, "threats", time.Minute, quiz.Again, "trade", time.Second, quiz.Learning, quiz.Learning)
	if _, err := alice.Undo(sa); err != nil {
		t.Fatal(err)
	}
	// A reset card's reviews do not count either; its state is gone.
	review(t, bob, 0, "capital", 0, quiz.Again, "", time.Second, quiz.New, quiz.Learning)
	if err := bob.Reset("geo", "capital"); err != nil {
		t.Fatal(err)
	}
	review(t, bob, 0, "sco", 0, quiz.Again, "1996", 3*time.Second, quiz.New, quiz.Learning)
	q, err := bob.StartQuiz([]string{"geo"}, QuizOptions{Requested: 2}, reportT0)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range []QuizAnswer{
		{Deck: "geo", CardID: "sco", Answer: "1991", Verdict: quiz.Wrong, Duration: 5 * time.Second},
		{Deck: "geo", CardID: "threats", Answer: "terrorism; drugs", Verdict: quiz.Correct, Credit: 1, Duration: 7 * time.Second},
	} {
		a.Session, a.Position, a.Time = q, i+1, reportT0.Add(day)
		if err := bob.RecordQuizAnswer(&a); err != nil {
			t.Fatal(err)
		}
	}

	got, err := alice.CardActivity([]string{"geo"})
	if err != nil {
		t.Fatal(err)
	}
	want := []CardActivity{
		{Deck: "geo", CardID: "capital", Reviews: 2, Again: 1, ReviewReviews: 1, Lapses: 1, Timed: 2, AnswerTime: 10 * time.Second},
		{Deck: "geo", CardID: "sco", Reviews: 2, Again: 1, Timed: 1, AnswerTime: 2 * time.Second,
			Picks: map[string]int{"1996": 1, "2001": 1}},
		{Deck: "geo", CardID: "threats", Reviews: 1, Again: 1, Timed: 1, AnswerTime: time.Second,
			Picks: map[string]int{"terrorism; tourism": 1}},
	}
	checkActivity(t, "alice", got, want)

	got, err = bob.CardActivity([]string{"geo"})
	if err != nil {
		t.Fatal(err)
	}
	want = []CardActivity{
		{Deck: "geo", CardID: "sco", Reviews: 1, Again: 1, QuizAnswers: 1, QuizWrong: 1, Timed: 2, AnswerTime: 8 * time.Second,
			Picks: map[string]int{"1996": 1, "1991": 1}},
		{Deck: "geo", CardID: "threats", QuizAnswers: 1, Timed: 1, AnswerTime: 7 * time.Second,
			Picks: map[string]int{"terrorism; drugs": 1}},
	}
	checkActivity(t, "bob", got, want)

	// Another deck's cards are not read.
	if got, err := alice.CardActivity([]string{"other"}); err != nil || len(got) != 0 {
		t.Errorf("activity in another deck: %v, %v", got, err)
	}
}

// checkActivity compares all but the memories, which it checks are there
// for the cards with a state.
func checkActivity(t *testing.T, who string, got, want []CardActivity) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d cards, want %d: %+v", who, len(got), len(want), got)
	}
	for i := range got {
		g := got[i]
		if g.Memory.State == quiz.New && g.Reviews > 0 {
			t.Errorf("%s %s: no memory read", who, g.CardID)
		}
		g.Memory = quiz.Memory{}
		if !reflect.DeepEqual(g, want[i]) {
			t.Errorf("%s %s:\n got %+v\nwant %+v", who, g.CardID, g, want[i])
		}
		if !g.Seen() {
			t.Errorf("%s %s: not seen", who, g.CardID)
		}
	}
}

// TestCardActivityReadOnly: the report's reads work on a file opened
// read-only, and a card state without reviews (e.g. imported) is returned
// unseen.
func TestCardActivityReadOnly(t *testing.T) {
	db := mustOpen(t)
	putReportDeck(t, db)
	l := mustLearner(t, db, "default")
	review(t, l, 0, "sco", 0, quiz.Good, "2001", time.Second, quiz.New, quiz.Review)
	if err := l.ReplaceMemory("geo", "capital", quiz.Memory{State: quiz.Review, Stability: 4, Difficulty: 5, LastReview: reportT0}); err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	db.Close()
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	rl, err := ro.Profile("default")
	if err != nil {
		t.Fatal(err)
	}
	got, err := rl.CardActivity([]string{"geo"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].CardID != "capital" || got[0].Seen() || got[0].Memory.Stability != 4 ||
		got[1].CardID != "sco" || !got[1].Seen() {
		t.Errorf("activity: %+v", got)
	}
}

package store

import (
	"testing"
	"time"

	"steppe/quiz"
)

func TestCountsForDecksAndStats(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, cardsNamed("d", "new1", "new2", "lrn", "due", "later", "susp")); err != nil {
		t.Fatal(err)
	}
	review := func(due time.Time) quiz.Memory {
		return quiz.Memory{State: quiz.Review, Stability: 5, Difficulty: 5, Due: due, LastReview: base.AddDate(0, 0, -5), ScheduledDays: 5, Reps: 3}
	}
	learning := quiz.Memory{State: quiz.Learning, Stability: 1, Difficulty: 5, Due: base.Add(5 * time.Minute), LastReview: base, Reps: 1}
	if err := l.ImportHistory([]CardState{
		{Deck: "d", CardID: "lrn", Memory: learning},
		{Deck: "d", CardID: "due", Memory: review(base.Add(-time.Hour))},
		{Deck: "d", CardID: "later", Memory: review(base.AddDate(0, 0, 1).Add(time.Hour))},
		{Deck: "d", CardID: "susp", Memory: review(base.Add(-time.Hour)), Flags: quiz.Flags{Suspended: true}},
		{Deck: "d", CardID: "gone", Memory: review(base.Add(-time.Hour))}, // not in the deck
	}, []quiz.ReviewLog{
		{Deck: "d", CardID: "due", Time: base.Add(-48 * time.Hour), Rating: quiz.Good, Scheduler: "fsrs", Before: review(base), After: review(base)},
		{Deck: "d", CardID: "due", Time: base.Add(-47 * time.Hour), Rating: quiz.Again, Scheduler: "fsrs", Before: review(base), After: review(base)},
		{Deck: "d", CardID: "later", Time: base.Add(-time.Hour), Rating: quiz.Hard, Scheduler: "fsrs", Before: review(base), After: review(base)},
		{Deck: "d", CardID: "lrn", Time: base.Add(-time.Hour), Rating: quiz.Good, Scheduler: "fsrs", After: learning},          // new, not a review
		{Deck: "d", CardID: "due", Time: base.AddDate(0, 0, -40), Rating: quiz.Again, Scheduler: "fsrs", Before: review(base)}, // too old
	}); err != nil {
		t.Fatal(err)
	}
	dayEnd := base.Add(12 * time.Hour)
	counts, err := l.DeckCounts([]string{"d"}, base, dayEnd)
	if err != nil {
		t.Fatal(err)
	}
	if want := (DeckCount{Cards: 6, New: 2, Learning: 1, Due: 1, Suspended: 1}); counts["d"] != want {
		t.Errorf("DeckCounts = %+v, want %+v", counts["d"], want)
	}
	due, err := l.DueBefore([]string{"d"}, []time.Time{dayEnd, base.AddDate(0, 0, 2)})
	if err != nil {
		t.Fatal(err)
	}
	if due[0] != 2 || due[1] != 3 { // lrn and due today; later tomorrow; susp and gone never
		t.Errorf("DueBefore = %v, want [2 3]", due)
	}
	states, err := l.StateCounts([]string{"d"})
	if err != nil {
		t.Fatal(err)
	}
	if states[quiz.New] != 2 || states[quiz.Learning] != 1 || states[quiz.Review] != 3 {
		t.Errorf("StateCounts = %v", states)
	}
	n, recalled, err := l.Retention([]string{"d"}, base.AddDate(0, 0, -30), base)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 || recalled != 2 {
		t.Errorf("Retention = %d reviews, %d recalled; want 3 and 2", n, recalled)
	}
}

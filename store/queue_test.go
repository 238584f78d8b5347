package store

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"steppe/quiz"
)

func keys(cs []quiz.Candidate) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.Key())
	}
	return out
}

// cardsNamed makes basic cards with the given ids, in that deck order.
func cardsNamed(deck string, ids ...string) []quiz.Card {
	cards := make([]quiz.Card, len(ids))
	for i, id := range ids {
		cards[i] = quiz.Card{Deck: deck, ID: id, Question: "q " + id, Answer: "a"}
	}
	return cards
}

func TestQueue(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	now := base
	dayEnd := time.Date(2026, 1, 6, 4, 0, 0, 0, time.UTC)
	d := cardsNamed("d", "n0", "n1", "n2", "n3", "n4", "ln1", "ln2", "ln3", "rl1",
		"r-fresh", "r-stale", "r-mid", "r-sm2", "r-later", "r-susp", "r-buried", "r-unburied", "n-susp")
	d[1].Sibling = "sib" // n1 is a cloze blank
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, d); err != nil {
		t.Fatal(err)
	}
	if err := db.PutDeck(DeckMeta{Path: "e.yaml", Slug: "e"}, cardsNamed("e", "e1", "e0", "e-ln")); err != nil {
		t.Fatal(err)
	}
	if err := db.PutDeck(DeckMeta{Path: "x.yaml", Slug: "x"}, cardsNamed("x", "x0", "x-ln")); err != nil {
		t.Fatal(err)
	}

	learning := func(due time.Duration) quiz.Memory {
		return quiz.Memory{State: quiz.Learning, Stability: 1, Difficulty: 5, Due: now.Add(due), LastReview: now.Add(-time.Hour), Reps: 1}
	}
	review := func(last time.Duration, stability float64) quiz.Memory {
		return quiz.Memory{State: quiz.Review, Stability: stability, Difficulty: 5, Due: now.Add(-time.Hour),
			LastReview: now.Add(-last), ScheduledDays: 3, Reps: 3}
	}
	relearning := learning(-time.Minute)
	relearning.State = quiz.Relearning
	sm2 := review(4*24*time.Hour, 0) // 4 days of 2 scheduled: most overdue
	sm2.ScheduledDays, sm2.Ease = 2, 2.5
	later := review(24*time.Hour, 1)
	later.Due = dayEnd.Add(time.Minute)
	states := []CardState{
		{Deck: "d", CardID: "ln1", Memory: learning(-5 * time.Minute)},
		{Deck: "d", CardID: "ln2", Memory: learning(10 * time.Minute)}, // within learn-ahead
		{Deck: "d", CardID: "ln3", Memory: learning(30 * time.Minute)}, // beyond it
		{Deck: "d", CardID: "rl1", Memory: relearning},
		{Deck: "d", CardID: "r-fresh", Memory: review(24*time.Hour, 10)},    // 0.1
		{Deck: "d", CardID: "r-stale", Memory: review(30*24*time.Hour, 10)}, // 3
		{Deck: "d", CardID: "r-mid", Memory: review(5*24*time.Hour, 5)},     // 1
		{Deck: "d", CardID: "r-sm2", Memory: sm2},                           // 2
		{Deck: "d", CardID: "r-later", Memory: later},
		{Deck: "d", CardID: "r-susp", Memory: review(60*24*time.Hour, 1), Flags: quiz.Flags{Suspended: true}},
		{Deck: "d", CardID: "r-buried", Memory: review(60*24*time.Hour, 1), Flags: quiz.Flags{BuriedUntil: now.Add(time.Hour)}},
		{Deck: "d", CardID: "r-unburied", Memory: review(24*time.Hour, 2), Flags: quiz.Flags{BuriedUntil: now.Add(-time.Hour)}}, // 0.5
		{Deck: "d", CardID: "gone", Memory: review(60*24*time.Hour, 1)},                                                         // no longer in the deck
		{Deck: "d", CardID: "n-susp", Flags: quiz.Flags{Suspended: true}},
		{Deck: "d", CardID: "n0", Flags: quiz.Flags{BuriedUntil: now.Add(time.Hour)}},
		{Deck: "e", CardID: "e-ln", Memory: learning(-time.Hour)},
		{Deck: "x", CardID: "x-ln", Memory: learning(-time.Hour)}, // deck not asked for
	}
	if err := l.ImportHistory(states, nil); err != nil {
		t.Fatal(err)
	}
	// n2 was seen and undone: new again.
	sid, _ := l.StartSession("drill", nil, now)
	r := testReview("d", "n2", quiz.Good, now.Add(-time.Minute))
	r.SessionID = sid
	if err := l.Record(&r); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Undo(sid); err != nil {
		t.Fatal(err)
	}
	other := mustLearner(t, db, "other") // another learner's progress is not ours
	if err := other.ImportHistory([]CardState{{Deck: "d", CardID: "n1", Memory: learning(-time.Hour)}}, nil); err != nil {
		t.Fatal(err)
	}

	q := quiz.QueueQuery{Decks: []string{"e", "d"}, Now: now, DayEnd: dayEnd, LearnAhead: 20 * time.Minute,
		NewLimit: 4, ReviewLimit: 4}
	got, err := l.Queue(q)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		got  []quiz.Candidate
		want []string
	}{
		{"Learning", got.Learning, []string{"e/e-ln", "d/ln1", "d/rl1", "d/ln2"}},
		{"Due", got.Due, []string{"d/r-stale", "d/r-sm2", "d/r-mid", "d/r-unburied"}},
		{"New", got.New, []string{"e/e1", "e/e0", "d/n1", "d/n2"}},
	} {
		if !reflect.DeepEqual(keys(c.got), c.want) {
			t.Errorf("%s = %v, want %v", c.name, keys(c.got), c.want)
		}
	}
	if c := got.New[2]; c.Sibling != "sib" || c.Position != 1 || c.Memory != (quiz.Memory{}) {
		t.Errorf("new candidate %+v: want sibling sib, position 1, a zero memory", c)
	}
	if c := got.Due[1]; c.Position != 12 || !sameMemory(c.Memory, sm2) {
		t.Errorf("due candidate %+v: want position 12 and the stored memory %+v", c, sm2)
	}

	q.ReviewLimit, q.NewLimit = 10, 0
	got, _ = l.Queue(q)
	if want := []string{"d/r-stale", "d/r-sm2", "d/r-mid", "d/r-unburied", "d/r-fresh"}; !reflect.DeepEqual(keys(got.Due), want) {
		t.Errorf("Due without a tight limit = %v, want %v", keys(got.Due), want)
	}
	if len(got.New) != 0 {
		t.Errorf("New with limit 0 = %v", keys(got.New))
	}
	q.NewLimit, q.ReviewLimit, q.Now = 100, 0, now.Add(2*time.Hour) // n0's burial is over
	got, _ = l.Queue(q)
	if want := []string{"e/e1", "e/e0", "d/n0", "d/n1", "d/n2", "d/n3", "d/n4"}; !reflect.DeepEqual(keys(got.New), want) {
		t.Errorf("New = %v, want %v", keys(got.New), want)
	}
	if len(got.Due) != 0 {
		t.Errorf("Due with limit 0 = %v", keys(got.Due))
	}
}

func TestCountsAndSiblings(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	cards := cardsNamed("d", "a", "s.1", "s.2", "b")
	cards[1].Sibling, cards[2].Sibling = "s", "s"
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, cards); err != nil {
		t.Fatal(err)
	}
	if err := db.PutDeck(DeckMeta{Path: "e.yaml", Slug: "e"}, cardsNamed("e", "c.1")); err != nil {
		t.Fatal(err)
	}
	day := base.Truncate(24 * time.Hour)
	sid, _ := l.StartSession("drill", nil, base)
	at := func(deck, id string, before quiz.State, t time.Time) quiz.ReviewLog {
		r := testReview(deck, id, quiz.Good, t)
		r.Before.State, r.SessionID = before, sid
		return r
	}
	for _, r := range []quiz.ReviewLog{
		at("d", "a", quiz.New, day.Add(-time.Minute)), // the day before
		at("d", "a", quiz.Learning, day.Add(time.Hour)),
		at("d", "b", quiz.New, day.Add(2*time.Hour)),
		at("d", "s.1", quiz.Review, day.Add(3*time.Hour)),
		at("d", "s.2", quiz.Relearning, day.Add(4*time.Hour)),
		at("e", "c.1", quiz.New, day.Add(5*time.Hour)), // another deck
		at("d", "a", quiz.Review, day.Add(6*time.Hour)),
		at("d", "b", quiz.Review, day.Add(24*time.Hour)), // the next day
		at("d", "undone", quiz.New, day.Add(7*time.Hour)),
	} {
		if err := l.Record(&r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.Undo(sid); err != nil {
		t.Fatal(err)
	}
	got, err := l.Counts([]string{"d"}, day, day.Add(24*time.Hour))
	if want := (quiz.DayCounts{New: 1, Reviews: 2, Total: 5}); err != nil || got != want {
		t.Errorf("Counts(d) = %+v, %v; want %+v", got, err, want)
	}
	got, _ = l.Counts([]string{"d", "e"}, day, day.Add(24*time.Hour))
	if want := (quiz.DayCounts{New: 2, Reviews: 2, Total: 6}); got != want {
		t.Errorf("Counts(d, e) = %+v, want %+v", got, want)
	}

	seen, err := l.SiblingsSeen([]string{"d", "e"}, day, day.Add(24*time.Hour))
	if err != nil || fmt.Sprint(seen) != "map[d/s:true]" {
		t.Errorf("SiblingsSeen = %v, %v; want map[d/s:true]", seen, err)
	}
	seen, _ = l.SiblingsSeen([]string{"d"}, day.Add(4*time.Hour+time.Minute), day.Add(24*time.Hour))
	if len(seen) != 0 {
		t.Errorf("SiblingsSeen later in the day = %v, want none", seen)
	}
}

func TestNextDue(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, cardsNamed("d", "a", "b", "c", "n")); err != nil {
		t.Fatal(err)
	}
	if err := db.PutDeck(DeckMeta{Path: "o.yaml", Slug: "o"}, cardsNamed("o", "a")); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := l.NextDue([]string{"d"}); ok || err != nil {
		t.Errorf("NextDue with nothing reviewed: %v, %v; want false", ok, err)
	}
	at := func(state quiz.State, due time.Duration) quiz.Memory {
		return quiz.Memory{State: state, Stability: 1, Due: base.Add(due), LastReview: base, Reps: 1}
	}
	if err := l.ImportHistory([]CardState{
		{Deck: "d", CardID: "a", Memory: at(quiz.Review, 72*time.Hour)},
		{Deck: "d", CardID: "b", Memory: at(quiz.Learning, 2*time.Hour), Flags: quiz.Flags{Suspended: true}},
		{Deck: "d", CardID: "c", Memory: at(quiz.Review, time.Hour), Flags: quiz.Flags{BuriedUntil: base.Add(120 * time.Hour)}},
		{Deck: "d", CardID: "n", Flags: quiz.Flags{BuriedUntil: base}}, // new: not reviewed
		{Deck: "d", CardID: "gone", Memory: at(quiz.Review, 0)},
		{Deck: "o", CardID: "a", Memory: at(quiz.Review, time.Minute)},
	}, nil); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := l.NextDue([]string{"d"}); err != nil || !ok || !got.Equal(base.Add(72*time.Hour)) {
		t.Errorf("NextDue = %v, %v, %v; want %v", got, ok, err, base.Add(72*time.Hour))
	}
	if err := l.SetSuspended("d", "b", false); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := l.NextDue([]string{"d", "o"}); !got.Equal(base.Add(time.Minute)) {
		t.Errorf("NextDue(d, o) = %v, want %v", got, base.Add(time.Minute))
	}
	if got, _, _ := l.NextDue([]string{"d"}); !got.Equal(base.Add(2 * time.Hour)) {
		t.Errorf("NextDue after unsuspending = %v, want %v", got, base.Add(2*time.Hour))
	}
}

// TestRemovedCardKeepsProgress: a card dropped from its deck leaves the
// queue but keeps its memory, and comes back with it when the card returns.
func TestRemovedCardKeepsProgress(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	put := func(ids ...string) {
		t.Helper()
		if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, cardsNamed("d", ids...)); err != nil {
			t.Fatal(err)
		}
	}
	put("a", "b")
	due := quiz.Memory{State: quiz.Review, Stability: 3, Difficulty: 5, Due: base.Add(-time.Hour), LastReview: base.AddDate(0, 0, -3), ScheduledDays: 3, Reps: 2}
	if err := l.ImportHistory([]CardState{{Deck: "d", CardID: "a", Memory: due}, {Deck: "d", CardID: "b", Memory: due}}, nil); err != nil {
		t.Fatal(err)
	}
	q := quiz.QueueQuery{Decks: []string{"d"}, Now: base, DayEnd: base.Add(12 * time.Hour), NewLimit: 10, ReviewLimit: 1}
	queued := func() []string {
		t.Helper()
		got, err := l.Queue(q)
		if err != nil {
			t.Fatal(err)
		}
		return keys(append(got.Due, got.New...))
	}
	if got := queued(); len(got) != 1 {
		t.Fatalf("queue %v, want one due card (the limit)", got)
	}
	put("b") // a is removed
	if got := queued(); !reflect.DeepEqual(got, []string{"d/b"}) {
		t.Fatalf("after removing a: %v, want only d/b (a removed card must not take the one place)", got)
	}
	if m, _, ok, err := l.Memory("d", "a"); err != nil || !ok || m.Reps != 2 {
		t.Fatalf("removed card's memory: %+v %v %v", m, ok, err)
	}
	put("a", "b") // a returns
	q.ReviewLimit = 5
	if got := queued(); !reflect.DeepEqual(got, []string{"d/a", "d/b"}) && !reflect.DeepEqual(got, []string{"d/b", "d/a"}) {
		t.Fatalf("after a returns: %v, want both due, a not new", got)
	}
}

package store

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"steppe/quiz"
)

// typedDeck caches deck d: choice cards c0..c4, typed cards t0..t1 and a
// basic card b0.
func typedDeck(t *testing.T, db *DB) {
	t.Helper()
	var cards []quiz.Card
	for i := range 5 {
		cards = append(cards, quiz.Card{Deck: "d", ID: fmt.Sprintf("c%d", i), Type: quiz.Choice, Question: "q", Answer: "a", Wrong: []string{"b"}})
	}
	for i := range 2 {
		cards = append(cards, quiz.Card{Deck: "d", ID: fmt.Sprintf("t%d", i), Type: quiz.Typed, Question: "q", Answer: "a"})
	}
	cards = append(cards, quiz.Card{Deck: "d", ID: "b0", Question: "q", Answer: "a"})
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, cards); err != nil {
		t.Fatal(err)
	}
}

func answered(id string, at time.Time, took time.Duration) quiz.ReviewLog {
	r := testReview("d", id, quiz.Good, at)
	r.Duration = took
	return r
}

func durations(t *testing.T, l *Learner, ct quiz.CardType, n int) []time.Duration {
	t.Helper()
	got, err := l.RecentDurations(ct, n)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestRecentDurations(t *testing.T) {
	db := mustOpen(t)
	typedDeck(t, db)
	l := mustLearner(t, db, "default")
	other := mustLearner(t, db, "other")
	sid, err := l.StartSession("drill", []string{"d"}, base)
	if err != nil {
		t.Fatal(err)
	}
	s := time.Second
	// Choice answers of 1 to 5 s, a minute apart; a typed one; a basic one.
	for i := range 5 {
		r := answered(fmt.Sprintf("c%d", i), base.Add(time.Duration(i)*time.Minute), time.Duration(i+1)*s)
		if err := l.Record(&r); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []quiz.ReviewLog{answered("t0", base, 7*s), answered("b0", base, 9*s)} {
		if err := l.Record(&r); err != nil {
			t.Fatal(err)
		}
	}
	// Not counted: another learner's answer, one without a time, one to a
	// card the cache does not hold, a reset one, and an undone one.
	for _, w := range []struct {
		l *Learner
		r quiz.ReviewLog
	}{
		{other, answered("c0", base.Add(time.Hour), 50*s)},
		{l, answered("c1", base.Add(time.Hour), 0)},
		{l, func() quiz.ReviewLog { r := answered("gone", base.Add(time.Hour), 50*s); return r }()},
		{l, func() quiz.ReviewLog { r := answered("c2", base.Add(time.Hour), 50*s); r.Reset = true; return r }()},
	} {
		if err := w.l.ImportHistory(nil, []quiz.ReviewLog{w.r}); err != nil {
			t.Fatal(err)
		}
	}
	undone := answered("c3", base.Add(2*time.Hour), 50*s)
	undone.SessionID = sid
	if err := l.Record(&undone); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Undo(sid); err != nil {
		t.Fatal(err)
	}

	if got, want := durations(t, l, quiz.Choice, 200), []time.Duration{5 * s, 4 * s, 3 * s, 2 * s, s}; !reflect.DeepEqual(got, want) {
		t.Errorf("choice: %v, want %v", got, want)
	}
	if got, want := durations(t, l, quiz.Choice, 2), []time.Duration{5 * s, 4 * s}; !reflect.DeepEqual(got, want) {
		t.Errorf("choice, latest 2: %v, want %v", got, want)
	}
	if got, want := durations(t, l, quiz.Typed, 200), []time.Duration{7 * s}; !reflect.DeepEqual(got, want) {
		t.Errorf("typed: %v, want %v", got, want)
	}
	if got := durations(t, l, quiz.Order, 200); len(got) != 0 {
		t.Errorf("order: %v, want none", got)
	}
	// Profiles counts the reviews that stand: not the undone one.
	if ps, err := db.Profiles(); err != nil || ps[0].Reviews != 10 || !ps[0].LastReview.Equal(base.Add(time.Hour)) {
		t.Errorf("Profiles = %+v, %v; want 10 reviews, the last an hour in", ps, err)
	}
	// A reset takes a card's answers out.
	if _, err := l.ResetCards([]CardRef{{Deck: "d", ID: "c4"}}); err != nil {
		t.Fatal(err)
	}
	if got, want := durations(t, l, quiz.Choice, 200), []time.Duration{4 * s, 3 * s, 2 * s, s}; !reflect.DeepEqual(got, want) {
		t.Errorf("choice after resetting c4: %v, want %v", got, want)
	}
}

// An imported history of answer times feeds the grading rule: with 25
// choice answers of 4 s, a correct answer of more than 10 s is slow.
func TestSlowAnswerFromImportedHistory(t *testing.T) {
	db := mustOpen(t)
	typedDeck(t, db)
	l := mustLearner(t, db, "default")
	var history []quiz.ReviewLog
	for i := range 25 {
		history = append(history, answered(fmt.Sprintf("c%d", i%5), base.Add(time.Duration(i)*time.Hour), 4*time.Second))
	}
	if err := l.ImportHistory(nil, history); err != nil {
		t.Fatal(err)
	}
	recent := durations(t, l, quiz.Choice, quiz.PaceWindow)
	if len(recent) != 25 {
		t.Fatalf("%d answer times, want 25", len(recent))
	}
	correct := quiz.Grade{Verdict: quiz.Correct}
	if p := quiz.Propose(correct, 10*time.Second, recent); p.Rating != quiz.Good || p.Median != 4*time.Second {
		t.Errorf("10 s: %+v, want good against a 4 s median", p)
	}
	if p := quiz.Propose(correct, 10001*time.Millisecond, recent); p.Rating != quiz.Hard || !p.Slow {
		t.Errorf("10.001 s: %+v, want hard for slowness", p)
	}
	// Typed cards have no history: nothing is slow.
	if p := quiz.Propose(correct, time.Minute, durations(t, l, quiz.Typed, quiz.PaceWindow)); p.Rating != quiz.Good {
		t.Errorf("typed: %+v, want good", p)
	}
}

// Migration 4 gives the reviews already in the log their card's type.
func TestMigrationFillsCardType(t *testing.T) {
	path := filepath.Join(t.TempDir(), "steppe.db")
	var stmts []string
	for _, m := range migrations[:3] {
		stmts = append(stmts, m.sql)
	}
	review := func(id, card string, ms int) string {
		return `INSERT INTO reviews (profile, deck, card_id, time, rating, duration_ms, scheduler,
			before_state, before_step, before_stability, before_difficulty, before_ease, before_elapsed_days,
			before_scheduled_days, before_reps, before_lapses, after_state, after_step, after_stability,
			after_difficulty, after_ease, after_elapsed_days, after_scheduled_days, after_reps, after_lapses)
			VALUES (1, 'd', '` + card + `', ` + id + `, 3, ` + strconv.Itoa(ms) + `, 'fsrs', 0,0,0,0,0,0,0,0,0, 1,0,0,0,0,0,0,1,0)`
	}
	stmts = append(stmts, "PRAGMA user_version = 3",
		`INSERT INTO profiles (id, name, created) VALUES (1, 'default', 0)`,
		`INSERT INTO decks (path, slug, size, mtime_ns, fingerprint, format, loaded_at) VALUES ('d.yaml', 'd', 0, 0, '', 1, 0)`,
		`INSERT INTO deck_cards (slug, card_id, position, type, body) VALUES ('d', 'c0', 0, 'choice', '{}'), ('d', 't0', 1, 'typed', '{}')`,
		review("1", "c0", 2000), review("2", "t0", 3000), review("3", "c0", 4000), review("4", "gone", 5000))
	rawExec(t, path, stmts...)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l := mustLearner(t, db, "default")
	if got, want := durations(t, l, quiz.Choice, 10), []time.Duration{4 * time.Second, 2 * time.Second}; !reflect.DeepEqual(got, want) {
		t.Errorf("choice after migrating: %v, want %v", got, want)
	}
	if got, want := durations(t, l, quiz.Typed, 10), []time.Duration{3 * time.Second}; !reflect.DeepEqual(got, want) {
		t.Errorf("typed after migrating: %v, want %v", got, want)
	}
	ps, err := db.Profiles()
	if err != nil || len(ps) != 1 || ps[0].Reviews != 4 {
		t.Errorf("Profiles = %+v, %v; want 4 reviews", ps, err)
	}
}

// filterDeck caches deck f with tags and sections:
//
//	a: [borders, cbm]  Borders
//	b: [water]         Water
//	c: none            Borders
//	d: [borders]       Borders
//	e: [cbm]           Water
//	f: none            none
func filterDeck(t *testing.T, db *DB) {
	t.Helper()
	cards := cardsNamed("f", "a", "b", "c", "d", "e", "f")
	for i, spec := range []struct {
		tags    []string
		section string
	}{{[]string{"borders", "cbm"}, "Borders"}, {[]string{"water"}, "Water"}, {nil, "Borders"},
		{[]string{"borders"}, "Borders"}, {[]string{"cbm"}, "Water"}, {nil, ""}} {
		cards[i].Tags, cards[i].Section = spec.tags, spec.section
	}
	if err := db.PutDeck(DeckMeta{Path: "f.yaml", Slug: "f"}, cards); err != nil {
		t.Fatal(err)
	}
}

func TestTagsAndSections(t *testing.T) {
	db := mustOpen(t)
	filterDeck(t, db)
	if err := db.PutDeck(DeckMeta{Path: "g.yaml", Slug: "g"}, []quiz.Card{{Deck: "g", ID: "x", Question: "q", Answer: "a", Tags: []string{"zz"}, Section: "Zed"}}); err != nil {
		t.Fatal(err)
	}
	tags, err := db.Tags([]string{"f"})
	if err != nil || !reflect.DeepEqual(tags, []string{"borders", "cbm", "water"}) {
		t.Errorf("Tags(f) = %v, %v", tags, err)
	}
	sections, err := db.Sections([]string{"f", "g"})
	if err != nil || !reflect.DeepEqual(sections, []string{"Borders", "Water", "Zed"}) {
		t.Errorf("Sections(f, g) = %v, %v", sections, err)
	}
}

func TestQueueFilters(t *testing.T) {
	db := mustOpen(t)
	filterDeck(t, db)
	l := mustLearner(t, db, "default")
	now := base
	dayEnd := time.Date(2026, 1, 6, 4, 0, 0, 0, time.UTC)
	learning := quiz.Memory{State: quiz.Learning, Stability: 1, Difficulty: 5, Due: now.Add(-time.Minute), LastReview: now.Add(-time.Hour), Reps: 1}
	review := quiz.Memory{State: quiz.Review, Stability: 3, Difficulty: 5, Due: now.Add(-time.Hour), LastReview: now.AddDate(0, 0, -3), ScheduledDays: 3, Reps: 3}
	if err := l.ImportHistory([]CardState{
		{Deck: "f", CardID: "a", Memory: learning},
		{Deck: "f", CardID: "b", Memory: review},
		{Deck: "f", CardID: "c", Memory: review},
	}, nil); err != nil {
		t.Fatal(err)
	}
	queue := func(tags, sections []string) string {
		t.Helper()
		q, err := l.Queue(quiz.QueueQuery{Decks: []string{"f"}, Now: now, DayEnd: dayEnd, NewLimit: 10, ReviewLimit: 10,
			Tags: tags, Sections: sections})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(keys(q.Learning), keys(q.Due), keys(q.New))
	}
	tests := []struct {
		tags, sections []string
		want           string
	}{
		{nil, nil, "[f/a] [f/b f/c] [f/d f/e f/f]"},
		{[]string{"borders"}, nil, "[f/a] [] [f/d]"},
		{[]string{"cbm", "water"}, nil, "[f/a] [f/b] [f/e]"},
		{nil, []string{"Borders"}, "[f/a] [f/c] [f/d]"},
		{nil, []string{"Water", "Borders"}, "[f/a] [f/b f/c] [f/d f/e]"},
		{[]string{"cbm"}, []string{"Water"}, "[] [] [f/e]"},
		{[]string{"water"}, []string{"Borders"}, "[] [] []"},
		{[]string{"nosuch"}, nil, "[] [] []"},
	}
	for _, tt := range tests {
		if got := queue(tt.tags, tt.sections); got != tt.want {
			t.Errorf("tags %v, sections %v: queue %s, want %s", tt.tags, tt.sections, got, tt.want)
		}
	}
	// Once every matching card is seen, none is new, though others are.
	if err := l.ImportHistory([]CardState{{Deck: "f", CardID: "d", Memory: review}}, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := queue([]string{"borders"}, nil), "[f/a] [f/d] []"; got != want {
		t.Errorf("borders, all seen: %s, want %s", got, want)
	}
	// And once every card is seen, the shortcut skips the scan for new ones.
	if err := l.ImportHistory([]CardState{{Deck: "f", CardID: "e", Memory: review}, {Deck: "f", CardID: "f", Memory: review}}, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := queue([]string{"cbm"}, nil), "[f/a] [f/e] []"; got != want {
		t.Errorf("cbm, every card seen: %s, want %s", got, want)
	}
}

func TestFlaggedCards(t *testing.T) {
	db := mustOpen(t)
	filterDeck(t, db)
	if err := db.PutDeck(DeckMeta{Path: "g.yaml", Slug: "g"}, cardsNamed("g", "x", "y")); err != nil {
		t.Fatal(err)
	}
	l := mustLearner(t, db, "default")
	lapsed := quiz.Memory{State: quiz.Relearning, Due: base.Add(10 * time.Minute), LastReview: base, Reps: 9, Lapses: 8}
	if err := l.ImportHistory([]CardState{
		{Deck: "f", CardID: "e", Memory: lapsed, Flags: quiz.Flags{Suspended: true, Leech: true}},
		{Deck: "f", CardID: "b", Flags: quiz.Flags{Suspended: true}},
		{Deck: "g", CardID: "y", Memory: lapsed, Flags: quiz.Flags{Leech: true}},
		{Deck: "g", CardID: "gone", Flags: quiz.Flags{Suspended: true, Leech: true}}, // archived
	}, nil); err != nil {
		t.Fatal(err)
	}
	list := func(decks []string, suspended, leech bool) string {
		t.Helper()
		cs, err := l.FlaggedCards(decks, suspended, leech)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cs {
			out = append(out, fmt.Sprintf("%s:%d:%v:%v", c.Card.Key(), c.Memory.Lapses, c.Flags.Suspended, c.Flags.Leech))
		}
		return fmt.Sprint(out)
	}
	if got, want := list([]string{"g", "f"}, true, false), "[f/b:0:true:false f/e:8:true:true]"; got != want {
		t.Errorf("suspended: %s, want %s", got, want)
	}
	if got, want := list([]string{"g", "f"}, false, true), "[g/y:8:false:true f/e:8:true:true]"; got != want {
		t.Errorf("leeches: %s, want %s", got, want)
	}
	if got, want := list([]string{"f"}, true, true), "[f/b:0:true:false f/e:8:true:true]"; got != want {
		t.Errorf("either, deck f: %s, want %s", got, want)
	}
	cs, _ := l.FlaggedCards([]string{"f"}, false, true)
	if len(cs) != 1 || cs[0].Card.Question != "q e" || cs[0].Card.Section != "Water" {
		t.Errorf("leech card %+v, want its question and section", cs)
	}
}

func TestResetCards(t *testing.T) {
	db := mustOpen(t)
	typedDeck(t, db)
	l := mustLearner(t, db, "default")
	for i, id := range []string{"c0", "c0", "c1", "t0"} {
		r := answered(id, base.Add(time.Duration(i)*time.Minute), 2*time.Second)
		if err := l.Record(&r); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.SetSuspended("d", "c1", true); err != nil {
		t.Fatal(err)
	}
	if err := l.SetSuspended("d", "c4", true); err != nil { // suspended while new
		t.Fatal(err)
	}
	res, err := l.ResetCards([]CardRef{{Deck: "d", ID: "c0"}, {Deck: "d", ID: "c2"}})
	if err != nil || res != (ResetResult{Cards: 1, Reviews: 2}) {
		t.Fatalf("reset c0, c2: %+v, %v; want 1 card, 2 reviews", res, err)
	}
	m, _, _, _ := l.Memory("d", "c0")
	if m != (quiz.Memory{}) {
		t.Errorf("c0 after reset: %+v, want a new card's memory", m)
	}
	rs, _ := l.Reviews("d", "c0")
	if len(rs) != 2 || !rs[0].Reset || !rs[1].Reset {
		t.Errorf("c0's reviews after reset: %+v, want both kept and marked reset", rs)
	}
	// The whole deck: c1 (suspended) and t0; c0 is new already, c4 has no
	// progress. Flags stay.
	res, err = l.ResetCards([]CardRef{{Deck: "d"}})
	if err != nil || res != (ResetResult{Cards: 2, Reviews: 2, Suspended: 1}) {
		t.Fatalf("reset d: %+v, %v; want 2 cards, 2 reviews, 1 suspended", res, err)
	}
	if _, f, _, _ := l.Memory("d", "c1"); !f.Suspended {
		t.Error("reset unsuspended c1")
	}
	q, err := l.Queue(quiz.QueueQuery{Decks: []string{"d"}, Now: base.Add(time.Hour), DayEnd: base.AddDate(0, 0, 1), NewLimit: 20, ReviewLimit: 20})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(keys(q.Learning), keys(q.New)), "[] [d/c0 d/c2 d/c3 d/t0 d/t1 d/b0]"; got != want {
		t.Errorf("queue after reset: %s, want %s", got, want)
	}
	if all, _ := countReviews(t, db); all != 4 {
		t.Errorf("%d reviews in the log, want all 4 kept", all)
	}
}

func TestUnsuspend(t *testing.T) {
	db := mustOpen(t)
	typedDeck(t, db)
	l := mustLearner(t, db, "default")
	for _, id := range []string{"c3", "c1", "t0"} {
		if err := l.SetSuspended("d", id, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.SetLeech("d", "c1", true); err != nil {
		t.Fatal(err)
	}
	got, err := l.Unsuspend([]CardRef{{Deck: "d", ID: "c1"}, {Deck: "d", ID: "c2"}})
	if err != nil || fmt.Sprint(got) != "[d/c1]" {
		t.Fatalf("unsuspend c1, c2: %v, %v; want [d/c1]", got, err)
	}
	if _, f, _, _ := l.Memory("d", "c1"); f.Suspended || !f.Leech {
		t.Errorf("c1 flags %+v: want unsuspended, still a leech", f)
	}
	if got, err = l.Unsuspend([]CardRef{{Deck: "d"}}); err != nil || fmt.Sprint(got) != "[d/c3 d/t0]" {
		t.Fatalf("unsuspend d: %v, %v; want [d/c3 d/t0] in deck order", got, err)
	}
}

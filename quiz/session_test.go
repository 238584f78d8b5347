package quiz

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"
)

// stepScheduler is a predictable scheduler for session tests: Again and a
// first Good go to learning steps of 1 and 10 minutes; a second Good
// graduates to one day; a review doubles its interval, or lapses on Again.
type stepScheduler struct{}

func (stepScheduler) Name() string { return "test" }
func (stepScheduler) Retrievability(m Memory, now time.Time) float64 {
	return 0
}
func (s stepScheduler) Preview(m Memory, now time.Time) [4]Outcome {
	var out [4]Outcome
	for i, r := range Ratings {
		out[i] = s.Next(m, now, r)
	}
	return out
}
func (stepScheduler) Next(m Memory, now time.Time, r Rating) Outcome {
	before := m
	m.Reps++
	m.LastReview = now
	learn := func(st State, step int, d time.Duration) {
		m.State, m.Step, m.Due, m.ScheduledDays = st, step, now.Add(d), 0
	}
	review := func(days int) {
		m.State, m.Step, m.ScheduledDays, m.Due = Review, 0, days, now.Add(time.Duration(days)*24*time.Hour)
		m.Stability = float64(days)
	}
	switch {
	case before.State == Review && r == Again:
		m.Lapses++
		learn(Relearning, 0, 10*time.Minute)
	case before.State == Review:
		review(max(1, before.ScheduledDays*2))
	case r == Again:
		learn(max(before.State, Learning), 0, time.Minute)
	case r == Easy || (r == Good && before.Step == 1):
		review(1)
	case r == Good:
		learn(max(before.State, Learning), 1, 10*time.Minute)
	default:
		learn(max(before.State, Learning), before.Step, 6*time.Minute)
	}
	return Outcome{Memory: m, Retrievability: math.NaN()}
}

var day0 = time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)

func newCards(p *memProgress, deck string, n int) {
	for i := range n {
		p.add(Candidate{Deck: deck, ID: fmt.Sprintf("n%02d", i)})
	}
}

func dueCards(p *memProgress, deck string, n int) {
	for i := range n {
		// Older reviews of shorter stability are less retrievable.
		last := day0.AddDate(0, 0, -10)
		p.add(Candidate{Deck: deck, ID: fmt.Sprintf("r%02d", i), Memory: Memory{
			State: Review, Stability: float64(10 + i), ScheduledDays: 10 + i, LastReview: last,
			Due: day0.Add(-time.Duration(i) * time.Hour), Reps: 3,
		}})
	}
}

func mustSession(t *testing.T, p *memProgress, cfg SessionConfig, now time.Time) *Session {
	t.Helper()
	if cfg.Decks == nil {
		cfg.Decks = []string{"d"}
	}
	if cfg.NewLimit == 0 {
		cfg.NewLimit = 20
	}
	if cfg.ReviewLimit == 0 {
		cfg.ReviewLimit = 200
	}
	if cfg.LearnAhead == 0 {
		cfg.LearnAhead = 20 * time.Minute
	}
	s, err := NewSession(p, stepScheduler{}, cfg, now)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// drain answers every card with rate until the session ends, advancing the
// clock a minute per answer, and returns the ids in the order shown.
func drain(t *testing.T, s *Session, now time.Time, rate func(Candidate) Rating) ([]string, time.Time) {
	t.Helper()
	var ids []string
	for i := 0; ; i++ {
		if i > 1000 {
			t.Fatal("session does not end")
		}
		c, ok := s.Next(now)
		if !ok {
			return ids, now
		}
		ids = append(ids, c.ID)
		if _, err := s.Answer(c, now, Answer{Rating: rate(c)}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
	}
}

func good(Candidate) Rating { return Good }

func TestQueueOrder(t *testing.T) {
	p := &memProgress{}
	dueCards(p, "d", 6)
	newCards(p, "d", 2)
	p.add(Candidate{Deck: "d", ID: "learn", Memory: Memory{State: Learning, Step: 1, Due: day0.Add(-time.Minute), LastReview: day0.Add(-11 * time.Minute), Reps: 1}})
	s := mustSession(t, p, SessionConfig{}, day0)
	var first []string
	for range 9 {
		c, ok := s.Next(day0)
		if !ok {
			t.Fatal("queue ended early")
		}
		first = append(first, c.ID)
		if _, err := s.Answer(c, day0, Answer{Rating: Easy}); err != nil {
			t.Fatal(err)
		}
	}
	// The learning card first; then reviews, least retrievable (r00: lowest
	// stability) first, with the two new cards spread among them.
	want := []string{"learn", "r00", "n00", "r01", "r02", "r03", "n01", "r04", "r05"}
	if fmt.Sprint(first) != fmt.Sprint(want) {
		t.Fatalf("order %v, want %v", first, want)
	}
	if _, ok := s.Next(day0); ok {
		t.Fatal("cards left after all were answered Easy")
	}
}

func TestSessionDoesNotEndOnNewBlock(t *testing.T) {
	p := &memProgress{}
	dueCards(p, "d", 10)
	newCards(p, "d", 5)
	s := mustSession(t, p, SessionConfig{}, day0)
	ids, _ := drain(t, s, day0, func(Candidate) Rating { return Easy })
	if len(ids) != 15 {
		t.Fatalf("%d cards shown", len(ids))
	}
	if last := ids[len(ids)-1]; last[0] != 'r' {
		t.Fatalf("session ends on a new card: %v", ids)
	}
	maxRun := 0
	for i, run := 0, 0; i < len(ids); i++ {
		if ids[i][0] == 'n' {
			run++
			maxRun = max(maxRun, run)
		} else {
			run = 0
		}
	}
	if maxRun > 1 {
		t.Fatalf("new cards come in a block: %v", ids)
	}
}

func TestLearningStepsAndLearnAhead(t *testing.T) {
	p := &memProgress{}
	newCards(p, "d", 1)
	s := mustSession(t, p, SessionConfig{}, day0)
	// Good → 10-minute step; nothing else is left, and it is due within the
	// 20-minute learn-ahead, so it comes back at once; Good again graduates.
	ids, _ := drain(t, s, day0, good)
	if fmt.Sprint(ids) != "[n00 n00]" {
		t.Fatalf("shown %v, want the card twice", ids)
	}
	if m := p.find("d", "n00").Memory; m.State != Review {
		t.Fatalf("card did not graduate: %+v", m)
	}

	// With a 5-minute learn-ahead, a card due in 10 minutes ends the session.
	p = &memProgress{}
	newCards(p, "d", 1)
	s = mustSession(t, p, SessionConfig{LearnAhead: 5 * time.Minute}, day0)
	ids, _ = drain(t, s, day0, good)
	if fmt.Sprint(ids) != "[n00]" {
		t.Fatalf("shown %v, want the card once", ids)
	}
	if l, d, n := s.Remaining(); l != 1 || d != 0 || n != 0 {
		t.Fatalf("remaining %d/%d/%d, want the learning card", l, d, n)
	}
}

func TestLearningCardWaitsForItsTime(t *testing.T) {
	p := &memProgress{}
	newCards(p, "d", 3)
	s := mustSession(t, p, SessionConfig{}, day0)
	c, _ := s.Next(day0)
	if _, err := s.Answer(c, day0, Answer{Rating: Again}); err != nil { // due in 1 minute
		t.Fatal(err)
	}
	c2, _ := s.Next(day0.Add(10 * time.Second))
	if c2.ID == c.ID {
		t.Fatal("a learning card came back before it was due while new cards wait")
	}
	if _, err := s.Answer(c2, day0.Add(10*time.Second), Answer{Rating: Easy}); err != nil {
		t.Fatal(err)
	}
	c3, _ := s.Next(day0.Add(2 * time.Minute))
	if c3.ID != c.ID {
		t.Fatalf("due learning card not first: got %s", c3.ID)
	}
}

func TestLimits(t *testing.T) {
	p := &memProgress{}
	dueCards(p, "d", 30)
	newCards(p, "d", 30)
	s := mustSession(t, p, SessionConfig{NewLimit: 3, ReviewLimit: 7}, day0)
	if _, d, n := s.Remaining(); d != 7 || n != 3 {
		t.Fatalf("due %d new %d, want 7 and 3", d, n)
	}
	s = mustSession(t, p, SessionConfig{CardLimit: 5}, day0)
	if l, d, n := s.Remaining(); l+d+n != 5 {
		t.Fatalf("card limit 5 gives %d/%d/%d", l, d, n)
	}
}

func TestClozeSiblingsNotSameDay(t *testing.T) {
	p := &memProgress{}
	for _, id := range []string{"sco.2001", "sco.shanghai", "other.x"} {
		p.add(Candidate{Deck: "d", ID: id, Sibling: id[:len(id)-len(id[indexDot(id):])]})
	}
	s := mustSession(t, p, SessionConfig{}, day0)
	ids, now := drain(t, s, day0, func(Candidate) Rating { return Easy })
	if fmt.Sprint(ids) != "[sco.2001 other.x]" {
		t.Fatalf("shown %v: want one blank of sco and the other card", ids)
	}
	// Later the same day: the sibling reviewed today keeps the other away.
	s = mustSession(t, p, SessionConfig{}, now.Add(time.Hour))
	if ids, _ := drain(t, s, now.Add(time.Hour), good); len(ids) != 0 {
		t.Fatalf("same day, shown %v", ids)
	}
	// The next day both reviews are due, and the blank seen is reviewed
	// again, so its sibling waits once more.
	next := day0.AddDate(0, 0, 1)
	s = mustSession(t, p, SessionConfig{}, next)
	if ids, _ := drain(t, s, next, func(Candidate) Rating { return Easy }); fmt.Sprint(ids) != "[sco.2001 other.x]" {
		t.Fatalf("next day, shown %v", ids)
	}
	// The day after, with both reviews two days away, the sibling comes.
	next = day0.AddDate(0, 0, 2)
	s = mustSession(t, p, SessionConfig{}, next)
	if ids, _ := drain(t, s, next, func(Candidate) Rating { return Easy }); fmt.Sprint(ids) != "[sco.shanghai]" {
		t.Fatalf("third day, shown %v", ids)
	}
}

func indexDot(s string) int {
	for i := range s {
		if s[i] == '.' {
			return i
		}
	}
	return len(s)
}

func TestUndo(t *testing.T) {
	p := &memProgress{}
	newCards(p, "d", 2)
	s := mustSession(t, p, SessionConfig{ID: 7}, day0)
	if _, err := s.Undo(); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("undo at start: %v", err)
	}
	c, _ := s.Next(day0)
	if _, err := s.Answer(c, day0, Answer{Rating: Again}); err != nil {
		t.Fatal(err)
	}
	r, err := s.Undo()
	if err != nil || r.CardID != c.ID {
		t.Fatalf("undo: %+v, %v", r, err)
	}
	if m := p.find("d", c.ID).Memory; m.State != New || m.Reps != 0 {
		t.Fatalf("memory not restored: %+v", m)
	}
	if !p.log[0].Undone || len(p.log) != 1 {
		t.Fatalf("log %+v: want one review, marked undone", p.log)
	}
	again, _ := s.Next(day0)
	if again.ID != c.ID || again.Memory.State != New {
		t.Fatalf("undone card not shown again first: %+v", again)
	}
	if l, _, _ := s.Remaining(); l != 0 {
		t.Fatalf("undone card still queued as learning (%d)", l)
	}
	if sum := s.Summary(); sum.Answers != 0 {
		t.Fatalf("summary counts an undone answer: %+v", sum)
	}
}

func TestRecordFailureKeepsCard(t *testing.T) {
	p := &memProgress{}
	newCards(p, "d", 2)
	s := mustSession(t, p, SessionConfig{}, day0)
	c, _ := s.Next(day0)
	p.failNext = errors.New("disk full")
	if _, err := s.Answer(c, day0, Answer{Rating: Good}); err == nil {
		t.Fatal("answer reported saved")
	}
	if again, _ := s.Next(day0); again.ID != c.ID {
		t.Fatalf("card lost after a failed save; next is %s", again.ID)
	}
}

func TestLeechSuspends(t *testing.T) {
	p := &memProgress{}
	p.add(Candidate{Deck: "d", ID: "hard", Memory: Memory{State: Review, Stability: 1, ScheduledDays: 1, Lapses: 2, LastReview: day0.AddDate(0, 0, -1), Due: day0}})
	s := mustSession(t, p, SessionConfig{LeechThreshold: 3}, day0)
	c, _ := s.Next(day0)
	res, err := s.Answer(c, day0, Answer{Rating: Again})
	if err != nil || !res.Leech {
		t.Fatalf("third lapse: leech %v, %v", res.Leech, err)
	}
	if f := p.find("d", "hard").Flags; !f.Leech || !f.Suspended {
		t.Fatalf("flags %+v", f)
	}
	if _, ok := s.Next(day0.Add(time.Hour)); ok {
		t.Fatal("a suspended leech is still queued")
	}
	// Undoing the lapse takes the leech mark back too.
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if f := p.find("d", "hard").Flags; f.Leech || f.Suspended {
		t.Fatalf("after undo, flags %+v", f)
	}
	if c, ok := s.Next(day0.Add(time.Hour)); !ok || c.ID != "hard" || c.Memory.Lapses != 2 {
		t.Fatalf("undone leech not shown again as it was: %+v", c)
	}
}

func TestBuryAndSuspend(t *testing.T) {
	p := &memProgress{}
	newCards(p, "d", 3)
	s := mustSession(t, p, SessionConfig{}, day0)
	a, _ := s.Next(day0)
	if err := s.Bury(a); err != nil {
		t.Fatal(err)
	}
	b, _ := s.Next(day0)
	if err := s.Suspend(b); err != nil {
		t.Fatal(err)
	}
	if got := p.find("d", a.ID).BuriedUntil; !got.Equal(time.Date(2026, 1, 6, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("buried until %v, want the next day's start", got)
	}
	if !p.find("d", b.ID).Suspended {
		t.Fatal("not suspended")
	}
	// Tomorrow the buried card is back; the suspended one is not.
	s = mustSession(t, p, SessionConfig{}, day0.AddDate(0, 0, 1))
	ids, _ := drain(t, s, day0.AddDate(0, 0, 1), func(Candidate) Rating { return Easy })
	if fmt.Sprint(ids) != fmt.Sprintf("[%s n02]", a.ID) && fmt.Sprint(ids) != fmt.Sprintf("[n02 %s]", a.ID) {
		t.Fatalf("next day shown %v", ids)
	}
}

func TestSummary(t *testing.T) {
	p := &memProgress{}
	newCards(p, "d", 2)
	s := mustSession(t, p, SessionConfig{}, day0)
	c, _ := s.Next(day0)
	s.Answer(c, day0, Answer{Rating: Again, Verdict: Wrong})
	c, _ = s.Next(day0)
	s.Answer(c, day0, Answer{Rating: Good, Verdict: Correct})
	if sum := s.Summary(); sum.Answers != 2 || sum.Cards != 2 || sum.Right != 1 {
		t.Fatalf("summary %+v", sum)
	}
}

func TestFilters(t *testing.T) {
	p := &memProgress{}
	dueCards(p, "d", 3)
	newCards(p, "d", 3)
	p.add(Candidate{Deck: "d", ID: "learn", Memory: Memory{State: Learning, Step: 1, Due: day0.Add(-time.Minute), LastReview: day0.Add(-11 * time.Minute), Reps: 1}})
	tag := func(id, section string, tags ...string) {
		c := p.find("d", id)
		c.tags, c.section = tags, section
	}
	tag("r00", "Borders", "borders", "cbm")
	tag("r01", "Water", "water")
	tag("r02", "Borders")
	tag("n00", "Borders", "borders")
	tag("n01", "Water", "cbm")
	tag("learn", "Water", "borders")
	tests := []struct {
		tags, sections []string
		want           string
	}{
		{nil, nil, "[learn r00 n00 r01 n01 r02 n02]"},
		{[]string{"borders"}, nil, "[learn r00 n00]"},
		{[]string{"borders", "cbm"}, nil, "[learn r00 n00 n01]"},
		{nil, []string{"Borders"}, "[r00 n00 r02]"},
		{nil, []string{"Borders", "Water"}, "[learn r00 n00 r01 n01 r02]"},
		{[]string{"borders"}, []string{"Water"}, "[learn]"},
		{[]string{"water"}, []string{"Borders"}, "[]"},
	}
	for _, tt := range tests {
		s := mustSession(t, p, SessionConfig{Tags: tt.tags, Sections: tt.sections}, day0)
		var ids []string
		for {
			c, ok := s.Next(day0)
			if !ok {
				break
			}
			ids = append(ids, c.ID)
		}
		if got := fmt.Sprint(ids); got != tt.want && !(got == "[]" && tt.want == "[]") {
			t.Errorf("tags %v, sections %v: shown %v, want %v", tt.tags, tt.sections, got, tt.want)
		}
	}
}

// An unsuspended leech is not suspended again at its next lapse, only a
// half threshold later; undoing that lapse keeps the leech mark it had.
func TestLeechAgain(t *testing.T) {
	p := &memProgress{}
	p.add(Candidate{Deck: "d", ID: "hard", Memory: Memory{State: Review, Stability: 1, ScheduledDays: 1, Lapses: 4, LastReview: day0.AddDate(0, 0, -1), Due: day0}})
	c := p.find("d", "hard")
	c.Leech = true // a leech at 4 lapses, since unsuspended
	lapse := func(now time.Time) Answered {
		t.Helper()
		s := mustSession(t, p, SessionConfig{LeechThreshold: 4}, now)
		c, ok := s.Next(now)
		if !ok {
			t.Fatal("card not shown")
		}
		res, err := s.Answer(c, now, Answer{Rating: Again})
		if err != nil {
			t.Fatal(err)
		}
		// Relearn it back to a review due the next day.
		drain(t, s, now.Add(10*time.Minute), func(Candidate) Rating { return Easy })
		return res
	}
	if res := lapse(day0); res.Leech || c.Suspended {
		t.Fatalf("fifth lapse: leech %v, suspended %v; want neither", res.Leech, c.Suspended)
	}
	now := day0.AddDate(0, 0, 2)
	s := mustSession(t, p, SessionConfig{LeechThreshold: 4}, now)
	cand, _ := s.Next(now)
	res, err := s.Answer(cand, now, Answer{Rating: Again})
	if err != nil || !res.Leech || !c.Suspended || !c.Leech {
		t.Fatalf("sixth lapse: leech %v, flags %+v, %v", res.Leech, c.Flags, err)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if c.Suspended || !c.Leech {
		t.Fatalf("after undo, flags %+v; want unsuspended and still a leech", c.Flags)
	}
}

// Learning cards due at the same instant come back in the order they were
// answered, as they do when a millisecond apart: the order does not hang
// on how fast the answers came.
func TestLearningTiesComeBackInAnswerOrder(t *testing.T) {
	for _, gap := range []time.Duration{0, time.Millisecond} {
		p := &memProgress{}
		newCards(p, "d", 3)
		s := mustSession(t, p, SessionConfig{}, day0)
		now := day0
		var answered []string
		for range 3 {
			c, ok := s.Next(now)
			if !ok {
				t.Fatal("session ended early")
			}
			answered = append(answered, c.ID)
			if _, err := s.Answer(c, now, Answer{Rating: Again}); err != nil {
				t.Fatal(err)
			}
			now = now.Add(gap)
		}
		var again []string
		for range 3 {
			c, _ := s.Next(day0.Add(2 * time.Minute))
			again = append(again, c.ID)
			if _, err := s.Answer(c, day0.Add(2*time.Minute), Answer{Rating: Easy}); err != nil {
				t.Fatal(err)
			}
		}
		if fmt.Sprint(again) != fmt.Sprint(answered) {
			t.Errorf("gap %v: answered %v, back as %v", gap, answered, again)
		}
	}
}

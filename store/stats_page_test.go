package store

import (
	"reflect"
	"testing"
	"time"

	"steppe/quiz"
)

func TestForecastByLearningDay(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, cardsNamed("d", "over", "d0", "early", "d1", "d2", "susp", "late")); err != nil {
		t.Fatal(err)
	}
	// Days start at 04:00 UTC; now is 2026-01-05 09:30, learning day "Jan 5".
	cal := quiz.Calendar{StartHour: 4}
	today := cal.Day(base)
	at := func(s string) quiz.Memory {
		due, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return quiz.Memory{State: quiz.Review, Stability: 3, Difficulty: 5, Due: due, LastReview: base.AddDate(0, 0, -3), Reps: 2}
	}
	if err := l.ImportHistory([]CardState{
		{Deck: "d", CardID: "over", Memory: at("2025-12-30T12:00:00Z")},                                     // overdue: today
		{Deck: "d", CardID: "d0", Memory: at("2026-01-06T03:59:00Z")},                                       // before 04:00: still today
		{Deck: "d", CardID: "early", Memory: at("2026-01-06T04:00:00Z")},                                    // tomorrow
		{Deck: "d", CardID: "d1", Memory: at("2026-01-07T02:00:00Z")},                                       // tomorrow
		{Deck: "d", CardID: "d2", Memory: at("2026-01-07T05:00:00Z")},                                       // in two days
		{Deck: "d", CardID: "susp", Memory: at("2026-01-06T05:00:00Z"), Flags: quiz.Flags{Suspended: true}}, // never
		{Deck: "d", CardID: "late", Memory: at("2026-01-09T05:00:00Z")},                                     // beyond 3 days
	}, nil); err != nil {
		t.Fatal(err)
	}
	got, err := l.Forecast([]string{"d"}, cal, today, 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{2, 2, 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("Forecast = %v, want %v", got, want)
	}
}

// TestForecastAcrossDST puts due cards on New York learning days that start
// at 04:00 local time, across the spring change of clocks.
func TestForecastAcrossDST(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, cardsNamed("d", "a", "b", "c")); err != nil {
		t.Fatal(err)
	}
	cal := quiz.Calendar{Loc: ny, StartHour: 4}
	now := time.Date(2026, 3, 7, 12, 0, 0, 0, ny) // Saturday; clocks go forward on Sunday the 8th
	at := func(d time.Time) quiz.Memory {
		return quiz.Memory{State: quiz.Review, Stability: 3, Difficulty: 5, Due: d, LastReview: now.AddDate(0, 0, -3), Reps: 2}
	}
	if err := l.ImportHistory([]CardState{
		{Deck: "d", CardID: "a", Memory: at(time.Date(2026, 3, 8, 3, 30, 0, 0, ny))}, // before 04:00 on Sunday: Saturday
		{Deck: "d", CardID: "b", Memory: at(time.Date(2026, 3, 8, 4, 0, 0, 0, ny))},  // Sunday
		{Deck: "d", CardID: "c", Memory: at(time.Date(2026, 3, 9, 3, 59, 0, 0, ny))}, // still Sunday's learning day
	}, nil); err != nil {
		t.Fatal(err)
	}
	got, err := l.Forecast([]string{"d"}, cal, cal.Day(now), 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 2, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("Forecast = %v, want %v", got, want)
	}
}

func TestReviewsPerDayAndStreak(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, cardsNamed("d", "a")); err != nil {
		t.Fatal(err)
	}
	cal := quiz.Calendar{StartHour: 4}
	day := func(s string) time.Time {
		t0, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return t0
	}
	var logs []quiz.ReviewLog
	for _, s := range []string{
		"2025-12-20T10:00:00Z", "2025-12-21T10:00:00Z", "2025-12-22T10:00:00Z", "2025-12-23T03:00:00Z", // 3 days: the 23rd's 03:00 is the 22nd
		"2026-01-02T10:00:00Z", "2026-01-03T10:00:00Z", "2026-01-04T10:00:00Z", "2026-01-04T11:00:00Z",
	} {
		logs = append(logs, quiz.ReviewLog{Deck: "d", CardID: "a", Time: day(s), Rating: quiz.Good, Scheduler: "fsrs"})
	}
	undone := day("2026-01-04T12:00:00Z")
	logs = append(logs,
		quiz.ReviewLog{Deck: "d", CardID: "a", Time: undone, Rating: quiz.Good, Scheduler: "fsrs"},
		quiz.ReviewLog{Deck: "e", CardID: "a", Time: day("2025-12-25T10:00:00Z"), Rating: quiz.Good, Scheduler: "fsrs"},
		quiz.ReviewLog{Deck: "d", CardID: "a", Time: day("2026-01-06T10:00:00Z"), Rating: quiz.Good, Scheduler: "fsrs"}, // after to
	)
	if err := l.ImportHistory(nil, logs); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.Exec(`UPDATE reviews SET undone = 1 WHERE time = ?`, undone.UnixMilli()); err != nil {
		t.Fatal(err)
	}
	d := func(s string) int { return cal.Day(day(s + "T12:00:00Z")) }
	want := []DayCount{{d("2025-12-20"), 1}, {d("2025-12-21"), 1}, {d("2025-12-22"), 2}, {d("2026-01-02"), 1}, {d("2026-01-03"), 1}, {d("2026-01-04"), 2}}
	// Deck d alone is grouped in SQL; d and e, all the learner's decks, are
	// counted from the time index less the undone reviews.
	wantAll := append(append(append([]DayCount(nil), want[:3]...), DayCount{d("2025-12-25"), 1}), want[3:]...)
	for _, c := range []struct {
		decks []string
		want  []DayCount
	}{{[]string{"d"}, want}, {[]string{"d", "e"}, wantAll}} {
		got, err := l.ReviewsPerDay(c.decks, cal, base)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("ReviewsPerDay(%v) = %v, want %v", c.decks, got, c.want)
		}
	}
	days := want
	today := d("2026-01-05")
	for _, c := range []struct {
		name             string
		days             []DayCount
		today            int
		current, longest int
	}{
		{"none today yet: the run to yesterday counts", days, today, 3, 3},
		{"reviews today extend it", append(append([]DayCount(nil), days...), DayCount{today, 4}), today, 4, 4},
		{"a day missed breaks it", days, today + 1, 0, 3},
		{"future days are ignored", append(append([]DayCount(nil), days...), DayCount{today + 3, 1}), today, 3, 3},
		{"no reviews", nil, today, 0, 0},
		{"one day today", []DayCount{{today, 1}}, today, 1, 1},
		{"the longest run is in the past", []DayCount{{today - 9, 1}, {today - 8, 1}, {today - 7, 1}, {today - 6, 1}, {today - 1, 1}, {today, 2}}, today, 2, 4},
		{"days with no reviews do not count", []DayCount{{today - 2, 1}, {today - 1, 0}, {today, 1}}, today, 1, 1},
	} {
		cur, long := Streak(c.days, c.today)
		if cur != c.current || long != c.longest {
			t.Errorf("%s: Streak = %d, %d; want %d, %d", c.name, cur, long, c.current, c.longest)
		}
	}
}

func TestRetentionByMaturity(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, cardsNamed("d", "a")); err != nil {
		t.Fatal(err)
	}
	rev := func(ago time.Duration, ivl int, g quiz.Rating) quiz.ReviewLog {
		before := quiz.Memory{State: quiz.Review, Stability: float64(ivl), Difficulty: 5, ScheduledDays: ivl}
		return quiz.ReviewLog{Deck: "d", CardID: "a", Time: base.Add(-ago), Rating: g, Scheduler: "fsrs", Before: before, After: before}
	}
	day := 24 * time.Hour
	logs := []quiz.ReviewLog{
		rev(time.Hour, 20, quiz.Good),  // young, today
		rev(time.Hour, 21, quiz.Again), // mature, today
		rev(3*day, 5, quiz.Again),      // young, this week
		rev(3*day, 40, quiz.Hard),      // mature, this week
		rev(20*day, 100, quiz.Easy),    // mature, this month
		rev(40*day, 100, quiz.Again),   // too old
		{Deck: "d", CardID: "a", Time: base.Add(-time.Hour), Rating: quiz.Good, Scheduler: "fsrs"}, // new card: not a review
	}
	if err := l.ImportHistory(nil, logs); err != nil {
		t.Fatal(err)
	}
	young, mature, err := l.RetentionByMaturity([]string{"d"}, []time.Time{base.Add(-12 * time.Hour), base.Add(-7 * day), base.Add(-30 * day)}, base)
	if err != nil {
		t.Fatal(err)
	}
	if want := []RetentionCount{{1, 1}, {2, 1}, {2, 1}}; !reflect.DeepEqual(young, want) {
		t.Errorf("young = %v, want %v", young, want)
	}
	if want := []RetentionCount{{1, 0}, {2, 1}, {3, 2}}; !reflect.DeepEqual(mature, want) {
		t.Errorf("mature = %v, want %v", mature, want)
	}
}

func TestMemoryDistributions(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "default")
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, cardsNamed("d", "a", "b", "c", "new")); err != nil {
		t.Fatal(err)
	}
	mem := func(s, d float64) quiz.Memory {
		return quiz.Memory{State: quiz.Review, Stability: s, Difficulty: d, Due: base, LastReview: base.AddDate(0, 0, -1), Reps: 1}
	}
	if err := l.ImportHistory([]CardState{
		{Deck: "d", CardID: "a", Memory: mem(0.5, 1)},
		{Deck: "d", CardID: "b", Memory: mem(30, 10)},
		{Deck: "d", CardID: "c", Memory: mem(1000, 5.5)},
	}, nil); err != nil {
		t.Fatal(err)
	}
	r := func(m quiz.Memory, now time.Time) float64 { return m.Difficulty / 10 }
	got, err := l.MemoryDistributions([]string{"d"}, base, r)
	if err != nil {
		t.Fatal(err)
	}
	counts := func(b []Bucket) []int {
		var out []int
		for _, x := range b {
			out = append(out, x.Count)
		}
		return out
	}
	if want := []int{1, 0, 0, 0, 0, 1, 0, 0, 1}; !reflect.DeepEqual(counts(got.Stability), want) {
		t.Errorf("stability = %v, want %v", counts(got.Stability), want)
	}
	if want := []int{1, 0, 0, 0, 1, 0, 0, 0, 1}; !reflect.DeepEqual(counts(got.Difficulty), want) {
		t.Errorf("difficulty = %v, want %v", counts(got.Difficulty), want)
	}
	if want := []int{0, 1, 0, 0, 0, 1, 0, 0, 0, 1}; !reflect.DeepEqual(counts(got.Retrievability), want) {
		t.Errorf("retrievability = %v, want %v", counts(got.Retrievability), want)
	}
}

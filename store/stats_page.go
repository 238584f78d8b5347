package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"steppe/quiz"
)

// The queries behind the stats page: a forecast of due cards, reviews per
// learning day (the heatmap and the streak), true retention split by
// maturity, and the distributions of the learner's memory.

// Forecast counts the cards on the decks, seen and not suspended, that fall
// due on each of the days learning days from today on; cards already overdue
// count on today. Days are the calendar's, so the day-start hour and the
// time zone decide which day a due time belongs to.
func (l *Learner) Forecast(decks []string, cal quiz.Calendar, today, days int) ([]int, error) {
	out := make([]int, days)
	if days <= 0 {
		return out, nil
	}
	// bounds[i] is where day today+i+1 begins; a due time belongs to the
	// first day whose end is after it.
	bounds := make([]int64, days)
	for i := range bounds {
		bounds[i] = cal.Start(today + i + 1).UnixMilli()
	}
	rows, err := l.db.db.Query(`SELECT c.due FROM card_states c
		WHERE c.profile = ? AND c.state IN (1, 2, 3) AND c.due < ? AND c.archived = 0 AND c.suspended = 0
			AND c.deck IN (SELECT value FROM json_each(?))`,
		l.id, bounds[days-1], jsonList(decks))
	if err != nil {
		return nil, fmt.Errorf("forecast: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var due int64
		if err := rows.Scan(&due); err != nil {
			return nil, fmt.Errorf("forecast: %w", err)
		}
		i := sort.Search(days, func(i int) bool { return bounds[i] > due })
		out[i]++
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("forecast: %w", err)
	}
	return out, nil
}

// DayCount is the number of reviews on one learning day.
type DayCount struct {
	Day     int // quiz.Calendar day number
	Reviews int
}

// dayBucketMs is the grain reviews are grouped at, when they must be, before
// they are put on learning days: every time zone's offset is a multiple of
// 15 minutes and days start on the hour, so no bucket straddles two days.
const dayBucketMs = 15 * 60 * 1000

// ReviewsPerDay counts the reviews on the decks that stand (not undone;
// reviews later reset still happened) on each learning day before to, in
// order of day; days without reviews are left out.
func (l *Learner) ReviewsPerDay(decks []string, cal quiz.Calendar, to time.Time) ([]DayCount, error) {
	var first sql.NullInt64
	err := l.db.db.QueryRow(`SELECT min(time) FROM reviews WHERE profile = ?`, l.id).Scan(&first)
	if err != nil {
		return nil, fmt.Errorf("reviews per day: %w", err)
	}
	if !first.Valid || first.Int64 >= to.UnixMilli() {
		return nil, nil
	}
	others, err := l.reviewsBeyond(decks)
	if err != nil {
		return nil, fmt.Errorf("reviews per day: %w", err)
	}
	if others {
		return l.reviewsPerDayOfDecks(decks, cal, to)
	}
	// Every review is on the decks: count each day's range of the time
	// index, which holds all a count needs, and take the few undone away.
	from, last := cal.Day(time.UnixMilli(first.Int64)), cal.Day(to.Add(-time.Millisecond))
	starts := make([]int64, 0, last-from+2)
	for d := from; d <= last+1; d++ {
		starts = append(starts, cal.Start(d).UnixMilli())
	}
	starts[len(starts)-1] = min(starts[len(starts)-1], to.UnixMilli())
	b, _ := json.Marshal(starts)
	rows, err := l.db.db.Query(`WITH b AS (
			SELECT key, value AS start, lead(value) OVER (ORDER BY key) AS end FROM json_each(?2))
		SELECT key, (SELECT count(*) FROM reviews r WHERE r.profile = ?1 AND r.time >= b.start AND r.time < b.end)
		FROM b WHERE end IS NOT NULL`, l.id, string(b))
	if err != nil {
		return nil, fmt.Errorf("reviews per day: %w", err)
	}
	defer rows.Close()
	perDay := make([]int, len(starts)-1)
	for rows.Next() {
		var i, n int
		if err := rows.Scan(&i, &n); err != nil {
			return nil, fmt.Errorf("reviews per day: %w", err)
		}
		perDay[i] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reviews per day: %w", err)
	}
	// No bounds on time here: they would lead the planner to the time index
	// and through every review, when the undone index holds just the few.
	undone, err := l.db.db.Query(`SELECT time FROM reviews WHERE profile = ? AND undone = 1`, l.id)
	if err != nil {
		return nil, fmt.Errorf("reviews per day: %w", err)
	}
	defer undone.Close()
	for undone.Next() {
		var t int64
		if err := undone.Scan(&t); err != nil {
			return nil, fmt.Errorf("reviews per day: %w", err)
		}
		if t >= starts[0] && t < to.UnixMilli() {
			perDay[cal.Day(time.UnixMilli(t))-from]--
		}
	}
	if err := undone.Err(); err != nil {
		return nil, fmt.Errorf("reviews per day: %w", err)
	}
	var out []DayCount
	for i, n := range perDay {
		if n > 0 {
			out = append(out, DayCount{Day: from + i, Reviews: n})
		}
	}
	return out, nil
}

// reviewsBeyond reports whether the learner has reviews on decks other than
// these, stepping through the card index deck by deck.
func (l *Learner) reviewsBeyond(decks []string) (bool, error) {
	want := make(map[string]bool, len(decks))
	for _, d := range decks {
		want[d] = true
	}
	last := ""
	for {
		var deck string
		err := l.db.db.QueryRow(`SELECT deck FROM reviews WHERE profile = ? AND deck > ? ORDER BY deck LIMIT 1`, l.id, last).Scan(&deck)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if !want[deck] {
			return true, nil
		}
		last = deck
	}
}

// reviewsPerDayOfDecks is ReviewsPerDay when only some of the learner's
// decks count: grouped in SQL, so that a million reviews do not cross into
// Go one by one.
func (l *Learner) reviewsPerDayOfDecks(decks []string, cal quiz.Calendar, to time.Time) ([]DayCount, error) {
	rows, err := l.db.db.Query(`SELECT time / ?1, count(*) FROM reviews
		WHERE profile = ?2 AND deck IN (SELECT value FROM json_each(?4)) AND time < ?3 AND undone = 0
		GROUP BY 1 ORDER BY 1`,
		dayBucketMs, l.id, to.UnixMilli(), jsonList(decks))
	if err != nil {
		return nil, fmt.Errorf("reviews per day: %w", err)
	}
	defer rows.Close()
	var out []DayCount
	for rows.Next() {
		var bucket int64
		var n int
		if err := rows.Scan(&bucket, &n); err != nil {
			return nil, fmt.Errorf("reviews per day: %w", err)
		}
		d := cal.Day(time.UnixMilli(bucket * dayBucketMs))
		if k := len(out); k > 0 && out[k-1].Day == d {
			out[k-1].Reviews += n
			continue
		}
		out = append(out, DayCount{Day: d, Reviews: n})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reviews per day: %w", err)
	}
	return out, nil
}

// Streak finds, in days sorted by day, the run of consecutive days with
// reviews that ends today, or yesterday when today has none yet, and the
// longest run of all.
func Streak(days []DayCount, today int) (current, longest int) {
	run, prev := 0, math.MinInt
	for _, d := range days {
		if d.Reviews <= 0 || d.Day > today {
			continue
		}
		if d.Day == prev+1 {
			run++
		} else {
			run = 1
		}
		prev = d.Day
		longest = max(longest, run)
	}
	if prev == today || prev == today-1 {
		current = run
	}
	return current, longest
}

// MatureDays is the interval, in days, from which a card counts as mature.
const MatureDays = 21

// RetentionCount is true retention's raw figures: reviews of review-state
// cards, and how many were recalled.
type RetentionCount struct {
	Reviews, Recalled int
}

// RetentionByMaturity splits true retention (see Retention) by the card's
// interval before the review: young under MatureDays days, mature from it.
// Each from time opens a window that ends at to; out[i] is window i's.
func (l *Learner) RetentionByMaturity(decks []string, from []time.Time, to time.Time) (young, mature []RetentionCount, err error) {
	// The window starts are written into the SQL as integers, which they
	// always are; the rest are parameters.
	young = make([]RetentionCount, len(from))
	mature = make([]RetentionCount, len(from))
	if len(from) == 0 {
		return young, mature, nil
	}
	earliest := from[0]
	for _, f := range from {
		if f.Before(earliest) {
			earliest = f
		}
	}
	// One pass over the earliest window's reviews, grouped in SQL by
	// maturity and by how many windows hold the review: windows share their
	// end, so a review in k of them is in the k that start earliest.
	order := make([]int, len(from))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return from[order[a]].Before(from[order[b]]) })
	var held []string
	for _, f := range from {
		held = append(held, fmt.Sprintf("(time >= %d)", f.UnixMilli()))
	}
	rows, err := l.db.db.Query(`SELECT before_scheduled_days >= ?, `+strings.Join(held, " + ")+`, count(*), sum(rating > 1)
		FROM reviews
		WHERE profile = ? AND time >= ? AND time < ? AND undone = 0 AND reset = 0 AND before_state = 2
			AND deck IN (SELECT value FROM json_each(?))
		GROUP BY 1, 2`,
		MatureDays, l.id, earliest.UnixMilli(), to.UnixMilli(), jsonList(decks))
	if err != nil {
		return nil, nil, fmt.Errorf("retention by maturity: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var isMature bool
		var k int
		var c RetentionCount
		if err := rows.Scan(&isMature, &k, &c.Reviews, &c.Recalled); err != nil {
			return nil, nil, fmt.Errorf("retention by maturity: %w", err)
		}
		out := young
		if isMature {
			out = mature
		}
		for p := 0; p < k; p++ {
			out[order[p]].Reviews += c.Reviews
			out[order[p]].Recalled += c.Recalled
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("retention by maturity: %w", err)
	}
	return young, mature, nil
}

// Bucket is one bar of a histogram: the values in [From, To), or
// [From, To] for a histogram's last bucket. To is +Inf for an open end.
type Bucket struct {
	From, To float64
	Count    int
}

// Buckets for the distributions of memory. Stability is in days, on a
// roughly doubling scale; difficulty is FSRS's 1–10 in steps of one;
// retrievability is a probability in tenths.
var (
	StabilityBounds      = []float64{0, 1, 3, 7, 14, 30, 90, 180, 365, math.Inf(1)}
	DifficultyBounds     = []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	RetrievabilityBounds = []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1}
)

// MemoryDistributions is how the learner's seen cards spread over
// stability, difficulty and retrievability.
type MemoryDistributions struct {
	Stability, Difficulty, Retrievability []Bucket
}

// MemoryDistributions counts the cards on the decks that have been seen
// (not new, not archived; suspended cards count) into the buckets above;
// retrievability is r's estimate at now.
func (l *Learner) MemoryDistributions(decks []string, now time.Time, r func(quiz.Memory, time.Time) float64) (MemoryDistributions, error) {
	out := MemoryDistributions{
		Stability:      newBuckets(StabilityBounds),
		Difficulty:     newBuckets(DifficultyBounds),
		Retrievability: newBuckets(RetrievabilityBounds),
	}
	rows, err := l.db.db.Query(`SELECT c.state, c.stability, c.difficulty, c.last_review FROM card_states c
		WHERE c.profile = ? AND c.state IN (1, 2, 3) AND c.archived = 0
			AND c.deck IN (SELECT value FROM json_each(?))`,
		l.id, jsonList(decks))
	if err != nil {
		return out, fmt.Errorf("memory distributions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m quiz.Memory
		var last *int64
		if err := rows.Scan(&m.State, &m.Stability, &m.Difficulty, &last); err != nil {
			return out, fmt.Errorf("memory distributions: %w", err)
		}
		if last != nil {
			m.LastReview = time.UnixMilli(*last)
		}
		addTo(out.Stability, m.Stability)
		addTo(out.Difficulty, m.Difficulty)
		if r != nil {
			addTo(out.Retrievability, r(m, now))
		}
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("memory distributions: %w", err)
	}
	return out, nil
}

func newBuckets(bounds []float64) []Bucket {
	b := make([]Bucket, len(bounds)-1)
	for i := range b {
		b[i] = Bucket{From: bounds[i], To: bounds[i+1]}
	}
	return b
}

// addTo adds v to its bucket; values outside the range go to the nearest
// end, and the last bucket holds its upper bound.
func addTo(b []Bucket, v float64) {
	if math.IsNaN(v) {
		return
	}
	i := sort.Search(len(b), func(i int) bool { return b[i].To > v })
	b[min(i, len(b)-1)].Count++
}

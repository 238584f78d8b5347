package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"steppe/quiz"
)

// ErrNotFound is wrapped by lookups of a profile, card or deck that is not
// there.
var ErrNotFound = errors.New("not found")

// millis is a time as stored: milliseconds since the epoch, NULL for the
// zero time.
func millis(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// timeOf reads a time stored by millis.
func timeOf(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.UnixMilli(n.Int64).UTC()
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// memoryCols are a quiz.Memory's columns, in the order memoryArgs and
// memoryRow use; card_states names them so, and reviews adds a before_ or
// after_ prefix.
var memoryCols = []string{
	"state", "step", "stability", "difficulty", "ease", "due", "last_review",
	"elapsed_days", "scheduled_days", "reps", "lapses",
}

// columns lists memoryCols with prefix before each name.
func columns(prefix string) string {
	var b strings.Builder
	for i, c := range memoryCols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(prefix)
		b.WriteString(c)
	}
	return b.String()
}

// placeholders is "?, ?, ..." n times.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// numbered is "?from, ?from+1, ..." n times, for statements that use an
// argument twice or take arguments after fixed ones.
func numbered(from, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("?" + strconv.Itoa(from+i))
	}
	return b.String()
}

func memoryArgs(args []any, m *quiz.Memory) []any {
	return append(args,
		int64(m.State), int64(m.Step), m.Stability, m.Difficulty, m.Ease,
		millis(m.Due), millis(m.LastReview),
		int64(m.ElapsedDays), int64(m.ScheduledDays), int64(m.Reps), int64(m.Lapses))
}

// memoryRow receives a quiz.Memory's columns from a query.
type memoryRow struct {
	state, step                     int64
	stability, difficulty, ease     float64
	due, lastReview                 sql.NullInt64
	elapsed, scheduled, reps, lapse int64
}

func (r *memoryRow) dest(d []any) []any {
	return append(d, &r.state, &r.step, &r.stability, &r.difficulty, &r.ease,
		&r.due, &r.lastReview, &r.elapsed, &r.scheduled, &r.reps, &r.lapse)
}

func (r *memoryRow) memory() quiz.Memory {
	return quiz.Memory{
		State:         quiz.State(r.state),
		Step:          int(r.step),
		Stability:     r.stability,
		Difficulty:    r.difficulty,
		Ease:          r.ease,
		Due:           timeOf(r.due),
		LastReview:    timeOf(r.lastReview),
		ElapsedDays:   int(r.elapsed),
		ScheduledDays: int(r.scheduled),
		Reps:          int(r.reps),
		Lapses:        int(r.lapse),
	}
}

// jsonList encodes deck slugs for json_each(?), which lets one prepared
// statement take any number of decks.
func jsonList(ss []string) string {
	if len(ss) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(ss) // strings always encode
	return string(b)
}

package store

import (
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"time"

	"steppe/quiz"
)

// ErrNothingToUndo is returned by Undo when the session has no review left
// to undo. It is quiz's error, so a session's caller checks one.
var ErrNothingToUndo = quiz.ErrNothingToUndo

// CardState is a learner's stored state of one card: its memory and flags.
type CardState struct {
	Deck   string
	CardID string
	Memory quiz.Memory
	Flags  quiz.Flags
}

// Record implements quiz.Progress: it appends r to the review log and
// stores r.After as the card's memory, in one transaction, and sets r.ID.
// Flags are left as they are.
func (l *Learner) Record(r *quiz.ReviewLog) error {
	if err := validReview(r); err != nil {
		return err
	}
	tx, err := l.db.db.Begin()
	if err != nil {
		return fmt.Errorf("record review of %s/%s: %w", r.Deck, r.CardID, err)
	}
	defer tx.Rollback()
	id, err := insertReview(tx, &l.db.stmt, l.id, r)
	if err != nil {
		return fmt.Errorf("record review of %s/%s: %w", r.Deck, r.CardID, err)
	}
	if err := upsertMemory(tx.Stmt(l.db.stmt.upsertMemory), l.id, r.Deck, r.CardID, &r.After); err != nil {
		return fmt.Errorf("record review of %s/%s: %w", r.Deck, r.CardID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record review of %s/%s: %w", r.Deck, r.CardID, err)
	}
	r.ID = id
	return nil
}

func validReview(r *quiz.ReviewLog) error {
	switch {
	case r.Deck == "" || r.CardID == "":
		return fmt.Errorf("record review of %q/%q: deck and card id must not be empty", r.Deck, r.CardID)
	case r.Time.IsZero():
		return fmt.Errorf("record review of %s/%s: no time", r.Deck, r.CardID)
	case !r.Rating.Valid():
		return fmt.Errorf("record review of %s/%s: rating %d: want 1-4", r.Deck, r.CardID, r.Rating)
	}
	return nil
}

func insertReview(tx *sql.Tx, s *statements, profile int64, r *quiz.ReviewLog) (int64, error) {
	var buf [reviewInsertArgs]any
	res, err := tx.Stmt(s.insertReview).Exec(reviewArgs(buf[:0], profile, r)...)
	if err != nil {
		return 0, fmt.Errorf("insert review: %w", err)
	}
	return res.LastInsertId()
}

func reviewArgs(args []any, profile int64, r *quiz.ReviewLog) []any {
	var session any
	if r.SessionID != 0 {
		session = r.SessionID
	}
	args = append(args, profile, session, r.Deck, r.CardID, r.Time.UnixMilli(), int64(r.Rating),
		r.Answer, int64(r.Verdict), r.Duration.Milliseconds(), r.Scheduler)
	args = memoryArgs(args, &r.Before)
	args = memoryArgs(args, &r.After)
	return append(args, boolInt(r.Undone), boolInt(r.Reset))
}

// upsertMemory stores a memory through st, the upsertMemory statement of a
// transaction.
func upsertMemory(st *sql.Stmt, profile int64, deck, id string, m *quiz.Memory) error {
	var buf [3 + 11]any
	args := memoryArgs(append(buf[:0], profile, deck, id), m)
	if _, err := st.Exec(args...); err != nil {
		return fmt.Errorf("store memory: %w", err)
	}
	return nil
}

// Undo implements quiz.Progress: the session's latest review not yet undone
// is marked undone and the card's memory goes back to the review's Before.
// It returns the review, with Undone set, or ErrNothingToUndo.
//
// The review is assumed to be the card's latest; undoing a review that
// another session has since followed with one of its own would leave that
// card's memory at the older Before until a reschedule.
func (l *Learner) Undo(sessionID int64) (quiz.ReviewLog, error) {
	tx, err := l.db.db.Begin()
	if err != nil {
		return quiz.ReviewLog{}, fmt.Errorf("undo in session %d: %w", sessionID, err)
	}
	defer tx.Rollback()
	var row reviewRow
	err = tx.Stmt(l.db.stmt.lastOfSession).QueryRow(sessionID, l.id).Scan(row.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return quiz.ReviewLog{}, ErrNothingToUndo
	}
	if err != nil {
		return quiz.ReviewLog{}, fmt.Errorf("undo in session %d: %w", sessionID, err)
	}
	r := row.log()
	if _, err := tx.Stmt(l.db.stmt.markUndone).Exec(r.ID); err != nil {
		return quiz.ReviewLog{}, fmt.Errorf("undo review %d: %w", r.ID, err)
	}
	if err := upsertMemory(tx.Stmt(l.db.stmt.upsertMemory), l.id, r.Deck, r.CardID, &r.Before); err != nil {
		return quiz.ReviewLog{}, fmt.Errorf("undo review %d: %w", r.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return quiz.ReviewLog{}, fmt.Errorf("undo review %d: %w", r.ID, err)
	}
	r.Undone = true
	return r, nil
}

// Memory returns the card's stored memory and flags; found is false, with
// zero values, for a card the learner has never met.
func (l *Learner) Memory(deck, id string) (m quiz.Memory, f quiz.Flags, found bool, err error) {
	var mr memoryRow
	var suspended, leech int64
	var buried sql.NullInt64
	err = l.db.stmt.memory.QueryRow(l.id, deck, id).Scan(append(mr.dest(nil), &suspended, &buried, &leech)...)
	if errors.Is(err, sql.ErrNoRows) {
		return m, f, false, nil
	}
	if err != nil {
		return m, f, false, fmt.Errorf("memory of %s/%s: %w", deck, id, err)
	}
	f = quiz.Flags{Suspended: suspended != 0, BuriedUntil: timeOf(buried), Leech: leech != 0}
	return mr.memory(), f, true, nil
}

// ReplaceMemory sets the card's memory, leaving its flags and its reviews
// alone; reschedule and rebuild use it.
func (l *Learner) ReplaceMemory(deck, id string, m quiz.Memory) error {
	tx, err := l.db.db.Begin()
	if err != nil {
		return fmt.Errorf("replace memory of %s/%s: %w", deck, id, err)
	}
	defer tx.Rollback()
	if err := upsertMemory(tx.Stmt(l.db.stmt.upsertMemory), l.id, deck, id, &m); err != nil {
		return fmt.Errorf("replace memory of %s/%s: %w", deck, id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace memory of %s/%s: %w", deck, id, err)
	}
	return nil
}

// Reset makes the card new again: its reviews are marked reset (they stay
// in the log) and its memory goes back to zero. Flags stay. ResetCards
// does it for many cards, or whole decks, at once.
func (l *Learner) Reset(deck, id string) error {
	if id == "" {
		return fmt.Errorf("reset %s/: no card id", deck)
	}
	_, err := l.ResetCards([]CardRef{{Deck: deck, ID: id}})
	return err
}

// SetSuspended suspends the card, or lifts its suspension. A suspended card
// is never in a queue.
func (l *Learner) SetSuspended(deck, id string, suspended bool) error {
	return l.setFlag("suspend", "suspended", deck, id, boolInt(suspended))
}

// Bury keeps the card out of queues until the given time; the zero time
// unburies it.
func (l *Learner) Bury(deck, id string, until time.Time) error {
	return l.setFlag("bury", "buried_until", deck, id, millis(until))
}

// SetLeech marks the card as a leech, or clears the mark.
func (l *Learner) SetLeech(deck, id string, leech bool) error {
	return l.setFlag("mark as leech", "leech", deck, id, boolInt(leech))
}

// setFlag sets one flag column, giving a card never met a new memory.
func (l *Learner) setFlag(what, col, deck, id string, v any) error {
	tx, err := l.db.db.Begin()
	if err != nil {
		return fmt.Errorf("%s %s/%s: %w", what, deck, id, err)
	}
	defer tx.Rollback()
	args := memoryArgs([]any{l.id, deck, id}, &quiz.Memory{})
	args = append(args, v)
	if _, err := tx.Exec(`INSERT INTO card_states (profile, deck, card_id, `+columns("")+`, `+col+`)
		VALUES (`+placeholders(len(args))+`)
		ON CONFLICT (profile, deck, card_id) DO UPDATE SET `+col+` = excluded.`+col, args...); err != nil {
		return fmt.Errorf("%s %s/%s: %w", what, deck, id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s %s/%s: %w", what, deck, id, err)
	}
	return nil
}

// States returns every card state the learner has, by deck and card id.
func (l *Learner) States() ([]CardState, error) {
	rows, err := l.db.db.Query(`SELECT deck, card_id, `+columns("")+`, suspended, buried_until, leech
		FROM card_states WHERE profile = ? ORDER BY deck, card_id`, l.id)
	if err != nil {
		return nil, fmt.Errorf("card states of %q: %w", l.name, err)
	}
	defer rows.Close()
	var out []CardState
	for rows.Next() {
		var cs CardState
		var mr memoryRow
		var suspended, leech int64
		var buried sql.NullInt64
		if err := rows.Scan(append(mr.dest([]any{&cs.Deck, &cs.CardID}), &suspended, &buried, &leech)...); err != nil {
			return nil, fmt.Errorf("card states of %q: %w", l.name, err)
		}
		cs.Memory = mr.memory()
		cs.Flags = quiz.Flags{Suspended: suspended != 0, BuriedUntil: timeOf(buried), Leech: leech != 0}
		out = append(out, cs)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("card states of %q: %w", l.name, err)
	}
	return out, nil
}

// Reviews returns every review of the card, undone and reset ones
// included, in the order they were given.
func (l *Learner) Reviews(deck, id string) ([]quiz.ReviewLog, error) {
	var out []quiz.ReviewLog
	for r, err := range l.reviews(`AND deck = ? AND card_id = ? ORDER BY time, id`, deck, id) {
		if err != nil {
			return nil, fmt.Errorf("reviews of %s/%s: %w", deck, id, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// AllReviews yields every review of the learner, undone and reset ones
// included, card by card (by deck, then card id) and in time order within
// a card, which is the order a rebuild replays them in. It stops at the
// first error, which it yields.
func (l *Learner) AllReviews() iter.Seq2[quiz.ReviewLog, error] {
	return l.reviews(`ORDER BY deck, card_id, time, id`)
}

func (l *Learner) reviews(where string, args ...any) iter.Seq2[quiz.ReviewLog, error] {
	return func(yield func(quiz.ReviewLog, error) bool) {
		rows, err := l.db.db.Query(`SELECT `+reviewSelectCols+` FROM reviews WHERE profile = ? `+where,
			append([]any{l.id}, args...)...)
		if err != nil {
			yield(quiz.ReviewLog{}, err)
			return
		}
		defer rows.Close()
		var row reviewRow
		dest := row.dest()
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				yield(quiz.ReviewLog{}, err)
				return
			}
			if !yield(row.log(), nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(quiz.ReviewLog{}, err)
		}
	}
}

// reviewRow receives reviewSelectCols.
type reviewRow struct {
	id                int64
	session           sql.NullInt64
	deck, card        string
	time, rating      int64
	answer            string
	verdict, duration int64
	scheduler         string
	before, after     memoryRow
	undone, resetFlag int64
}

func (r *reviewRow) dest() []any {
	d := []any{&r.id, &r.session, &r.deck, &r.card, &r.time, &r.rating, &r.answer, &r.verdict, &r.duration, &r.scheduler}
	d = r.before.dest(d)
	d = r.after.dest(d)
	return append(d, &r.undone, &r.resetFlag)
}

func (r *reviewRow) log() quiz.ReviewLog {
	return quiz.ReviewLog{
		ID:        r.id,
		SessionID: r.session.Int64,
		Deck:      r.deck,
		CardID:    r.card,
		Time:      time.UnixMilli(r.time).UTC(),
		Rating:    quiz.Rating(r.rating),
		Answer:    r.answer,
		Verdict:   quiz.Verdict(r.verdict),
		Duration:  time.Duration(r.duration) * time.Millisecond,
		Scheduler: r.scheduler,
		Before:    r.before.memory(),
		After:     r.after.memory(),
		Undone:    r.undone != 0,
		Reset:     r.resetFlag != 0,
	}
}

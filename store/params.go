package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
)

// Params returns the FSRS weights stored for the learner by `steppe
// optimize --write`, or nil when none are.
func (l *Learner) Params() ([]float64, error) {
	var raw sql.NullString
	if err := l.db.db.QueryRow(`SELECT params FROM profiles WHERE id = ?`, l.id).Scan(&raw); err != nil {
		return nil, fmt.Errorf("read the parameters of %q: %w", l.name, err)
	}
	if !raw.Valid || raw.String == "" {
		return nil, nil
	}
	var w []float64
	if err := json.Unmarshal([]byte(raw.String), &w); err != nil {
		return nil, fmt.Errorf("the parameters stored for %q are not a list of numbers: %w", l.name, err)
	}
	return w, nil
}

// SetParams stores FSRS weights for the learner; nil clears them.
func (l *Learner) SetParams(w []float64) error {
	var v any
	if w != nil {
		b, err := json.Marshal(w)
		if err != nil {
			return err
		}
		v = string(b)
	}
	if _, err := l.db.db.Exec(`UPDATE profiles SET params = ? WHERE id = ?`, v, l.id); err != nil {
		return fmt.Errorf("store the parameters of %q: %w", l.name, err)
	}
	return nil
}

// LogReview is one review of the learner's log, as an optimizer reads it.
type LogReview struct {
	Card   string // DECK/ID
	Time   int64  // ms since the epoch
	Rating int
}

// ReviewLog returns the learner's reviews that are neither undone nor
// reset, by card and time.
func (l *Learner) ReviewLog() ([]LogReview, error) {
	rows, err := l.db.db.Query(liveReviewsQuery, l.id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LogReview
	for rows.Next() {
		var deck, card string
		var r LogReview
		if err := rows.Scan(&deck, &card, &r.Time, &r.Rating); err != nil {
			return nil, err
		}
		r.Card = deck + "/" + card
		out = append(out, r)
	}
	return out, rows.Err()
}

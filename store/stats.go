package store

import (
	"fmt"
	"time"

	"steppe/quiz"
)

// DeckCount is where a learner stands on one deck.
type DeckCount struct {
	Cards     int // cards in the deck (cloze blanks count one each)
	New       int // never reviewed
	Learning  int // learning or relearning, due at any time
	Due       int // review cards due before the day's end, not suspended or buried
	Suspended int
}

// DeckCounts counts, for each deck, its cards by where the learner stands,
// with due reviews counted up to dayEnd.
func (l *Learner) DeckCounts(decks []string, now, dayEnd time.Time) (map[string]DeckCount, error) {
	rows, err := l.db.db.Query(`SELECT d.slug, count(*),
			coalesce(sum(c.state IS NULL OR c.state = 0), 0),
			coalesce(sum(c.state IN (1, 3) AND c.suspended = 0), 0),
			coalesce(sum(c.state = 2 AND c.due < ?2 AND c.suspended = 0 AND coalesce(c.buried_until, 0) <= ?3), 0),
			coalesce(sum(c.suspended), 0)
		FROM deck_cards d
		LEFT JOIN card_states c ON c.profile = ?1 AND c.deck = d.slug AND c.card_id = d.card_id
		WHERE d.slug IN (SELECT value FROM json_each(?4))
		GROUP BY d.slug`, l.id, dayEnd.UnixMilli(), now.UnixMilli(), jsonList(decks))
	if err != nil {
		return nil, fmt.Errorf("count cards: %w", err)
	}
	defer rows.Close()
	out := map[string]DeckCount{}
	for rows.Next() {
		var slug string
		var c DeckCount
		if err := rows.Scan(&slug, &c.Cards, &c.New, &c.Learning, &c.Due, &c.Suspended); err != nil {
			return nil, fmt.Errorf("count cards: %w", err)
		}
		out[slug] = c
	}
	return out, rows.Err()
}

// DueBefore counts the cards on the decks, seen and not suspended, that are
// due before each of the given times.
func (l *Learner) DueBefore(decks []string, bounds []time.Time) ([]int, error) {
	out := make([]int, len(bounds))
	for i, b := range bounds {
		err := l.db.db.QueryRow(`SELECT count(*) FROM card_states c
			WHERE c.profile = ? AND c.state <> 0 AND c.suspended = 0 AND c.archived = 0 AND c.due < ?
				AND c.deck IN (SELECT value FROM json_each(?))`,
			l.id, b.UnixMilli(), jsonList(decks)).Scan(&out[i])
		if err != nil {
			return nil, fmt.Errorf("count due cards: %w", err)
		}
	}
	return out, nil
}

// StateCounts counts the cards on the decks by scheduling state; a card
// never reviewed counts as new.
func (l *Learner) StateCounts(decks []string) (map[quiz.State]int, error) {
	rows, err := l.db.db.Query(`SELECT coalesce(c.state, 0), count(*)
		FROM deck_cards d
		LEFT JOIN card_states c ON c.profile = ? AND c.deck = d.slug AND c.card_id = d.card_id
		WHERE d.slug IN (SELECT value FROM json_each(?))
		GROUP BY 1`, l.id, jsonList(decks))
	if err != nil {
		return nil, fmt.Errorf("count cards by state: %w", err)
	}
	defer rows.Close()
	out := map[quiz.State]int{}
	for rows.Next() {
		var st quiz.State
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("count cards by state: %w", err)
		}
		out[st] = n
	}
	return out, rows.Err()
}

// Retention is true retention as Anki counts it: of the reviews of cards in
// the review state between from and to (not undone, not reset), how many
// were recalled (rated Hard or better).
func (l *Learner) Retention(decks []string, from, to time.Time) (reviews, recalled int, err error) {
	err = l.db.db.QueryRow(`SELECT count(*), coalesce(sum(rating > 1), 0) FROM reviews
		WHERE profile = ? AND time >= ? AND time < ? AND undone = 0 AND reset = 0 AND before_state = 2
			AND deck IN (SELECT value FROM json_each(?))`,
		l.id, from.UnixMilli(), to.UnixMilli(), jsonList(decks)).Scan(&reviews, &recalled)
	if err != nil {
		return 0, 0, fmt.Errorf("retention: %w", err)
	}
	return reviews, recalled, nil
}

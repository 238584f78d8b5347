package store

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"steppe/quiz"
)

// CardRef names a learner's card, or with an empty ID every card of a deck.
type CardRef struct {
	Deck string
	ID   string // empty: the whole deck
}

func (r CardRef) String() string {
	if r.ID == "" {
		return r.Deck
	}
	return r.Deck + "/" + r.ID
}

// RecentDurations returns how long the learner took over their latest n
// answers to cards of type t, newest first: the answer times the grading
// rule takes its median over (quiz.PaceOf). Undone and reset reviews do
// not count, nor do reviews without a measured time or of cards that were
// not in the deck cache when they were answered.
func (l *Learner) RecentDurations(t quiz.CardType, n int) ([]time.Duration, error) {
	rows, err := l.db.db.Query(`SELECT duration_ms FROM reviews INDEXED BY reviews_answer_times
		WHERE profile = ? AND card_type = ? AND undone = 0 AND reset = 0 AND duration_ms > 0
		ORDER BY time DESC LIMIT ?`, l.id, t.String(), n)
	if err != nil {
		return nil, fmt.Errorf("answer times for %s cards: %w", t, err)
	}
	defer rows.Close()
	out := make([]time.Duration, 0, n)
	for rows.Next() {
		var ms int64
		if err := rows.Scan(&ms); err != nil {
			return nil, fmt.Errorf("answer times for %s cards: %w", t, err)
		}
		out = append(out, time.Duration(ms)*time.Millisecond)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("answer times for %s cards: %w", t, err)
	}
	return out, nil
}

// Tags lists the tags that cards of the cached decks carry, sorted.
func (db *DB) Tags(decks []string) ([]string, error) {
	return db.strings("tags", `SELECT DISTINCT t.value FROM deck_cards d, json_each(d.tags) t
		WHERE d.slug IN (SELECT value FROM json_each(?)) AND d.tags IS NOT NULL ORDER BY 1`, jsonList(decks))
}

// Sections lists the sections that cards of the cached decks name, sorted.
func (db *DB) Sections(decks []string) ([]string, error) {
	return db.strings("sections", `SELECT DISTINCT section FROM deck_cards
		WHERE slug IN (SELECT value FROM json_each(?)) AND section <> '' ORDER BY 1`, jsonList(decks))
}

func (db *DB) strings(what, query string, args ...any) ([]string, error) {
	rows, err := db.db.Query(query, args...)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("list %s: %w", what, err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	return out, nil
}

// FlaggedCard is a card with the learner's memory and flags of it.
type FlaggedCard struct {
	Card   quiz.Card
	Memory quiz.Memory
	Flags  quiz.Flags
}

// FlaggedCards lists the learner's cards of the decks that are suspended
// (when suspended is set) or marked as leeches (when leech is set), in deck
// order, the decks in the order given. Cards no longer in their cached deck
// are left out.
func (l *Learner) FlaggedCards(decks []string, suspended, leech bool) ([]FlaggedCard, error) {
	rows, err := l.db.db.Query(`SELECT `+prefixed("d.", cardCols)+`, `+columns("c.")+`, c.suspended, c.buried_until, c.leech
		FROM card_states c
		JOIN deck_cards d ON d.slug = c.deck AND d.card_id = c.card_id
		JOIN json_each(?2) k ON k.value = c.deck
		WHERE c.profile = ?1 AND c.archived = 0 AND ((?3 AND c.suspended = 1) OR (?4 AND c.leech = 1))
		ORDER BY k.key, d.position`, l.id, jsonList(decks), suspended, leech)
	if err != nil {
		return nil, fmt.Errorf("list flagged cards: %w", err)
	}
	defer rows.Close()
	var out []FlaggedCard
	for rows.Next() {
		var cr cardRow
		var mr memoryRow
		var susp, lch int64
		var buried sql.NullInt64
		if err := rows.Scan(append(mr.dest(cr.dest()), &susp, &buried, &lch)...); err != nil {
			return nil, fmt.Errorf("list flagged cards: %w", err)
		}
		c, err := cr.card()
		if err != nil {
			return nil, fmt.Errorf("list flagged cards: card %s/%s: %w", cr.slug, cr.id, err)
		}
		out = append(out, FlaggedCard{Card: c, Memory: mr.memory(),
			Flags: quiz.Flags{Suspended: susp != 0, BuriedUntil: timeOf(buried), Leech: lch != 0}})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list flagged cards: %w", err)
	}
	return out, nil
}

// prefixed puts prefix before each name of a column list such as cardCols.
func prefixed(prefix, cols string) string {
	return prefix + strings.ReplaceAll(cols, ", ", ", "+prefix)
}

// ResetResult is what a reset changed.
type ResetResult struct {
	Cards     int // cards that had progress: a state other than new
	Reviews   int // reviews, not undone, newly marked reset
	Suspended int // of the cards reset, those still suspended
}

// ResetCards starts cards over as new, in one transaction: every review of
// theirs is marked reset (the reviews stay in the log, and no longer count
// for scheduling or answer times) and their memory goes back to zero. A ref
// with no ID resets every card of the deck the learner has a state for.
// Flags stay as they are: a suspended card stays suspended, a leech stays
// marked. Resetting a card with no progress changes nothing.
func (l *Learner) ResetCards(refs []CardRef) (ResetResult, error) {
	var res ResetResult
	tx, err := l.db.db.Begin()
	if err != nil {
		return res, fmt.Errorf("reset cards: %w", err)
	}
	defer tx.Rollback()
	zero := memoryArgs(nil, &quiz.Memory{})
	for _, r := range refs {
		// ?2 IS NULL matches the whole deck.
		id := any(r.ID)
		if r.ID == "" {
			id = nil
		}
		var cards, suspended int
		if err := tx.QueryRow(`SELECT count(*), coalesce(sum(suspended), 0) FROM card_states
			WHERE profile = ?1 AND deck = ?2 AND (?3 IS NULL OR card_id = ?3) AND (state <> 0 OR reps <> 0)`,
			l.id, r.Deck, id).Scan(&cards, &suspended); err != nil {
			return res, fmt.Errorf("reset %s: %w", r, err)
		}
		var reviews int
		if err := tx.QueryRow(`SELECT count(*) FROM reviews
			WHERE profile = ?1 AND deck = ?2 AND (?3 IS NULL OR card_id = ?3) AND reset = 0 AND undone = 0`,
			l.id, r.Deck, id).Scan(&reviews); err != nil {
			return res, fmt.Errorf("reset %s: %w", r, err)
		}
		if _, err := tx.Exec(`UPDATE reviews SET reset = 1
			WHERE profile = ?1 AND deck = ?2 AND (?3 IS NULL OR card_id = ?3) AND reset = 0`,
			l.id, r.Deck, id); err != nil {
			return res, fmt.Errorf("reset %s: %w", r, err)
		}
		args := append([]any{l.id, r.Deck, id}, zero...)
		if _, err := tx.Exec(`UPDATE card_states SET (`+columns("")+`) = (`+numbered(4, len(memoryCols))+`)
			WHERE profile = ?1 AND deck = ?2 AND (?3 IS NULL OR card_id = ?3)`, args...); err != nil {
			return res, fmt.Errorf("reset %s: %w", r, err)
		}
		res.Cards += cards
		res.Suspended += suspended
		res.Reviews += reviews
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("reset cards: %w", err)
	}
	return res, nil
}

// Unsuspend brings suspended cards back, in one transaction, and returns
// the cards it brought back, in deck order; a ref with no ID brings back
// every suspended card of the deck. The leech mark stays: it records that
// the card was hard to learn, and `steppe cards --leeches` keeps listing it.
func (l *Learner) Unsuspend(refs []CardRef) ([]CardRef, error) {
	tx, err := l.db.db.Begin()
	if err != nil {
		return nil, fmt.Errorf("unsuspend cards: %w", err)
	}
	defer tx.Rollback()
	var out []CardRef
	for _, r := range refs {
		id := any(r.ID)
		if r.ID == "" {
			id = nil
		}
		rows, err := tx.Query(`SELECT c.card_id FROM card_states c
			LEFT JOIN deck_cards d ON d.slug = c.deck AND d.card_id = c.card_id
			WHERE c.profile = ?1 AND c.deck = ?2 AND (?3 IS NULL OR c.card_id = ?3) AND c.suspended = 1
			ORDER BY d.position, c.card_id`, l.id, r.Deck, id)
		if err != nil {
			return nil, fmt.Errorf("unsuspend %s: %w", r, err)
		}
		for rows.Next() {
			var cid string
			if err := rows.Scan(&cid); err != nil {
				rows.Close()
				return nil, fmt.Errorf("unsuspend %s: %w", r, err)
			}
			out = append(out, CardRef{Deck: r.Deck, ID: cid})
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("unsuspend %s: %w", r, err)
		}
		if _, err := tx.Exec(`UPDATE card_states SET suspended = 0
			WHERE profile = ?1 AND deck = ?2 AND (?3 IS NULL OR card_id = ?3) AND suspended = 1`,
			l.id, r.Deck, id); err != nil {
			return nil, fmt.Errorf("unsuspend %s: %w", r, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("unsuspend cards: %w", err)
	}
	return out, nil
}

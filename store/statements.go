package store

import (
	"database/sql"
	"fmt"
)

// statements are prepared once per DB for the paths a drill takes on every
// answer; a transaction uses them through tx.Stmt, which reuses the
// connection's prepared copy.
type statements struct {
	insertReview  *sql.Stmt
	upsertMemory  *sql.Stmt
	lastOfSession *sql.Stmt
	markUndone    *sql.Stmt
	memory        *sql.Stmt
	newCards      *sql.Stmt
	card          *sql.Stmt
	insertCard    *sql.Stmt
	knownTerm     *sql.Stmt

	prepared []*sql.Stmt
}

// reviewInsertCols are the columns insertReview and reviewArgs fill.
var reviewInsertCols = "profile, session, deck, card_id, time, rating, answer, verdict, duration_ms, scheduler, " +
	columns("before_") + ", " + columns("after_") + ", undone, reset"

const reviewInsertArgs = 10 + 2*11 + 2

// insertReviewSQL appends a review, with the card's type as the deck cache
// has it (NULL for a card not in the cache), for answer times by type.
var insertReviewSQL = `INSERT INTO reviews (` + reviewInsertCols + `, card_type) VALUES (` + numbered(1, reviewInsertArgs) +
	`, (SELECT type FROM deck_cards WHERE slug = ?3 AND card_id = ?4))`

// reviewSelectCols are the columns reviewRow scans.
var reviewSelectCols = "id, session, deck, card_id, time, rating, answer, verdict, duration_ms, scheduler, " +
	columns("before_") + ", " + columns("after_") + ", undone, reset"

// upsertMemorySQL stores a card's memory and leaves its flags alone.
var upsertMemorySQL = `INSERT INTO card_states (profile, deck, card_id, ` + columns("") + `)
	VALUES (` + placeholders(3+len(memoryCols)) + `)
	ON CONFLICT (profile, deck, card_id) DO UPDATE SET
	state = excluded.state, step = excluded.step, stability = excluded.stability,
	difficulty = excluded.difficulty, ease = excluded.ease, due = excluded.due,
	last_review = excluded.last_review, elapsed_days = excluded.elapsed_days,
	scheduled_days = excluded.scheduled_days, reps = excluded.reps, lapses = excluded.lapses`

// cardCols are the deck_cards columns cardRow scans.
const cardCols = "slug, card_id, position, type, sibling, section, tags, body"

func (s *statements) prepare(db *sql.DB) error {
	for _, p := range []struct {
		dst   **sql.Stmt
		query string
	}{
		{&s.insertReview, insertReviewSQL},
		{&s.upsertMemory, upsertMemorySQL},
		{&s.lastOfSession, `SELECT ` + reviewSelectCols + ` FROM reviews
			WHERE session = ? AND profile = ? AND undone = 0 ORDER BY id DESC LIMIT 1`},
		{&s.markUndone, `UPDATE reviews SET undone = 1 WHERE id = ?`},
		{&s.memory, `SELECT ` + columns("") + `, suspended, buried_until, leech FROM card_states
			WHERE profile = ? AND deck = ? AND card_id = ?`},
		{&s.newCards, `SELECT d.card_id, d.sibling, d.position FROM deck_cards d
			LEFT JOIN card_states c ON c.profile = ?1 AND c.deck = d.slug AND c.card_id = d.card_id
			WHERE d.slug = ?2 AND (c.card_id IS NULL OR (c.state = 0 AND c.suspended = 0
				AND (c.buried_until IS NULL OR c.buried_until <= ?3)))
			ORDER BY d.position LIMIT ?4`},
		{&s.card, `SELECT ` + cardCols + ` FROM deck_cards WHERE slug = ? AND card_id = ?`},
		{&s.insertCard, `INSERT INTO deck_cards (` + cardCols + `) VALUES (` + placeholders(8) + `)`},
		{&s.knownTerm, `SELECT EXISTS (SELECT 1 FROM deck_terms
			WHERE key = ? AND slug IN (SELECT value FROM json_each(?)))`},
	} {
		st, err := db.Prepare(p.query)
		if err != nil {
			return fmt.Errorf("prepare %.40q: %w", p.query, err)
		}
		*p.dst = st
		s.prepared = append(s.prepared, st)
	}
	return nil
}

func (s *statements) close() {
	for _, st := range s.prepared {
		st.Close()
	}
	s.prepared = nil
}

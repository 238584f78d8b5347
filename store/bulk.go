package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"steppe/quiz"
)

// Importer writes many card states and reviews in one transaction, for
// importing another program's history, rescheduling every card and
// building benchmark databases: a million reviews take seconds, where a
// transaction each would take many minutes. Nothing checks that
// the states follow from the reviews. Until Commit, nothing is visible to
// others and other writers wait.
type Importer struct {
	l      *Learner
	conn   *sql.Conn
	cache  int64 // the connection's cache_size, restored at the end
	tx     *sql.Tx
	state  *sql.Stmt
	review *sql.Stmt
	memory *sql.Stmt
	args   []any
}

// importCache is the page cache an import may grow to, in KiB: the review
// log's indexes are written in card order, not time order, and a small
// cache spends the import rereading their pages.
const importCache = 256 << 10

// importStateSQL stores a whole card state, flags included, replacing any;
// a card its cached deck does not hold is archived, as PutDeck would mark it.
var importStateSQL = `INSERT OR REPLACE INTO card_states (profile, deck, card_id, ` + columns("") +
	`, suspended, buried_until, leech, archived) VALUES (` + placeholders(3+len(memoryCols)+3) +
	`, NOT EXISTS (SELECT 1 FROM deck_cards WHERE slug = ? AND card_id = ?))`

// Import starts an import for the learner. Finish it with Commit, or
// Rollback to drop everything written; either must be called.
func (l *Learner) Import() (*Importer, error) {
	ctx := context.Background()
	conn, err := l.db.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("import history: %w", err)
	}
	im := &Importer{l: l, conn: conn, args: make([]any, 0, reviewInsertArgs)}
	if err := im.begin(ctx); err != nil {
		im.release()
		return nil, fmt.Errorf("import history: %w", err)
	}
	return im, nil
}

func (im *Importer) begin(ctx context.Context) error {
	if err := im.conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&im.cache); err != nil {
		return err
	}
	if _, err := im.conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, -importCache)); err != nil {
		return err
	}
	var err error
	if im.tx, err = im.conn.BeginTx(ctx, nil); err != nil {
		return err
	}
	if im.state, err = im.tx.Prepare(importStateSQL); err != nil {
		return err
	}
	im.review = im.tx.Stmt(im.l.db.stmt.insertReview)
	im.memory = im.tx.Stmt(im.l.db.stmt.upsertMemory)
	return nil
}

// release ends the transaction if it is still open and gives the
// connection back to the pool with its usual cache.
func (im *Importer) release() {
	if im.conn == nil {
		return
	}
	if im.state != nil {
		im.state.Close()
	}
	if im.tx != nil {
		im.tx.Rollback() // after Commit, a no-op
	}
	ctx := context.Background()
	im.conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, im.cache))
	im.conn.ExecContext(ctx, `PRAGMA shrink_memory`)
	im.conn.Close()
	im.conn = nil
}

// State stores a card's memory and flags, replacing what the learner had.
func (im *Importer) State(s *CardState) error {
	args := memoryArgs(append(im.args[:0], im.l.id, s.Deck, s.CardID), &s.Memory)
	args = append(args, boolInt(s.Flags.Suspended), millis(s.Flags.BuriedUntil), boolInt(s.Flags.Leech), s.Deck, s.CardID)
	if _, err := im.state.Exec(args...); err != nil {
		return fmt.Errorf("import state of %s/%s: %w", s.Deck, s.CardID, err)
	}
	return nil
}

// Memory sets a card's memory and leaves its flags, as ReplaceMemory does:
// a reschedule writes every card's new memory through one Importer.
func (im *Importer) Memory(deck, id string, m quiz.Memory) error {
	if err := upsertMemory(im.memory, im.l.id, deck, id, &m); err != nil {
		return fmt.Errorf("import memory of %s/%s: %w", deck, id, err)
	}
	return nil
}

// Review appends a review to the log as it is, Undone and Reset included,
// and sets r.ID, which is valid once Commit succeeds.
func (im *Importer) Review(r *quiz.ReviewLog) error {
	if err := validReview(r); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	res, err := im.review.Exec(reviewArgs(im.args[:0], im.l.id, r)...)
	if err != nil {
		return fmt.Errorf("import review of %s/%s: %w", r.Deck, r.CardID, err)
	}
	if r.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("import review of %s/%s: %w", r.Deck, r.CardID, err)
	}
	return nil
}

// Commit makes the import durable and visible.
func (im *Importer) Commit() error {
	if im.conn == nil {
		return errors.New("import history: already finished")
	}
	err := im.tx.Commit()
	im.release()
	if err != nil {
		return fmt.Errorf("import history: %w", err)
	}
	return nil
}

// Rollback drops the import. After Commit it does nothing.
func (im *Importer) Rollback() error {
	if im.conn == nil {
		return nil
	}
	err := im.tx.Rollback()
	im.release()
	if err != nil {
		return fmt.Errorf("import history: %w", err)
	}
	return nil
}

// ImportHistory imports states and reviews with an Importer, all or
// nothing, and sets the reviews' IDs.
func (l *Learner) ImportHistory(states []CardState, reviews []quiz.ReviewLog) error {
	im, err := l.Import()
	if err != nil {
		return err
	}
	for i := range states {
		if err := im.State(&states[i]); err != nil {
			im.Rollback()
			return err
		}
	}
	for i := range reviews {
		if err := im.Review(&reviews[i]); err != nil {
			im.Rollback()
			for j := range i {
				reviews[j].ID = 0
			}
			return err
		}
	}
	if err := im.Commit(); err != nil {
		for i := range reviews {
			reviews[i].ID = 0
		}
		return err
	}
	return nil
}

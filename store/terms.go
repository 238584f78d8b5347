package store

import (
	"database/sql"
	"fmt"
	"strings"

	"steppe/quiz"
)

// putTerms writes a deck's terms in tx, to go with its cards. PutDeck has
// deleted the deck's row, and with it the terms it had.
func putTerms(tx *sql.Tx, slug string, t quiz.Terms) error {
	if len(t.Known) > 0 {
		ins, err := tx.Prepare(`INSERT INTO deck_terms (slug, term, key) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, k := range t.Known {
			if _, err := ins.Exec(slug, k, quiz.TermKey(k)); err != nil {
				return fmt.Errorf("term %q: %w", k, err)
			}
		}
	}
	if len(t.Pairs) > 0 {
		ins, err := tx.Prepare(`INSERT INTO deck_acronyms (slug, acronym, expansion) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, p := range t.Pairs {
			if _, err := ins.Exec(slug, p[0], p[1]); err != nil {
				return fmt.Errorf("acronym %q: %w", p[0], err)
			}
		}
	}
	return nil
}

// Terms returns the terms PutDeck stored for the named decks, merged:
// sorted and without duplicates. A deck the cache does not hold has none.
func (db *DB) Terms(decks []string) (quiz.Terms, error) {
	var t quiz.Terms
	if len(decks) == 0 {
		return t, nil
	}
	in := placeholders(len(decks))
	args := make([]any, len(decks))
	for i, d := range decks {
		args[i] = d
	}
	err := db.scanEach(`SELECT DISTINCT term, '' FROM deck_terms WHERE slug IN (`+in+`) ORDER BY term`, args,
		func(k, _ string) { t.Known = append(t.Known, k) })
	if err == nil {
		err = db.scanEach(`SELECT DISTINCT acronym, expansion FROM deck_acronyms WHERE slug IN (`+in+`)
			ORDER BY acronym, expansion`, args,
			func(a, e string) { t.Pairs = append(t.Pairs, [2]string{a, e}) })
	}
	if err != nil {
		return quiz.Terms{}, fmt.Errorf("terms of decks %s: %w", strings.Join(decks, ", "), err)
	}
	return t, nil
}

// scanEach runs a query of two text columns and calls f with each row.
func (db *DB) scanEach(query string, args []any, f func(a, b string)) error {
	rows, err := db.db.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var a, b string
	for rows.Next() {
		if err := rows.Scan(&a, &b); err != nil {
			return err
		}
		f(a, b)
	}
	return rows.Err()
}

// Lexicon returns what the grader needs to know of the named decks, the
// decks in play: every answer, alternative and distractor they know, and
// the acronyms they spell out (see quiz.DeckTerms).
//
// The acronyms, few in any deck, are read at once. Known looks each text up
// in the database when asked, as a large deck may know hundreds of
// thousands of texts and the grader asks about one per typed answer. A
// lookup that fails counts as unknown: the grader is then as lenient as
// with the card alone, never stricter.
func (db *DB) Lexicon(decks []string) (quiz.Lexicon, error) {
	l := &lexicon{db: db, decks: jsonList(decks)}
	var t quiz.Terms
	err := db.scanEach(`SELECT DISTINCT acronym, expansion FROM deck_acronyms
		WHERE slug IN (SELECT value FROM json_each(?)) ORDER BY acronym, expansion`, []any{l.decks},
		func(a, e string) { t.Pairs = append(t.Pairs, [2]string{a, e}) })
	if err != nil {
		return nil, fmt.Errorf("acronyms of decks %s: %w", strings.Join(decks, ", "), err)
	}
	l.acronyms = quiz.NewLexicon(t)
	return l, nil
}

// lexicon is a quiz.Lexicon of the decks whose slugs are the JSON list
// decks.
type lexicon struct {
	db       *DB
	decks    string
	acronyms quiz.Lexicon // the acronym pairs, in memory
}

func (l *lexicon) Known(norm string) bool {
	if l.acronyms.Known(norm) {
		return true
	}
	var known bool
	if err := l.db.stmt.knownTerm.QueryRow(quiz.TermKey(norm), l.decks).Scan(&known); err != nil {
		return false
	}
	return known
}

func (l *lexicon) Equivalents(norm string) []string { return l.acronyms.Equivalents(norm) }

var _ quiz.Lexicon = (*lexicon)(nil)

package store

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"

	"steppe/quiz"
)

// DeckPolicy decides, when a deck's cached cards are replaced, which cards
// start over for every learner: given the cards the cache held for the
// slug and the cards replacing them, it returns the ids whose progress is
// reset. Cards whose content is the same in both (where they are defined
// aside) are left out of both lists, so that a large deck with a few edits
// costs little; the policy is not asked when nothing differs, nor on a
// deck's first load. old also holds, for a card that was removed from the
// deck and is back in new, its version when it left. The policy must be
// pure; PutDeckWithPolicy calls it inside its transaction.
type DeckPolicy func(old, new []quiz.Card) (reset []string)

// PutDeckWithPolicy is PutDeck for a deck whose content may have changed
// since it was cached: in the same transaction it reads the cards the
// cache held for the slug, asks policy which of them start over, and
// resets those for every learner in the database, as Learner.ResetCards
// does (reviews marked reset and kept in the log, memory zeroed, flags
// kept). Cards gone from the deck are archived and keep their progress,
// as PutDeck does, and the archived progress of cards back in the deck is
// restored. The last version of each removed card is kept (archived_cards),
// so that a card coming back is compared with what it was.
func (db *DB) PutDeckWithPolicy(meta DeckMeta, cards []quiz.Card, policy DeckPolicy) (DeckUpdate, error) {
	var res DeckUpdate
	tx, err := db.db.Begin()
	if err != nil {
		return res, fmt.Errorf("cache deck %s: %w", meta.Path, err)
	}
	defer tx.Rollback()
	before, after, gone, err := changedCards(tx, meta.Slug, cards)
	if err != nil {
		return res, fmt.Errorf("cache deck %s: %w", meta.Path, err)
	}
	inNew := make(map[string]bool, len(after))
	for i := range after {
		inNew[after[i].ID] = true
	}
	// A card back in the deck is compared with its version when it left.
	kept, err := cardsOf(tx, `SELECT `+cardCols+` FROM archived_cards WHERE slug = ? ORDER BY position`, meta.Slug)
	if err != nil {
		return res, fmt.Errorf("cache deck %s: %w", meta.Path, err)
	}
	archived, err := archivedCards(tx, meta.Slug)
	if err != nil {
		return res, fmt.Errorf("cache deck %s: %w", meta.Path, err)
	}
	for _, c := range kept {
		if inNew[c.ID] {
			before = append(before, c)
			archived[c.ID] = true
		}
	}
	var cachedBefore bool
	if err := tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM decks WHERE slug = ?)`, meta.Slug).Scan(&cachedBefore); err != nil {
		return res, fmt.Errorf("cache deck %s: %w", meta.Path, err)
	}
	var reset []string
	if policy != nil && cachedBefore && (len(before) > 0 || len(after) > 0) {
		reset = policy(before, after)
	}
	// The cards leaving the deck are kept in archived_cards as they were.
	if len(gone) > 0 {
		if _, err := tx.Exec(`INSERT OR REPLACE INTO archived_cards (`+cardCols+`)
			SELECT `+cardCols+` FROM deck_cards WHERE slug = ? AND card_id IN (SELECT value FROM json_each(?))`,
			meta.Slug, jsonList(gone)); err != nil {
			return res, fmt.Errorf("cache deck %s: archive removed cards: %w", meta.Path, err)
		}
	}
	if err := putDeck(tx, &db.stmt, &meta, cards); err != nil {
		return res, fmt.Errorf("cache deck %s: %w", meta.Path, err)
	}
	if _, err := tx.Exec(`DELETE FROM archived_cards WHERE slug = ?1
		AND card_id IN (SELECT card_id FROM deck_cards WHERE slug = ?1)`, meta.Slug); err != nil {
		return res, fmt.Errorf("cache deck %s: %w", meta.Path, err)
	}
	for i := range cards {
		if archived[cards[i].ID] {
			res.Restored = append(res.Restored, cards[i].ID)
		}
	}
	if len(reset) > 0 {
		if res.Reset, err = resetForAll(tx, meta.Slug, reset); err != nil {
			return res, fmt.Errorf("cache deck %s: reset changed cards: %w", meta.Path, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return DeckUpdate{}, fmt.Errorf("cache deck %s: %w", meta.Path, err)
	}
	return res, nil
}

// changedCards compares the cards the cache holds for the deck with cards,
// which are about to replace them. It returns the cached cards (before)
// and the new ones (after) that are not the same in both, and the ids of
// the cached cards that cards lacks (gone). Only the cached cards that
// differ are decoded: a card whose type, sibling, section, tags and body
// are what cards would store, where it is defined aside, is the same.
func changedCards(tx *sql.Tx, deck string, cards []quiz.Card) (before, after []quiz.Card, gone []string, err error) {
	rows, err := tx.Query(`SELECT `+cardCols+` FROM deck_cards WHERE slug = ? ORDER BY position`, deck)
	if err != nil {
		return nil, nil, nil, err
	}
	type cached struct {
		row  cardRow
		seen bool
	}
	var order []string
	old := map[string]*cached{}
	for rows.Next() {
		c := &cached{}
		if err := rows.Scan(c.row.dest()...); err != nil {
			rows.Close()
			return nil, nil, nil, err
		}
		old[c.row.id] = c
		order = append(order, c.row.id)
	}
	if err := rows.Close(); err != nil {
		return nil, nil, nil, err
	}
	for i := range cards {
		c := &cards[i]
		o, ok := old[c.ID]
		if !ok {
			after = append(after, *c)
			continue
		}
		o.seen = true
		same, err := sameContent(&o.row, c)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("card %s: %w", c.ID, err)
		}
		if same {
			continue
		}
		oc, err := o.row.card()
		if err != nil {
			return nil, nil, nil, fmt.Errorf("cached card %s: %w", c.ID, err)
		}
		before = append(before, oc)
		after = append(after, *c)
	}
	for _, id := range order {
		o := old[id]
		if o.seen {
			continue
		}
		oc, err := o.row.card()
		if err != nil {
			return nil, nil, nil, fmt.Errorf("cached card %s: %w", id, err)
		}
		before = append(before, oc)
		gone = append(gone, id)
	}
	return before, after, gone, nil
}

// sameContent reports whether the cached row holds c, where each is
// defined aside. A body's location fields, "f" and "l", come last (see
// cardBody), and the text `,"f":` or `,"l":` can only be JSON structure,
// since a quote inside a JSON string is escaped.
func sameContent(r *cardRow, c *quiz.Card) (bool, error) {
	if r.typ != c.Type.String() || r.sibling != c.Sibling || r.section != c.Section {
		return false, nil
	}
	switch {
	case len(c.Tags) == 0 && r.tags.Valid, len(c.Tags) > 0 && (!r.tags.Valid || r.tags.String != jsonList(c.Tags)):
		return false, nil
	}
	body, err := json.Marshal(cardBody{
		Question: c.Question, Answer: c.Answer, Accept: c.Accept, Answers: c.Answers, Wrong: c.Wrong,
		Items: c.Items, Explain: c.Explain, Quote: c.Quote,
	})
	if err != nil {
		return false, err
	}
	old := r.body
	for _, loc := range []string{`,"f":`, `,"l":`} {
		if i := bytes.Index(old, []byte(loc)); i >= 0 {
			old = append(old[:i:i], '}')
			break
		}
	}
	return bytes.Equal(old, body), nil
}

// DeckUpdate is what PutDeckWithPolicy did to learners' progress.
type DeckUpdate struct {
	// Reset counts, over all learners, the card states that had progress
	// and the reviews newly marked reset.
	Reset ResetResult
	// Restored lists the cards, in deck order, that are back in the deck
	// after they were removed: their archived progress, if any learner has
	// some, counts again.
	Restored []string
}

// archivedCards returns the ids of the deck's cards whose progress, of any
// learner, is archived.
func archivedCards(tx *sql.Tx, deck string) (map[string]bool, error) {
	rows, err := tx.Query(`SELECT DISTINCT card_id FROM card_states WHERE deck = ? AND archived = 1`, deck)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// resetForAll starts the deck's cards ids over for every learner. It goes
// learner by learner so that each lookup uses the (profile, deck, card)
// indexes.
func resetForAll(tx *sql.Tx, deck string, ids []string) (ResetResult, error) {
	var res ResetResult
	var profiles []int64
	rows, err := tx.Query(`SELECT id FROM profiles ORDER BY id`)
	if err != nil {
		return res, err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return res, err
		}
		profiles = append(profiles, id)
	}
	if err := rows.Close(); err != nil {
		return res, err
	}
	count, err := tx.Prepare(`SELECT count(*), coalesce(sum(suspended), 0) FROM card_states
		WHERE profile = ? AND deck = ? AND card_id = ? AND (state <> 0 OR reps <> 0)`)
	if err != nil {
		return res, err
	}
	defer count.Close()
	standing, err := tx.Prepare(`SELECT count(*) FROM reviews
		WHERE profile = ? AND deck = ? AND card_id = ? AND reset = 0 AND undone = 0`)
	if err != nil {
		return res, err
	}
	defer standing.Close()
	markReviews, err := tx.Prepare(`UPDATE reviews SET reset = 1
		WHERE profile = ? AND deck = ? AND card_id = ? AND reset = 0`)
	if err != nil {
		return res, err
	}
	defer markReviews.Close()
	zero, err := tx.Prepare(`UPDATE card_states SET (` + columns("") + `) = (` + numbered(4, len(memoryCols)) + `)
		WHERE profile = ?1 AND deck = ?2 AND card_id = ?3`)
	if err != nil {
		return res, err
	}
	defer zero.Close()
	zeroArgs := memoryArgs(nil, &quiz.Memory{})
	for _, p := range profiles {
		for _, id := range ids {
			var cards, suspended int
			if err := count.QueryRow(p, deck, id).Scan(&cards, &suspended); err != nil {
				return res, fmt.Errorf("%s/%s: %w", deck, id, err)
			}
			// Undone reviews are marked too, as ResetCards does, but only
			// those that stood are counted.
			var reviews int
			if err := standing.QueryRow(p, deck, id).Scan(&reviews); err != nil {
				return res, fmt.Errorf("%s/%s: %w", deck, id, err)
			}
			if _, err := markReviews.Exec(p, deck, id); err != nil {
				return res, fmt.Errorf("%s/%s: %w", deck, id, err)
			}
			if _, err := zero.Exec(append([]any{p, deck, id}, zeroArgs...)...); err != nil {
				return res, fmt.Errorf("%s/%s: %w", deck, id, err)
			}
			res.Cards += cards
			res.Suspended += suspended
			res.Reviews += reviews
		}
	}
	return res, nil
}

package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"steppe/quiz"
)

// DeckMeta describes a deck file in the cache of parsed decks: enough to
// tell whether the file changed since it was parsed, and what it is.
type DeckMeta struct {
	Path        string // the cache key: the file's path, or any stable name for a bundled deck
	Slug        string
	Title       string
	Size        int64
	MtimeNs     int64
	Fingerprint string // a hash of the contents, checked when size or mtime differ
	Format      int
	LoadedAt    time.Time
	Meta        []byte // JSON the decks package keeps for itself (description, source, ...)
	Cards       int    // the number of cards; set by Decks, ignored by PutDeck
}

// cardBody is a quiz.Card's content that has no column of its own, encoded
// as short JSON.
type cardBody struct {
	Question string   `json:"q,omitempty"`
	Answer   string   `json:"a,omitempty"`
	Accept   []string `json:"acc,omitempty"`
	Answers  []string `json:"ans,omitempty"`
	Wrong    []string `json:"w,omitempty"`
	Items    []string `json:"it,omitempty"`
	Explain  string   `json:"ex,omitempty"`
	Quote    string   `json:"qu,omitempty"`
	File     string   `json:"f,omitempty"`
	Line     int      `json:"l,omitempty"`
}

// DeckSignature returns what the cache recorded for the file at path; ok is
// false when the cache has no such deck.
func (db *DB) DeckSignature(path string) (size, mtimeNs int64, fingerprint string, ok bool, err error) {
	err = db.db.QueryRow(`SELECT size, mtime_ns, fingerprint FROM decks WHERE path = ?`, path).
		Scan(&size, &mtimeNs, &fingerprint)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, "", false, nil
	}
	if err != nil {
		return 0, 0, "", false, fmt.Errorf("deck cache entry of %s: %w", path, err)
	}
	return size, mtimeNs, fingerprint, true, nil
}

// PutDeck stores a parsed deck in the cache, replacing, in one transaction,
// what the cache held for its path and for its slug: a slug has one file's
// cards at a time. Each card's position is its index in cards. The deck's
// terms (quiz.DeckTerms), which the grader's Lexicon reads, are stored with
// it.
func (db *DB) PutDeck(meta DeckMeta, cards []quiz.Card) error {
	tx, err := db.db.Begin()
	if err != nil {
		return fmt.Errorf("cache deck %s: %w", meta.Path, err)
	}
	defer tx.Rollback()
	if err := putDeck(tx, &db.stmt, &meta, cards); err != nil {
		return fmt.Errorf("cache deck %s: %w", meta.Path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("cache deck %s: %w", meta.Path, err)
	}
	return nil
}

func putDeck(tx *sql.Tx, s *statements, meta *DeckMeta, cards []quiz.Card) error {
	if meta.Slug == "" {
		return fmt.Errorf("no deck slug")
	}
	if _, err := tx.Exec(`DELETE FROM decks WHERE path = ? OR slug = ?`, meta.Path, meta.Slug); err != nil {
		return err
	}
	var metaJSON any
	if len(meta.Meta) > 0 {
		metaJSON = string(meta.Meta)
	}
	if _, err := tx.Exec(`INSERT INTO decks (path, slug, title, size, mtime_ns, fingerprint, format, loaded_at, meta)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		meta.Path, meta.Slug, meta.Title, meta.Size, meta.MtimeNs, meta.Fingerprint, meta.Format,
		meta.LoadedAt.UnixMilli(), metaJSON); err != nil {
		return err
	}
	ins := tx.Stmt(s.insertCard)
	defer ins.Close()
	for i := range cards {
		c := &cards[i]
		if c.Deck != "" && c.Deck != meta.Slug {
			return fmt.Errorf("card %s belongs to deck %q, not %q", c.ID, c.Deck, meta.Slug)
		}
		body, err := json.Marshal(cardBody{
			Question: c.Question, Answer: c.Answer, Accept: c.Accept, Answers: c.Answers, Wrong: c.Wrong,
			Items: c.Items, Explain: c.Explain, Quote: c.Quote, File: c.File, Line: c.Line,
		})
		if err != nil {
			return fmt.Errorf("card %s: %w", c.ID, err)
		}
		var tags any
		if len(c.Tags) > 0 {
			tags = jsonList(c.Tags)
		}
		if _, err := ins.Exec(meta.Slug, c.ID, i, c.Type.String(), c.Sibling, c.Section, tags, string(body)); err != nil {
			return fmt.Errorf("card %s: %w", c.ID, err)
		}
	}
	if err := putTerms(tx, meta.Slug, quiz.DeckTerms(cards)); err != nil {
		return err
	}
	// Every learner's states of cards gone from the deck are archived, and
	// those of cards back in it restored.
	_, err := tx.Exec(`UPDATE card_states SET archived = NOT EXISTS (
			SELECT 1 FROM deck_cards d WHERE d.slug = card_states.deck AND d.card_id = card_states.card_id)
		WHERE deck = ?`, meta.Slug)
	return err
}

// Card returns one card of a cached deck; a missing card is an error
// wrapping ErrNotFound.
func (db *DB) Card(deck, id string) (quiz.Card, error) {
	var r cardRow
	err := db.stmt.card.QueryRow(deck, id).Scan(r.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return quiz.Card{}, fmt.Errorf("card %s/%s: %w", deck, id, ErrNotFound)
	}
	if err != nil {
		return quiz.Card{}, fmt.Errorf("card %s/%s: %w", deck, id, err)
	}
	c, err := r.card()
	if err != nil {
		return quiz.Card{}, fmt.Errorf("card %s/%s: %w", deck, id, err)
	}
	return c, nil
}

// DeckCards returns a cached deck's cards in deck order; a deck the cache
// does not hold has none.
func (db *DB) DeckCards(deck string) ([]quiz.Card, error) {
	return cardsOf(db.db, `SELECT `+cardCols+` FROM deck_cards WHERE slug = ? ORDER BY position`, deck)
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

// cardsOf runs query, which selects cardCols with deck as its one argument.
func cardsOf(q querier, query, deck string) ([]quiz.Card, error) {
	rows, err := q.Query(query, deck)
	if err != nil {
		return nil, fmt.Errorf("cards of deck %s: %w", deck, err)
	}
	defer rows.Close()
	var out []quiz.Card
	var r cardRow
	dest := r.dest()
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("cards of deck %s: %w", deck, err)
		}
		c, err := r.card()
		if err != nil {
			return nil, fmt.Errorf("cards of deck %s: card %s: %w", deck, r.id, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cards of deck %s: %w", deck, err)
	}
	return out, nil
}

// Decks lists the cached decks by slug, with their card counts.
func (db *DB) Decks() ([]DeckMeta, error) {
	rows, err := db.db.Query(`SELECT path, slug, title, size, mtime_ns, fingerprint, format, loaded_at, meta,
		(SELECT count(*) FROM deck_cards c WHERE c.slug = d.slug)
		FROM decks d ORDER BY slug`)
	if err != nil {
		return nil, fmt.Errorf("list cached decks: %w", err)
	}
	defer rows.Close()
	var out []DeckMeta
	for rows.Next() {
		var m DeckMeta
		var loaded int64
		var meta sql.NullString
		if err := rows.Scan(&m.Path, &m.Slug, &m.Title, &m.Size, &m.MtimeNs, &m.Fingerprint, &m.Format,
			&loaded, &meta, &m.Cards); err != nil {
			return nil, fmt.Errorf("list cached decks: %w", err)
		}
		m.LoadedAt = time.UnixMilli(loaded).UTC()
		if meta.Valid {
			m.Meta = []byte(meta.String)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list cached decks: %w", err)
	}
	return out, nil
}

// cardRow receives cardCols.
type cardRow struct {
	slug, id, typ, sibling, section string
	position                        int64
	tags                            sql.NullString
	body                            []byte
}

func (r *cardRow) dest() []any {
	return []any{&r.slug, &r.id, &r.position, &r.typ, &r.sibling, &r.section, &r.tags, &r.body}
}

func (r *cardRow) card() (quiz.Card, error) {
	t, err := quiz.ParseCardType(r.typ)
	if err != nil {
		return quiz.Card{}, err
	}
	var b cardBody
	if err := json.Unmarshal(r.body, &b); err != nil {
		return quiz.Card{}, fmt.Errorf("decode cached card: %w", err)
	}
	c := quiz.Card{
		Deck: r.slug, ID: r.id, Type: t,
		Question: b.Question, Answer: b.Answer, Accept: b.Accept, Answers: b.Answers, Wrong: b.Wrong,
		Items: b.Items, Explain: b.Explain, Section: r.section, Quote: b.Quote,
		Sibling: r.sibling, File: b.File, Line: b.Line,
	}
	if r.tags.Valid {
		if err := json.Unmarshal([]byte(r.tags.String), &c.Tags); err != nil {
			return quiz.Card{}, fmt.Errorf("decode cached card tags: %w", err)
		}
	}
	return c, nil
}

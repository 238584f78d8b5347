package store

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"steppe/quiz"
)

// The queue's card-state queries. Only cards the deck cache still holds are
// candidates: a card removed from its deck keeps its memory but is not
// shown. Decks come as one JSON array, so one statement fits any number.
// Without statistics SQLite would rather walk a learner's every card by
// primary key than use the queue index, hence INDEXED BY (and the + that
// keeps the deck test off the primary key).
var (
	learningSQL = `SELECT c.deck, c.card_id, d.sibling, d.position, ` + columns("c.") + `
		FROM card_states c INDEXED BY card_states_queue
		JOIN deck_cards d ON d.slug = c.deck AND d.card_id = c.card_id
		WHERE c.profile = ?1 AND c.state IN (1, 3) AND c.due < ?2 AND c.archived = 0
			AND +c.deck IN (SELECT value FROM json_each(?3))
			AND c.suspended = 0 AND (c.buried_until IS NULL OR c.buried_until <= ?4)
		ORDER BY c.due, c.deck, d.position`

	// Due cards come lowest retrievability first: (now - last review) /
	// stability, largest first; SM-2 rows have no stability and use the
	// scheduled interval instead. The inner query ranks from the covering
	// queue index alone; only the cards chosen are read in full.
	dueSQL = `SELECT c.deck, c.card_id, d.sibling, d.position, ` + columns("c.") + `
		FROM (SELECT deck, card_id, due, (?4 - last_review) * 1.0 /
				(CASE WHEN stability > 0 THEN stability ELSE max(scheduled_days, 1) END) AS overdue
			FROM card_states INDEXED BY card_states_queue
			WHERE profile = ?1 AND state = 2 AND due < ?2 AND archived = 0 AND suspended = 0
				AND deck IN (SELECT value FROM json_each(?3))
				AND (buried_until IS NULL OR buried_until <= ?4)
			ORDER BY overdue DESC, due, deck, card_id
			LIMIT ?5) k
		JOIN card_states c ON c.profile = ?1 AND c.deck = k.deck AND c.card_id = k.card_id
		JOIN deck_cards d ON d.slug = k.deck AND d.card_id = k.card_id
		ORDER BY k.overdue DESC, k.due, k.deck, k.card_id`

	// unseenSQL tells whether a deck may have new cards: fewer seen states
	// than cards. When every card has been seen, the scan for new cards,
	// which looks each card up, is skipped. With tags or sections it is
	// still right to skip: no unseen card means no unseen matching card.
	unseenSQL = `SELECT (SELECT count(*) FROM deck_cards WHERE slug = ?2) >
		(SELECT count(*) FROM card_states WHERE profile = ?1 AND deck = ?2 AND state <> 0 AND archived = 0)`
)

// The same queries narrowed by tags and sections (quiz.QueueQuery's Tags
// and Sections, as JSON arrays, NULL for no narrowing). They are separate
// statements so that an unnarrowed queue runs exactly as before: the due
// ranking then stays on the covering index, where a narrowed one looks
// each due card up in deck_cards.
var (
	learningFilteredSQL = insertBefore(learningSQL, `ORDER BY c.due`, `AND `+cardFilter("d", 5, 6))

	dueFilteredSQL = insertBefore(dueSQL, `ORDER BY overdue DESC`,
		`AND EXISTS (SELECT 1 FROM deck_cards d WHERE d.slug = card_states.deck AND d.card_id = card_states.card_id
					AND `+cardFilter("d", 6, 7)+`)`)

	newFilteredSQL = `SELECT d.card_id, d.sibling, d.position FROM deck_cards d
		LEFT JOIN card_states c ON c.profile = ?1 AND c.deck = d.slug AND c.card_id = d.card_id
		WHERE d.slug = ?2 AND (c.card_id IS NULL OR (c.state = 0 AND c.suspended = 0
			AND (c.buried_until IS NULL OR c.buried_until <= ?3)))
			AND ` + cardFilter("d", 5, 6) + `
		ORDER BY d.position LIMIT ?4`
)

// cardFilter is the condition that a deck_cards row d has one of the tags
// in the JSON array ?tags and its section in the array ?sections, each
// skipped when its argument is NULL.
func cardFilter(d string, tags, sections int) string {
	return fmt.Sprintf(`(?%[2]d IS NULL OR EXISTS (SELECT 1 FROM json_each(%[1]s.tags) t
			WHERE t.value IN (SELECT value FROM json_each(?%[2]d))))
		AND (?%[3]d IS NULL OR %[1]s.section IN (SELECT value FROM json_each(?%[3]d)))`, d, tags, sections)
}

// insertBefore puts cond into query before the first at, which must be
// there: a query edited so that it is not fails every test at once, rather
// than quietly losing its narrowing.
func insertBefore(query, at, cond string) string {
	i := strings.Index(query, at)
	if i < 0 {
		panic("store: no " + at + " in a queue query")
	}
	return query[:i] + cond + "\n\t\t" + query[i:]
}

// filterArgs are the tags and sections of q as cardFilter takes them.
func filterArgs(q *quiz.QueueQuery) (tags, sections any) {
	if len(q.Tags) > 0 {
		tags = jsonList(q.Tags)
	}
	if len(q.Sections) > 0 {
		sections = jsonList(q.Sections)
	}
	return tags, sections
}

// Queue implements quiz.Progress. Learning and relearning cards due before
// q.Now+q.LearnAhead come soonest first; review cards due before q.DayEnd
// come lowest retrievability first, at most q.ReviewLimit; new cards come in
// the order of q.Decks and then deck order, at most q.NewLimit, with a zero
// Memory.
//
// With q.Tags or q.Sections, only the cards that match are queued: a card
// with at least one of the tags, in one of the sections (exact headings).
func (l *Learner) Queue(q quiz.QueueQuery) (quiz.Queue, error) {
	var out quiz.Queue
	decks := jsonList(q.Decks)
	now := q.Now.UnixMilli()
	tags, sections := filterArgs(&q)
	filtered := tags != nil || sections != nil
	learning := []any{l.id, q.Now.Add(q.LearnAhead).UnixMilli(), decks, now}
	due := []any{l.id, q.DayEnd.UnixMilli(), decks, now, q.ReviewLimit}
	learningQuery, dueQuery := learningSQL, dueSQL
	if filtered {
		learningQuery, dueQuery = learningFilteredSQL, dueFilteredSQL
		learning = append(learning, tags, sections)
		due = append(due, tags, sections)
	}
	var err error
	out.Learning, err = l.candidates(learningQuery, learning...)
	if err != nil {
		return quiz.Queue{}, fmt.Errorf("queue learning cards: %w", err)
	}
	if q.ReviewLimit > 0 {
		out.Due, err = l.candidates(dueQuery, due...)
		if err != nil {
			return quiz.Queue{}, fmt.Errorf("queue due cards: %w", err)
		}
	}
	for _, deck := range q.Decks {
		if len(out.New) >= q.NewLimit {
			break
		}
		var unseen bool
		if err := l.db.db.QueryRow(unseenSQL, l.id, deck).Scan(&unseen); err != nil {
			return quiz.Queue{}, fmt.Errorf("queue new cards of %s: %w", deck, err)
		}
		if !unseen {
			continue
		}
		out.New, err = l.newCards(out.New, deck, now, q.NewLimit-len(out.New), tags, sections)
		if err != nil {
			return quiz.Queue{}, fmt.Errorf("queue new cards of %s: %w", deck, err)
		}
	}
	return out, nil
}

func (l *Learner) candidates(query string, args ...any) ([]quiz.Candidate, error) {
	rows, err := l.db.db.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []quiz.Candidate
	var c quiz.Candidate
	var mr memoryRow
	dest := mr.dest([]any{&c.Deck, &c.ID, &c.Sibling, &c.Position})
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		c.Memory = mr.memory()
		out = append(out, c)
	}
	return out, rows.Err()
}

// newCards appends up to limit new cards of deck, in deck order. A card is
// new when the learner has no state for it or a state that is still new
// (after an undone first review, a reset, or a flag set on an unseen card).
//
// tags and sections narrow the cards as cardFilter does; both nil for all.
func (l *Learner) newCards(out []quiz.Candidate, deck string, now int64, limit int, tags, sections any) ([]quiz.Candidate, error) {
	var rows *sql.Rows
	var err error
	if tags == nil && sections == nil {
		rows, err = l.db.stmt.newCards.Query(l.id, deck, now, limit)
	} else {
		rows, err = l.db.db.Query(newFilteredSQL, l.id, deck, now, limit, tags, sections)
	}
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		c := quiz.Candidate{Deck: deck}
		if err := rows.Scan(&c.ID, &c.Sibling, &c.Position); err != nil {
			return out, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Counts implements quiz.Progress from the review log, undone reviews left
// out: New counts reviews of cards that were new, Reviews those of cards in
// the review state, Total all of them, given in [from, to).
func (l *Learner) Counts(decks []string, from, to time.Time) (quiz.DayCounts, error) {
	var c quiz.DayCounts
	err := l.db.db.QueryRow(`SELECT count(*), coalesce(sum(before_state = 0), 0), coalesce(sum(before_state = 2), 0)
		FROM reviews WHERE profile = ? AND time >= ? AND time < ? AND undone = 0
			AND deck IN (SELECT value FROM json_each(?))`,
		l.id, from.UnixMilli(), to.UnixMilli(), jsonList(decks)).Scan(&c.Total, &c.New, &c.Reviews)
	if err != nil {
		return quiz.DayCounts{}, fmt.Errorf("count reviews: %w", err)
	}
	return c, nil
}

// SiblingsSeen implements quiz.Progress: the "deck/sibling" keys of cloze
// entries with a blank reviewed, and not undone, in [from, to). Siblings
// come from the deck cache.
func (l *Learner) SiblingsSeen(decks []string, from, to time.Time) (map[string]bool, error) {
	rows, err := l.db.db.Query(`SELECT DISTINCT r.deck, d.sibling
		FROM reviews r JOIN deck_cards d ON d.slug = r.deck AND d.card_id = r.card_id
		WHERE r.profile = ? AND r.time >= ? AND r.time < ? AND r.undone = 0 AND d.sibling <> ''
			AND r.deck IN (SELECT value FROM json_each(?))`,
		l.id, from.UnixMilli(), to.UnixMilli(), jsonList(decks))
	if err != nil {
		return nil, fmt.Errorf("siblings seen: %w", err)
	}
	defer rows.Close()
	seen := make(map[string]bool)
	for rows.Next() {
		var deck, sibling string
		if err := rows.Scan(&deck, &sibling); err != nil {
			return nil, fmt.Errorf("siblings seen: %w", err)
		}
		seen[deck+"/"+sibling] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("siblings seen: %w", err)
	}
	return seen, nil
}

// NextDue implements quiz.Progress: the earliest time a card of the decks
// that the learner has reviewed comes due, and false when there is none.
// Suspended cards and cards no longer in their deck do not count; a buried
// card counts from the later of its due time and the end of its burial,
// since it cannot be shown before.
func (l *Learner) NextDue(decks []string) (time.Time, bool, error) {
	// Each state's earliest due card is the first in the queue index; buried
	// cards, which may come later than their due time, are looked at apart.
	var due sql.NullInt64
	err := l.db.db.QueryRow(`SELECT min(v) FROM (
		SELECT (SELECT due FROM card_states INDEXED BY card_states_queue
			WHERE profile = ?1 AND state = s.value AND due IS NOT NULL AND archived = 0 AND suspended = 0
				AND (buried_until IS NULL OR buried_until <= due)
				AND deck IN (SELECT value FROM json_each(?2))
			ORDER BY due LIMIT 1) AS v
		FROM json_each('[1,2,3]') s
		UNION ALL
		SELECT min(max(due, buried_until)) FROM card_states INDEXED BY card_states_buried
		WHERE profile = ?1 AND buried_until IS NOT NULL AND state <> 0 AND archived = 0 AND suspended = 0
			AND deck IN (SELECT value FROM json_each(?2)))`,
		l.id, jsonList(decks)).Scan(&due)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("next due card: %w", err)
	}
	return timeOf(due), due.Valid, nil
}

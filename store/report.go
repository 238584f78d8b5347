package store

import (
	"database/sql"
	"fmt"
	"sort"
	"time"

	"steppe/quiz"
)

// CardActivity is one learner's record on one card, as the class report
// (`steppe report`) reads it from the learner's database: the reviews that
// stand (neither undone nor reset), the quiz answers, and the card's
// current memory.
type CardActivity struct {
	Deck   string
	CardID string

	Reviews       int // reviews that stand
	Again         int // of those, rated Again
	ReviewReviews int // of those, given while the card was in the review state
	Lapses        int // of those, rated Again: the card had been forgotten

	QuizAnswers int
	QuizWrong   int // quiz answers judged wrong

	Timed      int           // reviews and quiz answers whose time was measured
	AnswerTime time.Duration // their total time

	// Memory is the card's current memory; State is quiz.New when the
	// learner has no state for it.
	Memory quiz.Memory

	// Picks counts the answers given to a choice or multi card (per its
	// type in this database's deck cache), in reviews and quiz answers
	// alike, by their text: an option's text, or for multi the chosen
	// options' texts joined by "; ". Nil for other cards.
	Picks map[string]int
}

// Seen reports whether the learner has answered the card, in a drill or in
// a quiz.
func (a *CardActivity) Seen() bool { return a.Reviews > 0 || a.QuizAnswers > 0 }

// CardActivity returns the learner's activity on the cards of the decks
// named, one entry per card that has reviews, quiz answers or a state other
// than new,
// ordered by deck and card id. The reads share one snapshot of the file.
func (l *Learner) CardActivity(decks []string) ([]CardActivity, error) {
	tx, err := l.db.db.Begin()
	if err != nil {
		return nil, fmt.Errorf("activity of %q: %w", l.name, err)
	}
	defer tx.Rollback()
	acts := map[CardRef]*CardActivity{}
	get := func(deck, id string) *CardActivity {
		k := CardRef{Deck: deck, ID: id}
		a := acts[k]
		if a == nil {
			a = &CardActivity{Deck: deck, CardID: id}
			acts[k] = a
		}
		return a
	}
	list := jsonList(decks)
	if err := reviewActivity(tx, l.id, list, get); err != nil {
		return nil, fmt.Errorf("activity of %q: reviews: %w", l.name, err)
	}
	if err := quizActivity(tx, l.id, list, get); err != nil {
		return nil, fmt.Errorf("activity of %q: quiz answers: %w", l.name, err)
	}
	if err := stateActivity(tx, l.id, list, get); err != nil {
		return nil, fmt.Errorf("activity of %q: card states: %w", l.name, err)
	}
	if err := pickActivity(tx, l.id, list, get); err != nil {
		return nil, fmt.Errorf("activity of %q: answers: %w", l.name, err)
	}
	out := make([]CardActivity, 0, len(acts))
	for _, a := range acts {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Deck != out[j].Deck {
			return out[i].Deck < out[j].Deck
		}
		return out[i].CardID < out[j].CardID
	})
	return out, nil
}

// inDecks restricts a query's deck column to the JSON list of slugs.
const inDecks = ` deck IN (SELECT value FROM json_each(?)) `

func reviewActivity(tx *sql.Tx, profile int64, decks string, get func(deck, id string) *CardActivity) error {
	rows, err := tx.Query(`SELECT deck, card_id, count(*),
			sum(rating = 1), sum(before_state = 2), sum(before_state = 2 AND rating = 1),
			sum(duration_ms > 0), sum(max(duration_ms, 0))
		FROM reviews WHERE profile = ? AND undone = 0 AND reset = 0 AND`+inDecks+`
		GROUP BY deck, card_id`, profile, decks)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var deck, id string
		var n, again, inReview, lapses, timed, ms int64
		if err := rows.Scan(&deck, &id, &n, &again, &inReview, &lapses, &timed, &ms); err != nil {
			return err
		}
		a := get(deck, id)
		a.Reviews, a.Again, a.ReviewReviews, a.Lapses = int(n), int(again), int(inReview), int(lapses)
		a.Timed += int(timed)
		a.AnswerTime += time.Duration(ms) * time.Millisecond
	}
	return rows.Err()
}

func quizActivity(tx *sql.Tx, profile int64, decks string, get func(deck, id string) *CardActivity) error {
	rows, err := tx.Query(`SELECT deck, card_id, count(*), sum(verdict = ?),
			sum(duration_ms > 0), sum(max(duration_ms, 0))
		FROM quiz_answers WHERE profile = ? AND`+inDecks+`
		GROUP BY deck, card_id`, int64(quiz.Wrong), profile, decks)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var deck, id string
		var n, wrong, timed, ms int64
		if err := rows.Scan(&deck, &id, &n, &wrong, &timed, &ms); err != nil {
			return err
		}
		a := get(deck, id)
		a.QuizAnswers, a.QuizWrong = int(n), int(wrong)
		a.Timed += int(timed)
		a.AnswerTime += time.Duration(ms) * time.Millisecond
	}
	return rows.Err()
}

func stateActivity(tx *sql.Tx, profile int64, decks string, get func(deck, id string) *CardActivity) error {
	rows, err := tx.Query(`SELECT deck, card_id, `+columns("")+`
		FROM card_states WHERE profile = ? AND state <> ? AND`+inDecks, profile, int64(quiz.New), decks)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var deck, id string
		var mr memoryRow
		if err := rows.Scan(mr.dest([]any{&deck, &id})...); err != nil {
			return err
		}
		get(deck, id).Memory = mr.memory()
	}
	return rows.Err()
}

// pickActivity counts the answers given to choice and multi cards; empty
// answers (none given) are left out.
func pickActivity(tx *sql.Tx, profile int64, decks string, get func(deck, id string) *CardActivity) error {
	rows, err := tx.Query(`SELECT a.deck, a.card_id, a.answer, count(*)
		FROM (SELECT deck, card_id, answer FROM reviews
				WHERE profile = ?1 AND undone = 0 AND reset = 0 AND answer <> '' AND`+
		` deck IN (SELECT value FROM json_each(?2))
			UNION ALL
			SELECT deck, card_id, answer FROM quiz_answers
				WHERE profile = ?1 AND answer <> '' AND`+
		` deck IN (SELECT value FROM json_each(?2))) a
		JOIN deck_cards d ON d.slug = a.deck AND d.card_id = a.card_id
		WHERE d.type IN (?3, ?4)
		GROUP BY a.deck, a.card_id, a.answer`, profile, decks, quiz.Choice.String(), quiz.Multi.String())
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var deck, id, answer string
		var n int64
		if err := rows.Scan(&deck, &id, &answer, &n); err != nil {
			return err
		}
		a := get(deck, id)
		if a.Picks == nil {
			a.Picks = map[string]int{}
		}
		a.Picks[answer] += int(n)
	}
	return rows.Err()
}

package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"steppe/quiz"
)

// A quiz (an exam) is a session of kind 'quiz'. Its answers go to
// quiz_answers and never to the review log, so a quiz leaves every card's
// schedule as it was. The session's details hold, as JSON, how the quiz was
// set up (QuizOptions) and, once it ends, how it ended.

// QuizOptions are how a quiz was set up.
type QuizOptions struct {
	Requested int            // the number of questions asked for (-n)
	Types     []string       // the card types asked
	Tags      []string       // only cards with one of these tags; none: any
	Seed      uint64         // the seed that drew the questions and shuffled their options
	TimeLimit time.Duration  // 0: none; kept in whole milliseconds, rounded up
	RetakeOf  int64          // the quiz whose misses this one asks again; 0: none
	Questions []QuizQuestion // the questions drawn, in the order they are asked
}

// QuizQuestion names a card asked in a quiz.
type QuizQuestion struct {
	Deck   string `json:"deck"`
	CardID string `json:"id"`
}

// How a quiz ended, as EndQuiz records it.
const (
	QuizFinished = "finished" // every question was answered
	QuizQuit     = "quit"     // the learner ended it early
	QuizTimeUp   = "time_up"  // the time limit ran out
)

// quizDetails is sessions.details of a quiz.
type quizDetails struct {
	Requested   int            `json:"requested"`
	Types       []string       `json:"types"`
	Tags        []string       `json:"tags,omitempty"`
	Seed        uint64         `json:"seed"`
	TimeLimitMs int64          `json:"time_limit_ms,omitempty"`
	RetakeOf    int64          `json:"retake_of,omitempty"`
	Questions   []QuizQuestion `json:"questions"`
	Outcome     *quizOutcome   `json:"outcome,omitempty"`
}

type quizOutcome struct {
	Ended    string  `json:"ended"`
	Answered int     `json:"answered"`
	Score    float64 `json:"score"`
}

func (o *QuizOptions) details() quizDetails {
	d := quizDetails{Requested: o.Requested, Types: o.Types, Tags: o.Tags, Seed: o.Seed,
		TimeLimitMs: o.TimeLimit.Milliseconds(), RetakeOf: o.RetakeOf, Questions: o.Questions}
	if o.TimeLimit%time.Millisecond != 0 && o.TimeLimit > 0 {
		d.TimeLimitMs++ // a limit is kept in whole milliseconds, rounded up: never 0, which means none
	}
	if d.Types == nil {
		d.Types = []string{}
	}
	if d.Questions == nil {
		d.Questions = []QuizQuestion{}
	}
	return d
}

func (d *quizDetails) options() QuizOptions {
	return QuizOptions{Requested: d.Requested, Types: d.Types, Tags: d.Tags, Seed: d.Seed,
		TimeLimit: time.Duration(d.TimeLimitMs) * time.Millisecond, RetakeOf: d.RetakeOf, Questions: d.Questions}
}

// QuizAnswer is one answer given in a quiz.
type QuizAnswer struct {
	Session  int64
	Position int // 1, 2, ... in the order asked
	Deck     string
	CardID   string
	Time     time.Time
	Answer   string // what the learner answered, as shown to them
	Verdict  quiz.Verdict
	Credit   float64 // the points it scored, from 0 to 1 (quiz.Points)
	Duration time.Duration
}

// StartQuiz records the start of a quiz over decks, with how it was set up,
// and returns the quiz's session id.
func (l *Learner) StartQuiz(decks []string, opts QuizOptions, now time.Time) (int64, error) {
	details, err := json.Marshal(opts.details())
	if err != nil {
		return 0, fmt.Errorf("start quiz: %w", err)
	}
	tx, err := l.db.db.Begin()
	if err != nil {
		return 0, fmt.Errorf("start quiz: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.Exec(`INSERT INTO sessions (profile, kind, started, decks, details) VALUES (?, 'quiz', ?, ?, ?)`,
		l.id, now.UnixMilli(), jsonList(decks), string(details))
	if err != nil {
		return 0, fmt.Errorf("start quiz: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("start quiz: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("start quiz: %w", err)
	}
	return id, nil
}

// RecordQuizAnswer stores one answer of the learner's quiz a.Session, in
// one transaction. The session must be one of the learner's quizzes.
func (l *Learner) RecordQuizAnswer(a *QuizAnswer) error {
	switch {
	case a.Deck == "" || a.CardID == "":
		return fmt.Errorf("record quiz answer %q/%q: deck and card id must not be empty", a.Deck, a.CardID)
	case a.Time.IsZero():
		return fmt.Errorf("record quiz answer %s/%s: no time", a.Deck, a.CardID)
	case a.Position < 1:
		return fmt.Errorf("record quiz answer %s/%s: position %d: want 1 or more", a.Deck, a.CardID, a.Position)
	case a.Verdict > quiz.Almost:
		return fmt.Errorf("record quiz answer %s/%s: verdict %d: want 0-3", a.Deck, a.CardID, a.Verdict)
	case !(a.Credit >= 0 && a.Credit <= 1): // NaN too
		return fmt.Errorf("record quiz answer %s/%s: credit %v: want 0 to 1", a.Deck, a.CardID, a.Credit)
	}
	tx, err := l.db.db.Begin()
	if err != nil {
		return fmt.Errorf("record quiz answer %s/%s: %w", a.Deck, a.CardID, err)
	}
	defer tx.Rollback()
	res, err := tx.Exec(`INSERT INTO quiz_answers (session, profile, position, deck, card_id, time, answer, verdict, credit, duration_ms)
		SELECT s.id, s.profile, ?, ?, ?, ?, ?, ?, ?, ? FROM sessions s
		WHERE s.id = ? AND s.profile = ? AND s.kind = 'quiz'`,
		a.Position, a.Deck, a.CardID, a.Time.UnixMilli(), a.Answer, int64(a.Verdict), a.Credit,
		a.Duration.Milliseconds(), a.Session, l.id)
	if err != nil {
		return fmt.Errorf("record quiz answer %s/%s: %w", a.Deck, a.CardID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("record quiz answer %s/%s: %w", a.Deck, a.CardID, err)
	} else if n == 0 {
		return fmt.Errorf("record quiz answer %s/%s: quiz %d of profile %q: %w", a.Deck, a.CardID, a.Session, l.name, ErrNotFound)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record quiz answer %s/%s: %w", a.Deck, a.CardID, err)
	}
	return nil
}

// EndQuiz records the end of the learner's quiz id and how it ended
// (QuizFinished, QuizQuit or QuizTimeUp), with the score of its answers.
func (l *Learner) EndQuiz(id int64, ended string, now time.Time) error {
	switch ended {
	case QuizFinished, QuizQuit, QuizTimeUp:
	default:
		return fmt.Errorf("end quiz %d: %q: want %s, %s or %s", id, ended, QuizFinished, QuizQuit, QuizTimeUp)
	}
	tx, err := l.db.db.Begin()
	if err != nil {
		return fmt.Errorf("end quiz %d: %w", id, err)
	}
	defer tx.Rollback()
	var raw sql.NullString
	err = tx.QueryRow(`SELECT details FROM sessions WHERE id = ? AND profile = ? AND kind = 'quiz'`, id, l.id).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("end quiz %d of profile %q: %w", id, l.name, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("end quiz %d: %w", id, err)
	}
	d, err := decodeQuizDetails(raw)
	if err != nil {
		return fmt.Errorf("end quiz %d: %w", id, err)
	}
	out := quizOutcome{Ended: ended}
	if err := tx.QueryRow(`SELECT count(*), coalesce(sum(credit), 0) FROM quiz_answers WHERE session = ?`, id).
		Scan(&out.Answered, &out.Score); err != nil {
		return fmt.Errorf("end quiz %d: %w", id, err)
	}
	d.Outcome = &out
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("end quiz %d: %w", id, err)
	}
	if _, err := tx.Exec(`UPDATE sessions SET ended = ?, details = ? WHERE id = ?`, now.UnixMilli(), string(b), id); err != nil {
		return fmt.Errorf("end quiz %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("end quiz %d: %w", id, err)
	}
	return nil
}

func decodeQuizDetails(raw sql.NullString) (quizDetails, error) {
	var d quizDetails
	if !raw.Valid || raw.String == "" {
		return d, nil
	}
	if err := json.Unmarshal([]byte(raw.String), &d); err != nil {
		return d, fmt.Errorf("decode quiz details: %w", err)
	}
	return d, nil
}

// QuizRecord is a past quiz, as the history lists it. Its answers, not the
// outcome stored at its end, give the score, so that a quiz cut short by a
// crash still counts what was answered.
type QuizRecord struct {
	ID      int64
	Started time.Time
	Ended   time.Time // zero when the quiz never ended (the process died)
	// How is how it ended: QuizFinished, QuizQuit, QuizTimeUp, or "" when
	// it never ended.
	How     string
	Decks   []string
	Options QuizOptions
	// Questions is the number of questions drawn; Answered and Score count
	// the answers stored.
	Questions int
	Answered  int
	Score     float64
	// LastAnswer is the time of the last answer; zero with none.
	LastAnswer time.Time
}

// Duration is the time the quiz took: to its end, or, for one that never
// ended, to its last answer.
func (r *QuizRecord) Duration() time.Duration {
	end := r.Ended
	if end.IsZero() {
		end = r.LastAnswer
	}
	if end.IsZero() || end.Before(r.Started) {
		return 0
	}
	return end.Sub(r.Started)
}

// Quizzes lists the learner's quizzes in the order they were started. Ids
// give that order; start times may not, when clocks are set back (as tests
// set STEPPE_NOW for each process).
func (l *Learner) Quizzes() ([]QuizRecord, error) {
	return l.quizzes(`ORDER BY s.id`)
}

func (l *Learner) quizzes(order string) ([]QuizRecord, error) {
	rows, err := l.db.db.Query(`SELECT s.id, s.started, s.ended, s.decks, s.details,
			count(a.id), coalesce(sum(a.credit), 0), max(a.time)
		FROM sessions s LEFT JOIN quiz_answers a ON a.session = s.id
		WHERE s.profile = ? AND s.kind = 'quiz'
		GROUP BY s.id `+order, l.id)
	if err != nil {
		return nil, fmt.Errorf("quizzes of %q: %w", l.name, err)
	}
	defer rows.Close()
	var out []QuizRecord
	for rows.Next() {
		var r QuizRecord
		var started int64
		var ended, last sql.NullInt64
		var decks string
		var details sql.NullString
		if err := rows.Scan(&r.ID, &started, &ended, &decks, &details, &r.Answered, &r.Score, &last); err != nil {
			return nil, fmt.Errorf("quizzes of %q: %w", l.name, err)
		}
		r.Started = time.UnixMilli(started).UTC()
		r.Ended = timeOf(ended)
		r.LastAnswer = timeOf(last)
		if err := json.Unmarshal([]byte(decks), &r.Decks); err != nil {
			return nil, fmt.Errorf("quiz %d: decode decks: %w", r.ID, err)
		}
		d, err := decodeQuizDetails(details)
		if err != nil {
			return nil, fmt.Errorf("quiz %d: %w", r.ID, err)
		}
		r.Options = d.options()
		r.Questions = len(d.Questions)
		if d.Outcome != nil && !r.Ended.IsZero() {
			r.How = d.Outcome.Ended
		}
		// Sums of credits such as 2/3 carry float noise; six places is
		// finer than any score is shown.
		r.Score = math.Round(r.Score*1e6) / 1e6
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("quizzes of %q: %w", l.name, err)
	}
	return out, nil
}

// QuizAnswers returns the answers of the learner's quiz id, in the order
// they were given; a quiz that is not the learner's is an error wrapping
// ErrNotFound.
func (l *Learner) QuizAnswers(id int64) ([]QuizAnswer, error) {
	var n int
	if err := l.db.db.QueryRow(`SELECT count(*) FROM sessions WHERE id = ? AND profile = ? AND kind = 'quiz'`, id, l.id).Scan(&n); err != nil {
		return nil, fmt.Errorf("answers of quiz %d: %w", id, err)
	}
	if n == 0 {
		return nil, fmt.Errorf("answers of quiz %d of profile %q: %w", id, l.name, ErrNotFound)
	}
	rows, err := l.db.db.Query(`SELECT session, position, deck, card_id, time, answer, verdict, credit, duration_ms
		FROM quiz_answers WHERE session = ? ORDER BY position, id`, id)
	if err != nil {
		return nil, fmt.Errorf("answers of quiz %d: %w", id, err)
	}
	defer rows.Close()
	var out []QuizAnswer
	for rows.Next() {
		var a QuizAnswer
		var t, verdict, dur int64
		if err := rows.Scan(&a.Session, &a.Position, &a.Deck, &a.CardID, &t, &a.Answer, &verdict, &a.Credit, &dur); err != nil {
			return nil, fmt.Errorf("answers of quiz %d: %w", id, err)
		}
		a.Time = time.UnixMilli(t).UTC()
		a.Verdict = quiz.Verdict(verdict)
		a.Duration = time.Duration(dur) * time.Millisecond
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("answers of quiz %d: %w", id, err)
	}
	return out, nil
}

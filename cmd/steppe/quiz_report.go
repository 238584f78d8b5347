package main

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"steppe/quiz"
	"steppe/store"
)

// result prints the result screen: the score, the time taken, the score by
// section, every missed question with its answer and explanation, and the
// near misses.
func (q *quizzer) result(how string, took time.Duration) {
	res := q.exam.Result()
	scr := q.scr
	if how != store.QuizFinished {
		scr.println("") // a finished quiz's last question ends with one
	}
	switch how {
	case store.QuizFinished:
		scr.println(scr.bold("Quiz over: every question answered."))
	case store.QuizTimeUp:
		scr.println(scr.bold(fmt.Sprintf("Time is up: %d of %s answered.", res.Answered, plural(res.Questions, "question"))))
	default:
		scr.println(scr.bold(fmt.Sprintf("Quiz ended early: %d of %s answered.", res.Answered, plural(res.Questions, "question"))))
	}
	scr.println(fmt.Sprintf("Score: %s/%d (%d%%)", formatPoints(res.Score), res.Questions, quiz.Percent(res.Score, res.Questions)))
	line := "Time: " + formatTook(took)
	if q.limit > 0 {
		line += " (limit " + formatLimit(q.limit) + ")"
	}
	scr.println(line)
	scr.println("By section:")
	for _, s := range res.Sections {
		name := s.Section
		if name == "" {
			name = "(no section)"
		}
		line := fmt.Sprintf("%s: %s/%d (%d%%)", name, formatPoints(s.Score), s.Questions, quiz.Percent(s.Score, s.Questions))
		if s.Answered < s.Questions {
			line += fmt.Sprintf(", %d not answered", s.Questions-s.Answered)
		}
		scr.println(indentBlock(scr.hang("  ", line), 2))
	}
	if len(res.Missed) == 0 && res.Answered > 0 {
		scr.println("Missed: none.")
	}
	if len(res.Missed) > 0 {
		scr.println(fmt.Sprintf("Missed (%d):", len(res.Missed)))
		for _, a := range res.Missed {
			q.answerBlock(&a)
		}
	}
	if len(res.Almost) > 0 {
		scr.println(fmt.Sprintf("Almost right, counted as right (%d):", len(res.Almost)))
		for _, a := range res.Almost {
			q.answerBlock(&a)
		}
	}
	switch n := len(res.Missed) + len(res.Almost); {
	case n == 1:
		scr.println("`steppe quiz --retake-missed` asks it again.")
	case n > 1:
		scr.println(fmt.Sprintf("`steppe quiz --retake-missed` asks these %d again.", n))
	}
}

// answerBlock shows one missed or almost right answer.
func (q *quizzer) answerBlock(a *quiz.ExamAnswer) {
	scr := q.scr
	c := &a.Card
	text := c.Question
	if c.Type == quiz.TrueFalse {
		text = "True or false? " + text
	}
	scr.println(scr.hang(fmt.Sprintf("  %d. ", a.Position), text+" ("+c.Key()+")"))
	switch {
	case !c.Type.AutoGraded():
		scr.println("     you did not know it")
	case a.Given == "":
		scr.println("     you did not answer")
	case a.Grade.Verdict == quiz.Almost:
		scr.println(scr.hang("     you wrote: ", a.Given))
	default:
		given := a.Given
		if a.Partial() {
			given += fmt.Sprintf(" (partly right: %s of 1 point)", formatPoints(a.Points))
		}
		scr.println(scr.hang("     you answered: ", given))
	}
	scr.println(scr.hang("     answer: ", a.Grade.Expected))
	if c.Explain != "" && a.Grade.Verdict != quiz.Almost {
		scr.println(indentBlock(scr.wrap(c.Explain, 5), 5))
	}
}

// formatPoints shows a score to at most two decimals: 15.5, 2.67, 3.
func formatPoints(p float64) string {
	return strconv.FormatFloat(math.Round(p*100)/100, 'f', -1, 64)
}

// formatLimit shows a time limit: as formatTook does, or, for a limit that
// is not a whole number of seconds, as Go writes durations (1ms).
func formatLimit(d time.Duration) string {
	if d%time.Second != 0 {
		return d.String()
	}
	return formatTook(d)
}

// formatTook shows a duration to the second: 42s, 3m05s, 10m, 1h02m.
func formatTook(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	switch {
	case h > 0 && m == 0:
		return fmt.Sprintf("%dh", h)
	case h > 0:
		return fmt.Sprintf("%dh%02dm", h, m)
	case m > 0 && s == 0:
		return fmt.Sprintf("%dm", m)
	case m > 0:
		return fmt.Sprintf("%dm%02ds", m, s)
	}
	return fmt.Sprintf("%ds", s)
}

// quizHistoryEntry is one quiz in `steppe quiz --history --json`; the
// README documents its fields.
type quizHistoryEntry struct {
	ID          int64    `json:"id"`
	Started     string   `json:"started"`
	Ended       *string  `json:"ended"`
	How         *string  `json:"how"`
	Decks       []string `json:"decks"`
	Questions   int      `json:"questions"`
	Answered    int      `json:"answered"`
	Score       float64  `json:"score"`
	Percent     int      `json:"percent"`
	DurationMs  int64    `json:"duration_ms"`
	Types       []string `json:"types"`
	Tags        []string `json:"tags"`
	Seed        uint64   `json:"seed"`
	TimeLimitMs int64    `json:"time_limit_ms"`
	RetakeOf    *int64   `json:"retake_of"`
}

// quizHistory lists the learner's quizzes. It only reads: the database is
// opened read-only, and a learner with no database has no quizzes.
func (a *app) quizHistory(asJSON bool, cal quiz.Calendar) error {
	var quizzes []store.QuizRecord
	db, err := store.OpenReadOnly(a.dbFile())
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	default:
		defer db.Close()
		l, err := db.Profile(a.profileName())
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err == nil {
			if quizzes, err = l.Quizzes(); err != nil {
				return err
			}
		}
	}
	entries := make([]quizHistoryEntry, 0, len(quizzes))
	for _, r := range quizzes {
		e := quizHistoryEntry{
			ID: r.ID, Started: r.Started.UTC().Format(jsTime), Decks: r.Decks, Questions: r.Questions,
			Answered: r.Answered, Score: math.Round(r.Score*100) / 100, Percent: quiz.Percent(r.Score, r.Questions),
			DurationMs: r.Duration().Milliseconds(), Types: r.Options.Types, Tags: r.Options.Tags,
			Seed: r.Options.Seed, TimeLimitMs: r.Options.TimeLimit.Milliseconds(),
		}
		if e.Decks == nil {
			e.Decks = []string{}
		}
		if e.Types == nil {
			e.Types = []string{}
		}
		if e.Tags == nil {
			e.Tags = []string{}
		}
		if !r.Ended.IsZero() {
			s := r.Ended.UTC().Format(jsTime)
			e.Ended = &s
		}
		if r.How != "" {
			e.How = &r.How
		}
		if r.Options.RetakeOf != 0 {
			e.RetakeOf = &r.Options.RetakeOf
		}
		entries = append(entries, e)
	}
	if asJSON {
		return writeJSON(a, entries)
	}
	if len(quizzes) == 0 {
		fmt.Fprintln(a.stdout, "No quizzes yet; `steppe quiz` starts one.")
		return nil
	}
	loc := cal.Loc
	if loc == nil {
		loc = time.UTC
	}
	tw := tabwriter.NewWriter(a.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "QUIZ\tDATE\tDECKS\tQUESTIONS\tANSWERED\tSCORE\tTIME\tENDED")
	for i, r := range quizzes {
		decks := strings.Join(r.Decks, ", ")
		if r.Options.RetakeOf != 0 {
			decks += fmt.Sprintf(" (retake of %d)", r.Options.RetakeOf)
		}
		how := map[string]string{store.QuizFinished: "finished", store.QuizQuit: "quit", store.QuizTimeUp: "time up"}[r.How]
		if how == "" {
			how = "cut off" // the process ended without ending the quiz
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%d\t%s/%d (%d%%)\t%s\t%s\n", r.ID, r.Started.In(loc).Format("2006-01-02 15:04"),
			sanitize(decks), r.Questions, r.Answered, formatPoints(r.Score), r.Questions, entries[i].Percent,
			formatTook(r.Duration()), how)
	}
	return tw.Flush()
}

// indentBlock indents every line of text that wrapping has not indented (in
// plain mode, nothing wraps) by pad spaces.
func indentBlock(text string, pad int) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, strings.Repeat(" ", pad)) {
			lines[i] = strings.Repeat(" ", pad) + l
		}
	}
	return strings.Join(lines, "\n")
}

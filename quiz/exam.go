package quiz

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"
)

// An exam (`steppe quiz`) asks a fixed set of questions drawn from decks and
// scores the answers. It never touches a schedule: nothing here records a
// review or reads a memory.

// ExamTypes are the card types an exam asks unless told otherwise: the ones
// steppe grades itself. Basic and cloze cards are self-rated, so they are
// asked only when named.
var ExamTypes = []CardType{Typed, Choice, Multi, TrueFalse, Order}

// ParseCardTypes reads card type names as --types gives them. An unknown
// name is an error that lists every type.
func ParseCardTypes(names []string) ([]CardType, error) {
	var out []CardType
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		t, err := ParseCardType(n)
		if err != nil {
			return nil, fmt.Errorf("unknown card type %q; the types are: %s", n, strings.Join(cardTypeNames[:], ", "))
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// ExamFilter chooses the cards an exam may ask.
type ExamFilter struct {
	Types []CardType // empty: ExamTypes
	Tags  []string   // a card passes with any one of them; empty: every card passes
}

func (f ExamFilter) types() []CardType {
	if len(f.Types) == 0 {
		return ExamTypes
	}
	return f.Types
}

func (f ExamFilter) pass(c *Card) bool {
	if !slices.Contains(f.types(), c.Type) {
		return false
	}
	if len(f.Tags) == 0 {
		return true
	}
	for _, t := range c.Tags {
		if slices.Contains(f.Tags, t) {
			return true
		}
	}
	return false
}

// UnknownTagError is a tag asked for that no card of the decks has.
type UnknownTagError struct {
	Tags  []string // the unknown ones
	Known []string // every tag the decks use, sorted
}

func (e *UnknownTagError) Error() string {
	what := fmt.Sprintf("no card has the tag %q", e.Tags[0])
	if len(e.Tags) > 1 {
		q := make([]string, len(e.Tags))
		for i, t := range e.Tags {
			q[i] = fmt.Sprintf("%q", t)
		}
		what = "no card has the tags " + strings.Join(q, ", ")
	}
	if len(e.Known) == 0 {
		return what + "; these decks have no tags"
	}
	return what + "; the tags in these decks are: " + strings.Join(e.Known, ", ")
}

// TagsOf lists the tags that cards use, sorted, each once.
func TagsOf(cards []Card) []string {
	seen := map[string]bool{}
	var out []string
	for i := range cards {
		for _, t := range cards[i].Tags {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	sort.Strings(out)
	return out
}

// TypeCounts counts cards by type.
func TypeCounts(cards []Card) map[CardType]int {
	out := map[CardType]int{}
	for i := range cards {
		out[cards[i].Type]++
	}
	return out
}

// Exam is one quiz: its questions in the order they are asked, the answers
// given so far, and the deadline. It is built by DrawExam and started by
// Begin.
type Exam struct {
	// Questions are the cards asked, in order.
	Questions []Card
	// Matching is how many cards passed the filter: more than
	// len(Questions) when the number asked for cut them.
	Matching int
	// Start is when the first question was shown, and Deadline when the
	// time runs out (zero: no time limit).
	Start, Deadline time.Time

	sections []string // the questions' sections, in the order of the cards drawn from
	answers  []ExamAnswer
	rng      *rand.Rand
}

// DrawExam draws up to n questions (all of them when n <= 0) from the cards
// that pass the filter, in an order and a choice fixed by seed: the same
// cards, in the same order, with the same seed give the same exam. Two
// blanks of one cloze sentence are never drawn together, as either would
// give the other away. A tag in f that no card has is an *UnknownTagError;
// a filter that no card passes gives an exam with no questions.
func DrawExam(cards []Card, f ExamFilter, n int, seed uint64) (*Exam, error) {
	if len(f.Tags) > 0 {
		known := TagsOf(cards)
		var unknown []string
		for _, t := range f.Tags {
			if !slices.Contains(known, t) && !slices.Contains(unknown, t) {
				unknown = append(unknown, t)
			}
		}
		if len(unknown) > 0 {
			return nil, &UnknownTagError{Tags: unknown, Known: known}
		}
	}
	var pool []int
	for i := range cards {
		if f.pass(&cards[i]) {
			pool = append(pool, i)
		}
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	// One blank per cloze sentence: the first in the shuffled order.
	taken := map[string]bool{}
	kept := pool[:0]
	for _, i := range pool {
		c := &cards[i]
		if c.Sibling != "" {
			k := c.Deck + "/" + c.Sibling
			if taken[k] {
				continue
			}
			taken[k] = true
		}
		kept = append(kept, i)
	}
	e := &Exam{Matching: len(kept), rng: rand.New(rand.NewPCG(seed^0xda942042e4dd58b5, seed))}
	if n > 0 && n < len(kept) {
		kept = kept[:n]
	}
	for _, i := range kept {
		e.Questions = append(e.Questions, cards[i])
	}
	// Sections in the order of the cards, which for a deck that follows its
	// source text is the text's order.
	slices.Sort(kept)
	for _, i := range kept {
		if s := cards[i].Section; !slices.Contains(e.sections, s) {
			e.sections = append(e.sections, s)
		}
	}
	return e, nil
}

// Rand is the exam's seeded source, for shuffling a question's options.
func (e *Exam) Rand() *rand.Rand { return e.rng }

// Begin starts the clock at the first question: with a limit above zero,
// the time runs out at start+limit.
func (e *Exam) Begin(start time.Time, limit time.Duration) {
	e.Start = start
	e.Deadline = time.Time{}
	if limit > 0 {
		e.Deadline = start.Add(limit)
	}
}

// ErrTimeUp is returned by Answer for an answer given after the deadline.
var ErrTimeUp = errors.New("time is up")

// TimeUp reports whether the time has run out at the given instant.
func (e *Exam) TimeUp(at time.Time) bool {
	return !e.Deadline.IsZero() && at.After(e.Deadline)
}

// Left is the time left at the given instant; ok is false without a limit.
func (e *Exam) Left(at time.Time) (left time.Duration, ok bool) {
	if e.Deadline.IsZero() {
		return 0, false
	}
	return max(e.Deadline.Sub(at), 0), true
}

// Next returns the question to ask next and its position (1, 2, ...), or
// false when every question has been answered.
func (e *Exam) Next() (position int, card *Card, ok bool) {
	i := len(e.answers)
	if i >= len(e.Questions) {
		return 0, nil, false
	}
	return i + 1, &e.Questions[i], true
}

// ExamAnswer is one question answered in an exam.
type ExamAnswer struct {
	Position int // 1, 2, ... in the order asked
	Card     Card
	Given    string // what the learner answered, as shown to them
	Grade    Grade
	Points   float64 // what it scores: see Points
	Time     time.Time
	Duration time.Duration // from the question shown to the answer given
}

// Missed reports whether the answer lost points: wrong, or only partly right.
func (a *ExamAnswer) Missed() bool { return a.Grade.Verdict != Correct && a.Grade.Verdict != Almost }

// Partial reports a partly right answer: missed, yet scoring some points.
func (a *ExamAnswer) Partial() bool { return a.Missed() && a.Points > 0 }

// Points is what a graded answer scores in an exam, from 0 to 1: 1 when it is
// right or almost right (a typo), the partial credit of a multi or order card
// that is partly right, and 0 otherwise. A multi answer is partly right
// only when it chose a right option: one that chose none (or nothing at all)
// scores nothing for the wrong options it left alone.
func Points(t CardType, g Grade) float64 {
	switch g.Verdict {
	case Correct, Almost:
		return 1
	}
	if t == Multi && len(g.Chosen) == 0 {
		return 0
	}
	if t == Multi || t == Order {
		return min(max(g.Credit, 0), 1)
	}
	return 0
}

// SelfGrade is the grade of a self-rated card (basic or cloze) in an exam:
// rated Again, the learner did not know it; any other rating, they did.
func SelfGrade(c *Card, r Rating) Grade {
	g := Grade{Verdict: Wrong, Expected: c.Answer}
	if r != Again {
		g.Verdict, g.Credit = Correct, 1
	}
	return g
}

// Answer scores the grade of the question Next returned, given at the
// instant at, after took. An answer given after the deadline does not count:
// Answer then records nothing and returns ErrTimeUp.
func (e *Exam) Answer(g Grade, given string, at time.Time, took time.Duration) (ExamAnswer, error) {
	pos, c, ok := e.Next()
	if !ok {
		return ExamAnswer{}, errors.New("every question has been answered")
	}
	if e.TimeUp(at) {
		return ExamAnswer{}, ErrTimeUp
	}
	a := ExamAnswer{Position: pos, Card: *c, Given: given, Grade: g, Points: Points(c.Type, g), Time: at, Duration: took}
	e.answers = append(e.answers, a)
	return a, nil
}

// Answers are the answers given so far, in order.
func (e *Exam) Answers() []ExamAnswer { return e.answers }

// Score is the points scored so far and the number of answers.
func (e *Exam) Score() (points float64, answered int) {
	for i := range e.answers {
		points += e.answers[i].Points
	}
	return points, len(e.answers)
}

// ExamResult is an exam's outcome. Questions left unanswered (the exam was
// ended early, or time ran out) score nothing.
type ExamResult struct {
	Questions int
	Answered  int
	Score     float64         // out of Questions
	Sections  []SectionResult // in the order of the decks' cards
	Missed    []ExamAnswer    // wrong or partly right, in the order asked
	Almost    []ExamAnswer    // near misses, which count as right
}

// SectionResult is the score of the questions from one section of the
// decks' source ("" for cards without a section).
type SectionResult struct {
	Section   string
	Questions int
	Answered  int
	Score     float64
}

// Result sums up the exam so far.
func (e *Exam) Result() ExamResult {
	r := ExamResult{Questions: len(e.Questions), Answered: len(e.answers)}
	idx := map[string]int{}
	for _, s := range e.sections {
		idx[s] = len(r.Sections)
		r.Sections = append(r.Sections, SectionResult{Section: s})
	}
	for i := range e.Questions {
		r.Sections[idx[e.Questions[i].Section]].Questions++
	}
	for _, a := range e.answers {
		r.Score += a.Points
		s := &r.Sections[idx[a.Card.Section]]
		s.Answered++
		s.Score += a.Points
		switch {
		case a.Missed():
			r.Missed = append(r.Missed, a)
		case a.Grade.Verdict == Almost:
			r.Almost = append(r.Almost, a)
		}
	}
	return r
}

// Percent is a score as a whole percentage of the questions, rounded half
// up: 15.5 of 20 is 78.
func Percent(score float64, questions int) int {
	if questions <= 0 {
		return 0
	}
	// Rounded to a millionth first, so that float noise in a sum of
	// partial credits (14.499999999999998) does not decide the rounding.
	p := math.Round(score*100/float64(questions)*1e6) / 1e6
	return int(math.Floor(p + 0.5))
}

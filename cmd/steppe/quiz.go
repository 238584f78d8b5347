package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"steppe/quiz"
	"steppe/store"
)

// quizOptions are the flags of `steppe quiz`.
type quizOptions struct {
	n         int
	types     []string
	tags      []string
	seed      uint64
	timeLimit time.Duration
	history   bool
	asJSON    bool
	retake    bool
	sf        *settingsFlags
}

func (a *app) quizCmd() *cobra.Command {
	o := &quizOptions{}
	cmd := &cobra.Command{
		Use:   "quiz [DECK...]",
		Short: "Take an exam: scored questions across decks, leaving the schedule alone",
		Long: `quiz asks -n questions drawn across the named decks (installed slugs or
.yaml files; every installed deck when none is named) and scores them. It
never changes your schedule: no reviews are recorded and no card's state is
touched. By default it asks the card types steppe grades itself (typed,
choice, multi, truefalse, order); --types basic,cloze,... asks self-rated
cards too. A partly right multi or order card scores its share of a point,
and an answer with a typo ("almost") counts as right.

Each answer is saved as it is given. --history lists past quizzes, and
--retake-missed asks the last quiz's misses again. Type :? at any prompt for
the commands.`,
		RunE: func(cmd *cobra.Command, args []string) error { return a.quiz(cmd, args, o) },
	}
	f := cmd.Flags()
	f.IntVarP(&o.n, "number", "n", 20, "the number of questions")
	f.StringSliceVar(&o.types, "types", nil, "the card `types` to ask, e.g. typed,choice (default typed,choice,multi,truefalse,order)")
	f.StringSliceVar(&o.tags, "tags", nil, "ask only cards with one of these `tags`")
	f.Uint64Var(&o.seed, "seed", 0, "seed for drawing the questions and shuffling options (default: from the clock)")
	f.DurationVar(&o.timeLimit, "time-limit", 0, "time for the whole quiz, e.g. 10m, from the first question (default: none)")
	f.BoolVar(&o.history, "history", false, "list past quizzes")
	f.BoolVar(&o.asJSON, "json", false, "with --history: print JSON")
	f.BoolVar(&o.retake, "retake-missed", false, "ask the last quiz's misses again (wrong, partly right and almost)")
	o.sf = addSettingsFlags(cmd, "tz")
	return cmd
}

func (a *app) quiz(cmd *cobra.Command, args []string, o *quizOptions) error {
	if err := o.check(cmd, args); err != nil {
		return err
	}
	s, err := a.settings(o.sf)
	if err != nil {
		return err
	}
	cal := s.calendar()
	if o.history {
		return a.quizHistory(o.asJSON, cal)
	}
	filter, err := o.filter(cmd)
	if err != nil {
		return err
	}
	st, err := a.openStudy(args)
	if err != nil {
		return err
	}
	defer st.close()
	now, lib, learner := st.now, st.lib, st.learner
	seed := uint64(now.UnixMilli()) // fits a JSON number exactly
	if cmd.Flags().Changed("seed") {
		seed = o.seed
	}
	lex, err := lib.db.Lexicon(lib.slugs)
	if err != nil {
		return err
	}
	q := &quizzer{app: a, lib: lib, learner: learner, limit: o.timeLimit, cal: cal, lex: lex}
	var cards []quiz.Card
	var intro string
	if o.retake {
		if cards, intro, err = q.missedCards(len(args) > 0); err != nil || cards == nil {
			return err
		}
		if !cmd.Flags().Changed("types") {
			filter.Types = quiz.CardTypes // the misses, whatever their type
		}
	} else {
		for _, slug := range lib.slugs {
			cs, err := lib.db.DeckCards(slug)
			if err != nil {
				return err
			}
			cards = append(cards, cs...)
		}
	}
	n := o.n
	if o.retake && !cmd.Flags().Changed("number") {
		n = 0 // every miss
	}
	exam, err := quiz.DrawExam(cards, filter, n, seed)
	if err != nil {
		return err
	}
	if len(exam.Questions) == 0 {
		return noQuestions(cards, filter)
	}
	opts := store.QuizOptions{Requested: n, Seed: seed, TimeLimit: o.timeLimit, RetakeOf: q.retakeOf, Tags: filter.Tags}
	types := filter.Types
	if len(types) == 0 {
		types = quiz.ExamTypes
	}
	for _, t := range types {
		opts.Types = append(opts.Types, t.String())
	}
	var decks []string // the decks asked from, in order
	for i := range exam.Questions {
		c := &exam.Questions[i]
		opts.Questions = append(opts.Questions, store.QuizQuestion{Deck: c.Deck, CardID: c.ID})
		if !slices.Contains(decks, c.Deck) {
			decks = append(decks, c.Deck)
		}
	}
	if !o.retake {
		decks = lib.slugs // the decks named, even those no question came from
	}
	if q.id, err = learner.StartQuiz(decks, opts, now); err != nil {
		return err
	}
	q.exam = exam
	q.interactive = !a.plain && isTerminal(a.stdin) && isTerminal(a.stdout)
	q.scr = newScreen(a.stdout, !q.interactive, a.getenv)
	if q.interactive {
		q.ui = newSurveyPrompter(a.stdin.(*os.File), a.stdout.(*os.File), a.stderr)
	} else {
		q.ui = newPlainPrompter(a.stdin, a.stdout)
	}
	defer q.ui.close()
	q.interrupt = make(chan os.Signal, 1)
	signal.Notify(q.interrupt, os.Interrupt)
	defer signal.Stop(q.interrupt)
	base, mono := now, time.Now()
	// The deadline is checked to the nanosecond: the app's clock ticks in
	// milliseconds, which would let an answer in the limit's last
	// millisecond through.
	q.clock = func() time.Time { return base.Add(time.Since(mono)) }

	if n > 0 && exam.Matching < n {
		q.scr.println(q.scr.wrap(fmt.Sprintf("Only %s match, so the quiz asks all of them (-n was %d).",
			plural(exam.Matching, "question"), n), 0))
	}
	if intro == "" {
		intro = fmt.Sprintf("Quiz: %s from %s", plural(len(exam.Questions), "question"), strings.Join(decks, ", "))
	}
	if o.timeLimit > 0 {
		intro += ", " + formatLimit(o.timeLimit) + " to answer them"
	}
	q.scr.println(q.scr.wrap(intro+". Type :? for the commands.", 0))
	q.scr.println("")

	how, loopErr := q.loop()
	end := q.clock()
	if exam.Start.IsZero() {
		exam.Begin(end, 0)
	}
	if err := learner.EndQuiz(q.id, how, end); err != nil && loopErr == nil {
		loopErr = err
	}
	q.result(how, end.Sub(exam.Start))
	return loopErr
}

// check refuses flags that do not go together.
func (o *quizOptions) check(cmd *cobra.Command, args []string) error {
	switch {
	case o.n < 1:
		return errors.New("-n takes a whole number of 1 or more")
	case o.timeLimit < 0:
		return errors.New("--time-limit takes a duration such as 10m or 90s (0: no limit)")
	case o.asJSON && !o.history:
		return errors.New("--json goes with --history")
	case o.history && o.retake:
		return errors.New("--history and --retake-missed do not go together")
	case o.history && len(args) > 0:
		return errors.New("--history lists every quiz; it takes no DECK")
	}
	if o.history {
		for _, name := range []string{"number", "types", "tags", "seed", "time-limit"} {
			if cmd.Flags().Changed(name) {
				flag := "--" + name
				if name == "number" {
					flag = "-n"
				}
				return fmt.Errorf("--history lists every quiz; it takes no %s", flag)
			}
		}
	}
	return nil
}

// filter reads --types and --tags. An unknown type is an error here; an
// unknown tag is one once the decks are read.
func (o *quizOptions) filter(cmd *cobra.Command) (quiz.ExamFilter, error) {
	var f quiz.ExamFilter
	if cmd.Flags().Changed("types") {
		if len(o.types) == 0 {
			return f, fmt.Errorf("--types needs at least one card type: %s", typeNames(quiz.CardTypes))
		}
		var err error
		if f.Types, err = quiz.ParseCardTypes(o.types); err != nil {
			return f, err
		}
	}
	for _, t := range o.tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(f.Tags, t) {
			f.Tags = append(f.Tags, t)
		}
	}
	return f, nil
}

func typeNames(ts []quiz.CardType) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.String()
	}
	return strings.Join(names, ", ")
}

// noQuestions says why no card passed the filter, with what the decks hold.
func noQuestions(cards []quiz.Card, f quiz.ExamFilter) error {
	if len(cards) == 0 {
		return errors.New("these decks have no cards")
	}
	types := f.Types
	if len(types) == 0 {
		types = quiz.ExamTypes
	}
	what := "no card of type " + strings.Join(strings.Split(typeNames(types), ", "), " or ")
	if len(f.Types) == 0 {
		what = "no card of the types steppe grades (" + typeNames(types) + ")"
	}
	among := "these decks hold"
	if len(f.Tags) > 0 {
		what += " has the tag " + strings.Join(f.Tags, " or ")
		among = "the cards with that tag are"
		cards = slices.DeleteFunc(slices.Clone(cards), func(c quiz.Card) bool {
			return !slices.ContainsFunc(c.Tags, func(t string) bool { return slices.Contains(f.Tags, t) })
		})
	} else {
		what += " is in these decks"
	}
	counts := quiz.TypeCounts(cards)
	var have []string
	for _, t := range quiz.CardTypes {
		if counts[t] > 0 {
			have = append(have, fmt.Sprintf("%s (%d)", t, counts[t]))
		}
	}
	msg := fmt.Sprintf("%s; %s: %s", what, among, strings.Join(have, ", "))
	if len(f.Types) == 0 {
		msg += "; --types basic,cloze asks self-rated cards"
	}
	return errors.New(msg)
}

// quizzer runs one quiz at the terminal.
type quizzer struct {
	app         *app
	lib         *library
	learner     *store.Learner
	exam        *quiz.Exam
	id          int64 // the quiz's session
	retakeOf    int64
	limit       time.Duration
	cal         quiz.Calendar
	ui          prompter
	scr         *screen
	interactive bool
	interrupt   chan os.Signal
	clock       func() time.Time
	lex         quiz.Lexicon // what the decks know, for grading typed answers
}

// missedCards are the last quiz's misses (wrong, partly right and almost),
// in the order they were asked, with an intro line; named keeps only those
// of the decks named on the command line. With no quiz it is an error; with
// no misses it says so and returns no cards.
func (q *quizzer) missedCards(named bool) ([]quiz.Card, string, error) {
	// The last quiz with an answer: one left at once has no misses to
	// retake, and must not hide the quiz before it.
	quizzes, err := q.learner.Quizzes()
	if err != nil {
		return nil, "", err
	}
	var last *store.QuizRecord
	for i := len(quizzes) - 1; i >= 0 && last == nil; i-- {
		if quizzes[i].Answered > 0 {
			last = &quizzes[i]
		}
	}
	if last == nil {
		return nil, "", errors.New("no quiz to retake yet; `steppe quiz` starts one")
	}
	answers, err := q.learner.QuizAnswers(last.ID)
	if err != nil {
		return nil, "", err
	}
	when := q.localTime(last.Started)
	missed := map[string]bool{} // by card key
	var decks []string
	elsewhere := 0
	for _, a := range answers {
		if a.Verdict == quiz.Correct {
			continue
		}
		if named && !slices.Contains(q.lib.slugs, a.Deck) {
			elsewhere++
			continue
		}
		missed[a.Deck+"/"+a.CardID] = true
		if !slices.Contains(decks, a.Deck) {
			decks = append(decks, a.Deck)
		}
	}
	// In deck order, so that the result lists sections as a quiz does.
	var cards []quiz.Card
	for _, d := range decks {
		cs, err := q.lib.db.DeckCards(d)
		if err != nil {
			return nil, "", err
		}
		for _, c := range cs {
			if missed[c.Key()] {
				cards = append(cards, c)
			}
		}
	}
	gone := len(missed) - len(cards)
	if gone > 0 {
		fmt.Fprintf(q.app.stdout, "Missed in the quiz of %s but gone from their decks since: %s.\n", when, plural(gone, "card"))
	}
	if len(cards) == 0 {
		if elsewhere > 0 {
			return nil, "", fmt.Errorf("none of the %s missed in the quiz of %s are in the decks named; name no DECK to retake them all",
				plural(elsewhere+gone, "question"), when)
		}
		switch {
		case gone > 0:
		case last.Answered < last.Questions:
			fmt.Fprintf(q.app.stdout, "Your last quiz (%s) had no misses in the %d of %d questions answered: nothing to retake.\n",
				when, last.Answered, last.Questions)
		default:
			fmt.Fprintf(q.app.stdout, "Your last quiz (%s, score %s/%d) had no misses: nothing to retake.\n",
				when, formatPoints(last.Score), last.Questions)
		}
		return nil, "", nil
	}
	q.retakeOf = last.ID
	what := plural(len(cards), "question")
	if len(cards) == 1 {
		what = "question"
	}
	return cards, fmt.Sprintf("Retaking the %s you missed in the quiz of %s", what, when), nil
}

func (q *quizzer) localTime(t time.Time) string {
	if q.cal.Loc != nil {
		t = t.In(q.cal.Loc)
	}
	return t.Format("2006-01-02 15:04")
}

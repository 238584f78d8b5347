package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"steppe/quiz"
	"steppe/store"
)

// drillOptions are the flags of `steppe drill` and of plain `steppe`.
type drillOptions struct {
	newCards int
	limit    int
	seed     uint64
	tags     []string
	section  string
	sf       *settingsFlags
}

func (o *drillOptions) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.IntVar(&o.newCards, "new", 0, "new cards allowed in this session, in place of what is left of today's allowance")
	f.IntVar(&o.limit, "limit", 0, "the most cards in this session (0: no limit)")
	f.Uint64Var(&o.seed, "seed", 0, "seed for shuffling options (default: from the clock)")
	f.StringSliceVar(&o.tags, "tags", nil, "drill only the cards with one of these `tags` (comma-separated)")
	f.StringVar(&o.section, "section", "", "drill only the cards of the sections whose heading is `text`, or else contains it (any case)")
	o.sf = addSettingsFlags(cmd, "scheduler", "retention", "params", "learning_steps", "relearning_steps",
		"max_interval", "new_per_day", "reviews_per_day", "day_start", "tz", "fuzz", "short_term",
		"learn_ahead", "leech_threshold")
}

func (a *app) drillCmd() *cobra.Command {
	o := &drillOptions{}
	cmd := &cobra.Command{
		Use:   "drill [DECK...]",
		Short: "Drill the cards that are due, and new ones (the default command)",
		Long: `drill shows today's cards from the named decks (installed slugs or .yaml
files; every installed deck when none is named): learning cards that are due,
due reviews, then new cards up to the day's limit. Each answer is saved the
moment it is given. Type :? at any prompt for the commands.

--tags and --section narrow the drill to some cards: those with any of the
tags, in a section whose heading is the text given, or else contains it.`,
		RunE: func(cmd *cobra.Command, args []string) error { return a.drill(cmd, args, o) },
	}
	o.register(cmd)
	return cmd
}

func (a *app) drill(cmd *cobra.Command, args []string, o *drillOptions) error {
	if o.newCards < 0 || o.limit < 0 {
		return errors.New("--new and --limit take a whole number of 0 or more")
	}
	s, err := a.settings(o.sf)
	if err != nil {
		return err
	}
	st, err := a.openStudy(args)
	if err != nil {
		return err
	}
	defer st.close()
	now, lib, learner := st.now, st.lib, st.learner
	if err := s.useProfileParams(learner); err != nil {
		return err
	}
	sched, err := s.scheduler()
	if err != nil {
		return err
	}
	filter, err := resolveFilter(lib.db, lib.slugs, o.tags, o.section, cmd.Flags().Changed("section"))
	if err != nil {
		return err
	}
	cal := s.calendar()
	today := cal.Day(now)
	done, err := learner.Counts(lib.slugs, cal.Start(today), cal.Start(today+1))
	if err != nil {
		return err
	}
	cfg := quiz.SessionConfig{
		Decks: lib.slugs, Calendar: cal,
		NewLimit:    max(s.NewPerDay-done.New, 0),
		ReviewLimit: max(s.ReviewsPerDay-done.Reviews, 0),
		CardLimit:   o.limit, LearnAhead: s.LearnAhead, LeechThreshold: s.LeechThreshold,
		Seed: uint64(now.UnixNano()),
		Tags: filter.tags, Sections: filter.sections,
	}
	if cmd.Flags().Changed("new") {
		cfg.NewLimit = o.newCards
	}
	if cmd.Flags().Changed("seed") {
		cfg.Seed = o.seed
	}
	if cfg.ID, err = learner.StartSession("drill", lib.slugs, now); err != nil {
		return err
	}
	sess, err := quiz.NewSession(learner, sched, cfg, now)
	if err != nil {
		return err
	}
	lex, err := lib.db.Lexicon(lib.slugs)
	if err != nil {
		return err
	}
	d := &driller{app: a, lib: lib, learner: learner, sess: sess, cal: cal, sched: sched, lex: lex,
		times: map[quiz.CardType][]time.Duration{}}
	d.interactive = !a.plain && isTerminal(a.stdin) && isTerminal(a.stdout)
	d.scr = newScreen(a.stdout, !d.interactive, a.getenv)
	if d.interactive {
		d.ui = newSurveyPrompter(a.stdin.(*os.File), a.stdout.(*os.File), a.stderr)
	} else {
		d.ui = newPlainPrompter(a.stdin, a.stdout)
	}
	defer d.ui.close()
	if desc := filter.describe(); desc != "" {
		d.scr.println(d.scr.wrap(desc, 0))
	}
	d.interrupt = make(chan os.Signal, 1)
	signal.Notify(d.interrupt, os.Interrupt)
	defer signal.Stop(d.interrupt)

	loopErr := d.loop()
	end, _ := a.now()
	if err := learner.EndSession(cfg.ID, end); err != nil && loopErr == nil {
		loopErr = err
	}
	d.summary(end)
	return loopErr
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// driller runs one drill session at the terminal.
type driller struct {
	lex         quiz.Lexicon // what the decks know, for grading typed answers
	app         *app
	lib         *library
	learner     *store.Learner
	sess        *quiz.Session
	sched       quiz.Scheduler
	cal         quiz.Calendar
	ui          prompter
	scr         *screen
	interactive bool
	interrupt   chan os.Signal
	// times holds the learner's latest answer times by card type, newest
	// first, for the grading rule: read from the store the first time a
	// type is graded, then kept up to date as answers are given.
	times map[quiz.CardType][]time.Duration
}

type action int

const (
	actNext action = iota // go on to the next card
	actQuit               // end the session
)

func (d *driller) clock() time.Time {
	t, _ := d.app.now() // STEPPE_NOW was checked at the start
	return t
}

func (d *driller) loop() error {
	for {
		select {
		case <-d.interrupt:
			return nil
		default:
		}
		c, ok := d.sess.Next(d.clock())
		if !ok {
			return nil
		}
		card, err := d.lib.db.Card(c.Deck, c.ID)
		if err != nil {
			d.sess.PutBack(c)
			return fmt.Errorf("load card %s: %w", c.Key(), err)
		}
		act, err := d.card(c, &card)
		if err != nil || act == actQuit {
			return err
		}
	}
}

// ask runs one prompt until it gets an answer, handling the commands that
// leave the card where it is (:e, :?) and turning the others into actions.
func (d *driller) ask(c quiz.Candidate, card *quiz.Card, prompt func() (reply, error)) (reply, action, bool, error) {
	for {
		r, err := prompt()
		if err != nil {
			return r, actQuit, false, err
		}
		switch r.cmd {
		case cmdNone:
			return r, actNext, true, nil
		case cmdQuit:
			d.sess.PutBack(c)
			return r, actQuit, false, nil
		case cmdHelp:
			d.scr.println(commandHelp)
		case cmdWhere:
			d.scr.println(fmt.Sprintf("%s is defined at %s:%d", card.Key(), sanitize(card.File), card.Line))
		case cmdUndo:
			if d.sess.Summary().Answers == 0 {
				d.scr.println("nothing to undo in this session yet")
				continue
			}
			d.sess.PutBack(c)
			u, err := d.sess.Undo()
			if err != nil {
				return r, actQuit, false, err
			}
			clear(d.times) // the undone answer's time no longer counts
			d.scr.println(fmt.Sprintf("undone: your answer to %s/%s; it comes again", sanitize(u.Deck), sanitize(u.CardID)))
			d.scr.println("")
			return r, actNext, false, nil
		case cmdSuspend:
			if err := d.sess.Suspend(c); err != nil {
				return r, actQuit, false, err
			}
			d.scr.println(d.scr.wrap(fmt.Sprintf("suspended %s; `steppe unsuspend %s` brings it back", card.Key(), card.Key()), 0))
			return r, actNext, false, nil
		case cmdBury:
			if err := d.sess.Bury(c); err != nil {
				return r, actQuit, false, err
			}
			d.scr.println(fmt.Sprintf("buried %s until tomorrow", card.Key()))
			return r, actNext, false, nil
		}
	}
}

// card shows one card and records the answer.
func (d *driller) card(c quiz.Candidate, card *quiz.Card) (action, error) {
	d.header(c, card)
	shown := d.clock()
	var (
		grade  quiz.Grade
		answer string
		picked []string // an order card's items as the learner put them
		r      reply
		act    action
		ok     bool
		err    error
	)
	opts := quiz.Options(card, d.sess.Rand())
	switch card.Type {
	case quiz.Basic, quiz.Cloze:
		if r, act, ok, err = d.ask(c, card, func() (reply, error) { return d.ui.reveal("show the answer") }); !ok {
			return act, err
		}
	case quiz.Choice:
		msg := "Your answer"
		if !d.interactive {
			d.scr.options(opts) // on a terminal the menu shows them
			msg = fmt.Sprintf("answer 1-%d", len(opts))
		}
		if r, act, ok, err = d.ask(c, card, func() (reply, error) {
			return d.ui.choose(msg, opts)
		}); !ok {
			return act, err
		}
		answer = opts[r.index]
		grade = quiz.CheckChoice(card, answer)
	case quiz.Multi:
		msg := "Every right answer"
		if !d.interactive {
			d.scr.options(opts)
			msg = "the right answers, e.g. 1 3"
		}
		if r, act, ok, err = d.ask(c, card, func() (reply, error) {
			return d.ui.chooseMany(msg, opts)
		}); !ok {
			return act, err
		}
		chosen := pick(opts, r.indices)
		answer = strings.Join(chosen, "; ")
		grade = quiz.CheckMulti(card, chosen)
	case quiz.TrueFalse:
		msg := "true or false (t/f)"
		if d.interactive {
			msg = "Your answer"
		}
		if r, act, ok, err = d.ask(c, card, func() (reply, error) { return d.ui.trueFalse(msg) }); !ok {
			return act, err
		}
		said := r.index == 0
		answer = strconv.FormatBool(said)
		grade = quiz.CheckTrueFalse(card, said)
	case quiz.Typed:
		msg := "your answer (empty: don't know)"
		if d.interactive {
			msg = "Your answer" // the help (?) says what empty means; a long prompt leaves no room
		}
		if r, act, ok, err = d.ask(c, card, func() (reply, error) { return d.ui.typed(msg) }); !ok {
			return act, err
		}
		answer = strings.TrimSpace(r.text)
		grade = quiz.Match(card, answer, d.lex)
	case quiz.Order:
		d.scr.options(opts)
		if r, act, ok, err = d.ask(c, card, func() (reply, error) {
			return d.ui.order("the item numbers, first to last", len(opts))
		}); !ok {
			return act, err
		}
		picked = pick(opts, r.indices)
		answer = strings.Join(picked, " → ")
		grade = quiz.CheckOrder(card, picked)
	}
	took := d.clock().Sub(shown)
	var prop *quiz.Proposal
	if card.Type.AutoGraded() {
		d.scr.verdict(card, grade, answer, picked, "")
		p := quiz.Propose(grade, took, d.recentTimes(card.Type))
		prop = &p
	} else {
		d.scr.println(d.scr.hang("answer: ", card.Answer))
		if card.Explain != "" {
			d.scr.println(d.scr.wrap(card.Explain, 0))
		}
	}
	labels := d.ratingLabels(c, d.clock())
	msg, def := ratingPrompt(labels, prop, d.interactive)
	if r, act, ok, err = d.ask(c, card, func() (reply, error) { return d.ui.rate(msg, labels, def) }); !ok {
		return act, err
	}
	res, err := d.sess.Answer(c, d.clock(), quiz.Answer{Rating: r.rating, Text: answer, Verdict: grade.Verdict, Duration: took})
	if err != nil {
		return actQuit, err
	}
	d.noteTime(card.Type, took)
	if res.Leech {
		d.scr.println(d.scr.yellow(d.scr.wrap(fmt.Sprintf("%s is a leech: forgotten %d times. It is suspended; rewrite it or `steppe unsuspend %s`.",
			card.Key(), res.Log.After.Lapses, card.Key()), 0)))
	}
	d.scr.println("")
	return actNext, nil
}

func pick(opts []string, idx []int) []string {
	out := make([]string, 0, len(idx))
	seen := map[int]bool{}
	for _, i := range idx {
		if !seen[i] {
			seen[i] = true
			out = append(out, opts[i])
		}
	}
	return out
}

// header prints the progress line and the question.
func (d *driller) header(c quiz.Candidate, card *quiz.Card) {
	// The counts include the card shown, as Anki's do.
	learning, due, fresh := d.sess.Remaining()
	switch c.Memory.State {
	case quiz.New:
		fresh++
	case quiz.Review:
		due++
	default:
		learning++
	}
	n := d.sess.Summary().Answers + 1
	total := n - 1 + learning + due + fresh
	d.scr.println(d.scr.faint(fmt.Sprintf("%d/%d · %d learning · %d due · %d new · %s", n, total, learning, due, fresh, sanitize(c.Deck))))
	d.scr.question(card)
}

// summary ends the session: cards seen, the share right, the next due card.
func (d *driller) summary(now time.Time) {
	if d.interactive {
		d.scr.println("")
	}
	sum := d.sess.Summary()
	if sum.Answers == 0 {
		d.scr.println("Nothing answered in this session.")
	} else {
		d.scr.println(fmt.Sprintf("Session over: %s, %s, %d%% right.", plural(sum.Cards, "card"), plural(sum.Answers, "answer"), (sum.Right*100+sum.Answers/2)/sum.Answers))
	}
	next, ok, err := d.learner.NextDue(d.lib.slugs)
	if _, due, _ := d.sess.Remaining(); due > 0 {
		// Review cards are due all day from the day's start, whatever time
		// their due time shows.
		d.scr.println(fmt.Sprintf("Next card due: now (%s left today)", plural(due, "review")))
		return
	}
	switch {
	case err != nil:
		d.scr.println("Could not find the next due card: " + err.Error())
	case !ok:
		d.scr.println("No card is scheduled.") // none reviewed, or all suspended
	default:
		d.scr.println("Next card due: " + whenDue(next, now, d.cal))
	}
}

// whenDue says when a card is due, as a learner reads it: "now", "in 10
// minutes (09:50)", "tomorrow", "in 5 days (2026-01-10)".
func whenDue(due, now time.Time, cal quiz.Calendar) string {
	local := due.In(cal.Loc)
	if cal.Loc == nil {
		local = due.UTC()
	}
	days := cal.Between(now, due)
	switch d := due.Sub(now); {
	case d <= 0:
		return "now"
	case days == 0:
		return fmt.Sprintf("in %s (%s)", quiz.FormatInterval(d), local.Format("15:04"))
	case days == 1:
		return "tomorrow (" + local.Format("2006-01-02") + ")"
	default:
		return fmt.Sprintf("in %d days (%s)", days, local.Format("2006-01-02"))
	}
}

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"steppe/quiz"
	"steppe/quiz/fsrs"
	"steppe/quiz/fsrs/optimize"
	"steppe/store"
)

// optimizeReport is `steppe optimize --json`; the README documents it.
type optimizeReport struct {
	Profile      string            `json:"profile"`
	File         string            `json:"file,omitempty"` // --from, when given
	Reviews      int               `json:"reviews"`        // rated 1–4
	Manual       int               `json:"manual_skipped"` // rated 0
	Cards        int               `json:"cards"`
	Items        int               `json:"items"`         // reviews on a later day than the card's one before
	TrainedItems int               `json:"trained_items"` // left by the outlier filter and the length limit
	Fit          string            `json:"fit"`           // trained, initial-stability or defaults
	Reason       string            `json:"reason,omitempty"`
	Params       []float64         `json:"params"`
	Defaults     optimize.Metrics  `json:"defaults"`
	Fitted       optimize.Metrics  `json:"fitted"`
	Stored       *optimize.Metrics `json:"stored,omitempty"` // the profile's current parameters, when it has some
	Better       bool              `json:"better"`           // the fit's log loss is below the defaults'
	Written      bool              `json:"written"`
}

func (a *app) optimizeCmd() *cobra.Command {
	var from string
	var asJSON, write, force bool
	var sf *settingsFlags
	cmd := &cobra.Command{
		Use:   "optimize [--from FILE.csv] [--write]",
		Short: "Fit FSRS's 21 parameters to a review log",
		Long: `optimize fits FSRS-6's 21 parameters to the learner's own review log (its
reviews neither undone nor reset), or to a CSV file given with --from, by the
procedure of the reference optimizer (fsrs-rs 6.5.0). It prints the
parameters, the reviews and cards used, and the log loss and RMSE(bins) of
the defaults and of the fit over every review on a later day than the card's
one before.

The CSV needs a header with card_id, review_time (ms since the epoch, UTC)
and rating (1-4; 0 marks a manual entry, which is skipped), and may have
user_id, which keeps the cards of different users apart; other columns are
ignored. Its days are UTC days from 0:00 unless --tz and --day-start are
given; the learner's own log uses the learner's days.

--write stores the parameters for the profile; drills, stats and simulate
use them from then on, and ` + "`steppe reschedule`" + ` recomputes the due dates with
them. A fit worse than the defaults is written only after a confirmation,
or with --force; in plain mode it is refused without --force.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			// A fit allocates its items once and keeps them: collecting
			// garbage less often saves a tenth of its time.
			defer debug.SetGCPercent(debug.SetGCPercent(400))
			s, err := a.settings(sf)
			if err != nil {
				return err
			}
			if s.Scheduler != "fsrs" && write {
				return fmt.Errorf("the scheduler is %s: --write stores FSRS parameters, which only the fsrs scheduler uses", s.Scheduler)
			}
			in, err := a.optimizeInput(from, write, s, sf)
			if err != nil {
				return err
			}
			defer in.close()
			rep, err := a.fitReport(in, s, asJSON)
			if err != nil {
				return err
			}
			if write {
				err = a.writeParams(&rep, in.learner, force)
			}
			if asJSON {
				if jerr := writeJSON(a, rep); err == nil {
					err = jerr
				}
			} else {
				writeOptimize(newScreen(a.stdout, a.plain, a.getenv), &rep)
			}
			return err
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "fit the review log in this CSV `file` instead of the learner's")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().BoolVar(&write, "write", false, "store the parameters for the profile")
	cmd.Flags().BoolVar(&force, "force", false, "with --write, store a fit even when it is worse than the defaults")
	sf = addSettingsFlags(cmd, "tz", "day_start", "relearning_steps", "short_term")
	return cmd
}

// optimizeInput is what a fit reads: the review log, the days it is
// counted in, and the learner, when there is one.
type optimizeInput struct {
	from    string
	logs    []optimize.Log
	manual  int // rows rated 0, skipped
	cal     quiz.Calendar
	learner *store.Learner
	db      *store.DB
}

func (in *optimizeInput) close() {
	if in.db != nil {
		in.db.Close()
	}
}

// optimizeInput reads the log to fit: the CSV given with --from, read
// before any database is touched so that a bad file changes nothing, or
// the learner's own log. --write opens the database for writing (a fit
// from a file may start a new learner); otherwise it is opened read-only,
// and with --from only to score the stored parameters, so a database that
// cannot be read does not stop the fit.
func (a *app) optimizeInput(from string, write bool, s settings, sf *settingsFlags) (*optimizeInput, error) {
	in := &optimizeInput{from: from, cal: s.calendar()}
	if from != "" {
		// A file's days are UTC days from 0:00 unless told otherwise.
		if !sf.has("tz") {
			in.cal.Loc = nil
		}
		if !sf.has("day_start") {
			in.cal.StartHour = 0
		}
		var err error
		if in.logs, in.manual, err = readReviewCSV(from); err != nil {
			return nil, err
		}
	}
	var err error
	if write {
		if in.db, err = store.Open(a.dbFile()); err != nil {
			return nil, err
		}
		in.learner, err = in.db.Profile(a.profileName())
	} else {
		in.db, err = a.openStored(true)
		if err == nil && in.db != nil {
			in.learner, err = existingLearner(in.db, a.profileName())
		}
		if from != "" {
			err = nil
		}
	}
	if err != nil {
		in.close()
		return nil, err
	}
	if from != "" {
		return in, nil
	}
	if in.learner == nil {
		in.close()
		return nil, fmt.Errorf("nothing to optimize: %s holds no reviews yet (or give a review log with --from FILE.csv)", a.dbFile())
	}
	rows, err := in.learner.ReviewLog()
	if err != nil {
		in.close()
		return nil, err
	}
	in.logs = make([]optimize.Log, 0, len(rows))
	for _, r := range rows {
		if r.Rating == 0 {
			in.manual++
			continue
		}
		in.logs = append(in.logs, optimize.Log{Card: r.Card, Time: r.Time, Rating: r.Rating})
	}
	return in, nil
}

// fitReport fits the log and scores the defaults, the fit and the stored
// parameters on it, with a progress bar on a terminal.
func (a *app) fitReport(in *optimizeInput, s settings, asJSON bool) (optimizeReport, error) {
	rep := optimizeReport{Profile: a.profileName(), File: in.from, Reviews: len(in.logs), Manual: in.manual}
	items, cards := optimize.Items(in.logs, in.cal)
	rep.Items, rep.Cards = len(items), cards

	opt := optimize.Options{ShortTerm: s.ShortTerm, RelearningSteps: len(s.RelearningSteps), Workers: runtime.GOMAXPROCS(0)}
	var bar *progressbar.ProgressBar
	if !asJSON && isTerminal(a.stdout) {
		bar = newFitBar(a.stdout)
		opt.Progress = func(done, total int) {
			bar.ChangeMax(total)
			_ = bar.Set(done)
		}
	}
	// The defaults' score does not wait for the fit: it fills the fit's
	// quieter moments.
	defaultsDone := make(chan struct{})
	go func() {
		rep.Defaults = optimize.Evaluate(items, fsrs.DefaultW)
		close(defaultsDone)
	}()
	res, err := optimize.Fit(items, opt)
	if bar != nil {
		_ = bar.Clear()
	}
	if err != nil {
		<-defaultsDone
		return rep, err
	}
	rep.Fit, rep.Reason, rep.TrainedItems = res.Fit, res.Reason, res.Items
	rep.Params = res.W[:]
	rep.Fitted = optimize.Evaluate(items, res.W)
	<-defaultsDone
	rep.Better = rep.Fitted.LogLoss < rep.Defaults.LogLoss
	if in.learner != nil {
		w, err := in.learner.Params()
		if err != nil {
			return rep, err
		}
		if m, err := fsrs.MigrateW(w, len(s.RelearningSteps), s.ShortTerm); w != nil && err == nil {
			ev := optimize.Evaluate(items, m)
			rep.Stored = &ev
		}
	}
	return rep, nil
}

// writeParams stores the fit for the learner, after the checks --write
// makes: a fit of nothing is not stored, and one worse than the defaults
// only with --force or a confirmation.
func (a *app) writeParams(rep *optimizeReport, l *store.Learner, force bool) error {
	if rep.Fit == optimize.FitDefault {
		return nil // nothing was fitted; the report says why
	}
	if !rep.Better && !force {
		msg := fmt.Sprintf("the fit's log loss %.4f is no better than the defaults' %.4f", rep.Fitted.LogLoss, rep.Defaults.LogLoss)
		if a.plain || !isTerminal(a.stdin) || !isTerminal(a.stdout) {
			return fmt.Errorf("%s: not written (--force writes it anyway)", msg)
		}
		ok := false
		err := survey.AskOne(&survey.Confirm{Message: strings.ToUpper(msg[:1]) + msg[1:] + ". Write it anyway?"}, &ok,
			survey.WithStdio(ctrlDQuits{a.stdin.(*os.File)}, a.stdout.(*os.File), a.stderr))
		if errors.Is(err, terminal.InterruptErr) || errors.Is(err, io.EOF) {
			ok, err = false, nil
		}
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%s: not written", msg)
		}
	}
	if err := l.SetParams(rep.Params); err != nil {
		return err
	}
	rep.Written = true
	return nil
}

// newFitBar is the progress bar of a long fit, on a terminal.
func newFitBar(w io.Writer) *progressbar.ProgressBar {
	return progressbar.NewOptions(1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("Fitting"),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionThrottle(65_000_000),
		progressbar.OptionClearOnFinish(),
	)
}

// writeOptimize prints the report; on a terminal its sentences wrap at
// the terminal's width.
func writeOptimize(scr *screen, rep *optimizeReport) {
	w := scr.w
	say := func(format string, a ...any) { fmt.Fprintln(w, scr.wrap(fmt.Sprintf(format, a...), 0)) }
	src := "profile " + rep.Profile
	if rep.File != "" {
		src = rep.File
	}
	line := fmt.Sprintf("Review log: %s, %s of %s, %s to predict", src, plural(rep.Reviews, "review"),
		plural(rep.Cards, "card"), plural(rep.Items, "review"))
	if rep.Manual > 0 {
		line += fmt.Sprintf(" (%d manual entries skipped)", rep.Manual)
	}
	say("%s.", line)
	switch rep.Fit {
	case optimize.FitDefault:
		say("Kept the default parameters: %s.", rep.Reason)
	case optimize.FitInitial:
		say("Fitted the initial stabilities only: %s.", rep.Reason)
	default:
		say("Fitted all 21 parameters on %s.", plural(rep.TrainedItems, "review"))
	}
	fmt.Fprintln(w, "\nParameters:")
	var parts []string
	for _, x := range rep.Params {
		parts = append(parts, fmt.Sprintf("%.4f", x))
	}
	for i := 0; i < len(parts); i += 7 {
		fmt.Fprintf(w, "  %s\n", strings.Join(parts[i:min(i+7, len(parts))], ", "))
	}
	fmt.Fprintf(w, "\n%-12s %9s %11s\n", "", "log loss", "RMSE(bins)")
	row := func(name string, m optimize.Metrics) {
		fmt.Fprintf(w, "%-12s %9.4f %10.2f%%\n", name, m.LogLoss, 100*m.RMSEBins)
	}
	row("defaults", rep.Defaults)
	if rep.Stored != nil {
		row("stored", *rep.Stored)
	}
	row("fitted", rep.Fitted)
	switch {
	case rep.Written:
		fmt.Fprintln(w)
		say("Wrote the parameters for %s. `steppe reschedule` recomputes the due dates with them.", rep.Profile)
	case rep.Fit != optimize.FitDefault && rep.Better:
		fmt.Fprintln(w, "\n--write stores these parameters for the profile.")
	}
}

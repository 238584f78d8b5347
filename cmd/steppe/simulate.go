package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/guptarohit/asciigraph"
	"github.com/spf13/cobra"

	"steppe/quiz/sim"
)

// simulateOptions are `steppe simulate`'s flags as given.
type simulateOptions struct {
	days, newPerDay int
	retention       string // comma-separated; "" means the retention setting
	schedulers      string // comma-separated
	seed            uint64
	asJSON          bool
}

// simulateReport is `steppe simulate --json`; the README documents its
// fields.
type simulateReport struct {
	Days      int             `json:"days"`
	NewPerDay int             `json:"new_per_day"`
	Seed      uint64          `json:"seed"`
	Params    string          `json:"params"` // "default", "settings" or "profile": the true memory model's weights
	Settings  []simulateEntry `json:"settings"`
}

// simulateEntry is one setting's run.
type simulateEntry struct {
	Scheduler         string   `json:"scheduler"`
	Retention         *float64 `json:"retention"` // FSRS's desired retention; null for SM-2
	ReviewsPerDay     []int    `json:"reviews_per_day"`
	TotalReviews      int      `json:"total_reviews"`
	RetentionAchieved *float64 `json:"retention_achieved"` // null when no card was seen twice
	KnownAtEnd        float64  `json:"known_at_end"`
	Cards             int      `json:"cards"`
}

// The bounds of --days and --new-per-day, which keep a run to seconds.
const (
	simulateMaxDays      = 3650
	simulateMaxNewPerDay = 1000
)

func (a *app) simulateCmd() *cobra.Command {
	opts := &simulateOptions{}
	cmd := &cobra.Command{
		Use:   "simulate",
		Short: "Simulate a learner's workload: what a higher retention costs, FSRS against SM-2",
		Long: `simulate follows a simulated learner for --days days, with --new-per-day
new cards a day and no daily review limit. The learner's memory follows FSRS-6
with the params setting (the defaults unless set); each review is recalled
with the probability that memory gives, then rated Hard, Good or Easy (22.4%,
63.2%, 14.4%) if recalled and Again if not. A new card's first rating is
Again, Hard, Good or Easy with 24%, 9.4%, 49.5% and 17.1%. Days are whole
days: learning steps and same-day reviews are not simulated.

Each setting is a scheduler deciding the due dates: FSRS at each --retention,
and SM-2. For each it draws reviews per day as a chart, then compares them:
total reviews, the retention achieved (the share of reviews of cards seen
before that were recalled) and the cards known at the end (the sum of every
card's probability of recall the day after the last). The same --seed gives
the same run.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.settings(nil)
			if err != nil {
				return err
			}
			// The profile's fitted parameters, when it has some.
			db, err := a.openStored(true)
			if err != nil {
				return err
			}
			if db != nil {
				defer db.Close()
				if l, err := existingLearner(db, a.profileName()); err == nil {
					if err := s.useProfileParams(l); err != nil {
						return err
					}
				}
			}
			return simulateRun(a.stdout, opts, s)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.days, "days", 365, "days to simulate, 1-"+strconv.Itoa(simulateMaxDays))
	f.IntVar(&opts.newPerDay, "new-per-day", 20, "new cards a day, 1-"+strconv.Itoa(simulateMaxNewPerDay))
	f.StringVar(&opts.retention, "retention", "", "FSRS's desired retentions, such as 0.9,0.85,0.8 (default the retention setting)")
	f.StringVar(&opts.schedulers, "scheduler", "fsrs,sm2", "the schedulers to compare: fsrs, sm2 or both")
	f.Uint64Var(&opts.seed, "seed", 1, "the random seed")
	f.BoolVar(&opts.asJSON, "json", false, "print JSON")
	return cmd
}

// simulateRun checks the options, runs every setting and prints them.
func simulateRun(w io.Writer, opts *simulateOptions, s settings) error {
	if opts.days < 1 || opts.days > simulateMaxDays {
		return fmt.Errorf("--days %d: want a whole number of days from 1 to %d", opts.days, simulateMaxDays)
	}
	if opts.newPerDay < 1 || opts.newPerDay > simulateMaxNewPerDay {
		return fmt.Errorf("--new-per-day %d: want a whole number from 1 to %d", opts.newPerDay, simulateMaxNewPerDay)
	}
	setups, err := simulateSettings(opts, s)
	if err != nil {
		return err
	}
	cfg := sim.Config{Days: opts.days, NewPerDay: opts.newPerDay, Seed: opts.seed, W: s.Params}
	rep := simulateReport{Days: opts.days, NewPerDay: opts.newPerDay, Seed: opts.seed, Params: "default"}
	switch s.ParamsFrom {
	case "profile":
		rep.Params = "profile"
	case "config", "flag":
		rep.Params = "settings"
	}
	rep.Settings = make([]simulateEntry, len(setups))
	errs := make([]error, len(setups))
	// The runs are pure and independent: run them side by side.
	var wg sync.WaitGroup
	for i, set := range setups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rep.Settings[i], errs[i] = simulateOne(cfg, set)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	if opts.asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return printSimulation(w, rep)
}

// simulateSettings lists the settings to run: FSRS at each retention, in
// the order given, then SM-2 once, which has no desired retention.
func simulateSettings(opts *simulateOptions, s settings) ([]sim.Setting, error) {
	retentions := []float64{s.Retention}
	if strings.TrimSpace(opts.retention) != "" {
		retentions = nil
		for _, f := range strings.Split(opts.retention, ",") {
			f = strings.TrimSpace(f)
			r, err := strconv.ParseFloat(f, 64)
			if err != nil || !(r > 0 && r <= 1) {
				return nil, fmt.Errorf("--retention %q: want numbers above 0 and at most 1, separated by commas, such as 0.9,0.85", f)
			}
			retentions = append(retentions, r)
		}
	}
	var out []sim.Setting
	seen := map[string]bool{}
	for _, name := range strings.Split(opts.schedulers, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "fsrs" && name != "sm2" {
			return nil, fmt.Errorf("--scheduler %q: want fsrs, sm2 or both, separated by commas", name)
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		base := sim.Setting{Scheduler: name, W: s.Params, MaxInterval: s.MaxInterval, Fuzz: s.Fuzz}
		if name == "sm2" {
			out = append(out, base)
			continue
		}
		for _, r := range retentions {
			base.Retention = r
			out = append(out, base)
		}
	}
	return out, nil
}

func simulateOne(cfg sim.Config, set sim.Setting) (simulateEntry, error) {
	sched, err := set.New()
	if err != nil {
		return simulateEntry{}, err
	}
	res, err := sim.Run(cfg, sched)
	if err != nil {
		return simulateEntry{}, err
	}
	e := simulateEntry{
		Scheduler:     set.Scheduler,
		ReviewsPerDay: res.ReviewsPerDay,
		TotalReviews:  res.TotalReviews,
		KnownAtEnd:    math.Round(res.KnownAtEnd*10) / 10,
		Cards:         res.Cards,
	}
	if res.Reviews > 0 {
		r := math.Round(res.RetentionAchieved*1e4) / 1e4
		e.RetentionAchieved = &r
	}
	if set.Scheduler == "fsrs" {
		r := set.Retention
		e.Retention = &r
	}
	return e, nil
}

// label names a setting in captions and the table: "fsrs 0.90" or "sm2".
func (e simulateEntry) label() string {
	if e.Retention == nil {
		return e.Scheduler
	}
	return e.Scheduler + " " + strconv.FormatFloat(*e.Retention, 'f', max(2, decimals(*e.Retention)), 64)
}

// decimals counts the decimals a retention was given with, so that 0.925
// is not shown as 0.93.
func decimals(x float64) int {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// printSimulation draws each setting's reviews per day, then the table
// that compares them. It fits 80 columns.
func printSimulation(w io.Writer, rep simulateReport) error {
	model := "FSRS-6's default parameters"
	switch rep.Params {
	case "settings":
		model = "FSRS-6 with the params setting"
	case "profile":
		model = "FSRS-6 with the parameters optimized for this profile"
	}
	cards := rep.Days * rep.NewPerDay
	fmt.Fprintf(w, "Simulated %s, %d new cards a day (%d cards), seed %d.\n", plural(rep.Days, "day"), rep.NewPerDay, cards, rep.Seed)
	fmt.Fprintf(w, "The learner's memory follows %s.\n\n", model)
	for _, e := range rep.Settings {
		series := make([]float64, len(e.ReviewsPerDay))
		for i, n := range e.ReviewsPerDay {
			series[i] = float64(n)
		}
		opts := []asciigraph.Option{
			asciigraph.Height(8),
			asciigraph.Width(min(len(series), 70)),
			asciigraph.Precision(0),
			asciigraph.LowerBound(0),
			asciigraph.Caption(fmt.Sprintf("%s: reviews per day, days 1-%d", e.label(), rep.Days)),
		}
		if len(series) > 1 {
			opts = append(opts, asciigraph.XAxisRange(1, float64(len(series))),
				asciigraph.XAxisValueFormatter(func(v float64) string { return strconv.Itoa(int(math.Round(v))) }))
		}
		fmt.Fprintln(w, asciigraph.Plot(series, opts...))
		fmt.Fprintln(w)
	}
	width := len("SETTING")
	for _, e := range rep.Settings {
		width = max(width, len(e.label()))
	}
	row := "%-*s  %8s  %8s  %9s  %14s  %8s\n"
	fmt.Fprintf(w, row, width, "SETTING", "REVIEWS", "PER DAY", "RETENTION", "KNOWN AT END", "PER CARD")
	for _, e := range rep.Settings {
		achieved, perCard := "-", "-"
		if e.RetentionAchieved != nil {
			achieved = strconv.FormatFloat(100**e.RetentionAchieved, 'f', 1, 64) + "%"
		}
		if e.KnownAtEnd > 0 {
			perCard = strconv.FormatFloat(float64(e.TotalReviews)/e.KnownAtEnd, 'f', 1, 64)
		}
		fmt.Fprintf(w, row, width, e.label(), strconv.Itoa(e.TotalReviews),
			strconv.FormatFloat(float64(e.TotalReviews)/float64(rep.Days), 'f', 1, 64),
			achieved,
			fmt.Sprintf("%.0f (%.1f%%)", e.KnownAtEnd, 100*e.KnownAtEnd/float64(max(e.Cards, 1))),
			perCard)
	}
	_, err := fmt.Fprintf(w, "\nRETENTION: the share of reviews of cards seen before that were recalled.\n"+
		"KNOWN AT END: the cards the learner would be expected to recall on day %d.\n"+
		"PER CARD: reviews per card known at the end.\n", rep.Days+1)
	return err
}

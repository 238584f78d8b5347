package main

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"steppe/store"
)

// rescheduleReport is `steppe reschedule --json`; the README documents its
// fields. Shifts are in days, new due date minus old, negative when earlier.
type rescheduleReport struct {
	Profile         string          `json:"profile"`
	Scheduler       string          `json:"scheduler"`
	DryRun          bool            `json:"dry_run"`
	Cards           int             `json:"cards"`
	Reviews         int             `json:"reviews"`
	Changed         int             `json:"changed"`
	Moved           int             `json:"moved"`
	Earlier         int             `json:"earlier"`
	Later           int             `json:"later"`
	MedianShiftDays float64         `json:"median_shift_days"`
	MedianAbsShift  float64         `json:"median_abs_shift_days"`
	MaxEarlierDays  float64         `json:"max_earlier_days"`
	MaxLaterDays    float64         `json:"max_later_days"`
	Histogram       []rescheduleBin `json:"histogram"`
	Written         bool            `json:"written"`
	WrittenCards    int             `json:"written_cards"`
}

// rescheduleBin counts the moved cards whose shift falls in a range.
type rescheduleBin struct {
	Range string `json:"range"`
	Count int    `json:"count"`
}

// shiftBin is a histogram range of shift sizes, [lo, hi) days.
type shiftBin struct {
	lo, hi float64
	name   string
}

// shiftBins bound the histogram's ranges by the shift's size, in days.
var shiftBins = []shiftBin{
	{0, 1, "under 1 day"},
	{1, 7, "1-7 days"},
	{7, 30, "7-30 days"},
	{30, 365, "30-365 days"},
	{365, math.Inf(1), "365 days or more"},
}

func (a *app) rescheduleCmd() *cobra.Command {
	var dryRun, asJSON bool
	var sf *settingsFlags
	cmd := &cobra.Command{
		Use:   "reschedule [--dry-run]",
		Short: "Recompute every card's schedule from the review log",
		Long: `reschedule recomputes the state of every card the learner has reviewed by
replaying its reviews that are neither undone nor reset, in order, through the
scheduler the learner's settings build (as for a drill: flags, then the
parameters steppe optimize --write stored, then config.yaml), and reports how many due dates move and by how much. It then writes
the new states in one transaction; --dry-run only reports. Suspension, burial
and the leech mark stay as they are; cards never reviewed are left alone.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.settings(sf)
			if err != nil {
				return err
			}
			db, err := a.openStored(dryRun)
			if err != nil {
				return err
			}
			if db == nil {
				return fmt.Errorf("nothing to reschedule: %s holds no progress yet", a.dbFile())
			}
			defer db.Close()
			l, err := existingLearner(db, a.profileName())
			if err != nil {
				return err
			}
			if err := s.useProfileParams(l); err != nil {
				return err
			}
			sched, err := s.scheduler()
			if err != nil {
				return err
			}
			rep := rescheduleReport{Profile: a.profileName(), Scheduler: s.Scheduler, DryRun: dryRun, Histogram: []rescheduleBin{}}
			var shifts []float64
			res, err := l.Reschedule(sched, dryRun, func(c *store.Rescheduled) {
				if !c.Changed {
					return
				}
				d := c.Replayed.Due.Sub(c.Stored.Due)
				if d == 0 {
					return
				}
				shifts = append(shifts, d.Hours()/24)
			})
			if err != nil {
				return err
			}
			rep.Cards, rep.Reviews, rep.Changed, rep.Written = res.Cards, res.Reviews, res.Changed, res.Written
			if res.Written {
				rep.WrittenCards = res.Changed
			}
			summarizeShifts(&rep, shifts)
			if asJSON {
				return writeJSON(a, rep)
			}
			writeReschedule(a, &rep)
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "report what would move and write nothing")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	sf = addSettingsFlags(cmd, "scheduler", "retention", "params", "learning_steps", "relearning_steps",
		"max_interval", "short_term", "fuzz", "tz", "day_start")
	return cmd
}

// summarizeShifts fills the report's counts, median, extremes and histogram
// from the moved cards' shifts.
func summarizeShifts(rep *rescheduleReport, shifts []float64) {
	rep.Moved = len(shifts)
	if len(shifts) == 0 {
		return
	}
	abs := make([]float64, len(shifts))
	for i, d := range shifts {
		abs[i] = math.Abs(d)
		if d < 0 {
			rep.Earlier++
			rep.MaxEarlierDays = max(rep.MaxEarlierDays, -d)
		} else {
			rep.Later++
			rep.MaxLaterDays = max(rep.MaxLaterDays, d)
		}
	}
	slices.Sort(shifts)
	slices.Sort(abs)
	rep.MedianShiftDays = round2(median(shifts))
	rep.MedianAbsShift = round2(median(abs))
	rep.MaxEarlierDays = round2(rep.MaxEarlierDays)
	rep.MaxLaterDays = round2(rep.MaxLaterDays)
	earlier := make([]int, len(shiftBins))
	later := make([]int, len(shiftBins))
	for _, d := range shifts {
		i := slices.IndexFunc(shiftBins, func(b shiftBin) bool { return math.Abs(d) < b.hi })
		if d < 0 {
			earlier[i]++
		} else {
			later[i]++
		}
	}
	for i := len(shiftBins) - 1; i >= 0; i-- {
		if earlier[i] > 0 {
			rep.Histogram = append(rep.Histogram, rescheduleBin{"earlier by " + shiftBins[i].name, earlier[i]})
		}
	}
	for i := range shiftBins {
		if later[i] > 0 {
			rep.Histogram = append(rep.Histogram, rescheduleBin{"later by " + shiftBins[i].name, later[i]})
		}
	}
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func writeReschedule(a *app, rep *rescheduleReport) {
	w := a.stdout
	fmt.Fprintf(w, "Replayed %s of %s through %s.\n", plural(rep.Reviews, "review"), plural(rep.Cards, "card"), rep.Scheduler)
	if rep.Moved == 0 {
		fmt.Fprintln(w, "No due dates move.")
	} else {
		fmt.Fprintf(w, "%s move: %d earlier, %d later.\n", plural(rep.Moved, "due date"), rep.Earlier, rep.Later)
		line := fmt.Sprintf("Shift: median %+.2f days", rep.MedianShiftDays)
		if rep.Earlier > 0 && rep.Later > 0 {
			line += fmt.Sprintf(" (%.2f either way)", rep.MedianAbsShift)
		}
		var extremes []string
		if rep.Earlier > 0 {
			extremes = append(extremes, fmt.Sprintf("%.2f days earlier", rep.MaxEarlierDays))
		}
		if rep.Later > 0 {
			extremes = append(extremes, fmt.Sprintf("%.2f days later", rep.MaxLaterDays))
		}
		fmt.Fprintf(w, "%s; at most %s.\n", line, strings.Join(extremes, ", "))
		width := 0
		most := 0
		for _, b := range rep.Histogram {
			width = max(width, len(b.Range))
			most = max(most, b.Count)
		}
		for _, b := range rep.Histogram {
			bar := max(1, int(math.Round(float64(b.Count)*40/float64(most))))
			fmt.Fprintf(w, "  %-*s  %7d  %s\n", width, b.Range, b.Count, strings.Repeat("#", bar))
		}
	}
	if other := rep.Changed - rep.Moved; other > 0 {
		fmt.Fprintf(w, "%s keep their due date but change in other ways.\n", plural(other, "card"))
	}
	switch {
	case rep.DryRun:
		fmt.Fprintln(w, "Dry run: nothing was written.")
	case rep.Written:
		fmt.Fprintf(w, "Wrote %s.\n", plural(rep.WrittenCards, "new card state"))
	default:
		fmt.Fprintln(w, "Nothing to write.")
	}
}

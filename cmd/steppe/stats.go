package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"steppe/quiz"
)

func (a *app) decksCmd() *cobra.Command {
	var asJSON bool
	var sf *settingsFlags
	cmd := &cobra.Command{
		Use:   "decks",
		Short: "List the installed decks with their new, learning and due cards",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.settings(sf)
			if err != nil {
				return err
			}
			st, err := a.openStudy(nil)
			if err != nil {
				return err
			}
			defer st.close()
			now, lib, l := st.now, st.lib, st.learner
			cal := s.calendar()
			counts, err := l.DeckCounts(lib.slugs, now, cal.Start(cal.Day(now)+1))
			if err != nil {
				return err
			}
			type row struct {
				Slug     string `json:"slug"`
				Title    string `json:"title"`
				File     string `json:"file"`
				Cards    int    `json:"cards"`
				New      int    `json:"new"`
				Learning int    `json:"learning"`
				Due      int    `json:"due"`
			}
			rows := make([]row, 0, len(lib.slugs))
			for _, slug := range lib.slugs {
				c := counts[slug]
				rows = append(rows, row{slug, lib.metas[slug].Title, lib.files[slug].name, c.Cards, c.New, c.Learning, c.Due})
			}
			if asJSON {
				return writeJSON(a, rows)
			}
			tw := tabwriter.NewWriter(a.stdout, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "DECK\tCARDS\tNEW\tLEARNING\tDUE\tTITLE")
			for _, r := range rows {
				fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", sanitize(r.Slug), r.Cards, r.New, r.Learning, r.Due, sanitize(r.Title))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	sf = addSettingsFlags(cmd, "day_start", "tz")
	return cmd
}

func writeJSON(a *app, v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// statsReport is `steppe stats --json`; the README documents its fields.
type statsReport struct {
	Profile      string         `json:"profile"`
	Decks        []string       `json:"decks"`
	ReviewsToday int            `json:"reviews_today"`
	Due          dueCounts      `json:"due"`
	Retention    retentionStat  `json:"retention_30d"`
	Cards        map[string]int `json:"cards"`

	// The stats page; stats_page.go has their types.
	Forecast            []int               `json:"forecast"`
	Heatmap             []heatmapDay        `json:"heatmap"`
	RetentionByMaturity retentionByMaturity `json:"retention_by_maturity"`
	Distributions       memoryDistributions `json:"distributions"`
	Streak              streakStat          `json:"streak"`
}

type dueCounts struct {
	Today    int `json:"today"`
	Tomorrow int `json:"tomorrow"`
	Week     int `json:"week"`
}

type retentionStat struct {
	Reviews  int      `json:"reviews"`
	Recalled int      `json:"recalled"`
	Rate     *float64 `json:"rate"`
}

func (a *app) statsCmd() *cobra.Command {
	var asJSON bool
	var sf *settingsFlags
	cmd := &cobra.Command{
		Use:   "stats [DECK...]",
		Short: "Show reviews, cards due, retention, a forecast, a heatmap and memory",
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.settings(sf)
			if err != nil {
				return err
			}
			st, err := a.openStudy(args)
			if err != nil {
				return err
			}
			defer st.close()
			now, lib, l := st.now, st.lib, st.learner
			cal := s.calendar()
			today := cal.Day(now)
			rep := statsReport{Profile: l.Name(), Decks: lib.slugs, Cards: map[string]int{}}
			done, err := l.Counts(lib.slugs, cal.Start(today), cal.Start(today+1))
			if err != nil {
				return err
			}
			rep.ReviewsToday = done.Total
			due, err := l.DueBefore(lib.slugs, []time.Time{cal.Start(today + 1), cal.Start(today + 2), cal.Start(today + 7)})
			if err != nil {
				return err
			}
			rep.Due = dueCounts{Today: due[0], Tomorrow: due[1] - due[0], Week: due[2]}
			if err := s.useProfileParams(l); err != nil {
				return err
			}
			sched, err := s.scheduler()
			if err != nil {
				return err
			}
			if err := fillStatsPage(&rep, l, lib.slugs, cal, now, sched); err != nil {
				return err
			}
			// The last 30 learning days, today included: young and mature
			// cards' together, rather than reading those reviews twice.
			month := rep.RetentionByMaturity
			rep.Retention.Reviews = month.Young.Month.Reviews + month.Mature.Month.Reviews
			rep.Retention.Recalled = month.Young.Month.Recalled + month.Mature.Month.Recalled
			if rep.Retention.Reviews > 0 {
				r := float64(rep.Retention.Recalled) / float64(rep.Retention.Reviews)
				rep.Retention.Rate = &r
			}
			states, err := l.StateCounts(lib.slugs)
			if err != nil {
				return err
			}
			for st := quiz.New; st <= quiz.Relearning; st++ {
				rep.Cards[st.String()] = states[st]
			}
			if asJSON {
				return writeJSON(a, rep)
			}
			if err := printStats(a, rep); err != nil {
				return err
			}
			printStatsPage(newScreen(a.stdout, a.plain, a.getenv), rep)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	sf = addSettingsFlags(cmd, "day_start", "tz")
	return cmd
}

func printStats(a *app, r statsReport) error {
	w := a.stdout
	decks := append([]string(nil), r.Decks...)
	sort.Strings(decks)
	fmt.Fprintf(w, "Learner %s, decks: %s\n", sanitize(r.Profile), sanitize(strings.Join(decks, ", ")))
	fmt.Fprintf(w, "Reviews today:  %d\n", r.ReviewsToday)
	fmt.Fprintf(w, "Due:            %d today, %d tomorrow, %d within 7 days\n", r.Due.Today, r.Due.Tomorrow, r.Due.Week)
	if r.Retention.Rate == nil {
		fmt.Fprintln(w, "Retention:      no reviews of review cards in the last 30 days")
	} else {
		fmt.Fprintf(w, "Retention:      %.0f%% of %s in the last 30 days\n", *r.Retention.Rate*100, plural(r.Retention.Reviews, "review"))
	}
	total := 0
	for _, n := range r.Cards {
		total += n
	}
	fmt.Fprintf(w, "Cards:          %d new, %d learning, %d review, %d relearning (%d in all)\n",
		r.Cards["new"], r.Cards["learning"], r.Cards["review"], r.Cards["relearning"], total)
	return nil
}

package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
)

// profileRow is one learner of `steppe profiles --json`; the README
// documents the fields.
type profileRow struct {
	Name       string  `json:"name"`
	Created    string  `json:"created"`
	Reviews    int     `json:"reviews"`
	LastReview *string `json:"last_review"`
	Current    bool    `json:"current"`
}

func (a *app) profilesCmd() *cobra.Command {
	var asJSON bool
	var sf *settingsFlags
	cmd := &cobra.Command{
		Use:   "profiles",
		Short: "List the learners in the database",
		Long: `profiles lists the learner profiles in the database: when each was created,
how many reviews it has given (undone ones left out) and when it gave the
last. The current one, which --profile or $STEPPE_PROFILE chooses, is marked *.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.settings(sf)
			if err != nil {
				return err
			}
			rows := []profileRow{}
			db, err := a.openStored(true)
			if err != nil {
				return err
			}
			if db != nil {
				defer db.Close()
				ps, err := db.Profiles()
				if err != nil {
					return err
				}
				for _, p := range ps {
					r := profileRow{Name: p.Name, Created: p.Created.UTC().Format(time.RFC3339), Reviews: p.Reviews,
						Current: p.Name == a.profileName()}
					if !p.LastReview.IsZero() {
						last := p.LastReview.UTC().Format(time.RFC3339)
						r.LastReview = &last
					}
					rows = append(rows, r)
				}
			}
			if asJSON {
				return writeJSON(a, rows)
			}
			if len(rows) == 0 {
				fmt.Fprintf(a.stdout, "No learners yet in %s.\n", a.dbFile())
				return nil
			}
			loc := s.calendar().Loc
			local := func(v string) string {
				t, _ := time.Parse(time.RFC3339, v)
				return t.In(loc).Format("2006-01-02 15:04")
			}
			tw := tabwriter.NewWriter(a.stdout, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "  PROFILE\tCREATED\tREVIEWS\tLAST REVIEW")
			for _, r := range rows {
				mark, last := "  ", "never"
				if r.Current {
					mark = "* "
				}
				if r.LastReview != nil {
					last = local(*r.LastReview)
				}
				fmt.Fprintf(tw, "%s%s\t%s\t%d\t%s\n", mark, sanitize(r.Name), local(r.Created), r.Reviews, last)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	sf = addSettingsFlags(cmd, "tz")
	return cmd
}

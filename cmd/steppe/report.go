package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"steppe/quiz"
	"steppe/store"
)

func (a *app) reportCmd() *cobra.Command {
	var deck, format, output string
	cmd := &cobra.Command{
		Use:   "report DB...",
		Short: "The class report: which cards learners get wrong, over their databases",
		Long: `report reads learners' databases (as ` + "`steppe progress export`" + ` writes them) and
shows, for each card of the decks they hold, who has seen it, its lapse and
fail rates, the mean answer time, the mean current recall probability, and
for choice and multi cards the wrong options picked. It lists the ten
hardest cards and the cards no one has reached.

--format html writes one self-contained page, with charts of the hardest
cards and of the wrong options picked, to the file -o names; the page loads
nothing from anywhere. -o writes the other formats to a file too.

Each learner is named by file name and profile (alice.db:default). The files
are opened read-only: nothing is written to them and nothing is created
beside them. A file that is not a steppe database is named and skipped; a
database from a newer steppe stops the report.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "text", "csv", "json":
			case "html":
				if output == "" {
					return errors.New("--format html needs -o FILE: the page is written to a file, e.g. -o class.html")
				}
			default:
				return fmt.Errorf("--format %q: want text, csv or json, or html with -o FILE", format)
			}
			// The report never writes over a learner's file.
			for _, p := range args {
				if output != "" && sameFile(output, p) {
					return fmt.Errorf("-o %s is the database %s: choose another file for the report", output, p)
				}
			}
			now, err := a.now()
			if err != nil {
				return err
			}
			in, err := a.readClass(args, deck)
			if err != nil {
				return err
			}
			rep := buildReport(in, now)
			if output == "" {
				return writeReport(a.stdout, format, rep)
			}
			var buf bytes.Buffer
			if err := writeReport(&buf, format, rep); err != nil {
				return err
			}
			if err := writeFileAtomic(output, buf.Bytes(), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Wrote %s: %s, %s\n", output, plural(len(rep.Cards), "card"), plural(len(rep.Learners), "learner"))
			return nil
		},
	}
	cmd.Flags().StringVar(&deck, "deck", "", "report on this deck `slug` only")
	cmd.Flags().StringVar(&format, "format", "text", "text, csv, json or html (html needs -o)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the report to this `file` instead of stdout")
	return cmd
}

// writeReport writes the report in format to w.
func writeReport(w io.Writer, format string, rep classReport) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case "csv":
		return writeReportCSV(w, rep)
	case "html":
		return writeReportHTML(w, rep)
	}
	return writeReportText(w, rep)
}

// classInput is what the report reads from the learners' databases.
type classInput struct {
	learners []learnerInput
	skipped  []skippedFile
	decks    []string    // the slugs reported on, sorted
	cards    []quiz.Card // their cards, deck by deck in deck order
}

// learnerInput is one profile of one database.
type learnerInput struct {
	name     string // FILE:PROFILE
	file     string // the path as given
	profile  string
	activity []store.CardActivity
}

// skippedFile is a file the report could not read, and why.
type skippedFile struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// readClass opens each database read-only and reads its learners' activity
// on the decks the databases' caches hold (or deck alone). A file that is
// not a steppe database, or cannot be read, is named on stderr and
// skipped; a newer schema stops the report, since this steppe cannot tell
// what that file means.
func (a *app) readClass(paths []string, deck string) (*classInput, error) {
	in := &classInput{}
	var dbs []*store.DB
	defer func() {
		for _, db := range dbs {
			db.Close()
		}
	}()
	var opened []string
	for _, p := range paths {
		if i := slices.IndexFunc(opened, func(q string) bool { return sameFile(p, q) }); i >= 0 {
			reason := fmt.Sprintf("%s is %s again", p, opened[i])
			fmt.Fprintf(a.stderr, "steppe: skipped: %s\n", reason)
			in.skipped = append(in.skipped, skippedFile{File: p, Reason: reason})
			continue
		}
		db, err := store.OpenReadOnly(p)
		if errors.Is(err, store.ErrNewerSchema) {
			return nil, err
		}
		if err != nil {
			fmt.Fprintf(a.stderr, "steppe: skipped: %v\n", err)
			in.skipped = append(in.skipped, skippedFile{File: p, Reason: err.Error()})
			continue
		}
		dbs = append(dbs, db)
		opened = append(opened, p)
	}
	if len(dbs) == 0 {
		return nil, errors.New("no database could be read: nothing to report")
	}

	// The cards: for each deck, the most recently cached copy among the
	// databases, plus any card only older copies have.
	type copyOf struct {
		db   *store.DB
		meta store.DeckMeta
	}
	copies := map[string][]copyOf{}
	for _, db := range dbs {
		metas, err := db.Decks()
		if err != nil {
			return nil, err
		}
		for _, m := range metas {
			if deck == "" || m.Slug == deck {
				copies[m.Slug] = append(copies[m.Slug], copyOf{db, m})
			}
		}
	}
	if deck != "" && len(copies) == 0 {
		return nil, fmt.Errorf("deck %q is in none of the databases: leave out --deck to see the decks they hold", deck)
	}
	for slug := range copies {
		in.decks = append(in.decks, slug)
	}
	slices.Sort(in.decks)
	for _, slug := range in.decks {
		cs := copies[slug]
		slices.SortStableFunc(cs, func(x, y copyOf) int { return y.meta.LoadedAt.Compare(x.meta.LoadedAt) })
		have := map[string]bool{}
		for _, c := range cs {
			cards, err := c.db.DeckCards(slug)
			if err != nil {
				return nil, err
			}
			for _, card := range cards {
				if !have[card.ID] {
					have[card.ID] = true
					in.cards = append(in.cards, card)
				}
			}
		}
	}

	names := learnerFileNames(opened)
	for i, db := range dbs {
		profiles, err := db.Profiles()
		if err != nil {
			return nil, err
		}
		for _, p := range profiles {
			l, err := db.Profile(p.Name)
			if err != nil {
				return nil, err
			}
			act, err := l.CardActivity(in.decks)
			if err != nil {
				return nil, err
			}
			in.learners = append(in.learners, learnerInput{
				name: names[i] + ":" + p.Name, file: opened[i], profile: p.Name, activity: act,
			})
		}
	}
	return in, nil
}

// learnerFileNames names each database by its file name, or by its path as
// given when two files share a name.
func learnerFileNames(paths []string) []string {
	count := map[string]int{}
	for _, p := range paths {
		count[filepath.Base(p)]++
	}
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
		if count[out[i]] > 1 {
			out[i] = filepath.ToSlash(p)
		}
	}
	return out
}

// splitAnswer splits a stored answer into the options it chose: a multi
// answer joins them with "; ". An answer that is itself one known option
// is kept whole, so an option containing "; " is not split.
func splitAnswer(answer string, known map[string]bool) []string {
	if known[answer] {
		return []string{answer}
	}
	return strings.Split(answer, "; ")
}

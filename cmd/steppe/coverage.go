package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"steppe/decks"
	"steppe/quiz"
)

func (a *app) deckCoverageCmd() *cobra.Command {
	var (
		source string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "coverage [DECK...]",
		Short: "Show which sections and sentences of a source text the cards cover",
		Long: `coverage tells, for each section (heading) of a source text, how many card
entries of the decks cite it as their section, deck by deck, and which of its
sentences no card quotes. It also counts the entries of each deck by card
type. A cloze entry counts once, however many blanks it has.

DECK is an installed deck's slug or a path to a .yaml file; with none, every
bundled deck. --source names the text; it may be left out when every deck is
a bundled deck, whose text is used then, and "--source bundled" names that
text explicitly.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ds, err := coverageDecks(args)
			if err != nil {
				return err
			}
			src, err := coverageSource(source, ds)
			if err != nil {
				return err
			}
			rep := buildCoverage(src, ds)
			if asJSON {
				return writeJSON(a, rep)
			}
			return printCoverage(a.stdout, rep)
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "the source `TEXT` file the cards quote (or \"bundled\"; the default for bundled decks)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// coveredDeck is a deck named on the command line, and whether it is one of
// the bundled decks (whose source text is known).
type coveredDeck struct {
	deck    *decks.Deck
	file    string
	bundled bool
}

// coverageDecks resolves the command's arguments: slugs of installed decks
// (a deck in the user's folder replaces the bundled deck of its slug) and
// .yaml paths; no arguments means every bundled deck. The same deck named
// twice counts once; two files with one slug are an error.
func coverageDecks(args []string) ([]coveredDeck, error) {
	if len(args) == 0 {
		all, err := decks.Bundled()
		if err != nil {
			return nil, deckParseError(err)
		}
		out := make([]coveredDeck, len(all))
		for i, d := range all {
			out[i] = coveredDeck{deck: d, file: d.File, bundled: true}
		}
		return out, nil
	}
	var installed map[string]coveredDeck // by slug, parsed only if a slug is named
	loadInstalled := func() error {
		files, err := installedDeckFiles()
		if err != nil {
			return err
		}
		installed = map[string]coveredDeck{}
		var errs decks.ErrorList
		for _, f := range files {
			data, err := f.read()
			if err != nil {
				return fmt.Errorf("read deck %s: %w", f.name, err)
			}
			d, err := decks.Parse(f.name, data)
			if err != nil {
				var list decks.ErrorList
				if !errors.As(err, &list) {
					return err
				}
				errs = append(errs, list...)
				continue
			}
			prev, dup := installed[d.Slug]
			switch {
			case !dup, prev.bundled && !f.bundled:
				installed[d.Slug] = coveredDeck{deck: d, file: f.name, bundled: f.bundled}
			case f.bundled && !prev.bundled:
			default:
				return fmt.Errorf("two decks have the slug %q: %s and %s; give one of them another `deck:` slug", d.Slug, prev.file, f.name)
			}
		}
		if len(errs) > 0 {
			return deckParseError(errs)
		}
		return nil
	}
	var out []coveredDeck
	seen := map[string]string{} // slug → file
	for _, arg := range args {
		var cd coveredDeck
		if isDeckPath(arg) {
			data, err := os.ReadFile(arg)
			if err != nil {
				if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
					err = errors.Unwrap(err)
				}
				return nil, fmt.Errorf("deck %s: %w", arg, err)
			}
			d, err := decks.Parse(arg, data)
			if err != nil {
				return nil, deckParseError(err)
			}
			cd = coveredDeck{deck: d, file: arg}
		} else {
			if installed == nil {
				if err := loadInstalled(); err != nil {
					return nil, err
				}
			}
			var ok bool
			if cd, ok = installed[arg]; !ok {
				known := make([]string, 0, len(installed))
				for s := range installed {
					known = append(known, s)
				}
				sort.Strings(known)
				return nil, fmt.Errorf("no deck %q; the installed decks are: %s (or name a .yaml file)", arg, strings.Join(known, ", "))
			}
		}
		if prev, dup := seen[cd.deck.Slug]; dup {
			if prev == cd.file {
				continue
			}
			return nil, fmt.Errorf("two decks have the slug %q: %s and %s; give one of them another `deck:` slug", cd.deck.Slug, prev, cd.file)
		}
		seen[cd.deck.Slug] = cd.file
		out = append(out, cd)
	}
	return out, nil
}

// deckParseError reports a deck file's parse errors, one diagnostic each.
func deckParseError(err error) error {
	var list decks.ErrorList
	if !errors.As(err, &list) {
		return err
	}
	return fmt.Errorf("%s in deck files:\n%s", plural(len(list), "error"), strings.TrimRight(list.Error(), "\n"))
}

// coverageSource is the text to measure against: --source, or the bundled
// text when it is not given and every deck is bundled.
func coverageSource(flag string, ds []coveredDeck) (*decks.SourceText, error) {
	if flag != "" {
		return loadSource(flag)
	}
	for _, d := range ds {
		if !d.bundled {
			return nil, fmt.Errorf("deck %s is not a bundled deck, so its source text is unknown: name it with --source TEXT (--source bundled for the bundled decks' text)", d.file)
		}
	}
	return decks.BundledSource(), nil
}

// coverageReport is `steppe deck coverage --json`; the README documents its
// fields.
type coverageReport struct {
	Source   string            `json:"source"`
	Decks    []coverageDeck    `json:"decks"`
	Sections []coverageSection `json:"sections"`
	Types    map[string]int    `json:"types"`
	Entries  int               `json:"entries"`
	Cards    int               `json:"cards"`
	Problems []coverageProblem `json:"problems"`
}

type coverageDeck struct {
	Slug    string         `json:"slug"`
	File    string         `json:"file"`
	Entries int            `json:"entries"`
	Cards   int            `json:"cards"`
	Types   map[string]int `json:"types"`
}

type coverageSection struct {
	Heading   string             `json:"heading"`
	Line      int                `json:"line"`
	Entries   int                `json:"entries"`
	ByDeck    map[string]int     `json:"by_deck"`
	Sentences int                `json:"sentences"`
	Quoted    int                `json:"quoted"`
	Unquoted  []coverageSentence `json:"unquoted"`
}

type coverageSentence struct {
	Line int    `json:"line"`
	Text string `json:"text"`
}

type coverageProblem struct {
	Deck    string `json:"deck"`
	ID      string `json:"id"`
	Problem string `json:"problem"`
}

func typeCounts() map[string]int {
	m := make(map[string]int, len(quiz.CardTypes))
	for _, t := range quiz.CardTypes {
		m[t.String()] = 0
	}
	return m
}

func buildCoverage(src *decks.SourceText, ds []coveredDeck) coverageReport {
	rep := coverageReport{
		Source:   src.Name,
		Decks:    []coverageDeck{},
		Sections: []coverageSection{},
		Types:    typeCounts(),
		Problems: []coverageProblem{},
	}
	index := map[string]int{} // heading → index in rep.Sections
	for i, sec := range src.Sections() {
		index[sec.Heading] = i
		byDeck := make(map[string]int, len(ds))
		for _, d := range ds {
			byDeck[d.deck.Slug] = 0
		}
		rep.Sections = append(rep.Sections, coverageSection{Heading: sec.Heading, Line: sec.Line, ByDeck: byDeck, Unquoted: []coverageSentence{}})
	}
	var quotes []string
	for _, cd := range ds {
		d := cd.deck
		row := coverageDeck{Slug: d.Slug, File: cd.file, Entries: len(d.Entries), Cards: len(d.Cards), Types: typeCounts()}
		for _, e := range d.Entries {
			row.Types[e.Type.String()]++
			rep.Types[e.Type.String()]++
			problem := func(format string, args ...any) {
				rep.Problems = append(rep.Problems, coverageProblem{Deck: d.Slug, ID: e.ID, Problem: fmt.Sprintf(format, args...)})
			}
			if i, ok := index[e.Section]; ok {
				rep.Sections[i].Entries++
				rep.Sections[i].ByDeck[d.Slug]++
			} else if e.Section == "" {
				problem("no section")
			} else {
				problem("section %q is not a heading of the text", e.Section)
			}
			switch {
			case e.Quote == "":
				problem("no quote")
			case !src.Contains(e.Quote):
				problem("quote is not in the text")
			default:
				quotes = append(quotes, e.Quote)
			}
		}
		rep.Entries += row.Entries
		rep.Cards += row.Cards
		rep.Decks = append(rep.Decks, row)
	}
	for i, c := range src.Coverage(quotes) {
		s := &rep.Sections[i]
		s.Sentences = c.Sentences
		s.Quoted = c.Sentences - len(c.Uncovered)
		for _, u := range c.Uncovered {
			s.Unquoted = append(s.Unquoted, coverageSentence{Line: u.Line, Text: u.Text})
		}
	}
	return rep
}

func printCoverage(w io.Writer, r coverageReport) error {
	slugs := make([]string, len(r.Decks))
	for i, d := range r.Decks {
		slugs[i] = d.Slug
	}
	fmt.Fprintf(w, "%s of %s cited by %s\n", plural(len(r.Sections), "section"), sanitize(r.Source), plural(len(r.Decks), "deck"))
	quoted, sentences := 0, 0
	for i, s := range r.Sections {
		quoted += s.Quoted
		sentences += s.Sentences
		fmt.Fprintf(w, "\n%2d. %s\n", i+1, sanitize(s.Heading))
		var parts []string
		for _, slug := range slugs {
			if n := s.ByDeck[slug]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", slug, n))
			}
		}
		by := ""
		if len(parts) > 0 && len(slugs) > 1 {
			by = " (" + sanitize(strings.Join(parts, ", ")) + ")"
		}
		entries := fmt.Sprintf("%d entries", s.Entries)
		if s.Entries == 1 {
			entries = "1 entry"
		}
		fmt.Fprintf(w, "    %s%s; %d of %d sentences quoted\n", entries, by, s.Quoted, s.Sentences)
		if len(s.Unquoted) > 0 {
			fmt.Fprintln(w, "    not quoted:")
			for _, u := range s.Unquoted {
				fmt.Fprintf(w, "      line %d: %s\n", u.Line, sanitize(u.Text))
			}
		}
	}
	fmt.Fprintf(w, "\n%d of %d sentences quoted in all\n", quoted, sentences)
	if len(r.Problems) > 0 {
		fmt.Fprintf(w, "\n%s (steppe deck lint --source TEXT shows where):\n", plural(len(r.Problems), "problem"))
		for _, p := range r.Problems {
			fmt.Fprintf(w, "  %s/%s: %s\n", sanitize(p.Deck), sanitize(p.ID), sanitize(p.Problem))
		}
	}
	fmt.Fprintln(w, "\nEntries by card type and deck (a cloze entry counts once):")
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	// Right-aligned numbers under left-aligned labels: every label is
	// padded to one width, so that aligning it right changes nothing.
	labelW := len("truefalse")
	label := func(s string) string { return fmt.Sprintf("%-*s", labelW, s) }
	header := label("TYPE") + "\t"
	for _, slug := range slugs {
		header += sanitize(slug) + "\t"
	}
	if len(slugs) > 1 {
		header += "all\t"
	}
	fmt.Fprintln(tw, header)
	row := func(name string, get func(d coverageDeck) int, all int) {
		line := label(name) + "\t"
		for _, d := range r.Decks {
			line += fmt.Sprintf("%d\t", get(d))
		}
		if len(slugs) > 1 {
			line += fmt.Sprintf("%d\t", all)
		}
		fmt.Fprintln(tw, line)
	}
	for _, t := range quiz.CardTypes {
		name := t.String()
		row(name, func(d coverageDeck) int { return d.Types[name] }, r.Types[name])
	}
	row("entries", func(d coverageDeck) int { return d.Entries }, r.Entries)
	row("cards", func(d coverageDeck) int { return d.Cards }, r.Cards)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "(cards: what a learner meets, each blank of a cloze being a card of its own)")
	return nil
}

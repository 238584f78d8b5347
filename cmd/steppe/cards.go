package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"

	"steppe/quiz"
	"steppe/store"
)

// cardRow is one line of `steppe cards`, and its --json form; the README
// documents the fields.
type cardRow struct {
	Card      string  `json:"card"`
	Deck      string  `json:"deck"`
	ID        string  `json:"id"`
	Type      string  `json:"type"`
	Question  string  `json:"question"`
	State     string  `json:"state"`
	Reps      int     `json:"reps"`
	Lapses    int     `json:"lapses"`
	Due       *string `json:"due"`
	Suspended bool    `json:"suspended"`
	Leech     bool    `json:"leech"`
}

func (a *app) cardsCmd() *cobra.Command {
	var suspended, leeches, asJSON bool
	var sf *settingsFlags
	cmd := &cobra.Command{
		Use:   "cards [DECK...] --suspended | --leeches",
		Short: "List suspended cards, or leeches",
		Long: `cards lists the learner's suspended cards (--suspended) or leeches
(--leeches), or both, in the named decks (slugs; every deck in the database
when none is named): the card, its lapses, when it is due, and the start of
its question. ` + "`steppe unsuspend DECK/ID`" + ` brings a card back.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !suspended && !leeches {
				return errors.New("say which cards to list: --suspended, --leeches, or both")
			}
			s, err := a.settings(sf)
			if err != nil {
				return err
			}
			rows := []cardRow{}
			db, err := a.openStored(true)
			if err != nil {
				return err
			}
			if db != nil {
				defer db.Close()
				decks, err := storedDecks(db, args)
				if err != nil {
					return err
				}
				l, err := db.Profile(a.profileName())
				if err != nil && !errors.Is(err, store.ErrNotFound) {
					return err
				}
				if l != nil {
					cards, err := l.FlaggedCards(decks, suspended, leeches)
					if err != nil {
						return err
					}
					for _, c := range cards {
						rows = append(rows, newCardRow(c))
					}
				}
			}
			if asJSON {
				return writeJSON(a, rows)
			}
			return printCards(a, rows, suspended, leeches, s.calendar())
		},
	}
	f := cmd.Flags()
	f.BoolVar(&suspended, "suspended", false, "list the suspended cards")
	f.BoolVar(&leeches, "leeches", false, "list the leeches")
	f.BoolVar(&asJSON, "json", false, "print JSON")
	sf = addSettingsFlags(cmd, "tz")
	return cmd
}

func newCardRow(c store.FlaggedCard) cardRow {
	r := cardRow{
		Card: c.Card.Key(), Deck: c.Card.Deck, ID: c.Card.ID, Type: c.Card.Type.String(),
		Question: c.Card.Question, State: c.Memory.State.String(), Reps: c.Memory.Reps, Lapses: c.Memory.Lapses,
		Suspended: c.Flags.Suspended, Leech: c.Flags.Leech,
	}
	if !c.Memory.Due.IsZero() {
		due := c.Memory.Due.UTC().Format(time.RFC3339)
		r.Due = &due
	}
	return r
}

func printCards(a *app, rows []cardRow, suspended, leeches bool, cal quiz.Calendar) error {
	if len(rows) == 0 {
		switch {
		case suspended && leeches:
			fmt.Fprintln(a.stdout, "No suspended cards or leeches.")
		case suspended:
			fmt.Fprintln(a.stdout, "No suspended cards.")
		default:
			fmt.Fprintln(a.stdout, "No leeches.")
		}
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CARD\tLAPSES\tDUE\tFLAGS\tQUESTION")
	for _, r := range rows {
		due := "new"
		if r.Due != nil {
			t, _ := time.Parse(time.RFC3339, *r.Due)
			due = t.In(cal.Loc).Format("2006-01-02")
		}
		var flags []string
		if r.Suspended {
			flags = append(flags, "suspended")
		}
		if r.Leech {
			flags = append(flags, "leech")
		}
		q := strings.Join(strings.Fields(sanitize(r.Question)), " ")
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", sanitize(r.Card), r.Lapses, due, strings.Join(flags, ","),
			runewidth.Truncate(q, 50, "…"))
	}
	return tw.Flush()
}

func (a *app) unsuspendCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "unsuspend DECK/ID...",
		Short: "Bring suspended cards back into drills",
		Long: `unsuspend brings suspended cards back: each DECK/ID, or every suspended card
of a DECK named alone. A leech stays marked as a leech, and keeps its lapses
and its schedule; it is suspended again if it lapses another half threshold
of times. ` + "`steppe reset DECK/ID`" + ` starts a card over instead.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withCards(args, "card", "nothing was unsuspended", func(l *store.Learner, refs []store.CardRef) error {
				back, err := l.Unsuspend(refs)
				if err != nil {
					return err
				}
				return reportUnsuspended(a, l, refs, back)
			})
		},
	}
}

func reportUnsuspended(a *app, l *store.Learner, refs, back []store.CardRef) error {
	w := a.stdout
	names := make([]string, len(back))
	var leeches []string
	for i, r := range back {
		names[i] = r.String()
		if _, f, _, err := l.Memory(r.Deck, r.ID); err != nil {
			return err
		} else if f.Leech {
			leeches = append(leeches, r.String())
		}
	}
	for _, r := range refs {
		if r.ID != "" && !slices.Contains(back, r) {
			fmt.Fprintf(w, "%s was not suspended.\n", sanitize(r.String()))
		} else if r.ID == "" && !slices.ContainsFunc(back, func(b store.CardRef) bool { return b.Deck == r.Deck }) {
			fmt.Fprintf(w, "No card of %s was suspended.\n", sanitize(r.Deck))
		}
	}
	if len(back) > 0 {
		fmt.Fprintf(w, "Unsuspended %s: %s.\n", plural(len(back), "card"), sanitize(strings.Join(names, ", ")))
	}
	if len(leeches) > 0 {
		fmt.Fprintf(w, "Still marked as a leech: %s. `steppe reset CARD` starts a card over.\n", sanitize(strings.Join(leeches, ", ")))
	}
	return nil
}

// openStored opens the database for the commands that work on stored
// progress alone, without reading deck files: read-only for those that only
// read. It returns nil, and no error, when there is no database yet.
func (a *app) openStored(readOnly bool) (*store.DB, error) {
	path := a.dbFile()
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	open := store.Open
	if readOnly {
		open = store.OpenReadOnly
	}
	db, err := open(path)
	if err != nil {
		return nil, err
	}
	db.Now = a.clock
	return db, nil
}

// existingLearner is the learner's profile, which a command that changes
// progress must not create.
func existingLearner(db *store.DB, name string) (*store.Learner, error) {
	ps, err := db.Profiles()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, p := range ps {
		if p.Name == name {
			return db.Profile(name)
		}
		names = append(names, p.Name)
	}
	return nil, fmt.Errorf("no learner %q in %s; its learners are: %s (choose one with --profile)", name, db.Path(), strings.Join(names, ", "))
}

// storedDecks are the decks named, checked against the decks the database
// holds, or all of those when none is named.
func storedDecks(db *store.DB, named []string) ([]string, error) {
	metas, err := db.Decks()
	if err != nil {
		return nil, err
	}
	known := make([]string, len(metas))
	for i, m := range metas {
		known[i] = m.Slug
	}
	if len(named) == 0 {
		return known, nil
	}
	for _, n := range named {
		if !slices.Contains(known, n) {
			return nil, unknownDeck(n, known, db.Path())
		}
	}
	return named, nil
}

func unknownDeck(name string, known []string, path string) error {
	if len(known) == 0 {
		return fmt.Errorf("no deck %q: %s holds no decks yet", name, path)
	}
	return fmt.Errorf("no deck %q in %s; its decks are: %s", name, path, strings.Join(known, ", "))
}

// cardRefs reads DECK/ID and DECK arguments, naming decks by slug, and
// checks each against the decks and cards the database holds. Every unknown
// one is named in the error, which ends with what was not done.
func cardRefs(db *store.DB, args []string, notDone string) ([]store.CardRef, error) {
	metas, err := db.Decks()
	if err != nil {
		return nil, err
	}
	known := make([]string, len(metas))
	for i, m := range metas {
		known[i] = m.Slug
	}
	var refs []store.CardRef
	var unknown []string
	for _, arg := range args {
		deck, id, hasID := strings.Cut(arg, "/")
		if hasID && id == "" || strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml") {
			return nil, fmt.Errorf("%q: name a card as DECK/ID and a deck by its slug, e.g. frameworks/sco-founded or frameworks", arg)
		}
		if !slices.Contains(known, deck) {
			return nil, fmt.Errorf("%w; %s", unknownDeck(deck, known, db.Path()), notDone)
		}
		if hasID {
			if _, err := db.Card(deck, id); errors.Is(err, store.ErrNotFound) {
				unknown = append(unknown, sanitize(arg))
				continue
			} else if err != nil {
				return nil, err
			}
		}
		if r := (store.CardRef{Deck: deck, ID: id}); !slices.Contains(refs, r) {
			refs = append(refs, r)
		}
	}
	switch len(unknown) {
	case 0:
		return refs, nil
	case 1:
		return nil, fmt.Errorf("no card %s; %s", unknown[0], notDone)
	default:
		return nil, fmt.Errorf("no cards %s; %s", strings.Join(unknown, ", "), notDone)
	}
}

// withCards opens the learner's stored progress and resolves DECK[/ID]
// arguments to cards, for the commands that change named cards (reset,
// unsuspend); noun and nothing word the errors.
func (a *app) withCards(args []string, noun, nothing string, do func(*store.Learner, []store.CardRef) error) error {
	db, err := a.openStored(false)
	if err != nil {
		return err
	}
	if db == nil {
		return fmt.Errorf("no %s %s: %s holds no progress yet", noun, args[0], a.dbFile())
	}
	defer db.Close()
	refs, err := cardRefs(db, args, nothing)
	if err != nil {
		return err
	}
	l, err := existingLearner(db, a.profileName())
	if err != nil {
		return err
	}
	return do(l, refs)
}

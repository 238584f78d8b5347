package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"steppe/decks"
	"steppe/quiz"
	"steppe/store"
	"steppe/store/ankidb"
)

type deckImportOptions struct {
	out          string
	slug         string
	columns      []string
	skipBad      bool
	withProgress string
	sf           *settingsFlags
}

func (a *app) deckImportCmd() *cobra.Command {
	o := &deckImportOptions{}
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Convert a CSV/TSV file or an Anki package (.apkg) into a deck",
		Long: `import converts FILE into a deck in format 1 and writes it to OUT.yaml (-o)
or to stdout. What it changed or left out is listed on stderr.

CSV and TSV: the delimiter (comma, tab, semicolon) is sniffed. The columns come
from a header row (q/question/front/term, answer/back/definition, wrong,
accept, tags, type, explain, id, section, quote), from --columns, or from
Anki's text-export headers (#separator:, #html:, #columns:, #deck:,
#tags column:); without any, column 1 is the question and column 2 the answer
(Quizlet's export). A row with wrong options becomes a choice card. A row with
the wrong number of columns stops the import, naming its line; --skip-bad
imports the good rows and lists the bad ones. Card ids come from the question.

Anki packages (.apkg): Basic and Basic-and-reversed notes become basic cards
(one per note), Cloze notes cloze cards; HTML becomes plain text and media is
not imported. Card ids come from each note's guid (n-<hex>), so importing an
updated package again updates the cards instead of duplicating them.
--with-progress PROFILE also imports the package's review history into that
learner's progress, replaying it through the scheduler.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.deckImport(args[0], o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "output", "o", "", "write the deck to `OUT.yaml` instead of stdout")
	f.StringVar(&o.slug, "deck", "", "the deck's `SLUG` (default: from the Anki deck's name or the file name)")
	f.StringSliceVar(&o.columns, "columns", nil, "the CSV's columns, e.g. q,answer,wrong,wrong,tags (for a file without a header row)")
	f.BoolVar(&o.skipBad, "skip-bad", false, "import the good rows of a CSV and list the bad ones")
	f.StringVar(&o.withProgress, "with-progress", "", "import an .apkg's review history for learner `PROFILE`")
	o.sf = addSettingsFlags(cmd, "scheduler")
	return cmd
}

func (a *app) deckImport(path string, o *deckImportOptions) error {
	if o.slug != "" && !validSlug(o.slug) {
		return fmt.Errorf("--deck %q: a slug may use only a-z, 0-9 and '-'", o.slug)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("import %s: %w", path, errors.Unwrap(err))
	}
	opts := decks.ImportOptions{Slug: o.slug, Columns: o.columns, SkipBad: o.skipBad}
	var (
		im  *decks.Imported
		col *ankidb.Collection
	)
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".apkg" || ext == ".colpkg" || strings.HasPrefix(string(data), "PK\x03\x04") {
		if len(o.columns) > 0 || o.skipBad {
			return errors.New("--columns and --skip-bad are for CSV files, not Anki packages")
		}
		im, col, err = importAPKG(path, data, opts)
	} else {
		if o.withProgress != "" {
			return errors.New("--with-progress needs an Anki package (.apkg): a CSV file has no review history")
		}
		im, err = decks.ImportCSV(path, data, opts)
	}
	if err != nil {
		return err
	}
	deck, err := im.Check()
	if err != nil {
		return err
	}
	for _, b := range im.Bad {
		fmt.Fprintf(a.stderr, "skipped %s:%d: %s\n", path, b.Line, b.Msg)
	}
	for _, n := range im.Notes {
		fmt.Fprintf(a.stderr, "note: %s\n", n)
	}
	if len(im.Entries) == 0 {
		return fmt.Errorf("%s: no cards to import; nothing written", path)
	}
	// The deck first, then the history: a history without its deck file
	// would be progress on cards no one can drill.
	if o.out == "" {
		if _, err := a.stdout.Write(im.YAML()); err != nil {
			return err
		}
	} else {
		if err := writeFileAtomic(o.out, im.YAML(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "wrote %s: deck %s, %s\n", o.out, im.Slug, plural(len(im.Entries), "card"))
	}
	if o.withProgress != "" {
		return a.importProgress(o, im, deck, col)
	}
	return nil
}

func validSlug(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return s != ""
}

// importAPKG checks the package, reads its collection and converts its
// notes.
func importAPKG(path string, data []byte, opts decks.ImportOptions) (*decks.Imported, *ankidb.Collection, error) {
	pkg, err := decks.OpenPackage(path, data)
	if err != nil {
		return nil, nil, err
	}
	col, err := ankidb.ReadBytes(pkg.Collection)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	types := make([]decks.ImportNoteType, len(col.NoteTypes))
	for i, t := range col.NoteTypes {
		types[i] = decks.ImportNoteType{ID: t.ID, Name: t.Name, Cloze: t.Cloze, Fields: t.Fields, Templates: t.Templates}
	}
	notes := make([]decks.ImportNote, len(col.Notes))
	for i, n := range col.Notes {
		notes[i] = decks.ImportNote{ID: n.ID, GUID: n.GUID, TypeID: n.TypeID, Fields: n.Fields, Tags: n.Tags}
	}
	if col.DeckName != "" {
		if opts.Slug == "" {
			opts.Slug = decks.SlugFromName(col.DeckName + ".apkg")
		}
		opts.Title = col.DeckName
	}
	im, err := decks.ImportAnki(path, notes, types, opts)
	if err != nil {
		return nil, nil, err
	}
	if len(pkg.Media) > 0 {
		im.Notes = append(im.Notes, fmt.Sprintf("the package's %s not imported: %s", plural(len(pkg.Media), "media file"), strings.Join(pkg.Media, ", ")))
	}
	return im, col, nil
}

// importProgress replays the package's reviews through the learner's
// scheduler and stores them with the resulting states, all in one
// transaction. Reviews of cards the deck does not have (a reversed
// template's card, a note that was skipped) are counted and left out; the
// reviews of a cloze number whose blank repeats an earlier one go to that
// earlier blank.
func (a *app) importProgress(o *deckImportOptions, im *decks.Imported, deck *decks.Deck, col *ankidb.Collection) error {
	s, err := a.settings(o.sf)
	if err != nil {
		return err
	}
	sched, err := s.scheduler()
	if err != nil {
		return err
	}
	exists := map[string]bool{}
	for _, c := range deck.Cards {
		exists[c.ID] = true
	}
	mem := map[string]quiz.Memory{}
	var logs []quiz.ReviewLog
	skipped := 0
	for _, r := range col.Reviews {
		id, ok := im.AnkiCards[decks.AnkiCard{NoteID: r.NoteID, Ord: r.Ord}]
		if !ok || !exists[id] {
			skipped++
			continue
		}
		if ord := r.Ord; ord > 0 && !strings.Contains(id, ".") {
			skipped++ // a reversed card: steppe has only the front-to-back one
			continue
		}
		before := mem[id]
		out := sched.Next(before, r.Time(), quiz.Rating(r.Ease))
		mem[id] = out.Memory
		logs = append(logs, quiz.ReviewLog{
			Deck: im.Slug, CardID: id, Time: r.Time(), Rating: quiz.Rating(r.Ease),
			Duration: r.Duration, Scheduler: sched.Name(), Before: before, After: out.Memory,
		})
	}
	db, err := store.Open(a.dbFile())
	if err != nil {
		return err
	}
	defer db.Close()
	db.Now = a.clock
	l, err := db.Profile(o.withProgress)
	if err != nil {
		return err
	}
	// A card that already has reviews in this learner's log keeps them and
	// gets none from the package: importing the same package twice must
	// not log its reviews twice.
	ids := make([]string, 0, len(mem))
	had := 0
	for id := range mem {
		old, err := l.Reviews(im.Slug, id)
		if err != nil {
			return err
		}
		if len(old) > 0 {
			had++
			continue
		}
		ids = append(ids, id)
	}
	sort.Strings(ids)
	keep := map[string]bool{}
	states := make([]store.CardState, len(ids))
	for i, id := range ids {
		states[i] = store.CardState{Deck: im.Slug, CardID: id, Memory: mem[id]}
		keep[id] = true
	}
	kept := logs[:0]
	for _, r := range logs {
		if keep[r.CardID] {
			kept = append(kept, r)
		}
	}
	logs = kept
	if had > 0 {
		fmt.Fprintf(a.stderr, "note: %s already had reviews for learner %q; their history from the package was not imported again\n", plural(had, "card"), o.withProgress)
	}
	if err := l.ImportHistory(states, logs); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "imported %s of %s for learner %q", plural(len(logs), "review"), plural(len(ids), "card"), o.withProgress)
	if skipped > 0 {
		fmt.Fprintf(a.stderr, "; %s of cards the deck does not have (e.g. reversed cards) left out", plural(skipped, "review"))
	}
	fmt.Fprintln(a.stderr)
	return nil
}

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/adrg/xdg"

	"steppe/decks"
	"steppe/quiz"
	"steppe/store"
)

// dbPath is the database: --db, else $STEPPE_DB, else
// $XDG_DATA_HOME/steppe/steppe.db.
func (a *app) dbFile() string {
	if a.dbPath != "" {
		return a.dbPath
	}
	if v := a.getenv("STEPPE_DB"); v != "" {
		return v
	}
	return filepath.Join(xdg.DataHome, "steppe", "steppe.db")
}

// profileName is the learner: --profile, else $STEPPE_PROFILE, else "default".
func (a *app) profileName() string {
	if a.profile != "" {
		return a.profile
	}
	if v := a.getenv("STEPPE_PROFILE"); v != "" {
		return v
	}
	return "default"
}

// userDecksDir is where `steppe deck add` installs decks.
func userDecksDir() string { return filepath.Join(xdg.DataHome, "steppe", "decks") }

// deckFile is a deck file that a run may use: bundled, installed or named
// on the command line.
type deckFile struct {
	key     string // the cache key: "bundled/NAME.yaml" or the file's absolute path
	name    string // as shown to the learner
	bundled bool
	data    []byte // bundled decks only, until read
	size    int64
	mtimeNs int64
}

func (f *deckFile) read() ([]byte, error) {
	if f.data != nil {
		return f.data, nil
	}
	return os.ReadFile(f.name)
}

func bundledDeckFiles() []deckFile {
	var out []deckFile
	for _, b := range decks.BundledFiles() {
		out = append(out, deckFile{key: "bundled/" + filepath.Base(b.Name), name: b.Name, bundled: true, data: b.Data, size: int64(len(b.Data))})
	}
	return out
}

func statDeckFile(path string) (deckFile, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return deckFile{}, fmt.Errorf("deck %s: %w", path, errors.Unwrap(err))
	}
	if fi.IsDir() {
		return deckFile{}, fmt.Errorf("deck %s is a folder; name a .yaml file", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return deckFile{}, err
	}
	return deckFile{key: abs, name: path, size: fi.Size(), mtimeNs: fi.ModTime().UnixNano()}, nil
}

// installedDeckFiles are the bundled decks, then the user's decks folder; a
// user deck with a bundled deck's slug replaces it (see library.load).
func installedDeckFiles() ([]deckFile, error) {
	files := bundledDeckFiles()
	matches, err := filepath.Glob(filepath.Join(userDecksDir(), "*.yaml"))
	if err != nil {
		return nil, err
	}
	yml, _ := filepath.Glob(filepath.Join(userDecksDir(), "*.yml"))
	matches = append(matches, yml...)
	sort.Strings(matches)
	for _, m := range matches {
		f, err := statDeckFile(m)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// isDeckPath tells a deck file argument from a slug.
func isDeckPath(arg string) bool {
	return strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml") || strings.ContainsRune(arg, filepath.Separator)
}

// library is the decks of one run, cached in the database.
type library struct {
	db     *store.DB
	slugs  []string            // the decks the run uses, in order
	metas  map[string]deckMeta // by slug
	files  map[string]deckFile // by slug
	cached map[string]string   // cache key → slug, as the database had it
}

// deckMeta is what the cache keeps about a deck beyond its cards.
type deckMeta struct {
	Title       string        `json:"title"`
	Description string        `json:"description,omitempty"`
	Source      *decks.Source `json:"source,omitempty"`
	Entries     int           `json:"entries"`
}

// openLibrary opens the learner's database and makes sure that the decks
// named by args (slugs or files; every installed deck when there are none)
// are in its cache, parsing only those that changed. A deck with errors
// stops the run before anything is written.
func (a *app) openLibrary(args []string) (*library, error) {
	installed, err := installedDeckFiles()
	if err != nil {
		return nil, err
	}
	var run []deckFile
	for _, arg := range args {
		if isDeckPath(arg) {
			f, err := statDeckFile(arg)
			if err != nil {
				return nil, err
			}
			run = append(run, f)
		}
	}
	path := a.dbFile()
	_, statErr := os.Stat(path)
	var db *store.DB
	if statErr == nil {
		if db, err = store.Open(path); err != nil {
			return nil, err
		}
	}
	lib := &library{db: db, metas: map[string]deckMeta{}, files: map[string]deckFile{}, cached: map[string]string{}}
	if db != nil {
		metas, err := db.Decks()
		if err != nil {
			db.Close()
			return nil, err
		}
		for _, m := range metas {
			lib.cached[m.Path] = m.Slug
		}
	}
	fail := func(err error) (*library, error) {
		if db != nil {
			db.Close()
		}
		return nil, err
	}
	// Every installed deck is loaded when slugs are named, so that a slug
	// can be looked up and unknown ones listed.
	needInstalled := len(run) < len(args) || len(args) == 0
	all := run
	if needInstalled {
		all = append(slices.Clone(installed), run...)
	}
	parsed, err := lib.refresh(all)
	if err != nil {
		return fail(err)
	}
	// Resolve the run's decks.
	bySlug := map[string]deckFile{}
	for _, f := range all {
		slug := lib.slugOf(f, parsed)
		prev, dup := bySlug[slug]
		switch {
		case !dup, prev.bundled && !f.bundled:
			bySlug[slug] = f // a user's deck replaces the bundled one
		case f.bundled && !prev.bundled:
		default:
			return fail(fmt.Errorf("two decks have the slug %q: %s and %s; give one of them another `deck:` slug", slug, prev.name, f.name))
		}
	}
	if len(args) == 0 {
		for _, f := range all {
			if s := lib.slugOf(f, parsed); bySlug[s].key == f.key && !slices.Contains(lib.slugs, s) {
				lib.slugs = append(lib.slugs, s)
			}
		}
	}
	for _, arg := range args {
		slug := arg
		if isDeckPath(arg) {
			f, _ := statDeckFile(arg)
			slug = lib.slugOf(f, parsed)
		} else if _, ok := bySlug[arg]; !ok {
			known := make([]string, 0, len(bySlug))
			for s := range bySlug {
				known = append(known, s)
			}
			sort.Strings(known)
			return fail(fmt.Errorf("no deck %q; the installed decks are: %s (or name a .yaml file)", arg, strings.Join(known, ", ")))
		}
		if !slices.Contains(lib.slugs, slug) {
			lib.slugs = append(lib.slugs, slug)
		}
	}
	for s, f := range bySlug {
		lib.files[s] = f
	}
	// Write the changed decks, now that all of them parsed.
	if lib.db == nil {
		if lib.db, err = store.Open(path); err != nil {
			return nil, err
		}
	}
	for _, p := range parsed {
		if bySlug[p.deck.Slug].key != p.file.key {
			continue // a bundled deck that a user's deck replaces
		}
		report, err := lib.put(p)
		if err != nil {
			return fail(err)
		}
		if report != "" {
			fmt.Fprintln(a.stderr, report)
		}
	}
	lib.db.Now = a.clock // a profile created now is created at STEPPE_NOW
	if err := lib.loadMetas(); err != nil {
		return fail(err)
	}
	return lib, nil
}

type parsedDeck struct {
	file deckFile
	deck *decks.Deck
	fp   string
}

// refresh parses the files whose cached copy is missing or stale.
func (lib *library) refresh(files []deckFile) (map[string]parsedDeck, error) {
	parsed := map[string]parsedDeck{}
	var errs decks.ErrorList
	for _, f := range files {
		if _, done := parsed[f.key]; done {
			continue
		}
		var cachedFP string
		if lib.db != nil {
			size, mtime, fp, ok, err := lib.db.DeckSignature(f.key)
			if err != nil {
				return nil, err
			}
			if ok && !f.bundled && size == f.size && mtime == f.mtimeNs {
				continue // unchanged, by size and modification time
			}
			if ok {
				cachedFP = fp
			}
		}
		data, err := f.read()
		if err != nil {
			return nil, fmt.Errorf("read deck %s: %w", f.name, err)
		}
		fp := decks.Fingerprint(data)
		if f.bundled && fp == cachedFP {
			continue
		}
		d, err := decks.Parse(f.name, data)
		var list decks.ErrorList
		if errors.As(err, &list) {
			errs = append(errs, list...)
			continue
		}
		if err != nil {
			return nil, err
		}
		parsed[f.key] = parsedDeck{file: f, deck: d, fp: fp}
	}
	if len(errs) > 0 {
		return nil, deckErrors{errs}
	}
	return parsed, nil
}

// deckErrors prints lint-style diagnostics, one block each.
type deckErrors struct{ list decks.ErrorList }

func (e deckErrors) Error() string {
	n := 0
	for _, d := range e.list {
		if d.Severity == decks.Error {
			n++
		}
	}
	return fmt.Sprintf("%d error(s) in deck files; nothing was changed\n%s", n, strings.TrimRight(e.list.Error(), "\n"))
}

func (lib *library) slugOf(f deckFile, parsed map[string]parsedDeck) string {
	if p, ok := parsed[f.key]; ok {
		return p.deck.Slug
	}
	return lib.cached[f.key]
}

// put caches a parsed deck. When the cache held an earlier version of the
// deck (not on its first load), the cards that differ between the two are
// classified (decks.DiffCards) and the evolution policy is applied in the
// same transaction: a card whose answer changed, or that was replaced,
// starts over for every learner; a removed card's progress is archived,
// and a card back in the deck gets its progress back. put returns a
// one-line report of the changes for stderr, or "" when nothing a learner
// sees changed. The report is said once: the next run finds the deck
// cached as it is.
func (lib *library) put(p parsedDeck) (string, error) {
	meta, err := json.Marshal(deckMeta{Title: p.deck.Title, Description: p.deck.Description, Source: p.deck.Source, Entries: len(p.deck.Entries)})
	if err != nil {
		return "", err
	}
	mtime := p.file.mtimeNs
	var changes []decks.Change
	policy := func(old, cards []quiz.Card) []string {
		changes = decks.DiffCards(old, cards)
		var reset []string
		for _, c := range changes {
			if c.Class.Resets() {
				reset = append(reset, c.ID)
			}
		}
		return reset
	}
	up, err := lib.db.PutDeckWithPolicy(store.DeckMeta{
		Path: p.file.key, Slug: p.deck.Slug, Title: p.deck.Title, Size: p.file.size, MtimeNs: mtime,
		Fingerprint: p.fp, Format: p.deck.Format, Meta: meta,
	}, p.deck.Cards, policy)
	if err != nil {
		return "", err
	}
	return changeReport(p.deck.Slug, changes, up.Restored), nil
}

func (lib *library) loadMetas() error {
	metas, err := lib.db.Decks()
	if err != nil {
		return err
	}
	for _, m := range metas {
		var dm deckMeta
		if len(m.Meta) > 0 {
			if err := json.Unmarshal(m.Meta, &dm); err != nil {
				return fmt.Errorf("cached deck %s: %w", m.Slug, err)
			}
		}
		if dm.Title == "" {
			dm.Title = m.Title
		}
		lib.metas[m.Slug] = dm
	}
	return nil
}

func (lib *library) close() error { return lib.db.Close() }

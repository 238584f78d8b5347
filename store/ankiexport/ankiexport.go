// Package ankiexport writes an Anki collection file (collection.anki2) in
// the schema 11 layout that Anki 2.1 and other Anki readers open: the tables
// col, notes, cards, revlog and graves, with the note types, decks and deck
// options kept as JSON in the col row. It takes plain values, so that the
// deck format stays in steppe/decks; zipping the collection into an .apkg
// is left to the caller.
package ankiexport

import (
	"crypto/sha1"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver
)

// Kind is a note type of the collection.
type Kind int

// The two note types every exported collection has.
const (
	Basic Kind = iota // fields Front and Back; one card
	Cloze             // fields Text and Back Extra; one card per cloze number
)

// The note types' ids. They are fixed, so that notes re-exported later fall
// into the note types that an earlier import created. They stay below 2^53,
// as JSON readers in JavaScript need.
const (
	BasicModelID int64 = 1764000000001
	ClozeModelID int64 = 1764000000002
)

// Note is one note to write. Fields hold HTML, as Anki stores them: Front
// and Back for Basic, Text and Back Extra for Cloze.
type Note struct {
	GUID   string // stable across exports, so that Anki updates the note on re-import
	Kind   Kind
	Fields []string
	Tags   []string // without spaces
	// Ords are the card ordinals of a Cloze note: c1 is 0, c2 is 1, ... A
	// Basic note always has the one card of ordinal 0.
	Ords []int
}

// Collection is what Write puts into the file.
type Collection struct {
	DeckName string // the Anki deck that holds every card
	DeckID   int64  // stable for a deck; see DeckID
	DeckDesc string
	Now      time.Time // every id and timestamp derives from it
	Notes    []Note
}

// DeckID derives a deck id from a stable name (e.g. a deck's slug): a
// positive number below 2^53, never 1 (Anki's Default deck).
func DeckID(name string) int64 {
	sum := sha1.Sum([]byte("steppe-deck/" + name))
	id := int64(binary.BigEndian.Uint64(sum[:8]) & (1<<52 - 1))
	if id < 2 {
		id += 2
	}
	return id
}

var (
	reComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	reStyle   = regexp.MustCompile(`(?si)<style.*?>.*?</style>|<script.*?>.*?</script>`)
	reImg     = regexp.MustCompile(`(?i)<img[^>]+src=["']?([^"'>]+)["']?[^>]*>`)
	reTag     = regexp.MustCompile(`(?s)<.*?>`)
)

// StripHTML is Anki's stripHTMLMedia (strip_html_preserving_media_filenames
// in its Rust core), which gives a note's sort field and checksum: an image
// becomes its file name between spaces, comments, styles, scripts and tags
// go, and entities are decoded, &nbsp; as a plain space. It does not trim.
func StripHTML(s string) string {
	s = reComment.ReplaceAllString(s, "")
	s = reStyle.ReplaceAllString(s, "")
	s = reImg.ReplaceAllString(s, " ${1} ")
	s = reTag.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "&nbsp;", " ")
	return html.UnescapeString(s)
}

// Checksum is a note's csum as Anki computes it: the first 8 hex digits of
// the SHA-1 of the stripped first field, as an integer.
func Checksum(firstField string) int64 {
	sum := sha1.Sum([]byte(StripHTML(firstField)))
	n, _ := strconv.ParseInt(hex.EncodeToString(sum[:4]), 16, 64)
	return n
}

// Write creates the collection file at path, which must not exist yet.
func Write(path string, c Collection) (err error) {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("write anki collection: %s already exists", path)
	}
	for i, n := range c.Notes {
		if err := checkNote(n); err != nil {
			return fmt.Errorf("note %d: %w", i+1, err)
		}
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=DELETE")
	if err != nil {
		return fmt.Errorf("write anki collection: %w", err)
	}
	defer func() {
		if cerr := db.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write anki collection: %w", cerr)
		}
	}()
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err != nil {
		return fmt.Errorf("write anki collection: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(schema11); err != nil {
		return fmt.Errorf("create anki schema: %w", err)
	}
	if err := insertCol(tx, c); err != nil {
		return err
	}
	if err := insertNotes(tx, c); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("write anki collection: %w", err)
	}
	return nil
}

func checkNote(n Note) error {
	if n.GUID == "" {
		return errors.New("no guid")
	}
	if len(n.Fields) != 2 {
		return fmt.Errorf("%d fields; a note has 2", len(n.Fields))
	}
	if n.Kind == Cloze && len(n.Ords) == 0 {
		return errors.New("a cloze note without a cloze")
	}
	for _, t := range n.Tags {
		if t == "" || strings.ContainsAny(t, " \t\n\u3000") {
			return fmt.Errorf("tag %q: anki tags are words without spaces", t)
		}
	}
	return nil
}

func insertCol(tx *sql.Tx, c Collection) error {
	sec := c.Now.Unix()
	ms := c.Now.UnixMilli()
	crt := time.Date(c.Now.Year(), c.Now.Month(), c.Now.Day(), 4, 0, 0, 0, c.Now.Location()).Unix()
	js := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err) // only plain maps and slices
		}
		return string(b)
	}
	conf := map[string]any{
		"activeDecks": []int64{1}, "curDeck": c.DeckID, "newSpread": 0, "collapseTime": 1200,
		"timeLim": 0, "estTimes": true, "dueCounts": true, "curModel": BasicModelID,
		"nextPos": len(c.Notes) + 1, "sortType": "noteFld", "sortBackwards": false, "addToCur": true,
		"schedVer": 2,
	}
	models := map[string]any{
		strconv.FormatInt(BasicModelID, 10): basicModel(sec, c.DeckID),
		strconv.FormatInt(ClozeModelID, 10): clozeModel(sec, c.DeckID),
	}
	decks := map[string]any{
		"1":                             deck(1, "Default", "", sec),
		strconv.FormatInt(c.DeckID, 10): deck(c.DeckID, c.DeckName, c.DeckDesc, sec),
	}
	dconf := map[string]any{"1": map[string]any{
		"id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true,
		"timer": 0, "replayq": true, "dyn": false,
		"new": map[string]any{
			"delays": []float64{1, 10}, "ints": []int{1, 4, 0}, "initialFactor": 2500,
			"order": 1, "perDay": 20, "bury": false, "separate": true,
		},
		"rev": map[string]any{
			"perDay": 200, "ease4": 1.3, "fuzz": 0.05, "maxIvl": 36500, "ivlFct": 1,
			"bury": false, "hardFactor": 1.2, "minSpace": 1,
		},
		"lapse": map[string]any{
			"delays": []float64{10}, "mult": 0, "minInt": 1, "leechFails": 8, "leechAction": 1,
		},
	}}
	_, err := tx.Exec(`INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
		VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')`,
		crt, ms, ms, js(conf), js(models), js(decks), js(dconf))
	if err != nil {
		return fmt.Errorf("write anki col row: %w", err)
	}
	return nil
}

func deck(id int64, name, desc string, sec int64) map[string]any {
	return map[string]any{
		"id": id, "name": name, "desc": desc, "mod": sec, "usn": -1, "conf": 1, "dyn": 0,
		"collapsed": false, "browserCollapsed": false, "extendNew": 0, "extendRev": 0,
		"newToday": []int{0, 0}, "revToday": []int{0, 0}, "lrnToday": []int{0, 0}, "timeToday": []int{0, 0},
	}
}

const modelCSS = ".card {\n font-family: arial;\n font-size: 20px;\n text-align: center;\n color: black;\n background-color: white;\n}\n"

func field(name string, ord int) map[string]any {
	return map[string]any{"name": name, "ord": ord, "sticky": false, "rtl": false,
		"font": "Arial", "size": 20, "media": []string{}}
}

func model(id int64, name string, typ int, sec, did int64, fields []string, qfmt, afmt, css string) map[string]any {
	flds := make([]map[string]any, len(fields))
	for i, f := range fields {
		flds[i] = field(f, i)
	}
	return map[string]any{
		"id": id, "name": name, "type": typ, "mod": sec, "usn": -1, "sortf": 0, "did": did,
		"flds": flds,
		"tmpls": []map[string]any{{
			"name": map[bool]string{true: "Cloze", false: "Card 1"}[typ == 1], "ord": 0,
			"qfmt": qfmt, "afmt": afmt, "did": nil, "bqfmt": "", "bafmt": "",
		}},
		"css":       css,
		"latexPre":  "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
		"latexPost": "\\end{document}",
		"latexsvg":  false,
		"req":       []any{[]any{0, "any", []int{0}}},
		"tags":      []string{},
		"vers":      []any{},
	}
}

func basicModel(sec, did int64) map[string]any {
	return model(BasicModelID, "steppe Basic", 0, sec, did, []string{"Front", "Back"},
		"{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}", modelCSS)
}

func clozeModel(sec, did int64) map[string]any {
	return model(ClozeModelID, "steppe Cloze", 1, sec, did, []string{"Text", "Back Extra"},
		"{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}", modelCSS+".cloze {\n font-weight: bold;\n color: blue;\n}\n")
}

// insertNotes writes the notes and their cards. Note and card ids count up
// from Now in milliseconds, as Anki's own ids are creation times.
func insertNotes(tx *sql.Tx, c Collection) error {
	sec := c.Now.Unix()
	base := c.Now.UnixMilli()
	noteStmt, err := tx.Prepare(`INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
		VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')`)
	if err != nil {
		return fmt.Errorf("write anki notes: %w", err)
	}
	defer noteStmt.Close()
	cardStmt, err := tx.Prepare(`INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data)
		VALUES (?, ?, ?, ?, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')`)
	if err != nil {
		return fmt.Errorf("write anki cards: %w", err)
	}
	defer cardStmt.Close()
	cid := base
	for i, n := range c.Notes {
		nid := base + int64(i)
		mid := BasicModelID
		ords := []int{0}
		if n.Kind == Cloze {
			mid, ords = ClozeModelID, n.Ords
		}
		tags := ""
		if len(n.Tags) > 0 {
			tags = " " + strings.Join(n.Tags, " ") + " "
		}
		_, err := noteStmt.Exec(nid, n.GUID, mid, sec, tags, strings.Join(n.Fields, "\x1f"),
			StripHTML(n.Fields[0]), Checksum(n.Fields[0]))
		if err != nil {
			return fmt.Errorf("write anki note %s: %w", n.GUID, err)
		}
		for _, ord := range ords {
			// due is the new card's position: the note's place in the deck.
			if _, err := cardStmt.Exec(cid, nid, c.DeckID, ord, sec, i+1); err != nil {
				return fmt.Errorf("write anki card of note %s: %w", n.GUID, err)
			}
			cid++
		}
	}
	return nil
}

// schema11 is Anki's collection schema, version 11.
const schema11 = `
CREATE TABLE col (
    id              integer primary key,
    crt             integer not null,
    mod             integer not null,
    scm             integer not null,
    ver             integer not null,
    dty             integer not null,
    usn             integer not null,
    ls              integer not null,
    conf            text not null,
    models          text not null,
    decks           text not null,
    dconf           text not null,
    tags            text not null
);
CREATE TABLE notes (
    id              integer primary key,
    guid            text not null,
    mid             integer not null,
    mod             integer not null,
    usn             integer not null,
    tags            text not null,
    flds            text not null,
    sfld            integer not null,
    csum            integer not null,
    flags           integer not null,
    data            text not null
);
CREATE TABLE cards (
    id              integer primary key,
    nid             integer not null,
    did             integer not null,
    ord             integer not null,
    mod             integer not null,
    usn             integer not null,
    type            integer not null,
    queue           integer not null,
    due             integer not null,
    ivl             integer not null,
    factor          integer not null,
    reps            integer not null,
    lapses          integer not null,
    left            integer not null,
    odue            integer not null,
    odid            integer not null,
    flags           integer not null,
    data            text not null
);
CREATE TABLE revlog (
    id              integer primary key,
    cid             integer not null,
    usn             integer not null,
    ease            integer not null,
    ivl             integer not null,
    lastIvl         integer not null,
    factor          integer not null,
    time            integer not null,
    type            integer not null
);
CREATE TABLE graves (
    usn             integer not null,
    oid             integer not null,
    type            integer not null
);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`

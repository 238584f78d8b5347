// Package ankidb reads the SQLite collection inside an Anki package: its
// note types, notes and review history. It only reads: the collection is
// opened read-only and immutable, and the file it came from is never
// changed. Checking the package around it (a zip) is decks.OpenPackage's
// job; turning notes into a deck is decks.ImportAnki's.
//
// Schema 11 (collection.anki2 and collection.anki21, the format every Anki
// 2.1 export with "support older versions" writes) keeps note types as JSON
// in col.models. Newer collections (schema 15 and later) keep them in the
// notetypes, fields and templates tables; Reader reads names, fields and
// template counts from there and takes a note type for a cloze type when
// its name contains "cloze" (its kind is inside a protobuf blob this
// package does not decode).
package ankidb

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver
)

// NoteType is an Anki note type ("model").
type NoteType struct {
	ID        int64
	Name      string
	Cloze     bool
	Fields    []string // names, in order
	Templates []string // question formats, in order ("" when unknown)
}

// Note is an Anki note.
type Note struct {
	ID     int64
	GUID   string
	TypeID int64
	Fields []string // flds split at \x1f
	Tags   []string
}

// Review is one row of the review log, with the card's note and ordinal.
type Review struct {
	ID       int64 // the review's time in milliseconds since the epoch
	CardID   int64
	NoteID   int64
	Ord      int
	Ease     int // 1-4: again, hard, good, easy
	Duration time.Duration
}

// Time is when the review was given.
func (r Review) Time() time.Time { return time.UnixMilli(r.ID).UTC() }

// Collection is what Read found in a collection.
type Collection struct {
	Schema    int    // col.ver
	DeckName  string // the name of the deck holding most cards; "" when unknown
	NoteTypes []NoteType
	Notes     []Note
	Reviews   []Review // rated reviews only (ease 1-4), in time order
}

// ReadBytes writes a collection's bytes to a temporary file, reads it and
// removes the file.
func ReadBytes(data []byte) (*Collection, error) {
	dir, err := os.MkdirTemp("", "steppe-anki-")
	if err != nil {
		return nil, fmt.Errorf("read anki collection: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "collection.anki2")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return nil, fmt.Errorf("read anki collection: %w", err)
	}
	return Read(path)
}

// Read reads the collection at path, read-only.
func Read(path string) (*Collection, error) {
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&immutable=1"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open anki collection: %w", err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		return nil, fmt.Errorf("open anki collection: %w", err)
	}
	defer tx.Rollback()
	c := &Collection{}
	var models string
	if err := tx.QueryRow(`SELECT ver, models FROM col`).Scan(&c.Schema, &models); err != nil {
		return nil, fmt.Errorf("not an Anki collection (reading its col table: %v)", err)
	}
	if c.NoteTypes, err = noteTypes(tx, models); err != nil {
		return nil, err
	}
	if c.Notes, err = notes(tx); err != nil {
		return nil, err
	}
	if c.Reviews, err = reviews(tx); err != nil {
		return nil, err
	}
	c.DeckName = deckName(tx)
	return c, nil
}

// model is the part of a schema-11 note type that steppe reads.
type model struct {
	ID   json.Number `json:"id"`
	Name string      `json:"name"`
	Type int         `json:"type"`
	Flds []struct {
		Name string `json:"name"`
		Ord  int    `json:"ord"`
	} `json:"flds"`
	Tmpls []struct {
		Qfmt string `json:"qfmt"`
		Ord  int    `json:"ord"`
	} `json:"tmpls"`
}

func noteTypes(tx *sql.Tx, models string) ([]NoteType, error) {
	var out []NoteType
	if s := strings.TrimSpace(models); s != "" && s != "{}" {
		var ms map[string]model
		if err := json.Unmarshal([]byte(s), &ms); err != nil {
			return nil, fmt.Errorf("anki collection: its note types (col.models) are not JSON: %v", err)
		}
		for key, m := range ms {
			id, err := strconv.ParseInt(key, 10, 64)
			if err != nil {
				id, _ = m.ID.Int64()
			}
			sort.Slice(m.Flds, func(i, j int) bool { return m.Flds[i].Ord < m.Flds[j].Ord })
			sort.Slice(m.Tmpls, func(i, j int) bool { return m.Tmpls[i].Ord < m.Tmpls[j].Ord })
			t := NoteType{ID: id, Name: m.Name, Cloze: m.Type == 1}
			for _, f := range m.Flds {
				t.Fields = append(t.Fields, f.Name)
			}
			for _, tm := range m.Tmpls {
				t.Templates = append(t.Templates, tm.Qfmt)
			}
			out = append(out, t)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		return out, nil
	}
	return newNoteTypes(tx)
}

// newNoteTypes reads the note types of a schema 15+ collection.
func newNoteTypes(tx *sql.Tx) ([]NoteType, error) {
	rows, err := tx.Query(`SELECT id, name FROM notetypes ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("anki collection: no note types in col.models and no notetypes table (%v)", err)
	}
	var out []NoteType
	for rows.Next() {
		var t NoteType
		if err := rows.Scan(&t.ID, &t.Name); err != nil {
			rows.Close()
			return nil, err
		}
		t.Cloze = strings.Contains(strings.ToLower(t.Name), "cloze")
		out = append(out, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		fr, err := tx.Query(`SELECT name FROM fields WHERE ntid = ? ORDER BY ord`, out[i].ID)
		if err != nil {
			return nil, fmt.Errorf("anki collection: fields: %w", err)
		}
		for fr.Next() {
			var n string
			if err := fr.Scan(&n); err != nil {
				fr.Close()
				return nil, err
			}
			out[i].Fields = append(out[i].Fields, n)
		}
		fr.Close()
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM templates WHERE ntid = ?`, out[i].ID).Scan(&n); err == nil {
			out[i].Templates = make([]string, n)
		}
	}
	return out, nil
}

func notes(tx *sql.Tx) ([]Note, error) {
	rows, err := tx.Query(`SELECT id, guid, mid, flds, tags FROM notes ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("anki collection: notes: %w", err)
	}
	defer rows.Close()
	var out []Note
	for rows.Next() {
		var n Note
		var flds, tags string
		if err := rows.Scan(&n.ID, &n.GUID, &n.TypeID, &flds, &tags); err != nil {
			return nil, fmt.Errorf("anki collection: notes: %w", err)
		}
		n.Fields = strings.Split(flds, "\x1f")
		n.Tags = strings.Fields(tags)
		out = append(out, n)
	}
	return out, rows.Err()
}

func reviews(tx *sql.Tx) ([]Review, error) {
	rows, err := tx.Query(`SELECT r.id, r.cid, c.nid, c.ord, r.ease, r.time
		FROM revlog r JOIN cards c ON c.id = r.cid
		WHERE r.ease BETWEEN 1 AND 4 ORDER BY r.id`)
	if err != nil {
		return nil, fmt.Errorf("anki collection: review log: %w", err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var r Review
		var ms int64
		if err := rows.Scan(&r.ID, &r.CardID, &r.NoteID, &r.Ord, &r.Ease, &ms); err != nil {
			return nil, fmt.Errorf("anki collection: review log: %w", err)
		}
		r.Duration = time.Duration(ms) * time.Millisecond
		out = append(out, r)
	}
	return out, rows.Err()
}

// deckName names the deck that holds most cards, from col.decks (schema 11)
// or the decks table (newer schemas). Any failure gives "": the name is only
// a default for the imported deck's title.
func deckName(tx *sql.Tx) string {
	var did int64
	if err := tx.QueryRow(`SELECT did FROM cards GROUP BY did ORDER BY count(*) DESC, did LIMIT 1`).Scan(&did); err != nil {
		return ""
	}
	var raw string
	if err := tx.QueryRow(`SELECT decks FROM col`).Scan(&raw); err == nil && strings.TrimSpace(raw) != "" && raw != "{}" {
		var ds map[string]struct {
			Name string `json:"name"`
		}
		if json.Unmarshal([]byte(raw), &ds) == nil {
			return ds[strconv.FormatInt(did, 10)].Name
		}
	}
	var name string
	if err := tx.QueryRow(`SELECT name FROM decks WHERE id = ?`, did).Scan(&name); err != nil {
		return ""
	}
	return strings.ReplaceAll(name, "\x1f", "::") // newer schemas separate parent decks with \x1f
}

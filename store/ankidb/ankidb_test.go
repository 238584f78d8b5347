package ankidb

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// collectionOf takes the collection out of a fixture package. (Checking
// packages is decks' job; here the fixtures are trusted.)
func collectionOf(t *testing.T, apkg string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "decks", "testdata", "import", apkg))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "collection.anki2" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("%s has no collection.anki2", apkg)
	return nil
}

func TestReadBasicFixture(t *testing.T) {
	c, err := ReadBytes(collectionOf(t, "basic.apkg"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Schema != 11 {
		t.Errorf("schema %d, want 11", c.Schema)
	}
	var capitals *NoteType
	for i := range c.NoteTypes {
		if c.NoteTypes[i].Name == "Capitals" {
			capitals = &c.NoteTypes[i]
		}
	}
	if capitals == nil || capitals.Cloze || !reflect.DeepEqual(capitals.Fields, []string{"Front", "Back"}) {
		t.Fatalf("note types = %+v", c.NoteTypes)
	}
	if len(c.Notes) != 4 {
		t.Fatalf("%d notes, want 4", len(c.Notes))
	}
	n := c.Notes[0]
	if n.TypeID != capitals.ID || n.GUID == "" || !reflect.DeepEqual(n.Fields, []string{"Capital of <b>Kazakhstan</b>?", "Astana"}) ||
		!reflect.DeepEqual(n.Tags, []string{"geo", "central_asia"}) {
		t.Errorf("first note = %+v", n)
	}
	if len(c.Reviews) != 0 {
		t.Errorf("%d reviews, want none", len(c.Reviews))
	}
	if c.DeckName != "Capitals" {
		t.Errorf("deck name %q, want Capitals", c.DeckName)
	}
}

func TestReadClozeFixtureReviews(t *testing.T) {
	c, err := ReadBytes(collectionOf(t, "cloze.apkg"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.NoteTypes) == 0 {
		t.Fatal("no note types")
	}
	cloze := 0
	for _, nt := range c.NoteTypes {
		if nt.Cloze {
			cloze++
		}
	}
	if cloze != 1 {
		t.Errorf("%d cloze note types, want 1: %+v", cloze, c.NoteTypes)
	}
	if len(c.Reviews) != 4 {
		t.Fatalf("%d reviews, want 4", len(c.Reviews))
	}
	first, last := c.Reviews[0], c.Reviews[3]
	if first.Ease != 1 || first.Ord != 0 || first.Duration != 8*time.Second ||
		!first.Time().Equal(time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("first review = %+v", first)
	}
	if last.Ease != 4 || last.Ord != 1 || last.NoteID != first.NoteID {
		t.Errorf("last review = %+v", last)
	}
}

// TestReadNewSchema reads a collection in the shape of schema 15 and later:
// note types in the notetypes, fields and templates tables, col.models empty.
func TestReadNewSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "collection.anki21")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE col (id integer primary key, ver int, models text)`,
		`INSERT INTO col VALUES (1, 18, '')`,
		`CREATE TABLE notetypes (id integer primary key, name text, config blob)`,
		`CREATE TABLE fields (ntid integer, ord integer, name text, config blob)`,
		`CREATE TABLE templates (ntid integer, ord integer, name text, config blob)`,
		`INSERT INTO notetypes VALUES (1, 'Basic (and reversed card)', x''), (2, 'Cloze', x'')`,
		`INSERT INTO fields VALUES (1, 1, 'Back', x''), (1, 0, 'Front', x''), (2, 0, 'Text', x''), (2, 1, 'Back Extra', x'')`,
		`INSERT INTO templates VALUES (1, 0, 'Card 1', x''), (1, 1, 'Card 2', x''), (2, 0, 'Cloze', x'')`,
		`CREATE TABLE notes (id integer primary key, guid text, mid integer, flds text, tags text)`,
		"INSERT INTO notes VALUES (5, 'abc', 2, 'x {{c1::y}}\x1fextra', ' t1 t2 ')",
		`CREATE TABLE cards (id integer primary key, nid integer, ord integer)`,
		`CREATE TABLE revlog (id integer primary key, cid integer, ease integer, time integer)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	before, _ := os.ReadFile(path)
	c, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []NoteType{
		{ID: 1, Name: "Basic (and reversed card)", Fields: []string{"Front", "Back"}, Templates: []string{"", ""}},
		{ID: 2, Name: "Cloze", Cloze: true, Fields: []string{"Text", "Back Extra"}, Templates: []string{""}},
	}
	if !reflect.DeepEqual(c.NoteTypes, want) {
		t.Errorf("note types = %+v", c.NoteTypes)
	}
	if len(c.Notes) != 1 || !reflect.DeepEqual(c.Notes[0].Fields, []string{"x {{c1::y}}", "extra"}) || !reflect.DeepEqual(c.Notes[0].Tags, []string{"t1", "t2"}) {
		t.Errorf("notes = %+v", c.Notes)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("reading changed the collection file")
	}
}

func TestReadNotACollection(t *testing.T) {
	if _, err := ReadBytes([]byte("not sqlite at all, just some text that is long enough")); err == nil {
		t.Error("read a text file as a collection")
	}
}

// TestReadGenankiFixture reads the package genanki-js wrote: a Basic and
// reversed note type (two templates) and a Cloze one.
func TestReadGenankiFixture(t *testing.T) {
	c, err := ReadBytes(collectionOf(t, "genanki-cloze.apkg"))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]NoteType{}
	for _, nt := range c.NoteTypes {
		byName[nt.Name] = nt
	}
	rev, cloze := byName["Basic (and reversed card)"], byName["Cloze"]
	if rev.Cloze || len(rev.Templates) != 2 || !cloze.Cloze || !reflect.DeepEqual(cloze.Fields, []string{"Text", "Back Extra"}) {
		t.Errorf("note types = %+v", c.NoteTypes)
	}
	if len(c.Notes) != 4 || c.DeckName != "Central Asia" {
		t.Errorf("%d notes in deck %q, want 4 in Central Asia", len(c.Notes), c.DeckName)
	}
}

var update = flag.Bool("update", false, "rewrite decks/testdata/import/*.collection.json")

// TestCollectionDumps writes what Read finds in each .apkg fixture to
// NAME.collection.json beside it (under -update) and checks it there. The
// decks package's golden test converts those dumps into decks, since decks
// may not read SQLite itself.
func TestCollectionDumps(t *testing.T) {
	apkgs, _ := filepath.Glob(filepath.Join("..", "..", "decks", "testdata", "import", "*.apkg"))
	if len(apkgs) == 0 {
		t.Fatal("no .apkg fixtures")
	}
	for _, p := range apkgs {
		c, err := ReadBytes(collectionOf(t, filepath.Base(p)))
		if err != nil {
			t.Fatal(err)
		}
		dump := struct {
			DeckName  string
			NoteTypes []NoteType
			Notes     []Note
		}{c.DeckName, c.NoteTypes, c.Notes}
		got, err := json.MarshalIndent(dump, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		file := strings.TrimSuffix(p, ".apkg") + ".collection.json"
		if *update {
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run with -update to write it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what Read finds in %s; run with -update", file, p)
		}
	}
}

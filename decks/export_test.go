package decks

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"steppe/quiz"
)

// checkExportGolden compares got with testdata/export/NAME, rewriting it under
// -update.
func checkExportGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "export", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the export (run go test -update if the change is meant)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func parseExportDeck(t *testing.T) *Deck {
	t.Helper()
	d, err := ParseFile(filepath.Join("testdata", "export", "small.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestWriteCSVGolden(t *testing.T) {
	d := parseExportDeck(t)
	var b bytes.Buffer
	if err := WriteCSV(&b, d); err != nil {
		t.Fatal(err)
	}
	checkExportGolden(t, "small.csv.golden", b.Bytes())
}

// TestWriteCSVRoundTrip reads the CSV back with encoding/csv and
// SplitCSVList and gets every entry's fields again.
func TestWriteCSVRoundTrip(t *testing.T) {
	for _, d := range append(exportBundledDecks(t), parseExportDeck(t)) {
		var b bytes.Buffer
		if err := WriteCSV(&b, d); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&b).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", d.Slug, err)
		}
		if !reflect.DeepEqual(rows[0], CSVColumns) {
			t.Fatalf("header %q", rows[0])
		}
		if len(rows)-1 != len(d.Entries) {
			t.Fatalf("%s: %d rows for %d entries", d.Slug, len(rows)-1, len(d.Entries))
		}
		for i, r := range rows[1:] {
			e := d.Entries[i]
			typ, err := quiz.ParseCardType(r[1])
			if err != nil {
				t.Fatal(err)
			}
			got := Entry{ID: r[0], Type: typ, Q: r[2], Answer: r[3],
				Accept: SplitCSVList(r[4]), Answers: SplitCSVList(r[5]), Wrong: SplitCSVList(r[6]),
				Items: SplitCSVList(r[7]), Explain: r[8], Section: r[9], Quote: r[10], Tags: SplitCSVList(r[11])}
			want := Entry{ID: e.ID, Type: e.Type, Q: e.Q, Answer: e.Answer, Accept: e.Accept, Answers: e.Answers,
				Wrong: e.Wrong, Items: e.Items, Explain: e.Explain, Section: e.Section, Quote: e.Quote, Tags: e.Tags}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s row %d:\n got %+v\nwant %+v", d.Slug, i+1, got, want)
			}
		}
	}
}

func TestCSVList(t *testing.T) {
	for _, items := range [][]string{
		nil, {"a"}, {"a", "b"}, {"a|b", `c\d`, `\|`, ""}, {`end\`}, {"", ""},
	} {
		cell := JoinCSVList(items)
		got := SplitCSVList(cell)
		if len(items) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, items) {
			t.Errorf("%q: joined %q, split %q", items, cell, got)
		}
	}
}

func TestAnkiNotesGolden(t *testing.T) {
	d := parseExportDeck(t)
	var b bytes.Buffer
	if err := AnkiDump(&b, AnkiNotes(d)); err != nil {
		t.Fatal(err)
	}
	checkExportGolden(t, "small.apkg-notes.golden", b.Bytes())
}

func TestAnkiNotes(t *testing.T) {
	for _, d := range append(exportBundledDecks(t), parseExportDeck(t)) {
		notes := AnkiNotes(d)
		if len(notes) != len(d.Entries) {
			t.Fatalf("%s: %d notes for %d entries", d.Slug, len(notes), len(d.Entries))
		}
		cards, guids := 0, map[string]bool{}
		for i, n := range notes {
			e := d.Entries[i]
			if n.GUID != AnkiGUID(d.Slug, e.ID) || guids[n.GUID] {
				t.Errorf("%s/%s: guid %q not derived or not unique", d.Slug, e.ID, n.GUID)
			}
			guids[n.GUID] = true
			if len(n.Fields) != 2 {
				t.Errorf("%s/%s: %d fields", d.Slug, e.ID, len(n.Fields))
			}
			if n.Cloze != (e.Type == quiz.Cloze) {
				t.Errorf("%s/%s: cloze %v for a %s entry", d.Slug, e.ID, n.Cloze, e.Type)
			}
			if n.Cloze {
				cards += len(n.Ords)
				for k := range n.Ords {
					if !strings.Contains(n.Fields[0], "{{c"+string(rune('1'+k))+"::") {
						t.Errorf("%s/%s: no c%d in %q", d.Slug, e.ID, k+1, n.Fields[0])
					}
				}
			} else {
				cards++
			}
			for _, tag := range n.Tags {
				if strings.ContainsAny(tag, " \t") {
					t.Errorf("%s/%s: tag %q has a space", d.Slug, e.ID, tag)
				}
			}
		}
		if cards != len(d.Cards) {
			t.Errorf("%s: %d anki cards for %d steppe cards", d.Slug, cards, len(d.Cards))
		}
	}
}

// TestAnkiGUIDStable pins the guid rule: changing it would make every
// re-export duplicate its notes in Anki.
func TestAnkiGUIDStable(t *testing.T) {
	if g := AnkiGUID("frameworks", "sco-founded"); g != AnkiGUID("frameworks", "sco-founded") || g == AnkiGUID("frameworks", "sco-founded2") || g == "" {
		t.Fatalf("guid %q", g)
	}
}

func TestWriteAPKG(t *testing.T) {
	var b bytes.Buffer
	at := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	if err := WriteAPKG(&b, []byte("SQLite format 3\x00"), at); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		got[f.Name] = string(data)
	}
	want := map[string]string{"collection.anki2": "SQLite format 3\x00", "media": "{}"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("zip holds %q", got)
	}
	var again bytes.Buffer
	WriteAPKG(&again, []byte("SQLite format 3\x00"), at)
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("the same input made different packages")
	}
}

func exportBundledDecks(t *testing.T) []*Deck {
	t.Helper()
	ds, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestAnkiClozeEscapes: deck text is plain, Anki fields are HTML, and a "::"
// inside a blank would start an Anki hint.
func TestAnkiClozeEscapes(t *testing.T) {
	e := Entry{ID: "c", Type: quiz.Cloze, Q: "A <b> & {{x::y}} then {{1 < 2}}."}
	n := ankiNote("d", &e)
	want := "A &lt;b&gt; &amp; {{c1::x:&#58;y}} then {{c2::1 &lt; 2}}."
	if !n.Cloze || n.Fields[0] != want || !reflect.DeepEqual(n.Ords, []int{0, 1}) {
		t.Errorf("got %q %v, want %q", n.Fields[0], n.Ords, want)
	}
}

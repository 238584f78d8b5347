package decks

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"steppe/quiz"
)

// makeZip writes a zip of the named entries, deflated.
func makeZip(t *testing.T, entries map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, body := range entries {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestOpenPackageBadInput(t *testing.T) {
	bomb := makeZip(t, map[string][]byte{"collection.anki2": make([]byte, 50<<20)})
	// Two entries whose headers claim 150 MB each at 75:1: each passes the
	// ratio limit, together they pass the size limit. Their bodies are
	// never read, so they need not really inflate.
	var big bytes.Buffer
	w := zip.NewWriter(&big)
	for _, n := range []string{"0", "1"} {
		f, err := w.CreateRaw(&zip.FileHeader{Name: n, Method: zip.Deflate, CompressedSize64: 2 << 20, UncompressedSize64: 150 << 20})
		if err != nil {
			t.Fatal(err)
		}
		f.Write(make([]byte, 2<<20))
	}
	w.Close()
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("SQLite format 3\x00 and so on"), "not a zip file"},
		{"empty file", nil, "not a zip file"},
		{"climbs out", makeZip(t, map[string][]byte{"../evil": []byte("x"), "collection.anki2": []byte("x")}), `entry "../evil" climbs out`},
		{"climbs out deeper", makeZip(t, map[string][]byte{"media/../../evil": []byte("x")}), "climbs out"},
		{"absolute path", makeZip(t, map[string][]byte{"/etc/evil": []byte("x")}), "absolute path"},
		{"zip bomb by ratio", bomb, "zip bomb"},
		{"zip bomb by size", big.Bytes(), "more than 200 MB"},
		{"no collection", makeZip(t, map[string][]byte{"media": []byte("{}")}), "holds no collection.anki2 or collection.anki21"},
		{"only anki21b", makeZip(t, map[string][]byte{"collection.anki21b": []byte("x")}), "collection.anki21b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := OpenPackage("x.apkg", tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("OpenPackage = %v, %v; want an error with %q", p, err, tc.want)
			}
			if !strings.Contains(err.Error(), "x.apkg") {
				t.Errorf("error does not name the file: %v", err)
			}
		})
	}
}

func TestOpenPackageFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/import/basic.apkg")
	if err != nil {
		t.Fatal(err)
	}
	p, err := OpenPackage("basic.apkg", data)
	if err != nil {
		t.Fatal(err)
	}
	if p.CollectionName != "collection.anki2" || !bytes.HasPrefix(p.Collection, []byte("SQLite format 3\x00")) {
		t.Errorf("collection %s, starting %q", p.CollectionName, p.Collection[:16])
	}
	if len(p.Media) != 1 || p.Media[0] != "flag-kz.png" {
		t.Errorf("media = %q", p.Media)
	}
}

func TestOpenPackagePrefersAnki21(t *testing.T) {
	data := makeZip(t, map[string][]byte{"collection.anki2": []byte("old"), "collection.anki21": []byte("new")})
	p, err := OpenPackage("x.apkg", data)
	if err != nil {
		t.Fatal(err)
	}
	if p.CollectionName != "collection.anki21" || string(p.Collection) != "new" {
		t.Errorf("took %s", p.CollectionName)
	}
}

func TestImportAnki(t *testing.T) {
	types := []ImportNoteType{
		{ID: 1, Name: "Basic", Fields: []string{"Front", "Back"}, Templates: []string{"{{Front}}"}},
		{ID: 2, Name: "Basic (and reversed card)", Fields: []string{"Front", "Back"}, Templates: []string{"{{Front}}", "{{Back}}"}},
		{ID: 3, Name: "Cloze", Cloze: true, Fields: []string{"Text", "Back Extra"}, Templates: []string{"{{cloze:Text}}"}},
		{ID: 4, Name: "Basic (type in the answer)", Fields: []string{"Front", "Back", "Notes"}, Templates: []string{"{{Front}}{{type:Back}}"}},
	}
	notes := []ImportNote{
		{ID: 10, GUID: "g1", TypeID: 1, Fields: []string{"<b>Front</b>", "Back <img src=\"x.png\">"}, Tags: []string{"t"}},
		{ID: 11, GUID: "g2", TypeID: 2, Fields: []string{"Q2", "A2"}},
		{ID: 12, GUID: "g3", TypeID: 3, Fields: []string{"{{c1::SCO}} in {{c2::2001::year}}", "extra"}},
		{ID: 13, GUID: "g4", TypeID: 4, Fields: []string{"Q4", "A4", "a note"}},
		{ID: 14, GUID: "g5", TypeID: 9, Fields: []string{"?", "?"}},
		{ID: 15, GUID: "g6", TypeID: 1, Fields: []string{"", "no front"}},
	}
	im, err := ImportAnki("my deck.apkg", notes, types, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := im.Check()
	if err != nil {
		t.Fatal(err)
	}
	if im.Slug != "my-deck" {
		t.Errorf("slug %q", im.Slug)
	}
	want := []struct {
		id  string
		typ quiz.CardType
		q   string
	}{
		{NoteID("g1"), quiz.Basic, "Front"},
		{NoteID("g2"), quiz.Basic, "Q2"},
		{NoteID("g3"), quiz.Cloze, "{{SCO}} in {{2001}}"},
		{NoteID("g4"), quiz.Typed, "Q4"},
	}
	if len(d.Entries) != len(want) {
		t.Fatalf("%d entries, want %d: %+v", len(d.Entries), len(want), d.Entries)
	}
	for i, w := range want {
		e := d.Entries[i]
		if e.ID != w.id || e.Type != w.typ || e.Q != w.q {
			t.Errorf("entry %d = %s %s %q, want %s %s %q", i, e.ID, e.Type, e.Q, w.id, w.typ, w.q)
		}
	}
	if d.Entries[3].Explain != "a note" {
		t.Errorf("explain = %q", d.Entries[3].Explain)
	}
	cards := map[AnkiCard]string{
		{10, 0}: NoteID("g1"), {11, 0}: NoteID("g2"), {11, 1}: NoteID("g2"),
		{12, 0}: NoteID("g3") + ".sco", {12, 1}: NoteID("g3") + ".2001", {13, 0}: NoteID("g4"),
	}
	for k, v := range cards {
		if im.AnkiCards[k] != v {
			t.Errorf("AnkiCards[%v] = %q, want %q", k, im.AnkiCards[k], v)
		}
	}
	notesText := strings.Join(im.Notes, "\n")
	for _, s := range []string{"Basic and reversed", "1 cloze hint", "1 media reference", "unknown note type 9", "empty front or back"} {
		if !strings.Contains(notesText, s) {
			t.Errorf("notes lack %q:\n%s", s, notesText)
		}
	}
}

// TestImportAnkiUpdate: a note edited in Anki keeps its guid, so importing
// the updated package gives the same card id with the new text.
func TestImportAnkiUpdate(t *testing.T) {
	types := []ImportNoteType{{ID: 1, Name: "Basic", Fields: []string{"Front", "Back"}, Templates: []string{"{{Front}}"}}}
	old, err := ImportAnki("d.apkg", []ImportNote{{ID: 1, GUID: "Ab#1", TypeID: 1, Fields: []string{"Q", "A"}}}, types, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	updated, err := ImportAnki("d.apkg", []ImportNote{
		{ID: 1, GUID: "Ab#1", TypeID: 1, Fields: []string{"Q, reworded", "A"}},
		{ID: 2, GUID: "Cd#2", TypeID: 1, Fields: []string{"New", "B"}},
	}, types, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if old.Entries[0].ID != updated.Entries[0].ID || updated.Entries[0].Q != "Q, reworded" || updated.Entries[1].ID == old.Entries[0].ID {
		t.Errorf("old %+v, updated %+v", old.Entries, updated.Entries)
	}
}

// TestImportAnkiGolden converts each NAME.collection.json (what
// store/ankidb reads from NAME.apkg; its test keeps them in step) and
// compares the YAML with NAME.golden.yaml, rewritten under -update.
func TestImportAnkiGolden(t *testing.T) {
	dumps, _ := filepath.Glob("testdata/import/*.collection.json")
	if len(dumps) < 3 {
		t.Fatalf("only %d collection dumps", len(dumps))
	}
	for _, f := range dumps {
		name := strings.TrimSuffix(filepath.Base(f), ".collection.json")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var dump struct {
				DeckName  string
				NoteTypes []ImportNoteType
				Notes     []ImportNote
			}
			if err := json.Unmarshal(raw, &dump); err != nil {
				t.Fatal(err)
			}
			im, err := ImportAnki(name+".apkg", dump.Notes, dump.NoteTypes, ImportOptions{Slug: SlugFromName(dump.DeckName + ".apkg"), Title: dump.DeckName})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := im.Check(); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			got.Write(im.YAML())
			for _, n := range im.Notes {
				got.WriteString("# note: " + n + "\n")
			}
			golden := filepath.Join("testdata", "import", name+".golden.yaml")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if got.String() != string(want) {
				t.Errorf("%s differs from %s:\n%s", name, golden, got.String())
			}
		})
	}
}

package ankiexport

import (
	"bytes"
	"crypto/sha1"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)

func testCollection() Collection {
	return Collection{
		DeckName: "Export test", DeckID: DeckID("export-small"), DeckDesc: "a test", Now: testNow,
		Notes: []Note{
			{GUID: "g-basic", Kind: Basic, Fields: []string{"What is <b>SCO</b>?", "Shanghai &amp; more"}, Tags: []string{"sco", "key_dates"}},
			{GUID: "g-cloze", Kind: Cloze, Fields: []string{"The {{c1::SCO}} was formed in {{c2::2001}}.", ""}, Ords: []int{0, 1}},
			{GUID: "g-plain", Kind: Basic, Fields: []string{"Cooperation took shape gradually.<br><br>True or false?", "True"}},
		},
	}
}

// mustWrite writes c to a fresh file and opens it with database/sql.
func mustWrite(t *testing.T, c Collection) *sql.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "collection.anki2")
	if err := Write(path, c); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestSchema checks the tables and columns that a schema-11 reader (Anki
// 2.1's importer, anki-reader, genanki's readers) selects.
func TestSchema(t *testing.T) {
	db := mustWrite(t, testCollection())
	want := map[string][]string{
		"col":    {"id", "crt", "mod", "scm", "ver", "dty", "usn", "ls", "conf", "models", "decks", "dconf", "tags"},
		"notes":  {"id", "guid", "mid", "mod", "usn", "tags", "flds", "sfld", "csum", "flags", "data"},
		"cards":  {"id", "nid", "did", "ord", "mod", "usn", "type", "queue", "due", "ivl", "factor", "reps", "lapses", "left", "odue", "odid", "flags", "data"},
		"revlog": {"id", "cid", "usn", "ease", "ivl", "lastIvl", "factor", "time", "type"},
		"graves": {"usn", "oid", "type"},
	}
	for table, cols := range want {
		rows, err := db.Query("SELECT name FROM pragma_table_info(?)", table)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			got = append(got, n)
		}
		rows.Close()
		if !slices.Equal(got, cols) {
			t.Errorf("table %s has columns %q, want %q", table, got, cols)
		}
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM col").Scan(&n); err != nil || n != 1 {
		t.Fatalf("col has %d rows (%v), want 1", n, err)
	}
}

func TestColRow(t *testing.T) {
	c := testCollection()
	db := mustWrite(t, c)
	var (
		ver, crt, mod, scm                  int64
		conf, models, decks, dconf, tagsCol string
	)
	err := db.QueryRow("SELECT ver, crt, mod, scm, conf, models, decks, dconf, tags FROM col").
		Scan(&ver, &crt, &mod, &scm, &conf, &models, &decks, &dconf, &tagsCol)
	if err != nil {
		t.Fatal(err)
	}
	if ver != 11 {
		t.Errorf("ver %d, want 11", ver)
	}
	if mod != testNow.UnixMilli() || scm != testNow.UnixMilli() || crt > testNow.Unix() {
		t.Errorf("crt %d mod %d scm %d: not from the time passed in", crt, mod, scm)
	}
	var (
		confJ  map[string]any
		modelJ map[string]struct {
			ID    int64  `json:"id"`
			Name  string `json:"name"`
			Type  int    `json:"type"`
			Sortf int    `json:"sortf"`
			Flds  []struct {
				Name string `json:"name"`
				Ord  int    `json:"ord"`
			} `json:"flds"`
			Tmpls []struct {
				Name string `json:"name"`
				Qfmt string `json:"qfmt"`
				Afmt string `json:"afmt"`
			} `json:"tmpls"`
			CSS string `json:"css"`
		}
		deckJ map[string]struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
			Conf int64  `json:"conf"`
		}
		dconfJ map[string]map[string]any
		tagJ   map[string]any
	)
	for _, j := range []struct {
		name, text string
		v          any
	}{{"conf", conf, &confJ}, {"models", models, &modelJ}, {"decks", decks, &deckJ}, {"dconf", dconf, &dconfJ}, {"tags", tagsCol, &tagJ}} {
		if err := json.Unmarshal([]byte(j.text), j.v); err != nil {
			t.Fatalf("col.%s is not JSON: %v\n%s", j.name, err, j.text)
		}
	}
	basic, cloze := modelJ[strconv.FormatInt(BasicModelID, 10)], modelJ[strconv.FormatInt(ClozeModelID, 10)]
	if basic.ID != BasicModelID || basic.Type != 0 || len(basic.Flds) != 2 || basic.Flds[0].Name != "Front" || len(basic.Tmpls) != 1 ||
		!strings.Contains(basic.Tmpls[0].Qfmt, "{{Front}}") || !strings.Contains(basic.Tmpls[0].Afmt, "{{Back}}") {
		t.Errorf("basic note type %+v", basic)
	}
	if cloze.ID != ClozeModelID || cloze.Type != 1 || len(cloze.Flds) != 2 || cloze.Flds[0].Name != "Text" || len(cloze.Tmpls) != 1 ||
		!strings.Contains(cloze.Tmpls[0].Qfmt, "{{cloze:Text}}") {
		t.Errorf("cloze note type %+v", cloze)
	}
	if d := deckJ["1"]; d.ID != 1 || d.Name != "Default" {
		t.Errorf("no Default deck: %+v", deckJ)
	}
	if d := deckJ[strconv.FormatInt(c.DeckID, 10)]; d.ID != c.DeckID || d.Name != c.DeckName || d.Conf != 1 {
		t.Errorf("deck %+v", d)
	}
	if _, ok := dconfJ["1"]; !ok {
		t.Errorf("no deck options 1: %v", dconfJ)
	}
	for _, id := range []int64{BasicModelID, ClozeModelID, c.DeckID} {
		if id >= 1<<53 {
			t.Errorf("id %d does not survive JSON in JavaScript", id)
		}
	}
}

// TestNotesAndCards checks that every note has its cards, a cloze one per
// ordinal, with Anki's csum and sort field.
func TestNotesAndCards(t *testing.T) {
	c := testCollection()
	db := mustWrite(t, c)
	rows, err := db.Query("SELECT id, guid, mid, tags, flds, sfld, csum FROM notes ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	clozeNum := regexp.MustCompile(`\{\{c(\d+)::`)
	i := 0
	for ; rows.Next(); i++ {
		var (
			nid, mid, csum         int64
			guid, tags, flds, sfld string
		)
		if err := rows.Scan(&nid, &guid, &mid, &tags, &flds, &sfld, &csum); err != nil {
			t.Fatal(err)
		}
		want := c.Notes[i]
		if guid != want.GUID {
			t.Errorf("note %d guid %q, want %q", i, guid, want.GUID)
		}
		if nid != testNow.UnixMilli()+int64(i) {
			t.Errorf("note %d id %d: not derived from the time passed in", i, nid)
		}
		fields := strings.Split(flds, "\x1f")
		if !slices.Equal(fields, want.Fields) {
			t.Errorf("note %d fields %q", i, fields)
		}
		if wantTags := strings.Join(want.Tags, " "); strings.TrimSpace(tags) != wantTags || (tags != "" && (tags[0] != ' ' || tags[len(tags)-1] != ' ')) {
			t.Errorf("note %d tags %q, want %q between spaces", i, tags, wantTags)
		}
		// Anki: sfld is the stripped sort field; csum the first 8 hex digits
		// of the SHA-1 of the stripped first field.
		stripped := map[string]string{
			"g-basic": "What is SCO?",
			"g-cloze": "The {{c1::SCO}} was formed in {{c2::2001}}.",
			"g-plain": "Cooperation took shape gradually.True or false?",
		}[guid]
		if sfld != stripped {
			t.Errorf("note %d sfld %q, want %q", i, sfld, stripped)
		}
		sum := sha1.Sum([]byte(stripped))
		wantCsum, _ := strconv.ParseInt(hex.EncodeToString(sum[:])[:8], 16, 64)
		if csum != wantCsum {
			t.Errorf("note %d csum %d, want %d", i, csum, wantCsum)
		}
		var ords []int
		crows, err := db.Query("SELECT ord, did, type, queue FROM cards WHERE nid = ? ORDER BY ord", nid)
		if err != nil {
			t.Fatal(err)
		}
		for crows.Next() {
			var ord, typ, queue int
			var did int64
			if err := crows.Scan(&ord, &did, &typ, &queue); err != nil {
				t.Fatal(err)
			}
			if did != c.DeckID || typ != 0 || queue != 0 {
				t.Errorf("note %d card %d: deck %d type %d queue %d, want a new card in deck %d", i, ord, did, typ, queue, c.DeckID)
			}
			ords = append(ords, ord)
		}
		crows.Close()
		var wantOrds []int
		switch mid {
		case BasicModelID:
			wantOrds = []int{0}
		case ClozeModelID:
			for _, m := range clozeNum.FindAllStringSubmatch(fields[0], -1) {
				n, _ := strconv.Atoi(m[1])
				if !slices.Contains(wantOrds, n-1) {
					wantOrds = append(wantOrds, n-1)
				}
			}
			slices.Sort(wantOrds)
		default:
			t.Errorf("note %d has note type %d", i, mid)
		}
		if !slices.Equal(ords, wantOrds) {
			t.Errorf("note %d (%s) has cards %v, want %v", i, guid, ords, wantOrds)
		}
	}
	if i != len(c.Notes) {
		t.Errorf("%d notes, want %d", i, len(c.Notes))
	}
	var orphans int
	db.QueryRow("SELECT count(*) FROM cards WHERE nid NOT IN (SELECT id FROM notes)").Scan(&orphans)
	if orphans != 0 {
		t.Errorf("%d cards without a note", orphans)
	}
}

func TestChecksum(t *testing.T) {
	// sha1("hello") = aaf4c61d...; Anki's csum is int("aaf4c61d", 16).
	if got := Checksum("<b>hello</b>"); got != 0xaaf4c61d {
		t.Errorf("Checksum = %x, want aaf4c61d", got)
	}
	if got := StripHTML(`a<img src="x.png">b &amp;&nbsp;<!-- c --><br>d `); got != "a x.png b & d " {
		t.Errorf("StripHTML = %q", got)
	}
}

func TestWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.anki2")
	if err := Write(path, testCollection()); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, testCollection()); err == nil {
		t.Error("Write over an existing file succeeded")
	}
	bad := testCollection()
	bad.Notes[0].Tags = []string{"two words"}
	if err := Write(filepath.Join(dir, "d.anki2"), bad); err == nil || !strings.Contains(err.Error(), "two words") {
		t.Errorf("a tag with a space: %v", err)
	}
}

func TestDeckID(t *testing.T) {
	if a, b := DeckID("frameworks"), DeckID("frameworks"); a != b || a <= 1 || a >= 1<<53 || a == DeckID("challenges") {
		t.Errorf("DeckID: %d %d", a, b)
	}
}

// TestDeterministic: the same collection and time make the same file, so
// that an export can be compared and cached.
func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	var files [2][]byte
	for i := range files {
		path := filepath.Join(dir, strconv.Itoa(i)+".anki2")
		if err := Write(path, testCollection()); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = data
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two writes of one collection differ")
	}
}

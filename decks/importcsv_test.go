package decks

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"steppe/quiz"
)

// TestImportCSVGolden imports each CSV, TSV and Anki text export under
// testdata/import and compares the YAML with NAME.golden.yaml (rewritten
// under -update). Every output must parse as a deck.
func TestImportCSVGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/import/*.txt")
	csvs, _ := filepath.Glob("testdata/import/*.csv")
	files = append(files, csvs...)
	if len(files) < 5 {
		t.Fatalf("only %d import fixtures", len(files))
	}
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "bad-") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			im, err := ImportCSV(filepath.Base(f), data, ImportOptions{})
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
			golden := strings.TrimSuffix(f, filepath.Ext(f)) + ".golden.yaml"
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
				t.Errorf("%s differs from %s:\n%s", f, golden, got.String())
			}
		})
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       rune
	}{
		{"comma", "a,b\nc,d\n", ','},
		{"tab", "a\tb\nc\td\n", '\t'},
		{"semicolon", "a;b;c\nd;e;f\n", ';'},
		{"tab with commas in fields", "one, two\tthree, four\nfive\tsix\n", '\t'},
		{"semicolon with commas in some fields", "a;b, c\nd;e\n", ';'},
		{"quoted delimiters", "\"a;b\",c\n\"d;e\",f\n", ','},
		{"a bad row does not throw it", "a,b\nc,d,e\nf,g\nh,i\n", ','},
	} {
		if got := sniff([]byte(tc.data)); got != tc.want {
			t.Errorf("%s: sniff = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestImportCSVCases(t *testing.T) {
	for _, tc := range []struct {
		name    string
		data    string
		opts    ImportOptions
		want    []Entry // ID, Type, Q, Answer, Wrong, Tags compared
		wantErr string
	}{
		{name: "header and choice",
			data: "question,answer,wrong,wrong\nQ1,A,B,C\n",
			want: []Entry{{ID: "q1", Type: quiz.Choice, Q: "Q1", Answer: "A", Wrong: []string{"B", "C"}}}},
		{name: "no wrong makes basic",
			data: "front,back,wrong\nQ1,A,\n",
			want: []Entry{{ID: "q1", Type: quiz.Basic, Q: "Q1", Answer: "A"}}},
		{name: "BOM and CRLF",
			data: "\ufeffq,answer\r\nQ1,A\r\n",
			want: []Entry{{ID: "q1", Type: quiz.Basic, Q: "Q1", Answer: "A"}}},
		{name: "quoted multi-line field and doubled quotes",
			data: "q,answer\n\"two\nlines\",\"say \"\"hi\"\"\"\n",
			want: []Entry{{ID: "two-lines", Type: quiz.Basic, Q: "two\nlines", Answer: "say \"hi\""}}},
		{name: "columns flag",
			data: "Q1;A;B;t1 t2\n",
			opts: ImportOptions{Columns: []string{"q", "answer", "wrong", "tags"}},
			want: []Entry{{ID: "q1", Type: quiz.Choice, Q: "Q1", Answer: "A", Wrong: []string{"B"}, Tags: []string{"t1", "t2"}}}},
		{name: "ids are deduplicated",
			data: "q\tanswer\nSame?\t1\nsame\t2\nSame!\t3\n",
			want: []Entry{{ID: "same", Type: quiz.Basic, Q: "Same?", Answer: "1"}, {ID: "same-2", Type: quiz.Basic, Q: "same", Answer: "2"}, {ID: "same-3", Type: quiz.Basic, Q: "Same!", Answer: "3"}}},
		{name: "anki html off keeps tags as text",
			data: "#separator:comma\n#html:false\n<b>x</b>,y\n",
			want: []Entry{{ID: "b-x-b", Type: quiz.Basic, Q: "<b>x</b>", Answer: "y"}}},
		{name: "anki pipe separator and html",
			data: "#separator:pipe\n#html:true\nA &amp; B|c<br>d\n",
			want: []Entry{{ID: "a-b", Type: quiz.Basic, Q: "A & B", Answer: "c\nd"}}},
		{name: "steppe's own CSV export: lists joined with |",
			data: "id,type,q,answer,accept,answers,wrong,items,explain,section,quote,tags\n" +
				"m1,multi,Pick two,,,A|B,C\\|D,,,,,x|y\n" +
				"o1,order,Order them,,,,,1|2|3,,,,\n",
			want: []Entry{{ID: "m1", Type: quiz.Multi, Q: "Pick two", Answers: []string{"A", "B"}, Wrong: []string{"C|D"}, Tags: []string{"x", "y"}},
				{ID: "o1", Type: quiz.Order, Q: "Order them", Items: []string{"1", "2", "3"}}}},
		{name: "a first row starting with # is not a header",
			data: "#tip: read,yes\n",
			want: []Entry{{ID: "tip-read", Type: quiz.Basic, Q: "#tip: read", Answer: "yes"}}},
		{name: "wrong column count names the line",
			data:    "q,answer\nQ1,A\n\"multi\nline\",B\nQ3,C,extra\n",
			wantErr: "x.csv:5: row has 3 columns, expected 2"},
		{name: "unknown columns flag",
			data: "a,b\n", opts: ImportOptions{Columns: []string{"q", "nonsense"}},
			wantErr: `unknown column "nonsense"`},
		{name: "empty file", data: "", wantErr: "no rows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im, err := ImportCSV("x.csv", []byte(tc.data), tc.opts)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := im.Check(); err != nil {
				t.Fatal(err)
			}
			var got []Entry
			for _, e := range im.Entries {
				got = append(got, Entry{ID: e.ID, Type: e.Type, Q: e.Q, Answer: e.Answer, Answers: e.Answers, Wrong: e.Wrong, Items: e.Items, Tags: e.Tags})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestImportCSVSkipBad(t *testing.T) {
	data, err := os.ReadFile("testdata/import/bad-columns.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, err = ImportCSV("bad-columns.csv", data, ImportOptions{})
	var bad *BadRowsError
	if !errors.As(err, &bad) {
		t.Fatalf("err = %v, want a BadRowsError", err)
	}
	if len(bad.Rows) != 2 || bad.Rows[0].Line != 3 || bad.Rows[1].Line != 5 {
		t.Errorf("bad rows = %v, want lines 3 and 5", bad.Rows)
	}
	if !strings.Contains(err.Error(), "bad-columns.csv:3: row has 3 columns, expected 2") {
		t.Errorf("message does not name line 3:\n%v", err)
	}
	im, err := ImportCSV("bad-columns.csv", data, ImportOptions{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Entries) != 2 || len(im.Bad) != 2 {
		t.Errorf("--skip-bad: %d cards, %d bad rows; want 2 and 2", len(im.Entries), len(im.Bad))
	}
}

func TestPlainText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a<br>b", "a\nb"},
		{"<div>one</div><div>two</div>", "one\ntwo"},
		{"Tom &amp; Jerry&nbsp;&lt;3", "Tom & Jerry <3"},
		{"x <img src=\"a.png\"> y [sound:b.mp3]", "x y"},
		{"<span style=\"color:red\">red</span>\ntext", "red text"},
	} {
		if got, _ := plainText(tc.in, true); got != tc.want {
			t.Errorf("plainText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	_, media := plainText(`<img src='a.png'> [sound:b.mp3]`, true)
	if !reflect.DeepEqual(media, []string{"b.mp3", "a.png"}) {
		t.Errorf("media = %q", media)
	}
}

func TestAnkiCloze(t *testing.T) {
	q, first, hints, notes := ankiCloze("{{c1::SCO}} in {{c2::2001::year}}; {{c3::sco}} again, {{c1::Astana}}")
	if q != "{{SCO}} in {{2001}}; sco again, {{Astana}}" {
		t.Errorf("q = %q", q)
	}
	if hints != 1 || len(notes) != 1 {
		t.Errorf("hints %d, notes %q", hints, notes)
	}
	want := map[int]string{1: "sco", 2: "2001", 3: "sco"}
	if !reflect.DeepEqual(first, want) {
		t.Errorf("first = %v, want %v", first, want)
	}
}

func TestNoteID(t *testing.T) {
	a, b := NoteID("f:A1b2C3d4e5"), NoteID("f:A1b2C3d4e5")
	if a != b || !isSlug(a) || len(a) != 14 {
		t.Errorf("NoteID = %q, %q", a, b)
	}
	if NoteID("other") == a {
		t.Error("two guids make one id")
	}
}

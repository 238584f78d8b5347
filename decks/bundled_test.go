package decks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"steppe/quiz"
)

// TestBundledFilesEmbedsAll checks that every decks/bundled/*.yaml file on
// disk is embedded, unchanged.
func TestBundledFilesEmbedsAll(t *testing.T) {
	onDisk, _ := filepath.Glob("bundled/*.yaml")
	files := BundledFiles()
	if len(files) != len(onDisk) || len(files) == 0 {
		t.Fatalf("%d embedded files, %d on disk", len(files), len(onDisk))
	}
	for i, f := range files {
		if f.Name != "decks/"+onDisk[i] {
			t.Errorf("file %d named %q, want %q", i, f.Name, "decks/"+onDisk[i])
		}
		data, err := os.ReadFile(onDisk[i])
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != string(f.Data) {
			t.Errorf("%s: embedded copy differs (rebuild)", f.Name)
		}
	}
}

// TestBundledClean parses every bundled deck and lints it against the
// bundled source: no errors and no warnings.
func TestBundledClean(t *testing.T) {
	decks, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if len(decks) != len(BundledFiles()) {
		t.Fatalf("%d decks from %d files", len(decks), len(BundledFiles()))
	}
	for _, d := range decks {
		if !strings.HasPrefix(d.File, "decks/bundled/") {
			t.Errorf("deck %s named %q", d.Slug, d.File)
		}
		for _, dg := range Lint(d, LintOptions{Source: BundledSource()}) {
			t.Errorf("%v", dg)
		}
		for _, e := range d.Entries {
			if e.Section == "" || e.Quote == "" || e.Explain == "" {
				t.Errorf("%s/%s lacks section, quote or explain", d.Slug, e.ID)
			}
		}
	}
}

func TestFrameworksDeck(t *testing.T) {
	decks, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	var d *Deck
	for _, x := range decks {
		if x.Slug == "frameworks" {
			d = x
		}
	}
	if d == nil {
		t.Fatal("no frameworks deck")
	}
	if d.File != "decks/bundled/frameworks.yaml" || d.Source == nil ||
		d.Source.Title != "Understanding the Importance of Regional Security Cooperation Agreements" ||
		!strings.Contains(d.Source.Note, "AI-generated") {
		t.Errorf("frameworks: file %q source %+v", d.File, d.Source)
	}
	types := map[quiz.CardType]int{}
	for _, e := range d.Entries {
		types[e.Type]++
	}
	for _, ty := range quiz.CardTypes {
		if types[ty] == 0 {
			t.Errorf("no %s card", ty)
		}
	}
}

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
	embedded := map[string]string{}
	for _, f := range files {
		embedded[f.Name] = string(f.Data)
	}
	for _, name := range onDisk {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := embedded["decks/"+name]
		if !ok {
			t.Errorf("%s is not embedded", name)
		} else if got != string(data) {
			t.Errorf("%s: embedded copy differs (rebuild)", name)
		}
	}
}

// TestBundledCourseOrder: a new learner meets the decks in the order of the
// source text.
func TestBundledCourseOrder(t *testing.T) {
	var got []string
	for _, f := range BundledFiles() {
		got = append(got, strings.TrimSuffix(filepath.Base(f.Name), ".yaml"))
	}
	want := []string{"frameworks", "challenges", "confidence-building", "beyond-security"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("bundled decks in order %v, want %v", got, want)
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

package decks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that no input makes Parse panic or return both a deck
// and an error, and that a parsed deck lints without panicking.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.yaml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse("fuzz.yaml", data)
		if (d == nil) == (err == nil) {
			t.Fatalf("Parse gave deck %v and error %v", d != nil, err)
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml:") {
				t.Fatalf("error not placed in the file: %v", err)
			}
			return
		}
		Lint(d, LintOptions{Source: BundledSource()})
	})
}

package decks

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDraftGolden drafts a small synthetic text and compares the YAML with
// testdata/draft/small.golden (go test -update rewrites it). The draft must
// also parse and lint clean against its text.
func TestDraftGolden(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("testdata", "draft", "small.txt"))
	if err != nil {
		t.Fatal(err)
	}
	src := NewSourceText("small.txt", text)
	got, _, err := Draft(src, "small", "")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join("testdata", "draft", "small.golden"), string(got))
	d, err := Parse("small.yaml", got)
	if err != nil {
		t.Fatalf("the draft does not parse: %v", err)
	}
	for _, diag := range Lint(d, LintOptions{Source: src}) {
		t.Errorf("lint: %s", diag.String())
	}
}

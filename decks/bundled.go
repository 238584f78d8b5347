package decks

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// The bundled decks: every decks/bundled/*.yaml file, embedded at build time.
//
//go:embed bundled/*.yaml
var bundledFS embed.FS

//go:embed source/regional-security-cooperation.txt
var bundledSourceText []byte

// BundledSourceName is the name of the bundled decks' source text.
const BundledSourceName = "decks/source/regional-security-cooperation.txt"

// BundledFile is one embedded deck file.
type BundledFile struct {
	Name string // as shown in diagnostics: "decks/bundled/NAME.yaml"
	Data []byte // the file's contents; shared, do not modify
}

// BundledFiles lists the embedded deck files in course order without parsing
// them, so that a cache can tell cheaply whether they changed.
func BundledFiles() []BundledFile {
	entries, err := fs.Glob(bundledFS, "bundled/*.yaml")
	if err != nil {
		panic(err) // the pattern is constant and valid
	}
	sort.SliceStable(entries, func(i, j int) bool {
		ri, rj := courseRank(entries[i]), courseRank(entries[j])
		if ri != rj {
			return ri < rj
		}
		return entries[i] < entries[j]
	})
	files := make([]BundledFile, 0, len(entries))
	for _, e := range entries {
		data, err := bundledFS.ReadFile(e)
		if err != nil {
			panic(fmt.Sprintf("decks: read embedded %s: %v", e, err))
		}
		files = append(files, BundledFile{Name: path.Join("decks", e), Data: data})
	}
	return files
}

// courseOrder is the order of the bundled decks in the source text, so that
// a new learner meets the frameworks before the challenges, and so on.
var courseOrder = []string{"frameworks", "challenges", "confidence-building", "beyond-security"}

// courseRank places a bundled file in courseOrder; any other comes after.
func courseRank(name string) int {
	base := strings.TrimSuffix(path.Base(name), ".yaml")
	for i, slug := range courseOrder {
		if slug == base {
			return i
		}
	}
	return len(courseOrder)
}

// Bundled parses every embedded deck, in course order. Its error, if
// any, is an ErrorList holding the problems of every file, including two
// files that use the same slug.
func Bundled() ([]*Deck, error) {
	var (
		decks []*Deck
		errs  ErrorList
		slugs = map[string]string{}
	)
	for _, f := range BundledFiles() {
		d, err := Parse(f.Name, f.Data)
		if err != nil {
			if l, ok := err.(ErrorList); ok {
				errs = append(errs, l...)
			} else {
				errs = append(errs, Diagnostic{File: f.Name, Msg: err.Error()})
			}
			continue
		}
		if other, dup := slugs[d.Slug]; dup {
			errs = append(errs, Diagnostic{
				File: f.Name, Line: d.Pos("deck").Line, Col: d.Pos("deck").Col,
				Msg:     fmt.Sprintf("deck slug %q is already used by %s", d.Slug, other),
				Excerpt: d.lines.line(d.Pos("deck").Line),
			})
			continue
		}
		slugs[d.Slug] = f.Name
		decks = append(decks, d)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return decks, nil
}

var bundledSource = sync.OnceValue(func() *SourceText {
	return NewSourceText(BundledSourceName, bundledSourceText)
})

// BundledSource returns the source text the bundled decks are drawn from,
// "Understanding the Importance of Regional Security Cooperation
// Agreements". It is built once and shared.
func BundledSource() *SourceText { return bundledSource() }

// BundledSourceBytes returns the bundled source text as embedded; shared,
// do not modify.
func BundledSourceBytes() []byte { return bundledSourceText }

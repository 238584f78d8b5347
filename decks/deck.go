package decks

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	yamlparser "github.com/goccy/go-yaml/parser"

	"steppe/quiz"
)

// FormatVersion is the deck format this package reads.
const FormatVersion = 1

// Deck is one parsed and checked deck file.
type Deck struct {
	Format      int    // always FormatVersion
	Slug        string // the "deck" field: learner progress is keyed by it
	Title       string
	Description string
	Source      *Source // nil when the deck names no source

	// Entries are the cards as written in the file, in file order.
	Entries []Entry
	// Cards are the cards a learner meets: one per entry, except that a
	// cloze entry gives one per blank. Each has Deck, File and Line set.
	Cards []quiz.Card

	File string // the file name used in diagnostics and in each Card

	fields []fieldPos // where the deck's own fields were written
	lines  *lineIndex // the file's text, for Lint's excerpts
}

// Source is the provenance of a whole deck: the text its cards are drawn
// from.
type Source struct {
	Title string
	Note  string // e.g. a caution about the text's reliability
	URL   string
}

// Entry is one card of a deck file as written. A cloze entry keeps its q
// with the {{...}} blanks; Deck.Cards has the expanded cards.
type Entry struct {
	ID      string
	Type    quiz.CardType
	Q       string
	Answer  string // basic, typed, choice; truefalse: "true" or "false"
	Accept  []string
	Answers []string
	Wrong   []string
	Items   []string
	Explain string
	Section string
	Quote   string
	Tags    []string

	Line, Col int // where the entry starts: its first field

	fields []fieldPos
}

// Pos returns where the value of the named field of e was written ("q",
// "answer", "quote", ...), or the zero Pos if e has no such field.
func (e *Entry) Pos(field string) Pos { return lookupPos(e.fields, field, -1) }

// ItemPos returns where item i of the named list field of e ("wrong",
// "answers", ...) was written, or the zero Pos if there is no such item.
func (e *Entry) ItemPos(field string, i int) Pos { return lookupPos(e.fields, field, i) }

// Pos returns where the value of the named deck-level field was written:
// "format", "deck", "title", "description", "source", "source.title",
// "source.note", "source.url" or "cards". It is the zero Pos for a field the
// file does not have.
func (d *Deck) Pos(field string) Pos { return lookupPos(d.fields, field, -1) }

func lookupPos(fs []fieldPos, name string, i int) Pos {
	for _, f := range fs {
		if f.name != name {
			continue
		}
		if i < 0 {
			return f.pos
		}
		if i < len(f.items) {
			return f.items[i]
		}
	}
	return Pos{}
}

// ParseFile reads and parses the deck file at path, naming it path in
// diagnostics.
func ParseFile(path string) (*Deck, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read deck: %w", err)
	}
	return Parse(path, data)
}

var (
	deckFields   = []string{"format", "deck", "title", "description", "source", "cards"}
	sourceFields = []string{"title", "note", "url"}
)

// Parse parses a deck file's data; file names it in diagnostics and in the
// cards. On any error it returns a nil Deck and an ErrorList holding every
// problem found (a YAML syntax error stops the search at that error).
func Parse(file string, data []byte) (*Deck, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a UTF-8 byte order mark
	if bytes.IndexByte(data, '\r') >= 0 {
		// goccy/go-yaml v1.19.2 counts a CRLF inside a multi-line quoted
		// string as two lines, misplacing every later diagnostic. YAML reads
		// CRLF as a line break anyway, so make it LF first.
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	p := &parser{file: file, lines: &lineIndex{src: data}}
	f, err := parseYAML(data)
	if err != nil {
		p.syntaxError(err)
		return nil, ErrorList(p.diags)
	}
	d := &Deck{File: file, lines: p.lines}
	var root ast.Node
	for i, doc := range f.Docs {
		if doc.Body == nil {
			continue
		}
		if root != nil {
			p.errorf(posOf(f.Docs[i].Body), "a deck file holds one YAML document; another starts here")
			break
		}
		root = doc.Body
	}
	if root == nil {
		p.errorf(Pos{1, 1}, "empty deck file; a deck starts with \"format: 1\"")
		return nil, ErrorList(p.diags)
	}
	if bytes.IndexByte(data, '&') >= 0 {
		p.collectAnchors(root)
	}
	p.deck(d, root)
	if len(p.diags) > 0 {
		sortDiagnostics(p.diags)
		return nil, ErrorList(p.diags)
	}
	d.expand()
	return d, nil
}

// parseYAML parses data into goccy/go-yaml's AST. Duplicate keys are let
// through, to be reported with the deck's other problems. A panic of the
// YAML parser on strange input becomes an error rather than a crash.
func parseYAML(data []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML parser failed on this file (%v)", r)
		}
	}()
	return yamlparser.ParseBytes(data, 0, yamlparser.AllowDuplicateMapKey())
}

// syntaxError reports a YAML error from goccy/go-yaml at its token.
func (p *parser) syntaxError(err error) {
	var yerr yaml.Error
	if errors.As(err, &yerr) {
		p.errorf(tokenPos(yerr.GetToken()), "YAML syntax: %s", yerr.GetMessage())
		return
	}
	p.errorf(Pos{}, "YAML syntax: %v", err)
}

// deck reads the top-level mapping into d.
func (p *parser) deck(d *Deck, root ast.Node) {
	fs, typos, ok := p.fields(root, "the deck", deckFields)
	if !ok {
		return
	}
	var haveFormat, haveSlug, haveTitle, haveCards bool
	for _, f := range fs {
		at := posOf(f.value)
		switch f.key {
		case "format":
			haveFormat = true
			s, ok := p.text(f.value, "format")
			if !ok {
				continue
			}
			if n, err := strconv.Atoi(s); err != nil || n != FormatVersion {
				shown := s
				if err != nil {
					shown = strconv.Quote(s)
				}
				p.errorf(at, "format %s is not supported; this steppe reads format 1", shown)
				continue
			}
			d.Format = FormatVersion
		case "deck":
			haveSlug = true
			d.Slug = p.slug(f.value, "deck slug")
		case "title":
			haveTitle = true
			var ok bool
			d.Title, ok = p.text(f.value, "title")
			if ok && d.Title == "" {
				p.errorf(at, "title is empty")
			}
		case "description":
			d.Description, _ = p.text(f.value, "description")
		case "source":
			d.Source = p.source(f.value, &d.fields)
		case "cards":
			haveCards = true
			d.Entries = p.cards(f.value, d)
		}
		d.fields = append(d.fields, fieldPos{name: f.key, pos: at})
	}
	start := posOf(root)
	if !haveFormat && !typos["format"] {
		p.errorf(start, "missing field \"format\"; a deck file starts with \"format: 1\"")
	}
	if !haveSlug && !typos["deck"] {
		p.errorf(start, "missing field \"deck\", the deck's slug (e.g. deck: frameworks)")
	}
	if !haveTitle && !typos["title"] {
		p.errorf(start, "missing field \"title\"")
	}
	if !haveCards && !typos["cards"] {
		p.errorf(start, "missing field \"cards\"")
	}
}

func (p *parser) source(n ast.Node, fp *[]fieldPos) *Source {
	fs, typos, ok := p.fields(n, "source", sourceFields)
	if !ok {
		return nil
	}
	src := &Source{}
	for _, f := range fs {
		s, _ := p.text(f.value, "source "+f.key)
		switch f.key {
		case "title":
			src.Title = s
		case "note":
			src.Note = s
		case "url":
			src.URL = s
		}
		*fp = append(*fp, fieldPos{name: "source." + f.key, pos: posOf(f.value)})
	}
	if src.Title == "" && !typos["title"] {
		p.errorf(posOf(n), "source needs a title")
	}
	return src
}

// slug reads an identifier: a deck's slug or a card's id.
func (p *parser) slug(n ast.Node, what string) string {
	s, ok := p.text(n, what)
	if !ok {
		return ""
	}
	if s == "" {
		p.errorf(posOf(n), "%s is empty", what)
	} else if !isSlug(s) {
		p.errorf(posOf(n), "%s %q may use only a-z, 0-9 and '-'", what, s)
	}
	return s
}

// isSlug reports whether s is a non-empty string of [a-z0-9-].
func isSlug(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

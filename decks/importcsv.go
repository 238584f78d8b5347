package decks

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// BadRowsError is the error of a CSV import that met bad rows without
// ImportOptions.SkipBad: each row is named by its line.
type BadRowsError struct {
	File string
	Rows []BadRow
}

func (e *BadRowsError) Error() string {
	var b strings.Builder
	for i, r := range e.Rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s:%d: %s", e.File, r.Line, r.Msg)
	}
	fmt.Fprintf(&b, "\n%s: %d bad row(s); nothing imported (--skip-bad imports the good rows)", e.File, len(e.Rows))
	return b.String()
}

// ankiHeaders are the "#key:value" lines Anki writes at the top of a text
// export (Anki 2.1.55 and later).
type ankiHeaders struct {
	separator rune // 0 when not given
	html      bool
	columns   []string // raw, split by the separator later
	rawCols   string
	deck      string
	tagsCol   int // 1-based; 0 when not given
	guidCol   int
	typeCol   int
	deckCol   int
	lines     int // how many lines the headers take
}

var separators = map[string]rune{"tab": '\t', "comma": ',', "semicolon": ';', "pipe": '|', "space": ' ', "colon": ':'}

var ankiHeaderKeys = map[string]bool{
	"separator": true, "html": true, "columns": true, "deck": true, "notetype": true,
	"tags column": true, "guid column": true, "notetype column": true, "deck column": true,
}

var reHeader = regexp.MustCompile(`^#([a-z ]+):(.*)$`)

// readAnkiHeaders reads the leading "#key:value" lines of data.
func readAnkiHeaders(data []byte) (h ankiHeaders, rest []byte, err error) {
	rest = data
	for len(rest) > 0 && rest[0] == '#' {
		end := bytes.IndexByte(rest, '\n')
		line := rest
		next := []byte(nil)
		if end >= 0 {
			line, next = rest[:end], rest[end+1:]
		}
		m := reHeader.FindSubmatch(bytes.TrimRight(line, "\r"))
		if m == nil {
			break
		}
		key, val := string(m[1]), strings.TrimSpace(string(m[2]))
		if !ankiHeaderKeys[key] {
			break // a first row that starts with "#", not a header
		}
		h.lines++
		switch key {
		case "separator":
			r, ok := separators[strings.ToLower(val)]
			if !ok && len([]rune(val)) == 1 {
				r, ok = []rune(val)[0], true
			}
			if !ok {
				return h, nil, fmt.Errorf("line %d: unknown #separator:%s (allowed: tab, comma, semicolon, pipe, space, colon or one character)", h.lines, val)
			}
			h.separator = r
		case "html":
			h.html = val == "true"
		case "columns":
			h.rawCols = strings.TrimRight(string(bytes.TrimRight(line, "\r"))[len("#columns:"):], "\r")
		case "deck":
			h.deck = val
		case "tags column", "guid column", "notetype column", "deck column":
			n, err := strconv.Atoi(val)
			if err != nil || n < 1 {
				return h, nil, fmt.Errorf("line %d: #%s:%s is not a column number", h.lines, key, val)
			}
			switch key {
			case "tags column":
				h.tagsCol = n
			case "guid column":
				h.guidCol = n
			case "notetype column":
				h.typeCol = n
			case "deck column":
				h.deckCol = n
			}
		}
		rest = next
	}
	return h, rest, nil
}

// sniff picks the delimiter that splits most of the first rows into the
// same number (more than one) of fields, so that a bad row does not throw
// it; tab wins ties, then comma, then semicolon.
func sniff(data []byte) rune {
	best, bestRows, bestN := '\t', 0, 0
	for _, c := range []rune{'\t', ',', ';'} {
		r := csv.NewReader(bytes.NewReader(data))
		r.Comma, r.LazyQuotes, r.FieldsPerRecord = c, true, -1
		counts := map[int]int{}
		for range 20 {
			rec, err := r.Read()
			if err != nil {
				break
			}
			counts[len(rec)]++
		}
		for n, rows := range counts {
			if n > 1 && (rows > bestRows || rows == bestRows && n > bestN) {
				best, bestRows, bestN = c, rows, n
			}
		}
	}
	return best
}

// columnNames maps the header names steppe understands to its fields.
var columnNames = map[string]string{
	"q": "q", "question": "q", "front": "q", "term": "q", "prompt": "q", "text": "q",
	"answer": "answer", "back": "answer", "definition": "answer", "a": "answer",
	"wrong": "wrong", "distractor": "wrong", "distractors": "wrong", "incorrect": "wrong",
	"accept": "accept", "alternatives": "accept",
	"answers": "answers", "items": "items",
	"tags": "tags", "tag": "tags",
	"type":    "type",
	"explain": "explain", "explanation": "explain", "extra": "explain", "back extra": "explain", "notes": "explain",
	"id": "id", "section": "section", "quote": "quote",
	"guid": "guid", "notetype": "-", "deck": "-", "-": "-",
}

// columnName maps one header cell to a field, "" when unknown. Numbered
// names ("wrong 2", "wrong2") count as their base name.
func columnName(cell string) string {
	c := strings.ToLower(strings.TrimSpace(cell))
	if f, ok := columnNames[c]; ok {
		return f
	}
	c = strings.TrimRight(c, "0123456789 _")
	return columnNames[c]
}

// headerColumns reads rec as a header row if every cell names a field and
// one of them is the question.
func headerColumns(rec []string) ([]string, bool) {
	cols := make([]string, len(rec))
	hasQ := false
	for i, c := range rec {
		cols[i] = columnName(c)
		if cols[i] == "" {
			return nil, false
		}
		hasQ = hasQ || cols[i] == "q"
	}
	return cols, hasQ
}

type csvRow struct {
	line   int
	fields []string
}

// ImportCSV converts a CSV or TSV file into a deck. It reads a header row,
// opts.Columns or Anki's text-export headers to know the columns; without
// any, the first column is the question, the second the answer and any
// others are joined into explain. name is used in messages and, unless opts
// say otherwise, for the deck's slug and title.
func ImportCSV(name string, data []byte, opts ImportOptions) (*Imported, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	h, body, err := readAnkiHeaders(data)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", name, err)
	}
	sep := h.separator
	if sep == 0 {
		sep = sniff(body)
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = sep, true, -1
	var rows []csvRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s:%d: %v", name, pe.StartLine+h.lines, pe.Err)
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		rows = append(rows, csvRow{line: line + h.lines, fields: rec})
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no rows to import", name)
	}

	im := &Imported{From: name, Slug: opts.Slug, Title: opts.Title}
	var cols []string
	switch {
	case len(opts.Columns) > 0:
		for _, c := range opts.Columns {
			f := columnName(c)
			if f == "" {
				return nil, fmt.Errorf("--columns: unknown column %q (known: q, answer, wrong, accept, tags, type, explain, id, section, quote, or - to skip)", c)
			}
			cols = append(cols, f)
		}
	case h.rawCols != "":
		cr := csv.NewReader(strings.NewReader(h.rawCols))
		cr.Comma, cr.LazyQuotes = sep, true
		rec, err := cr.Read()
		if err != nil {
			return nil, fmt.Errorf("%s: #columns: %w", name, err)
		}
		for _, c := range rec {
			cols = append(cols, columnName(c)) // unknown names are fields of a note type: handled below
		}
	default:
		if hc, ok := headerColumns(rows[0].fields); ok {
			cols, rows = hc, rows[1:]
		}
	}
	named := cols != nil
	if cols == nil {
		cols = make([]string, len(rows[0].fields))
	}
	// Anki's header lines name columns by number; they win over the rest.
	for _, c := range []struct {
		n    int
		name string
	}{{h.tagsCol, "tags"}, {h.guidCol, "guid"}, {h.typeCol, "-"}, {h.deckCol, "-"}} {
		if c.n > 0 && c.n <= len(cols) {
			cols[c.n-1] = c.name
		}
	}
	if !named || h.rawCols != "" {
		// Columns named by no header (or by a note type's field names): the
		// first is the question, the second the answer, the rest explain.
		q, a := slicesIndex(cols, "q") >= 0, slicesIndex(cols, "answer") >= 0
		var rest []int
		for i, c := range cols {
			if c != "" {
				continue
			}
			switch {
			case !q:
				cols[i], q = "q", true
			case !a:
				cols[i], a = "answer", true
			default:
				cols[i] = "explain"
				rest = append(rest, i+1)
			}
		}
		if !named && len(rest) > 0 {
			im.Notes = append(im.Notes, fmt.Sprintf("no header row: column(s) %s joined into explain (name the columns with --columns)", joinInts(rest)))
		}
	}
	if slicesIndex(cols, "q") < 0 {
		return nil, fmt.Errorf("%s: no question column; name one q (or question, front, term) in the header or --columns", name)
	}
	if im.Slug == "" {
		im.Slug = SlugFromName(name)
		if h.deck != "" {
			im.Slug = SlugFromName(h.deck)
		}
	}
	if im.Title == "" {
		im.Title = strings.TrimSuffix(baseName(name), extOf(name))
		if h.deck != "" {
			im.Title = h.deck
		}
	}

	taken := map[string]bool{}
	media := 0
	for _, row := range rows {
		if len(row.fields) != len(cols) {
			im.Bad = append(im.Bad, BadRow{row.line, fmt.Sprintf("row has %d columns, expected %d", len(row.fields), len(cols))})
			continue
		}
		e, n, err := csvEntry(cols, row.fields, h.html, taken)
		media += n
		if err != nil {
			im.Bad = append(im.Bad, BadRow{row.line, err.Error()})
			continue
		}
		e.ID = uniqueID(e.ID, taken)
		im.Entries = append(im.Entries, e)
	}
	if len(im.Bad) > 0 && !opts.SkipBad {
		return nil, &BadRowsError{File: name, Rows: im.Bad}
	}
	if media > 0 {
		im.Notes = append(im.Notes, fmt.Sprintf("%d media reference(s) not imported", media))
	}
	return im, nil
}

func slicesIndex(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		return name[i+1:]
	}
	return name
}

func extOf(name string) string {
	b := baseName(name)
	if i := strings.LastIndexByte(b, '.'); i > 0 {
		return b[i:]
	}
	return ""
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

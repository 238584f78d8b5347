package decks

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"steppe/quiz"
)

// Imported is a deck converted from another program's file (CSV, TSV, an
// Anki package), ready to be written as deck format 1 by YAML.
type Imported struct {
	Slug, Title string
	From        string // the file it came from, named in the YAML's header comment
	// Entries have ID, Type, Q and the fields of their type set.
	Entries []Entry
	// Notes say what the import changed or left out, one line each.
	Notes []string
	// Bad are the rows left out under SkipBad.
	Bad []BadRow
	// AnkiCards maps each card of an Anki package (its note and template
	// ordinal) to the steppe card id its reviews belong to.
	AnkiCards map[AnkiCard]string
}

// AnkiCard names one card of an Anki collection: a note and the ordinal of
// its template (or, for a cloze note, its cloze number minus one).
type AnkiCard struct {
	NoteID int64
	Ord    int
}

// BadRow is an input row that could not be imported.
type BadRow struct {
	Line int // the row's first line in the file
	Msg  string
}

func (b BadRow) String() string { return fmt.Sprintf("line %d: %s", b.Line, b.Msg) }

// ImportOptions control CSV and Anki imports.
type ImportOptions struct {
	Slug  string // the deck's slug; derived from the file name (or an Anki #deck: header) when empty
	Title string // the deck's title; likewise derived when empty
	// Columns names the CSV columns (q, answer, wrong, accept, tags, type,
	// explain, id, section, quote, or "-" to skip one) when the file has no
	// header row.
	Columns []string
	// SkipBad imports the good rows of a CSV file and lists the bad ones in
	// Imported.Bad, instead of failing at the first bad row.
	SkipBad bool
}

// YAML renders the deck in deck format 1. Every text is a double-quoted
// YAML scalar, so no text can be taken for a number, a boolean or syntax.
func (im *Imported) YAML() []byte {
	var b bytes.Buffer
	if im.From != "" {
		fmt.Fprintf(&b, "# Imported by steppe deck import from %s.\n", quoteYAML(filepath.Base(im.From)))
	}
	b.WriteString("format: 1\n")
	fmt.Fprintf(&b, "deck: %s\n", im.Slug)
	fmt.Fprintf(&b, "title: %s\n", quoteYAML(im.Title))
	if len(im.Entries) == 0 {
		b.WriteString("cards: []\n")
		return b.Bytes()
	}
	b.WriteString("cards:\n")
	for _, e := range im.Entries {
		fmt.Fprintf(&b, "  - id: %s\n", e.ID)
		if e.Type != quiz.Basic {
			fmt.Fprintf(&b, "    type: %s\n", e.Type)
		}
		fmt.Fprintf(&b, "    q: %s\n", quoteYAML(e.Q))
		switch e.Type {
		case quiz.Cloze, quiz.Multi, quiz.Order:
		case quiz.TrueFalse:
			fmt.Fprintf(&b, "    answer: %s\n", e.Answer) // a YAML boolean
		default:
			fmt.Fprintf(&b, "    answer: %s\n", quoteYAML(e.Answer))
		}
		writeList(&b, "accept", e.Accept)
		writeList(&b, "answers", e.Answers)
		writeList(&b, "items", e.Items)
		writeList(&b, "wrong", e.Wrong)
		if e.Explain != "" {
			fmt.Fprintf(&b, "    explain: %s\n", quoteYAML(e.Explain))
		}
		if e.Section != "" {
			fmt.Fprintf(&b, "    section: %s\n", quoteYAML(e.Section))
		}
		if e.Quote != "" {
			fmt.Fprintf(&b, "    quote: %s\n", quoteYAML(e.Quote))
		}
		writeList(&b, "tags", e.Tags)
	}
	return b.Bytes()
}

// Check parses the rendered YAML as a deck, as deck lint would: an import
// must never write a deck that steppe cannot read.
func (im *Imported) Check() (*Deck, error) {
	name := im.Slug + ".yaml"
	d, err := Parse(name, im.YAML())
	if err != nil {
		return nil, fmt.Errorf("the imported deck does not parse (a bug in the import): %w", err)
	}
	return d, nil
}

func writeList(b *bytes.Buffer, key string, list []string) {
	if len(list) == 0 {
		return
	}
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quoteYAML(s)
	}
	fmt.Fprintf(b, "    %s: [%s]\n", key, strings.Join(q, ", "))
}

// quoteYAML quotes s as a YAML double-quoted scalar. JSON's string escapes
// are a subset of YAML's.
func quoteYAML(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// NoteID is the card id of an Anki note: "n-" and the first 12 hex digits
// of the SHA-256 of its guid. It depends on the guid alone, so re-importing
// an updated package updates its cards rather than duplicating them.
func NoteID(guid string) string {
	h := sha256.Sum256([]byte(guid))
	return "n-" + hex.EncodeToString(h[:6])
}

// maxTextID caps an id derived from a question's text.
const maxTextID = 40

// textID derives a card id from a question: BlankID's rule, cut shorter.
func textID(q string) string {
	id := BlankID(q)
	if len(id) > maxTextID {
		cut := strings.LastIndexByte(id[:maxTextID+1], '-')
		if cut <= 0 {
			cut = maxTextID
		}
		id = id[:cut]
	}
	return id
}

// uniqueID returns id, or id-2, id-3, ... when id is taken, and takes it.
func uniqueID(id string, taken map[string]bool) string {
	out := id
	for n := 2; taken[out]; n++ {
		out = id + "-" + strconv.Itoa(n)
	}
	taken[out] = true
	return out
}

// SlugFromName derives a deck slug from a file name: "My Deck.csv" gives
// "my-deck".
func SlugFromName(name string) string {
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	s := BlankID(base)
	if s == "" {
		return "imported"
	}
	return s
}

var (
	reBreak    = regexp.MustCompile(`(?i)<br\s*/?>`)
	reBlockEnd = regexp.MustCompile(`(?i)</(div|p|li|tr|h[1-6])\s*>`)
	reBlockRun = regexp.MustCompile(`\n?(\x00\s*)+`)
	reBlock    = regexp.MustCompile(`(?i)<(div|p|li|tr|h[1-6])(\s[^>]*)?>`)
	reImg      = regexp.MustCompile(`(?i)<img\s[^>]*?src\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>`)
	reSound    = regexp.MustCompile(`\[sound:([^\]]*)\]`)
	reTag      = regexp.MustCompile(`<[^>]*>`)
	reLines    = regexp.MustCompile(`\n{3,}`)
)

// plainText turns an HTML field into plain text: <br> and block ends become
// line breaks, other tags go, entities are decoded. Images and [sound:...]
// references are removed and their file names returned.
func plainText(s string, isHTML bool) (text string, media []string) {
	for _, m := range reSound.FindAllStringSubmatch(s, -1) {
		media = append(media, m[1])
	}
	s = reSound.ReplaceAllString(s, "")
	if !isHTML {
		return strings.TrimSpace(s), media
	}
	for _, m := range reImg.FindAllStringSubmatch(s, -1) {
		media = append(media, html.UnescapeString(m[2]+m[3]+m[4]))
	}
	s = reImg.ReplaceAllString(s, "")
	s = strings.NewReplacer("\r\n", " ", "\n", " ").Replace(s) // in HTML a line break is a space
	s = reBreak.ReplaceAllString(s, "\n")
	// A block's start or end is one line break, however many meet.
	s = reBlockEnd.ReplaceAllString(s, "\x00")
	s = reBlock.ReplaceAllString(s, "\x00")
	s = reBlockRun.ReplaceAllString(s, "\n")
	s = reTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	s = strings.ReplaceAll(s, "\u00a0", " ")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	s = reLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return strings.TrimSpace(s), media
}

var reCloze = regexp.MustCompile(`(?s)\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}`)

// ankiCloze converts Anki's cloze deletions, {{c1::text}} and
// {{c1::text::hint}}, into steppe blanks {{text}}: one blank per deletion.
// Hints are dropped. A deletion whose text makes the same blank id as an
// earlier one stays as plain text, since steppe's blanks must differ. first
// maps each cloze number to the blank id of its first deletion.
func ankiCloze(q string) (out string, first map[int]string, hints int, notes []string) {
	first = map[int]string{}
	seen := map[string]bool{}
	out = reCloze.ReplaceAllStringFunc(q, func(m string) string {
		sm := reCloze.FindStringSubmatch(m)
		n, _ := strconv.Atoi(sm[1])
		text := strings.TrimSpace(sm[2])
		if sm[3] != "" {
			hints++
		}
		if text == "" || strings.Contains(text, "{{") || strings.Contains(text, "}}") {
			return text
		}
		id := BlankID(text)
		if seen[id] {
			notes = append(notes, fmt.Sprintf("cloze c%s %q repeats an earlier blank; it is kept as plain text", sm[1], text))
			if _, ok := first[n]; !ok {
				first[n] = id
			}
			return text
		}
		seen[id] = true
		if _, ok := first[n]; !ok {
			first[n] = id
		}
		return "{{" + text + "}}"
	})
	return out, first, hints, notes
}

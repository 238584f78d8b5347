package decks

import (
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ClozeMark is what a cloze card's question shows in place of the blank
// being asked.
const ClozeMark = "[...]"

// maxBlankID caps the length of a blank's part of a card id, so that a long
// blank still gives a name one can type.
const maxBlankID = 48

// blank is one {{...}} of a cloze question.
type blank struct {
	text       string // the blank's text, trimmed: the answer
	id         string // BlankID(text)
	start, end int    // byte offsets of "{{" and just after "}}" in q
}

// parseCloze finds the blanks of a cloze question. It fails if there is no
// blank, a blank is empty, unclosed or nested, a "}}" closes nothing, or two
// blanks make the same id.
func parseCloze(q string) ([]blank, error) {
	var blanks []blank
	for i := 0; i < len(q); {
		open := strings.Index(q[i:], "{{")
		shut := strings.Index(q[i:], "}}")
		if shut >= 0 && (open < 0 || shut < open) {
			return nil, errors.New(`"}}" without "{{" in q`)
		}
		if open < 0 {
			break
		}
		start := i + open
		end := strings.Index(q[start+2:], "}}")
		if end < 0 {
			return nil, errors.New(`unclosed "{{" in q`)
		}
		inner := q[start+2 : start+2+end]
		if strings.Contains(inner, "{{") {
			return nil, errors.New(`"{{" inside a blank in q; blanks do not nest`)
		}
		b := blank{text: strings.TrimSpace(inner), start: start, end: start + 2 + end + 2}
		if b.text == "" {
			return nil, errors.New("empty blank {{}} in q")
		}
		b.id = BlankID(b.text)
		for _, o := range blanks {
			if o.id == b.id {
				return nil, fmt.Errorf("blanks {{%s}} and {{%s}} are the same (both make the id %q)", o.text, b.text, b.id)
			}
		}
		blanks = append(blanks, b)
		i = b.end
	}
	if len(blanks) == 0 {
		return nil, errors.New("no blank in q; mark each blank as {{...}}")
	}
	return blanks, nil
}

// clozeQuestion is q asking blank k: that blank shows as ClozeMark and the
// others are filled in with their text.
func clozeQuestion(q string, blanks []blank, k int) string {
	var b strings.Builder
	last := 0
	for i, bl := range blanks {
		b.WriteString(q[last:bl.start])
		if i == k {
			b.WriteString(ClozeMark)
		} else {
			b.WriteString(bl.text)
		}
		last = bl.end
	}
	b.WriteString(q[last:])
	return b.String()
}

// BlankID turns a cloze blank's text into the part of its card id after the
// entry's id and a dot ("sco-founded.2001"). The rule, applied in order:
//
//  1. Decompose the text (Unicode NFKD) and drop combining marks, so "é"
//     becomes "e" and "ﬁ" becomes "fi".
//  2. Drop apostrophes (' ’ ‘ ʼ), so "Kazakhstan’s" becomes "kazakhstans".
//  3. Lower-case; keep a-z and 0-9; each run of other characters becomes a
//     single "-"; no "-" at either end.
//  4. Cut to at most 48 bytes, at a "-" so that whole words are kept
//     (at byte 48 if the first word alone is longer).
//  5. If nothing is left (a blank of only other scripts or symbols), use "x"
//     and the FNV-1a 32-bit hash of the text in 8 hex digits: "x1a2b3c4d".
//
// The id depends on the blank's text alone, so adding, removing or moving
// other blanks never moves a learner's progress onto another blank.
func BlankID(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(text) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case '\'', '’', '‘', 'ʼ':
			continue
		}
		r = unicode.ToLower(r)
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	id := b.String()
	if len(id) > maxBlankID {
		cut := strings.LastIndexByte(id[:maxBlankID+1], '-')
		if cut <= 0 {
			cut = maxBlankID
		}
		id = id[:cut]
	}
	if id == "" {
		h := fnv.New32a()
		h.Write([]byte(text))
		id = fmt.Sprintf("x%08x", h.Sum32())
	}
	return id
}

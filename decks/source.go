package decks

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SourceText is a plain text that a deck's cards are drawn from, split into
// the sections under its headings, so that cards' section and quote fields
// can be checked against it and its uncovered sentences found.
type SourceText struct {
	Name string

	text     string
	norm     string  // text with each run of white space made one space
	normAt   []int32 // normAt[i]: the offset in text of norm[i]; one extra entry for the end
	toNorm   []int32 // toNorm[i]: the offset in norm of text[i]; one extra entry for the end
	sections []Section
}

// Section is a heading of a SourceText and the text under it, up to the
// next heading.
type Section struct {
	Heading string // as written, without surrounding white space
	Line    int    // the heading's line, 1-based
	// Start and End are the byte offsets of the heading's line and of the end
	// of the section (the next heading's line, or the end of the text).
	Start, End int
	Sentences  []Sentence
}

// Sentence is one sentence of a section: a piece of a paragraph ending in
// sentence punctuation, a whole list item, or a lead-in line such as
// "Key steps include:".
type Sentence struct {
	Text       string // white space collapsed to single spaces
	Line       int    // the line it starts on, 1-based
	Start, End int    // byte offsets in the text
}

// maxHeadingLen is the longest line, in characters, that may be a heading.
const maxHeadingLen = 100

// NewSourceText reads text (UTF-8) and finds its headings. A heading is a
// line that
//
//   - stands alone: the lines before and after it are blank (or the text
//     starts or ends there);
//   - is not the text's first non-blank line, which is its title;
//   - has at most 100 characters;
//   - does not end in sentence punctuation (. ! ? : ; , …);
//   - is not a list item (a bullet such as "•", "-" or "*", or "1." / "a)",
//     followed by a space);
//   - is not web-page debris: "See also …", "Scroll to Top", "Back to top",
//     "Table of Contents", "Related posts", "Share this", "Read more",
//     "Advertisement", or an "AI-Assisted Content" banner.
//
// Debris lines belong to no sentence. The text before the first heading
// (title, banner) belongs to no section.
func NewSourceText(name string, text []byte) *SourceText {
	s := &SourceText{Name: name, text: string(text)}
	s.normalise()
	s.findSections()
	return s
}

// Headings returns the headings of the text in order.
func (s *SourceText) Headings() []string {
	h := make([]string, len(s.sections))
	for i, sec := range s.sections {
		h[i] = sec.Heading
	}
	return h
}

// Sections returns the sections of the text in order. The slice is shared;
// do not modify it.
func (s *SourceText) Sections() []Section { return s.sections }

// HasHeading reports whether h is, exactly, a heading of the text.
func (s *SourceText) HasHeading(h string) bool { return s.section(h) != nil }

func (s *SourceText) section(h string) *Section {
	for i := range s.sections {
		if s.sections[i].Heading == h {
			return &s.sections[i]
		}
	}
	return nil
}

// normalise builds the white-space-collapsed copy of the text that quotes
// are searched in, and the maps between offsets in the two.
func (s *SourceText) normalise() {
	var b strings.Builder
	b.Grow(len(s.text))
	s.normAt = make([]int32, 0, len(s.text)+1)
	s.toNorm = make([]int32, len(s.text)+1)
	space := false
	for i, r := range s.text {
		w := utf8.RuneLen(r)
		if w < 0 {
			w = 1 // invalid UTF-8 decodes to U+FFFD, one byte at a time
		}
		if unicode.IsSpace(r) {
			for j := range w {
				s.toNorm[i+j] = int32(b.Len())
			}
			if !space {
				s.normAt = append(s.normAt, int32(i))
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		for j := range w {
			s.toNorm[i+j] = int32(b.Len() + j)
			s.normAt = append(s.normAt, int32(i+j))
		}
		b.WriteString(s.text[i : i+w])
	}
	s.toNorm[len(s.text)] = int32(b.Len())
	s.normAt = append(s.normAt, int32(len(s.text)))
	s.norm = b.String()
}

// line is one line of the text, with its offsets.
type line struct {
	start, end int // end excludes the line ending
	text       string
}

func splitLines(text string) []line {
	var ls []line
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		next := start + end + 1
		if end < 0 {
			end = len(text) - start
			next = len(text) + 1
		}
		t := strings.TrimSuffix(text[start:start+end], "\r")
		ls = append(ls, line{start, start + len(t), t})
		start = next
	}
	return ls
}

func (s *SourceText) findSections() {
	lines := splitLines(s.text)
	blank := func(i int) bool { return i < 0 || i >= len(lines) || strings.TrimSpace(lines[i].text) == "" }
	title := -1
	var heads []int
	for i, l := range lines {
		t := strings.TrimSpace(l.text)
		if t == "" {
			continue
		}
		if title < 0 {
			title = i
			continue
		}
		if blank(i-1) && blank(i+1) && isHeading(t) {
			heads = append(heads, i)
		}
	}
	for k, i := range heads {
		end, last := len(s.text), len(lines)
		if k+1 < len(heads) {
			end, last = lines[heads[k+1]].start, heads[k+1]
		}
		sec := Section{
			Heading: strings.TrimSpace(lines[i].text),
			Line:    i + 1,
			Start:   lines[i].start,
			End:     end,
		}
		sec.Sentences = s.sentences(lines, i+1, last)
		s.sections = append(s.sections, sec)
	}
}

// isHeading applies the rules of NewSourceText to a trimmed, stand-alone
// line that is not the title.
func isHeading(t string) bool {
	if utf8.RuneCountInString(t) > maxHeadingLen || isListItem(t) || isDebris(t) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".!?:;,…", last)
}

// listMarker returns the length of the list marker that t (trimmed) starts
// with, and 0 if t is not a list item.
func listMarker(t string) int {
	for _, b := range []string{"•", "-", "*", "–", "—", "·", "◦", "‣", "▪"} {
		if strings.HasPrefix(t, b+" ") {
			return len(b) + 1
		}
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 && len(t) > 0 && (t[0] >= 'a' && t[0] <= 'z' || t[0] >= 'A' && t[0] <= 'Z') {
		i = 1
	}
	if i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' ' {
		return i + 2
	}
	return 0
}

func isListItem(t string) bool { return listMarker(t) > 0 }

var debrisPrefixes = []string{
	"see also", "scroll to top", "back to top", "table of contents",
	"related posts", "share this", "read more", "advertisement",
}

// isDebris reports whether a trimmed line is web-page furniture rather than
// article text.
func isDebris(t string) bool {
	l := strings.ToLower(t)
	for _, p := range debrisPrefixes {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return strings.Contains(l, "ai-assisted content")
}

// sentences splits lines [from, to) into sentences: each paragraph (a run of
// non-blank lines) and each list item separately, skipping debris.
func (s *SourceText) sentences(lines []line, from, to int) []Sentence {
	var out []Sentence
	for i := from; i < to; {
		t := strings.TrimSpace(lines[i].text)
		if t == "" || isDebris(t) {
			i++
			continue
		}
		start := lines[i].start + strings.Index(lines[i].text, t)
		j := i + 1
		if m := listMarker(t); m > 0 {
			start += m // a list item is one paragraph of its own, without its marker
		} else {
			for j < to && strings.TrimSpace(lines[j].text) != "" && !isListItem(strings.TrimSpace(lines[j].text)) {
				j++
			}
		}
		out = s.splitSentences(out, start, lines[j-1].end, i+1)
		i = j
	}
	return out
}

// abbreviations end in a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "mr": true, "mrs": true, "ms": true, "dr": true,
	"st": true, "vs": true, "no": true, "fig": true, "u.s": true, "u.n": true,
	"approx": true, "cf": true, "ca": true,
}

// splitSentences appends the sentences of the paragraph text[start:end],
// which begins on line firstLine. A sentence ends at . ! ? or … (and any
// closing quotes or brackets after it) followed by white space and then an
// upper-case letter, digit, opening quote or bracket, unless the dot ends a
// known abbreviation or a single letter (an initial).
func (s *SourceText) splitSentences(out []Sentence, start, end, firstLine int) []Sentence {
	para := s.text[start:end]
	add := func(a, b int) {
		t := strings.Join(strings.Fields(para[a:b]), " ")
		if t == "" {
			return
		}
		lead := len(para[a:b]) - len(strings.TrimLeftFunc(para[a:b], unicode.IsSpace))
		a += lead
		line := firstLine + strings.Count(para[:a], "\n")
		out = append(out, Sentence{Text: t, Line: line, Start: start + a, End: start + len(strings.TrimRightFunc(para[:b], unicode.IsSpace))})
	}
	from := 0
	for i, r := range para {
		if !strings.ContainsRune(".!?…", r) {
			continue
		}
		j := i + utf8.RuneLen(r)
		for j < len(para) {
			c, w := utf8.DecodeRuneInString(para[j:])
			if !strings.ContainsRune(`"')]”’»`, c) {
				break
			}
			j += w
		}
		rest := para[j:]
		trimmed := strings.TrimLeftFunc(rest, unicode.IsSpace)
		if len(trimmed) == len(rest) || trimmed == "" {
			continue
		}
		next, _ := utf8.DecodeRuneInString(trimmed)
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune(`"'(“‘«`, next) {
			continue
		}
		if r == '.' && isAbbreviation(para[from:i]) {
			continue
		}
		add(from, j)
		from = j
	}
	add(from, len(para))
	return out
}

// isAbbreviation reports whether the word that text ends with is an
// abbreviation or an initial, so that a dot after it does not end a
// sentence.
func isAbbreviation(text string) bool {
	w := text[strings.LastIndexFunc(text, unicode.IsSpace)+1:]
	w = strings.TrimLeft(w, `"'(“‘«`)
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	return abbreviations[strings.ToLower(w)]
}

// sectionAt returns the section holding byte offset off of the text, or nil
// before the first heading.
func (s *SourceText) sectionAt(off int) *Section {
	i := sort.Search(len(s.sections), func(i int) bool { return s.sections[i].Start > off })
	if i == 0 {
		return nil
	}
	return &s.sections[i-1]
}

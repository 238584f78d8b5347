package decks

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// collapse returns s with each run of white space made one space, and none
// at either end: the form in which quotes are compared with the text.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// span is a byte range [a, b) of the normalised text.
type span struct{ a, b int }

// find returns every place where quote appears in the text, white space
// aside, in text order (overlapping places included).
func (s *SourceText) find(quote string) []span {
	q := collapse(quote)
	if q == "" {
		return nil
	}
	var out []span
	for i := 0; i < len(s.norm); {
		k := strings.Index(s.norm[i:], q)
		if k < 0 {
			break
		}
		out = append(out, span{i + k, i + k + len(q)})
		_, w := utf8.DecodeRuneInString(s.norm[i+k:])
		i += k + w
	}
	return out
}

// Contains reports whether quote appears in the text verbatim, except that
// white space may differ: every run of white space (spaces, tabs, line
// breaks, no-break spaces) matches every other. Letters, punctuation,
// typographic quotes and dashes must be exactly as in the text.
func (s *SourceText) Contains(quote string) bool { return len(s.find(quote)) > 0 }

// QuoteSections returns the headings of the sections in which quote appears
// (as Contains matches it), in text order and without repeats; "" stands
// for the text before the first heading. It is nil if quote does not
// appear.
func (s *SourceText) QuoteSections(quote string) []string {
	var hs []string
	for _, sp := range s.find(quote) {
		h := ""
		if sec := s.sectionAt(int(s.normAt[sp.a])); sec != nil {
			h = sec.Heading
		}
		if len(hs) == 0 || hs[len(hs)-1] != h {
			hs = append(hs, h)
		}
	}
	return hs
}

var typographic = strings.NewReplacer(
	"’", "'", "‘", "'", "‛", "'", "′", "'",
	"“", `"`, "”", `"`, "„", `"`, "″", `"`,
	"–", "-", "—", "-", "‒", "-", "―", "-", "‐", "-",
	"…", "...",
)

// quoteMismatch explains, as a clause to follow "quote ... is not in the
// text", how a quote that does not appear differs from the text. It is ""
// when there is nothing useful to say.
func (s *SourceText) quoteMismatch(quote string) string {
	q := collapse(quote)
	if strings.Contains(typographic.Replace(s.norm), typographic.Replace(q)) {
		return "; it would match if typographic quotes, apostrophes and dashes were plain ones: copy the text's characters exactly"
	}
	rs := []rune(q)
	// The longest prefix of the quote that the text has: if a prefix
	// appears, so does every shorter one, so a binary search finds it.
	k := sort.Search(len(rs)+1, func(n int) bool {
		return n > 0 && !strings.Contains(s.norm, string(rs[:n]))
	}) - 1
	if k < 10 {
		return "; not even its start is in the text"
	}
	before := rs[max(0, k-30):k]
	after := rs[k:min(len(rs), k+30)]
	ellipsis := ""
	if k > 30 {
		ellipsis = "..."
	}
	return fmt.Sprintf("; the text matches as far as %q but not from %q on", ellipsis+string(before), string(after))
}

// SectionCoverage is how much of one section a set of quotes covers.
type SectionCoverage struct {
	Heading   string
	Sentences int        // how many sentences the section has
	Uncovered []Sentence // the sentences no quote covers, in text order
}

// Coverage tells, for each section in text order, which of its sentences no
// quote covers. Quotes are found as Contains finds them; a quote that does
// not appear covers nothing, and a quote that appears several times covers
// around each place.
//
// A quote covers a sentence when they overlap by at least half the length
// of the shorter of the two. So a quote inside a sentence covers it, and so
// does one that contains it; a quote spanning two sentences covers each of
// them it mostly lies in, and one that merely runs a few words into the next
// sentence does not cover that one. Lengths are counted in bytes of the
// white-space-collapsed text.
func (s *SourceText) Coverage(quotes []string) []SectionCoverage {
	type sent struct {
		span
		sec, i int
	}
	var all []sent
	for si, sec := range s.sections {
		for i, st := range sec.Sentences {
			all = append(all, sent{span{int(s.toNorm[st.Start]), int(s.toNorm[st.End])}, si, i})
		}
	}
	covered := make([]bool, len(all))
	seen := map[string]bool{}
	for _, q := range quotes {
		q = collapse(q)
		if seen[q] {
			continue
		}
		seen[q] = true
		for _, sp := range s.find(q) {
			// Sentences are in text order and do not overlap.
			j := sort.Search(len(all), func(j int) bool { return all[j].b > sp.a })
			for ; j < len(all) && all[j].a < sp.b; j++ {
				overlap := min(all[j].b, sp.b) - max(all[j].a, sp.a)
				if overlap > 0 && 2*overlap >= min(all[j].b-all[j].a, sp.b-sp.a) {
					covered[j] = true
				}
			}
		}
	}
	out := make([]SectionCoverage, len(s.sections))
	for si, sec := range s.sections {
		out[si] = SectionCoverage{Heading: sec.Heading, Sentences: len(sec.Sentences)}
	}
	for j, st := range all {
		if !covered[j] {
			c := &out[st.sec]
			c.Uncovered = append(c.Uncovered, s.sections[st.sec].Sentences[st.i])
		}
	}
	return out
}

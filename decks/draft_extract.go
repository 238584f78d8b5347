package decks

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// draftCut is a byte range [a, b) of a sentence's text that a draft cloze blanks.
type draftCut struct{ a, b int }

// draftAcronymRE finds "Full Name (ACR)": a run of capitalised words (with the
// small words names use between them) followed by an acronym in brackets.
var draftAcronymRE = regexp.MustCompile(`((?:[A-Z][\p{L}’'-]*)(?: (?:[A-Z][\p{L}’'-]*|of|the|and|for|on|in|de|against))*) \(([A-Z][A-Za-z]*[A-Z])\)`)

// acronymCuts blanks the name and the acronym of each "Full Name (ACR)" in
// t whose capitalised words' initials spell the acronym (or contain its
// letters in order, starting with its first).
func acronymCuts(t string) []draftCut {
	var out []draftCut
	for _, m := range draftAcronymRE.FindAllStringSubmatchIndex(t, -1) {
		acr := t[m[4]:m[5]]
		words := strings.Split(t[m[2]:m[3]], " ")
		// Drop leading words ("The", "Establishment of the") until the
		// first capitalised word starts with the acronym's first letter.
		start := m[2]
		for len(words) > 0 && !(draftCapitalised(words[0]) && words[0][0] == acr[0]) {
			start += len(words[0]) + 1
			words = words[1:]
		}
		if len(words) < 2 || !draftInitialsFit(words, acr) {
			continue
		}
		out = append(out, draftCut{start, m[3]}, draftCut{m[4], m[5]})
	}
	return out
}

func draftCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// draftInitialsFit reports whether the upper-case letters of acr appear, in
// order, among the initials of the capitalised words, the first matching
// the first.
func draftInitialsFit(words []string, acr string) bool {
	var initials []byte
	for _, w := range words {
		if draftCapitalised(w) {
			initials = append(initials, w[0])
		}
	}
	letters := strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return r
		}
		return -1
	}, acr)
	if len(initials) < len(letters) || len(letters) < 2 || initials[0] != letters[0] {
		return false
	}
	i := 0
	for _, c := range initials {
		if i < len(letters) && c == letters[i] {
			i++
		}
	}
	return i == len(letters) && len(initials) <= len(letters)+2
}

var draftYearRE = regexp.MustCompile(`\b(1[0-9]{3}|20[0-9]{2})\b`)

// yearCuts blanks each four-digit year (1000-2099) standing as a word:
// not part of a longer number, a decimal or a range of figures.
func yearCuts(t string) []draftCut {
	var out []draftCut
	for _, m := range draftYearRE.FindAllStringIndex(t, -1) {
		if m[0] > 0 && strings.ContainsRune(",.", rune(t[m[0]-1])) ||
			m[1]+1 < len(t) && strings.ContainsRune(",.", rune(t[m[1]])) && draftDigit(t[m[1]+1]) {
			continue
		}
		out = append(out, draftCut{m[0], m[1]})
	}
	return out
}

func draftDigit(c byte) bool { return c >= '0' && c <= '9' }

// draftDefinitionRE finds a sentence that defines its subject: "X is ...",
// "X are ...", "X refers to ...", "X plays a ... role", and the like, with
// perhaps one adverb before the verb.
var draftDefinitionRE = regexp.MustCompile(`^(?:(?:The|An|A) )?(\p{L}[\p{L}’'-]*(?: [\p{L}’'-]+){0,7}?) (?:(?:also|often|significantly|generally|usually|largely|directly) )?(?:is|are|was|were|refers to|refer to|means|denotes|play|plays|serve as|serves as|pose|poses|include|includes|influence|influences|impact|impacts) `)

// draftAppositionRE finds "X, a ..., ..." at the start of a sentence.
var draftAppositionRE = regexp.MustCompile(`^(?:The )?([A-Z][\p{L}’'-]*(?: [\p{L}’'-]+){0,5}), (?:a|an) [^,]{3,80}, `)

// draftNotSubjects are first words that make a pronoun or a connective, not a
// term a card can ask for.
var draftNotSubjects = map[string]bool{
	"these": true, "this": true, "those": true, "that": true, "they": true, "it": true,
	"its": true, "their": true, "such": true, "there": true, "some": true, "each": true,
	"several": true, "another": true, "overall": true, "however": true, "here": true,
	"we": true, "he": true, "she": true, "our": true, "many": true, "most": true,
	"both": true, "all": true, "one": true, "what": true, "which": true, "who": true,
	"a": true, "an": true, "the": true,
}

// draftSubjectStops end the term at the head of a longer subject: "Different
// national security priorities among Central Asian countries" is asked as
// "Different national security priorities".
var draftSubjectStops = map[string]bool{
	"among": true, "of": true, "in": true, "for": true, "with": true, "between": true,
	"within": true, "across": true, "on": true, "at": true, "from": true, "by": true,
}

// definitionCuts blanks the term that a definitional sentence defines.
func definitionCuts(t string) []draftCut {
	m := draftDefinitionRE.FindStringSubmatchIndex(t)
	if m == nil {
		m = draftAppositionRE.FindStringSubmatchIndex(t)
	}
	if m == nil {
		return nil
	}
	a, b := m[2], m[3]
	words := strings.Split(t[a:b], " ")
	if draftNotSubjects[strings.ToLower(words[0])] || strings.HasSuffix(words[0], "ly") {
		return nil
	}
	for _, w := range words {
		if w == "that" || w == "which" || w == "who" {
			return nil // a clause, not a term
		}
	}
	end := a
	for i, w := range words {
		if draftSubjectStops[w] || w == "and" && i == 0 {
			break
		}
		if i > 0 {
			end++
		}
		end += len(w)
	}
	if end == a {
		return nil
	}
	return []draftCut{{a, end}}
}

// draftItemStops end the last item of an enumeration: "joint
// patrols, information sharing, and coordinated border surveillance
// designed to ..." ends at "designed".
var draftItemStops = map[string]bool{
	"that": true, "which": true, "who": true, "on": true, "for": true, "to": true,
	"in": true, "of": true, "with": true, "by": true, "designed": true, "focused": true,
	"fueled": true, "thereby": true, "among": true, "against": true, "within": true,
	"across": true, "through": true, "as": true, "from": true, "while": true, "into": true,
	"between": true, "over": true, "under": true, "at": true, "after": true, "before": true,
	"during": true, "without": true, "beyond": true, "toward": true, "towards": true,
	"via": true, "along": true, "around": true, "near": true, "when": true, "where": true,
}

// draftItemWords is the longest item of an inline enumeration that a draft
// blanks.
const draftItemWords = 4

// enumerationCuts blanks the items of an inline enumeration "A, B, and C"
// (three or more items, with the serial comma) after the first, which is
// left as the cue: its start cannot be told from the words before it. The
// middle items are bounded by commas; the last is draftCut at the first word
// that starts a clause or phrase after it.
func enumerationCuts(t string) []draftCut {
	var out []draftCut
	for from := 0; ; {
		k := draftIndexAny(t[from:], ", and ", ", or ")
		if k < 0 {
			return out
		}
		conj := from + k
		from = conj + 2
		// The middle items: back from the conjunction, comma by comma.
		var mid []draftCut
		end := conj
		for {
			c := strings.LastIndex(t[:end], ", ")
			if c < 0 {
				break
			}
			item := t[c+2 : end]
			if !draftPlainItem(item) {
				break
			}
			mid = append([]draftCut{{c + 2, end}}, mid...)
			end = c
		}
		if len(mid) == 0 {
			continue
		}
		// The last item: after "and "/"or ", up to punctuation or a stop word.
		ls := conj + len(", and ")
		if strings.HasPrefix(t[conj:], ", or ") {
			ls = conj + len(", or ")
		}
		le := ls
		n := 0
		for le < len(t) {
			sp := strings.IndexAny(t[le:], " ,.;:!?)")
			w := t[le:]
			if sp >= 0 {
				w = t[le : le+sp]
			}
			if w == "" || draftItemStops[w] || n == draftItemWords+1 {
				break
			}
			n++
			le += len(w)
			if sp < 0 || t[le] != ' ' {
				break
			}
			if nw := t[le+1:]; nw == "" {
				break
			}
			le++
		}
		le = ls + len(strings.TrimRight(t[ls:le], " "))
		out = append(out, mid...)
		// A last item much longer than the others most likely runs on into
		// the rest of the sentence ("economic pipelines create channels").
		longest := 0
		for _, c := range mid {
			longest = max(longest, len(strings.Fields(t[c.a:c.b])))
		}
		if n >= 1 && n <= min(draftItemWords, longest+1) && draftPlainItem(t[ls:le]) {
			out = append(out, draftCut{ls, le})
		}
		from = le
	}
}

// draftPlainItem reports whether s can be an item of an inline enumeration: a
// few words, no clause punctuation, not starting with a conjunction.
func draftPlainItem(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > draftItemWords || strings.ContainsAny(s, ",;:()\"“”") {
		return false
	}
	switch strings.ToLower(words[0]) {
	case "and", "or", "but", "which", "while", "such", "so", "as", "thus",
		"they", "it", "we", "he", "she", "this", "these", "there", "that":
		return false
	}
	return true
}

func draftIndexAny(s string, subs ...string) int {
	best := -1
	for _, sub := range subs {
		if k := strings.Index(s, sub); k >= 0 && (best < 0 || k < best) {
			best = k
		}
	}
	return best
}

// draftCloze writes sentence t with the given cuts as blanks. It drops cuts
// that overlap an earlier one, that make the same blank id as another, or
// whose text also appears elsewhere in the sentence (the card would show
// its own answer), and reports false if no blank is left.
func draftCloze(t string, cuts []draftCut) (q string, blanks []string, ok bool) {
	if strings.Contains(t, "{{") || strings.Contains(t, "}}") {
		return "", nil, false
	}
	var kept []draftCut
	ids := map[string]bool{}
	for _, c := range cuts {
		text := strings.TrimSpace(t[c.a:c.b])
		if text == "" {
			continue
		}
		overlaps := false
		for _, k := range kept {
			if c.a < k.b && k.a < c.b {
				overlaps = true
			}
		}
		id := BlankID(text)
		if overlaps || ids[id] || containsWord(t[:c.a]+" "+t[c.b:], text) {
			continue
		}
		ids[id] = true
		kept = append(kept, c)
	}
	if len(kept) == 0 {
		return "", nil, false
	}
	sortDraftCuts(kept)
	var b strings.Builder
	last := 0
	for _, c := range kept {
		b.WriteString(t[last:c.a])
		b.WriteString("{{")
		b.WriteString(t[c.a:c.b])
		b.WriteString("}}")
		blanks = append(blanks, t[c.a:c.b])
		last = c.b
	}
	b.WriteString(t[last:])
	return b.String(), blanks, true
}

func sortDraftCuts(cs []draftCut) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].a < cs[j-1].a; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

package quiz

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terms are what a deck tells the grader beyond each card: the normalized
// texts it knows as answers, and the acronyms it spells out.
type Terms struct {
	// Known are the normalized answers, accept alternatives, right options,
	// distractors and cloze blanks of the cards, and both sides of each of
	// Pairs: the texts a learner may mean.
	Known []string
	// Pairs are the acronyms the deck's text spells out, each as
	// {acronym, expansion}, normalized: "Shanghai Cooperation Organization
	// (SCO)" gives {"sco", "shanghai cooperation organization"}.
	Pairs [][2]string
}

// DeckTerms extracts the terms of cards, sorted and without duplicates.
//
// An acronym pair is taken from any text of a card (question, answer,
// accept alternatives, options, items, explanation, quote) written as
// "Full Name (ACR)" or "ACR (Full Name)", where ACR has two or more capital
// letters (dots and a plural "s" aside: "U.N.", "CBMs") and its letters are
// the initials of the name's words. The name may skip "of", "the", "and",
// "for" and other small words or use their initials, and a hyphenated word
// gives the initial of its first part or of each part. So the deck gives
// only the pairs it spells out; "(2001)" and "(see below)" are no acronyms,
// and "the SCO (CSTO)" is no pair.
func DeckTerms(cards []Card) Terms {
	known := map[string]bool{}
	addKnown := func(s string) {
		if n := Normalize(s); n != "" {
			known[n] = true
		}
	}
	pairs := map[[2]string]bool{}
	scanned := map[string]bool{}
	scan := func(s string) {
		if !strings.Contains(s, "(") || scanned[s] {
			return
		}
		scanned[s] = true
		acronymPairs(s, func(acr, exp string) {
			a, e := Normalize(strings.ReplaceAll(acr, ".", "")), Normalize(exp)
			if a != "" && e != "" && compactKey(a) != compactKey(e) {
				pairs[[2]string{a, e}] = true
			}
		})
	}
	seen := map[string]bool{} // raw answer texts already normalized
	for i := range cards {
		c := &cards[i]
		var answers []string
		switch c.Type {
		case Basic, Typed, Choice, Cloze:
			answers = append(answers, c.Answer)
		}
		answers = append(answers, c.Accept...)
		answers = append(answers, c.Answers...)
		answers = append(answers, c.Wrong...)
		for _, a := range answers {
			if !seen[a] {
				seen[a] = true
				addKnown(a)
			}
		}
		for _, s := range [...]string{c.Question, c.Answer, c.Explain, c.Quote} {
			scan(s)
		}
		for _, list := range [...][]string{c.Accept, c.Answers, c.Wrong, c.Items} {
			for _, s := range list {
				scan(s)
			}
		}
	}
	var t Terms
	for p := range pairs {
		t.Pairs = append(t.Pairs, p)
		known[p[0]], known[p[1]] = true, true
	}
	for k := range known {
		t.Known = append(t.Known, k)
	}
	slices.Sort(t.Known)
	slices.SortFunc(t.Pairs, func(a, b [2]string) int {
		if c := strings.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return strings.Compare(a[1], b[1])
	})
	return t
}

// acronymPairs calls add for each acronym the text spells out.
func acronymPairs(s string, add func(acronym, expansion string)) {
	for i := 0; ; {
		open := strings.IndexByte(s[i:], '(')
		if open < 0 {
			return
		}
		open += i
		end := strings.IndexByte(s[open:], ')')
		if end < 0 {
			return
		}
		end += open
		inner := strings.TrimSpace(s[open+1 : end])
		before := lastWords(s[:open], maxNameWords)
		if letters, ok := acronymLetters(inner); ok {
			// Full Name (ACR)
			if first := expansionStart(before, letters, false); first >= 0 {
				add(inner, joinWords(before[first:]))
			}
		} else if len(before) > 0 {
			// ACR (Full Name)
			last := before[len(before)-1]
			if letters, ok := acronymLetters(last); ok {
				words := strings.Fields(inner)
				for len(words) > 1 && isArticle(strings.ToLower(words[0])) {
					words = words[1:]
				}
				if expansionStart(words, letters, true) == 0 {
					add(last, joinWords(words))
				}
			}
		}
		i = open + 1
	}
}

// maxNameWords is the most words a name may have: its acronym's letters,
// at most twelve, with the small words between them.
const maxNameWords = 40

// lastWords returns the last n words of s at most, split at white space, as
// strings.Fields would give them.
func lastWords(s string, n int) []string {
	end := len(s)
	var words []string
	for len(words) < n {
		for end > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:end])
			if !unicode.IsSpace(r) {
				break
			}
			end -= size
		}
		if end == 0 {
			break
		}
		start := end
		for start > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:start])
			if unicode.IsSpace(r) {
				break
			}
			start -= size
		}
		words = append(words, s[start:end])
		end = start
	}
	slices.Reverse(words)
	return words
}

// acronymLetters returns the letters of an acronym, in upper case, without
// dots or a plural "s": "CSTO", "U.N.", "CBMs", "DoD". ok is false for
// anything else, such as a number, a word or a phrase.
func acronymLetters(s string) (letters []rune, ok bool) {
	s = strings.ReplaceAll(s, ".", "")
	rs := []rune(s)
	if n := len(rs); n > 2 && rs[n-1] == 's' && unicode.IsUpper(rs[n-2]) {
		rs = rs[:n-1]
	}
	if len(rs) < 2 || len(rs) > 12 || !unicode.IsUpper(rs[0]) {
		return nil, false
	}
	upper := 0
	for _, r := range rs {
		if !unicode.IsLetter(r) {
			return nil, false
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	if upper < 2 {
		return nil, false
	}
	for i, r := range rs {
		rs[i] = unicode.ToUpper(r)
	}
	return rs, true
}

// smallWords may stand in a name without giving its acronym a letter.
var smallWords = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "in": true, "on": true, "to": true, "at": true,
	"a": true, "an": true, "by": true, "with": true, "&": true, "de": true, "des": true, "du": true,
	"la": true, "le": true, "et": true,
	"о": true, "об": true, "и": true, "в": true, "на": true, "по": true, "для": true,
}

// expansionStart finds the words that end words and whose initials are
// letters, and returns the index of the first of them, or -1. With whole,
// the name must be all of words.
func expansionStart(words []string, letters []rune, whole bool) int {
	last := len(words) - 1
	if last < 0 {
		return -1
	}
	// A name is at most a few words longer than its acronym.
	lo := max(0, last-min(3*len(letters)+2, maxNameWords))
	failed := map[[2]int]bool{}
	var solve func(j, i int) int
	solve = func(j, i int) int {
		if i < 0 {
			return j + 1
		}
		if j < lo || failed[[2]int{j, i}] {
			return -1
		}
		w := words[j]
		lead, word, trail := trimWord(w)
		if word == "" || trail && j != last {
			// Punctuation ends a name: "Asia, the SCO" is no part of it.
			failed[[2]int{j, i}] = true
			return -1
		}
		try := func(n int, initials []rune) int {
			if n > i+1 {
				return -1
			}
			for k := range n {
				if !sameLetter(initials[k], letters[i-n+1+k]) {
					return -1
				}
			}
			if lead && i-n >= 0 {
				return -1 // an opening quote or bracket starts the name
			}
			return solve(j-1, i-n)
		}
		parts := strings.FieldsFunc(word, func(r rune) bool { return r == '-' || r == '/' })
		var initials []rune
		for _, p := range parts {
			r, _ := utf8.DecodeRuneInString(p)
			initials = append(initials, r)
		}
		if len(initials) > 0 {
			if k := try(len(initials), initials); k >= 0 {
				return k
			}
			if len(initials) > 1 {
				if k := try(1, initials[:1]); k >= 0 {
					return k
				}
			}
		}
		if smallWords[strings.ToLower(word)] && !lead && j != last {
			if k := solve(j-1, i); k >= 0 {
				return k
			}
		}
		failed[[2]int{j, i}] = true
		return -1
	}
	first := solve(last, len(letters)-1)
	if whole && first != 0 {
		return -1
	}
	return first
}

// trimWord strips the punctuation around a word and says whether there was
// any before and after it.
func trimWord(w string) (lead bool, word string, trail bool) {
	word = strings.TrimLeftFunc(w, notWordRune)
	lead = len(word) < len(w)
	n := len(word)
	word = strings.TrimRightFunc(word, notWordRune)
	return lead, word, len(word) < n
}

func notWordRune(r rune) bool { return !isWordRune(r) && r != '&' }

func sameLetter(a, b rune) bool {
	return unicode.ToUpper(a) == unicode.ToUpper(b) || Normalize(string(a)) == Normalize(string(b))
}

// joinWords joins the words of a name without the punctuation around it.
func joinWords(words []string) string {
	s := strings.Join(words, " ")
	return strings.TrimFunc(s, notWordRune)
}

// NewLexicon returns a Lexicon of the given terms, held in memory.
func NewLexicon(t Terms) Lexicon {
	l := &memLexicon{known: make(map[string]struct{}, len(t.Known)), equiv: map[string][]string{}}
	for _, k := range t.Known {
		l.known[compactKey(k)] = struct{}{}
	}
	for _, p := range t.Pairs {
		a, e := compactKey(p[0]), compactKey(p[1])
		l.known[a], l.known[e] = struct{}{}, struct{}{}
		if !slices.Contains(l.equiv[a], p[1]) {
			l.equiv[a] = append(l.equiv[a], p[1])
		}
		if !slices.Contains(l.equiv[e], p[0]) {
			l.equiv[e] = append(l.equiv[e], p[0])
		}
	}
	return l
}

type memLexicon struct {
	known map[string]struct{} // by compactKey
	equiv map[string][]string // compactKey → normalized forms
}

func (l *memLexicon) Known(norm string) bool {
	_, ok := l.known[compactKey(norm)]
	return ok
}

func (l *memLexicon) Equivalents(norm string) []string {
	return slices.Clone(l.equiv[compactKey(norm)])
}

package quiz

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the form in which two typed answers are compared, so
// that what a fair teacher would not hold against a learner makes no
// difference:
//
//   - Unicode compatibility forms are unified (NFKD: full-width letters,
//     ligatures), and diacritics are folded on Latin, Greek, Arabic and
//     Hebrew letters (ş→s, ğ→g, ö→o, ü→u, ñ→n, ä→a). Letters that carry
//     no separable mark are mapped too: ı→i, ə→a, ø→o, æ→ae, œ→oe, ł→l,
//     đ→d, ð→d, þ→th, ŋ→n, ß→ss. Cyrillic letters stay letters (й and ў
//     are not и and у), except that ё counts as е.
//   - The apostrophe-like letters ' ` ´ ʻ ʼ ʹ ‘ ’ ′ are dropped, so Uzbek
//     oʻ, o‘, o’ and o' are one letter, and all of them equal a plain o, as
//     ö does.
//   - Case is folded.
//   - A number written with digits takes one form: thousands commas and
//     leading zeros are dropped, as are trailing zeros after a decimal
//     point and a bare point: "1,000.50" and "01000.5" are "1000.5". A
//     minus sign before a number is the word "minus"; "%" is the word
//     "percent" and "&" the word "and". Groups of digits split by spaces
//     ("10 000") stay apart, as "1 2" must not become 12; Match reads them
//     as one number when that is all the answer is. A decimal comma is not
//     understood.
//   - Every other run of punctuation, symbols and white space, hyphens and
//     dashes included, is one space.
//   - British spellings become American, word by word (see spelling.go).
//   - Leading articles ("the", "a", "an") are dropped while another word
//     follows.
//
// The result is NFC. Normalize is idempotent: Normalize(Normalize(s)) ==
// Normalize(s).
func Normalize(s string) string {
	if s == "" {
		return ""
	}
	ascii := isASCII(s)
	if !ascii {
		s = strings.Map(dropApostrophe, s) // before NFKD turns ´ into a space and a mark
		s = norm.NFKD.String(s)
	}
	words := tokenize(s)
	for i, w := range words {
		words[i] = americanSpelling(w)
	}
	for len(words) > 1 && isArticle(words[0]) {
		words = words[1:]
	}
	out := strings.Join(words, " ")
	if !ascii {
		out = norm.NFC.String(out)
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isArticle(w string) bool { return w == "the" || w == "a" || w == "an" }

// isApostrophe reports the letters that count as one apostrophe: ASCII '
// and `, the acute accent, the modifier letters of Uzbek (ʻ) and of
// transliteration (ʼ ʹ ʽ), the typographic quotes ‘ ’ and the prime.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '\u00b4', '\u02b9', '\u02bb', '\u02bc', '\u02bd', '\u2018', '\u2019', '\u201b', '\u2032':
		return true
	}
	return false
}

func dropApostrophe(r rune) rune {
	if isApostrophe(r) {
		return -1
	}
	return r
}

// letterFolds are lower-case letters with no canonical decomposition that
// a reader takes for plain Latin letters, and the Greek final sigma, which
// is σ.
var letterFolds = map[rune]string{
	'ı': "i", 'ə': "a", 'ø': "o", 'æ': "ae", 'œ': "oe", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th",
	'ŋ': "n", 'ß': "ss", 'ħ': "h", 'ŧ': "t", 'ƶ': "z", 'ɨ': "i", 'ʉ': "u", 'ɵ': "o", 'ς': "σ",
}

// tokenizer splits decomposed text into lower-case words, numbers in their
// canonical form among them.
type tokenizer struct {
	rs    []rune
	words []string
	cur   []rune
}

func tokenize(s string) []string {
	t := &tokenizer{rs: foldMarks([]rune(s))}
	for i := 0; i < len(t.rs); {
		i = t.step(i)
	}
	t.flush()
	return t.words
}

// foldMarks drops apostrophes, and combining marks that are diacritics (see
// keepsMarks) or that follow no letter. What is left of a mark belongs to
// the letter before it.
func foldMarks(rs []rune) []rune {
	out := rs[:0]
	var base rune // the last letter kept, if nothing but marks followed it
	for _, r := range rs {
		switch {
		case isApostrophe(r):
			continue
		case isMark(r):
			if base != 0 && keepsMarks(base, r) {
				out = append(out, r)
			}
			continue
		case unicode.IsLetter(r):
			base = r
		default:
			base = 0
		}
		out = append(out, r)
	}
	return out
}

func isMark(r rune) bool {
	return r >= 0x300 && unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) // none comes before U+0300
}

func (t *tokenizer) flush() {
	if len(t.cur) > 0 {
		t.words = append(t.words, string(t.cur))
		t.cur = t.cur[:0]
	}
}

// step handles the rune at i and returns the index of the next one to look
// at.
func (t *tokenizer) step(i int) int {
	r := t.rs[i]
	start := len(t.cur) == 0 // a word may start here
	switch {
	case start && (isASCIIDigit(r) || r == '.' && t.digitAt(i+1) && (i == 0 || !isWordRune(t.rs[i-1]))):
		// ".5" is 0.5.
		if end, num, ok := t.number(i); ok {
			t.words = append(t.words, num)
			return end
		}
		if r == '.' {
			return i + 1
		}
		t.cur = append(t.cur, r)
	case start && (r == '-' || r == '\u2212') && t.digitAt(i+1) && (i == 0 || !isWordRune(t.rs[i-1])):
		if end, num, ok := t.number(i + 1); ok {
			t.words = append(t.words, "minus", num)
			return end
		}
	case isMark(r):
		t.cur = append(t.cur, r) // foldMarks kept it for the letter before
	case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
		t.cur = append(t.cur, r)
	case 'A' <= r && r <= 'Z':
		t.cur = append(t.cur, r+'a'-'A')
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		r = unicode.ToLower(r)
		if f, ok := letterFolds[r]; ok {
			t.cur = append(t.cur, []rune(f)...)
		} else {
			t.cur = append(t.cur, r)
		}
	case r == '%':
		t.flush()
		t.words = append(t.words, "percent")
	case r == '&':
		t.flush()
		t.words = append(t.words, "and")
	default:
		t.flush()
	}
	return i + 1
}

func (t *tokenizer) digitAt(i int) bool { return i < len(t.rs) && isASCIIDigit(t.rs[i]) }

func isASCIIDigit(r rune) bool { return '0' <= r && r <= '9' }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// keepsMarks reports whether a combining mark on base is part of the letter
// rather than a diacritic a reader may leave off: it is for every script but
// Latin, Greek, Arabic and Hebrew, except for Cyrillic ё (е with a
// diaeresis), which Russian writes as е as often as not.
func keepsMarks(base, mark rune) bool {
	switch {
	case base < 0x250, unicode.In(base, unicode.Latin, unicode.Greek, unicode.Arabic, unicode.Hebrew):
		return false
	case unicode.Is(unicode.Cyrillic, base):
		return !((base == 'е' || base == 'Е') && mark == '\u0308')
	}
	return true
}

// number reads a number written with digits from rs[i], as described at
// Normalize, and returns the index after it and its canonical form. A
// number that runs on into letters is cut back to where a comma or point
// ends it ("1.5km" is 1 and "5km"); ok is false when even its first digits
// run on into letters ("1st", "2km"): that is a word.
func (t *tokenizer) number(i int) (end int, canon string, ok bool) {
	rs := t.rs
	j := i
	for j < len(rs) && isASCIIDigit(rs[j]) {
		j++
	}
	// The places where the number may end, longest last: the end of its
	// digits or of a group of them, or of its fraction.
	type cut struct {
		end       int  // after the last digit
		intEnd    int  // after the last digit of the integer part
		separated bool // what follows is a comma or point, not a letter
	}
	cuts := []cut{{j, j, false}}
	// Thousands groups: a comma, then exactly three digits, after a first
	// group of one to three digits.
	if n := j - i; n >= 1 && n <= 3 {
		for j+4 <= len(rs) && rs[j] == ',' && isASCIIDigit(rs[j+1]) && isASCIIDigit(rs[j+2]) &&
			isASCIIDigit(rs[j+3]) && !t.digitAt(j+4) {
			cuts[len(cuts)-1].separated = true
			j += 4
			cuts = append(cuts, cut{j, j, false})
		}
	}
	if j < len(rs) && rs[j] == '.' && t.digitAt(j+1) {
		k := j + 1
		for k < len(rs) && isASCIIDigit(rs[k]) {
			k++
		}
		cuts[len(cuts)-1].separated = true
		cuts = append(cuts, cut{k, j, false})
	}
	for k := len(cuts) - 1; k >= 0; k-- {
		c := cuts[k]
		if c.end > i && (c.separated || c.end == len(rs) || !isWordRune(rs[c.end])) {
			var intPart strings.Builder
			for _, r := range rs[i:c.intEnd] {
				if r != ',' {
					intPart.WriteRune(r)
				}
			}
			frac := ""
			if c.end > c.intEnd {
				frac = string(rs[c.intEnd+1 : c.end])
			}
			return c.end, canonicalNumber(intPart.String(), frac), true
		}
	}
	return 0, "", false
}

// canonicalNumber writes a decimal without leading zeros in its integer
// part or trailing zeros in its fraction.
func canonicalNumber(intPart, frac string) string {
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		return intPart
	}
	return intPart + "." + frac
}

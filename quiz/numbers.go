package quiz

import (
	"strconv"
	"strings"
)

// Numbers are compared as numbers. numberValue reads a whole answer as one
// number, in any of these forms, and returns it in canonical decimal form
// ("-" for a negative, no leading or trailing zeros):
//
//   - digits, as Normalize leaves them: "2001", "2001.0", "02001" and
//     "2,001" are all 2001;
//   - digits grouped by single spaces, as much of Europe writes them:
//     "10 000" (with a plain, no-break or thin space, or an apostrophe);
//   - digits followed by scale words: "1.5 million", "2 thousand";
//   - English number words: "six", "twenty-one", "two thousand and one",
//     "a hundred", and years read in pairs: "nineteen ninety-six",
//     "twenty ten", "nineteen oh five";
//   - any of these after "minus" or a minus sign.
//
// Ordinals ("first", "21st"), fractions and Roman numerals are not numbers
// here: they are compared as text.
func numberValue(raw, norm string) (string, bool) {
	if v, ok := normNumber(norm); ok {
		return v, true
	}
	return groupedNumber(raw)
}

func normNumber(norm string) (string, bool) {
	if !mayBeNumber(norm) {
		return "", false
	}
	tokens := strings.Fields(norm)
	neg := false
	if len(tokens) > 1 && tokens[0] == "minus" {
		neg, tokens = true, tokens[1:]
	}
	if len(tokens) == 0 {
		return "", false
	}
	var v string
	if canon, ok := digitNumber(tokens[0]); ok {
		// digits, then perhaps scale words: "1.5 million"
		v = canon
		for _, w := range tokens[1:] {
			zeros, ok := scaleWords[w]
			if !ok {
				return "", false
			}
			v = shiftDecimal(v, zeros)
		}
	} else {
		n, ok := wordNumber(tokens)
		if !ok {
			return "", false
		}
		v = strconv.FormatInt(n, 10)
	}
	if neg && v != "0" {
		v = "-" + v
	}
	return v, true
}

// mayBeNumber tells quickly whether a normalized text cannot be a number:
// its first word is neither digits nor a word that starts one.
func mayBeNumber(norm string) bool {
	first, _, _ := strings.Cut(norm, " ")
	if first == "" {
		return false
	}
	if c := first[0]; '0' <= c && c <= '9' || c == '.' {
		return true
	}
	_, unit := unitWords[first]
	_, teen := teenWords[first]
	_, tens := tensWords[first]
	_, scale := scaleWords[first]
	return unit || teen || tens || scale || first == "minus"
}

// digitNumber reads a token of digits with at most one decimal point.
func digitNumber(tok string) (string, bool) {
	intPart, frac, _ := strings.Cut(tok, ".")
	if intPart == "" && frac == "" || !allDigits(intPart) || !allDigits(frac) {
		return "", false
	}
	if strings.Contains(tok, ".") && frac == "" {
		return "", false
	}
	return canonicalNumber(intPart, frac), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// groupSeparators may stand between groups of three digits in a raw answer.
const groupSeparators = " \u00a0\u2009\u202f'\u2019"

// groupedNumber reads "10 000", "-1 234 567.5" or "10'000": a number whose
// groups of three digits are split by one of groupSeparators, used
// throughout. Normalize cannot join them, as "1 2" must stay two numbers.
func groupedNumber(raw string) (string, bool) {
	s := strings.TrimSpace(raw)
	neg := false
	if rest, ok := cutMinus(s); ok {
		neg, s = true, rest
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if hasFrac && (frac == "" || !allDigits(frac)) {
		return "", false
	}
	var sep rune
	groups := 0
	digits := strings.Builder{}
	for i, g := range splitGroups(intPart, &sep) {
		if !allDigits(g) || g == "" || i == 0 && len(g) > 3 || i > 0 && len(g) != 3 {
			return "", false
		}
		digits.WriteString(g)
		groups++
	}
	if groups < 2 {
		return "", false
	}
	v := canonicalNumber(digits.String(), frac)
	if neg && v != "0" {
		v = "-" + v
	}
	return v, true
}

func cutMinus(s string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return rest, true
	}
	return strings.CutPrefix(s, "\u2212")
}

// splitGroups splits s at the first of groupSeparators it holds, and at
// every later occurrence of that same one; a second kind of separator
// stays inside a group, which then is not all digits.
func splitGroups(s string, sep *rune) []string {
	i := strings.IndexAny(s, groupSeparators)
	if i < 0 {
		return []string{s}
	}
	for _, r := range s[i:] {
		*sep = r
		break
	}
	return strings.Split(s, string(*sep))
}

// shiftDecimal multiplies a canonical decimal by 10^zeros.
func shiftDecimal(v string, zeros int) string {
	intPart, frac, _ := strings.Cut(v, ".")
	n := min(zeros, len(frac))
	intPart += frac[:n]
	frac = frac[n:]
	intPart += strings.Repeat("0", zeros-n)
	return canonicalNumber(intPart, frac)
}

var scaleWords = map[string]int{"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12}

var unitWords = map[string]int64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}

var teenWords = map[string]int64{
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tensWords = map[string]int64{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// wordNumber reads English number words: a cardinal ("two thousand and
// one") or a year read in pairs ("nineteen ninety six").
func wordNumber(tokens []string) (int64, bool) {
	if n, ok := cardinal(tokens); ok {
		return n, true
	}
	return yearReading(tokens)
}

// cardinal reads a cardinal number below 10^15, rejecting word orders no one
// writes ("one two", "twenty thirty"), so that a list of numbers is not read
// as their sum.
func cardinal(tokens []string) (int64, bool) {
	const (
		none = iota
		unit
		teen
		tens
		hundred
		and
	)
	var total, group int64
	last := none
	lastScale := 100 // a smaller scale word than any yet seen must follow
	words := 0
	for i, w := range tokens {
		switch {
		case w == "and":
			if last != hundred && !(last == none && total > 0) || i == len(tokens)-1 {
				return 0, false
			}
			last = and
			continue
		case w == "zero":
			if len(tokens) != 1 {
				return 0, false
			}
			return 0, true
		}
		if v, ok := unitWords[w]; ok {
			if last != none && last != tens && last != hundred && last != and {
				return 0, false
			}
			group += v
			last = unit
		} else if v, ok := teenWords[w]; ok {
			if last != none && last != hundred && last != and {
				return 0, false
			}
			group += v
			last = teen
		} else if v, ok := tensWords[w]; ok {
			if last != none && last != hundred && last != and {
				return 0, false
			}
			group += v
			last = tens
		} else if w == "hundred" {
			if last != unit && !(last == none && group == 0) || group >= 10 {
				return 0, false
			}
			if group == 0 {
				group = 1 // "a hundred": Normalize dropped the "a"
			}
			group *= 100
			last = hundred
		} else if z, ok := scaleWords[w]; ok && z >= 3 {
			if z >= lastScale || last == and {
				return 0, false
			}
			if group == 0 {
				if words > 0 {
					return 0, false
				}
				group = 1 // "a thousand"
			}
			total += group * pow10(z)
			group, last, lastScale = 0, none, z
		} else {
			return 0, false
		}
		words++
	}
	if words == 0 {
		return 0, false
	}
	return total + group, true
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// yearReading reads a year said as two pairs of digits: "nineteen ninety
// six", "twenty ten", "nineteen hundred", "nineteen oh five".
func yearReading(tokens []string) (int64, bool) {
	hi, rest, ok := twoDigits(tokens)
	if !ok || hi < 10 || len(rest) == 0 {
		return 0, false
	}
	switch {
	case len(rest) == 1 && rest[0] == "hundred":
		return hi * 100, true
	case len(rest) == 2 && (rest[0] == "oh" || rest[0] == "o"):
		if v, ok := unitWords[rest[1]]; ok && v > 0 {
			return hi*100 + v, true
		}
		return 0, false
	}
	lo, rest, ok := twoDigits(rest)
	if !ok || lo < 10 || len(rest) > 0 {
		return 0, false
	}
	return hi*100 + lo, true
}

// twoDigits reads 10 to 99 in words from the start of tokens.
func twoDigits(tokens []string) (int64, []string, bool) {
	if len(tokens) == 0 {
		return 0, nil, false
	}
	if v, ok := teenWords[tokens[0]]; ok {
		return v, tokens[1:], true
	}
	v, ok := tensWords[tokens[0]]
	if !ok {
		return 0, nil, false
	}
	if len(tokens) > 1 {
		if u, ok := unitWords[tokens[1]]; ok && u > 0 {
			return v + u, tokens[2:], true
		}
	}
	return v, tokens[1:], true
}

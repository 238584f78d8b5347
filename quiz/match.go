package quiz

import (
	"strings"
	"unicode/utf8"
)

// Lexicon is what the grader knows about the whole set of decks in play,
// beyond the card it grades. A nil Lexicon means the card alone.
type Lexicon interface {
	// Known reports whether the normalized text is the answer, an accepted
	// alternative or a distractor of any card, or an acronym or name the
	// decks spell out. Texts that differ only in the spaces between words
	// (see TermKey) are one text.
	Known(norm string) bool
	// Equivalents returns the normalized forms the decks declare equal to
	// norm: an acronym and its expansion, in either direction.
	Equivalents(norm string) []string
}

// Match grades a typed answer against a typed card's answer and accept
// alternatives the way a fair teacher would:
//
//   - Blank is wrong: the learner does not know.
//   - Right when the typed text, normalized (see Normalize), equals the
//     normalized answer, an accept alternative, or a form the lexicon
//     declares equivalent to one of them (an acronym and its expansion).
//     Spaces between words do not count ("counterterrorism" is "counter
//     terrorism"), though a space between two numbers does. Numbers are
//     right when they are the same number, whatever their form (see
//     numberValue).
//   - Almost (a near miss, a typo) when NearMiss says so for one of those
//     forms, unless the typed text is one the lexicon knows: an answer,
//     alternative or distractor of any card (this card's own are right,
//     above). A wrong answer the decks know is never a typo of the right
//     one: "bilateral" is wrong for "trilateral", and "SCO" for "CSTO".
//   - Wrong otherwise.
//
// The grade's Expected is the card's answer, Typed what was typed, and
// Matched the form it equalled or nearly equalled.
func Match(c *Card, typed string, lex Lexicon) Grade {
	g := Grade{Verdict: Wrong, Expected: c.Answer, Typed: typed}
	if strings.TrimSpace(typed) == "" {
		return g
	}
	forms := make([]string, 0, 1+len(c.Accept))
	forms = append(forms, c.Answer)
	forms = append(forms, c.Accept...)
	t := Normalize(typed)
	if t == "" {
		// Nothing but punctuation and symbols: right only if a form is the
		// same punctuation, white space aside.
		for _, f := range forms {
			if Normalize(f) == "" && strings.Join(strings.Fields(f), " ") == strings.Join(strings.Fields(typed), " ") {
				return right(g, f)
			}
		}
		return g
	}

	type target struct{ text, norm string } // as the deck writes it, and normalized
	var targets []target
	for _, f := range forms {
		n := Normalize(f)
		if n == "" {
			continue
		}
		targets = append(targets, target{f, n})
		if lex != nil {
			for _, e := range lex.Equivalents(n) {
				targets = append(targets, target{e, e})
			}
		}
	}
	tk := compactKey(t)
	for _, x := range targets {
		if compactKey(x.norm) == tk {
			return right(g, x.text)
		}
	}
	if tv, ok := numberValue(typed, t); ok {
		for _, x := range targets {
			if v, ok := numberValue(x.text, x.norm); ok && v == tv {
				return right(g, x.text)
			}
		}
		return g // a number is right or wrong, never nearly right
	}
	if lex != nil && lex.Known(t) {
		return g
	}
	best := -1
	for _, x := range targets {
		if _, isNum := numberValue(x.text, x.norm); isNum {
			continue
		}
		if d, ok := NearMiss(x.norm, t); ok && (best < 0 || d < best) {
			best = d
			g.Matched = x.text
		}
	}
	if best > 0 {
		g.Verdict, g.Credit = Almost, 1
	}
	return g
}

func right(g Grade, matched string) Grade {
	g.Verdict, g.Credit, g.Matched = Correct, 1, matched
	return g
}

// CheckTyped grades a typed answer by the card alone: Match without a
// lexicon.
func CheckTyped(c *Card, typed string) Grade { return Match(c, typed, nil) }

// Tolerance is how many edits a typed answer may be from an answer with
// the given number of letters (and digits) and still be a near miss: none
// for 3 letters or fewer, 1 for 4 to 7, 2 for 8 or more.
func Tolerance(letters int) int {
	switch {
	case letters <= 3:
		return 0
	case letters <= 7:
		return 1
	}
	return 2
}

// NearMiss reports whether typed, normalized, is a typo of answer,
// normalized: at most Tolerance edits away but not equal, where an edit is
// an insertion, deletion or substitution of a letter or the transposition
// of two adjacent ones (the optimal string alignment distance, a
// restricted Damerau–Levenshtein distance, over runes). Letters are counted
// in the answer, and edits measured, with spaces between words left out, so
// "counter terrorism" is 16 letters and "counterterrorism" no edit from it.
// Numbers get no tolerance: neither side may be a number, and the numbers
// written in them ("Resolution 1373") must be the same. It reports the
// number of edits. NearMiss knows nothing of other cards: see Match.
func NearMiss(answer, typed string) (edits int, ok bool) {
	if _, isNum := normNumber(answer); isNum {
		return 0, false
	}
	if _, isNum := normNumber(typed); isNum {
		return 0, false
	}
	if !sameDigits(answer, typed) {
		return 0, false
	}
	a, t := compactKey(answer), compactKey(typed)
	tol := Tolerance(utf8.RuneCountInString(strings.ReplaceAll(a, " ", "")))
	if tol == 0 || a == t {
		return 0, false
	}
	d := Distance(a, t, tol)
	return d, d <= tol
}

// TermKey is the form in which Match compares normalized texts, and in
// which a Lexicon looks them up: without the spaces between words, except a
// space between two numbers, which "1 2" needs to differ from "12". So
// "counter terrorism" and "counterterrorism" are one term.
func TermKey(norm string) string { return compactKey(norm) }

func compactKey(norm string) string {
	if !strings.Contains(norm, " ") {
		return norm
	}
	var b strings.Builder
	b.Grow(len(norm))
	for i := 0; i < len(norm); i++ {
		c := norm[i]
		if c == ' ' {
			if i > 0 && i+1 < len(norm) && isDigitByte(norm[i-1]) && isDigitByte(norm[i+1]) {
				b.WriteByte(' ')
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// sameDigits reports whether two normalized texts hold the same runs of
// digits in the same order.
func sameDigits(a, b string) bool {
	if !strings.ContainsAny(a, "0123456789") && !strings.ContainsAny(b, "0123456789") {
		return true
	}
	da, db := digitRuns(a), digitRuns(b)
	if len(da) != len(db) {
		return false
	}
	for i := range da {
		if da[i] != db[i] {
			return false
		}
	}
	return true
}

func digitRuns(s string) []string {
	var runs []string
	for i := 0; i < len(s); {
		if !isDigitByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && (isDigitByte(s[j]) || s[j] == '.' && j+1 < len(s) && isDigitByte(s[j+1])) {
			j++
		}
		runs = append(runs, s[i:j])
		i = j
	}
	return runs
}

// Distance is the optimal string alignment distance between a and b, over
// runes: the fewest insertions, deletions, substitutions and transpositions
// of adjacent runes that turn one into the other, no substring being edited
// twice. It stops counting past limit: any result above limit means "more
// than limit". Its cost grows with the length of the texts times limit, not
// with the square of their length.
func Distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	limit = max(limit, 0)
	if len(ra)-len(rb) > limit {
		return limit + 1
	}
	// Only cells within limit of the diagonal can hold limit or less; the
	// others count as limit+1. Three rows: two back (for transpositions), one
	// back, and the current one.
	inf := limit + 1
	n := len(rb)
	prev2 := make([]int, n+1)
	prev := make([]int, n+1)
	cur := make([]int, n+1)
	for j := range prev {
		prev[j] = min(j, inf)
		prev2[j] = inf
	}
	for i := 1; i <= len(ra); i++ {
		lo, hi := max(1, i-limit), min(n, i+limit)
		// The cells next to the band, which this row and the next read.
		cur[0] = min(i, inf)
		if lo > 1 {
			cur[lo-1] = inf
		}
		if hi < n {
			cur[hi+1] = inf
		}
		rowMin := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			v = min(v, inf)
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return inf
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[n]
}

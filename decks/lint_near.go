package decks

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"steppe/quiz"
)

// A typed answer is graded almost when it is a near miss of the card's
// answer (quiz.NearMiss): a typo. When another card's answer is itself that
// close, the grader tells them apart only by the lexicon, which knows every
// answer of the decks in play: "bilateral" typed exactly is wrong for
// "trilateral". A misspelt "bilateral" such as "tilateral" is as near to one
// as to the other, and passes as almost. nearAnswers warns about such pairs,
// so that the author sees them.
//
// It compares each typed card's answer and accept alternatives with the
// right answers of every other card: the answers of typed, choice, basic and
// cloze cards, accept alternatives and the right options of multi cards.
// Distractors are left out: a learner is not taught them as answers. Pairs
// the deck declares the same (an acronym and its name) are left out, and so
// is a pair where the other card's answer is one the typed card accepts.
// So is a pair where the typed card's question names the other answer
// ("Alongside bilateral agreements, what kind of mechanisms ...?" for
// "trilateral"): the question itself sets the two apart, so the learner has
// no reason to answer with the other, and the author has plainly seen the
// pair. It warns once per pair of cards, at the typed card's answer.
func (l *linter) nearAnswers() {
	forms, typed := l.answerForms()
	if len(typed) == 0 {
		return
	}
	var lex quiz.Lexicon // made when first needed: most decks have no near pairs
	idx := newNearIndex(forms, typed)
	warned := map[[2]*Entry]bool{}
	own := map[*Entry]map[string]bool{} // the forms each typed card accepts
	for _, f := range typed {
		if own[f.entry] == nil {
			own[f.entry] = map[string]bool{}
		}
		own[f.entry][f.norm] = true
	}
	for _, a := range typed {
		if a.tol == 0 {
			continue
		}
		question := ""
		for _, b := range idx.candidates(a) {
			if b.entry == a.entry || own[a.entry][b.norm] || warned[[2]*Entry{a.entry, b.entry}] {
				continue
			}
			edits, ok := quiz.NearMiss(a.norm, b.norm)
			if !ok {
				continue
			}
			if question == "" {
				question = " " + quiz.Normalize(a.entry.Q) + " "
			}
			if lex == nil {
				lex = quiz.NewLexicon(quiz.DeckTerms(l.d.Cards))
			}
			if strings.Contains(question, " "+b.norm+" ") || equivalent(lex, a.norm, b.norm) {
				continue
			}
			warned[[2]*Entry{a.entry, b.entry}] = true
			warned[[2]*Entry{b.entry, a.entry}] = true
			l.warn(a.pos, "typed answer %q of card %q is within %d %s of %q (%s card %q, line %d); a misspelt %q may pass for it as almost",
				a.text, a.entry.ID, edits, pluralize("edit", edits), b.text, b.entry.Type, b.entry.ID, b.pos.Line, b.text)
		}
	}
}

func equivalent(lex quiz.Lexicon, a, b string) bool {
	for _, e := range lex.Equivalents(a) {
		if e == b {
			return true
		}
	}
	return false
}

// answerForm is one right answer of a card, as written and normalized.
type answerForm struct {
	entry   *Entry
	text    string
	norm    string
	letters string // norm without spaces
	words   string // letters without digits
	digits  string // the digits of norm, each run ended by a space
	pos     Pos
	tol     int // for a typed card's form: quiz.Tolerance of its letters
}

// answerForms lists every card's right answers in file order, and apart
// from them those of typed cards.
func (l *linter) answerForms() (all, typed []*answerForm) {
	norms := map[string]string{} // answers repeat: "true", years, option sets
	add := func(e *Entry, text string, pos Pos) {
		n, ok := norms[text]
		if !ok {
			n = quiz.Normalize(text)
			norms[text] = n
		}
		if n == "" {
			return
		}
		f := &answerForm{entry: e, text: text, norm: n, letters: strings.ReplaceAll(n, " ", ""), pos: pos}
		f.words, f.digits = splitDigits(f.letters)
		all = append(all, f)
		if e.Type == quiz.Typed {
			f.tol = quiz.Tolerance(utf8.RuneCountInString(f.letters))
			typed = append(typed, f)
		}
	}
	entries := map[string]*Entry{}
	for i := range l.d.Entries {
		e := &l.d.Entries[i]
		entries[e.ID] = e
		switch e.Type {
		case quiz.Typed, quiz.Choice, quiz.Basic:
			add(e, e.Answer, e.Pos("answer"))
			for i, a := range e.Accept {
				add(e, a, e.ItemPos("accept", i))
			}
		case quiz.Multi:
			for i, a := range e.Answers {
				add(e, a, e.ItemPos("answers", i))
			}
		}
	}
	for i := range l.d.Cards {
		c := &l.d.Cards[i]
		if e := entries[c.Sibling]; c.Type == quiz.Cloze && e != nil {
			add(e, c.Answer, e.Pos("q"))
		}
	}
	return all, typed
}

// splitDigits splits s into its runes that are no ASCII digits, and its
// runs of digits, each followed by a space.
func splitDigits(s string) (words, digits string) {
	var w, d strings.Builder
	inRun := false
	for _, r := range s {
		isDigit := '0' <= r && r <= '9' || r == '.' && inRun
		switch {
		case isDigit:
			d.WriteRune(r)
		case inRun:
			d.WriteByte(' ')
		}
		if !isDigit {
			w.WriteRune(r)
		}
		inRun = isDigit
	}
	if inRun {
		d.WriteByte(' ')
	}
	return w.String(), d.String()
}

// nearIndex finds the answer forms that may be near misses of a typed
// answer without comparing every pair: two texts within k edits (optimal
// string alignment) share a text made by deleting at most k runes from
// each, so forms are indexed by what deleting up to two runes makes of
// them. As a near miss must write the same numbers (quiz.NearMiss), the
// deletions are made from the letters only, and the digits are part of the
// key. Long forms, which would make too many such texts, are compared one
// by one with those of about their length.
type nearIndex struct {
	byDeletion map[string][]string // deletion and digits → normalized forms
	long       map[int][]string    // forms with more than maxIndexed letters, by their count
	forms      map[string][]*answerForm
	cache      map[string][]*answerForm // candidates by the typed answer's norm and tolerance
}

// maxIndexed is the longest form, in runes, that nearIndex indexes by
// deletions: one of n runes makes about n²/2 texts.
const maxIndexed = 24

func newNearIndex(forms, typed []*answerForm) *nearIndex {
	x := &nearIndex{byDeletion: map[string][]string{}, long: map[int][]string{},
		forms: map[string][]*answerForm{}, cache: map[string][]*answerForm{}}
	// Only forms with the digits and about the length of a typed answer
	// that has a tolerance can be near one.
	type shape struct {
		digits string
		n      int
	}
	wanted := map[shape]bool{}
	for _, a := range typed {
		n := utf8.RuneCountInString(a.words)
		for m := n - a.tol; a.tol > 0 && m <= n+a.tol; m++ {
			wanted[shape{a.digits, m}] = true
		}
	}
	for _, f := range forms {
		n := utf8.RuneCountInString(f.words)
		if !wanted[shape{f.digits, n}] {
			continue
		}
		seen := x.forms[f.norm] != nil
		x.forms[f.norm] = append(x.forms[f.norm], f)
		switch {
		case seen:
		case n > maxIndexed:
			x.long[n] = append(x.long[n], f.norm)
		default:
			for _, d := range deletions(f.words, 2) {
				key := d + "\x00" + f.digits
				x.byDeletion[key] = append(x.byDeletion[key], f.norm)
			}
		}
	}
	return x
}

// candidates returns the forms that may be within a.tol edits of a, each
// once, in file order.
func (x *nearIndex) candidates(a *answerForm) []*answerForm {
	key := a.norm + "\x00" + strconv.Itoa(a.tol)
	if c, ok := x.cache[key]; ok {
		return c
	}
	seen := map[string]bool{}
	var out []*answerForm
	add := func(norms []string) {
		for _, n := range norms {
			if !seen[n] {
				seen[n] = true
				out = append(out, x.forms[n]...)
			}
		}
	}
	n := utf8.RuneCountInString(a.words)
	if n+a.tol > maxIndexed {
		for m := n - a.tol; m <= n+a.tol; m++ {
			add(x.long[m])
		}
	}
	if n-a.tol <= maxIndexed {
		for _, d := range deletions(a.words, a.tol) {
			add(x.byDeletion[d+"\x00"+a.digits])
		}
	}
	// Keep file order, so that warnings do not depend on map order.
	sortForms(out)
	x.cache[key] = out
	return out
}

func sortForms(fs []*answerForm) {
	slices.SortStableFunc(fs, func(a, b *answerForm) int {
		return cmp.Or(cmp.Compare(a.pos.Line, b.pos.Line), cmp.Compare(a.pos.Col, b.pos.Col))
	})
}

// deletions returns s and every distinct text made by deleting up to k of
// its runes.
func deletions(s string, k int) []string {
	out := []string{s}
	seen := map[string]bool{s: true}
	level := []string{s}
	for range k {
		var next []string
		for _, t := range level {
			rs := []rune(t)
			for i := range rs {
				d := string(rs[:i]) + string(rs[i+1:])
				if !seen[d] {
					seen[d] = true
					out = append(out, d)
					next = append(next, d)
				}
			}
		}
		level = next
	}
	return out
}

package decks

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"steppe/quiz"
)

var cardFields = []string{
	"id", "type", "q", "answer", "accept", "answers", "wrong", "items",
	"explain", "section", "quote", "tags",
}

// answerFields are the fields that only some card types take.
var answerFields = []string{"answer", "accept", "answers", "wrong", "items"}

// typeFields lists the answer fields each card type takes. Every type also
// takes id, type, q, explain, section, quote and tags.
var typeFields = [...][]string{
	quiz.Basic:     {"answer"},
	quiz.Typed:     {"answer", "accept"},
	quiz.Choice:    {"answer", "wrong"},
	quiz.Multi:     {"answers", "wrong"},
	quiz.TrueFalse: {"answer"},
	quiz.Cloze:     nil,
	quiz.Order:     {"items"},
}

// cards reads the cards list. Entries with errors are left out; the errors
// are reported.
func (p *parser) cards(n ast.Node, d *Deck) []Entry {
	n = p.resolve(n)
	var values []ast.Node
	switch v := n.(type) {
	case nil:
		return nil
	case *ast.NullNode:
		return nil
	case *ast.SequenceNode:
		values = v.Values
	default:
		p.errorf(posOf(n), "cards must be a list of cards, each starting with \"- id: ...\"")
		return nil
	}
	entries := make([]Entry, 0, len(values))
	ids := make(map[string]Pos, len(values))
	for i, v := range values {
		if e, ok := p.card(v, i+1, ids); ok {
			entries = append(entries, e)
		}
	}
	return entries
}

// cardName names a card in messages before it is checked: by its id if it
// has a plain one, otherwise by its number in the list.
func (p *parser) cardName(n ast.Node, num int) string {
	if m, ok := p.resolve(n).(*ast.MappingNode); ok {
		for _, mv := range m.Values {
			if mv.Key.GetToken().Value != "id" {
				continue
			}
			if tk := p.resolve(mv.Value); tk != nil {
				if s, ok := tk.(*ast.StringNode); ok && s.Value != "" {
					return strconv.Quote(s.Value)
				}
				if _, ok := tk.(*ast.IntegerNode); ok {
					return strconv.Quote(tk.GetToken().Value)
				}
			}
		}
	}
	return "#" + strconv.Itoa(num)
}

// card reads and checks one entry. ok is false if it had any error.
func (p *parser) card(n ast.Node, num int, ids map[string]Pos) (e Entry, ok bool) {
	before := len(p.diags)
	name := "card " + p.cardName(n, num)
	fs, typos, ok := p.fields(n, name, cardFields)
	if !ok {
		return e, false
	}
	start := posOf(p.resolve(n))
	e.Line, e.Col = start.Line, start.Col
	got := make(map[string]field, len(fs))
	for _, f := range fs {
		got[f.key] = f
		e.fields = append(e.fields, fieldPos{name: f.key, pos: posOf(f.value)})
	}

	if f, ok := got["id"]; ok {
		e.ID = p.slug(f.value, "card id")
		if first, dup := ids[e.ID]; dup && e.ID != "" {
			p.errorf(posOf(f.value), "duplicate id %q (first used at line %d)", e.ID, first.Line)
		} else if e.ID != "" {
			ids[e.ID] = posOf(f.value)
		}
	} else if !typos["id"] {
		p.errorf(start, "%s has no id", name)
	}

	typeOK := true
	if f, ok := got["type"]; ok {
		s, good := p.text(f.value, "type of "+name)
		t, err := quiz.ParseCardType(s)
		if good && err != nil {
			p.errorf(posOf(f.value), "unknown card type %q in %s; want one of %s",
				s, name, strings.Join(cardTypeNames(), ", "))
		}
		typeOK = good && err == nil
		e.Type = t
	}

	if f, ok := got["q"]; ok {
		var good bool
		e.Q, good = p.text(f.value, "q of "+name)
		if good && e.Q == "" {
			p.errorf(posOf(f.value), "empty question (q) in %s", name)
		}
	} else if !typos["q"] {
		p.errorf(start, "%s has no question (q)", name)
	}
	e.Explain = p.optionalText(got, "explain", name)
	e.Section = p.optionalText(got, "section", name)
	e.Quote = p.optionalText(got, "quote", name)
	if f, ok := got["tags"]; ok {
		e.Tags, _ = p.texts(&e, f, "tags of "+name)
	}

	if typeOK {
		p.answer(&e, got, typos, e.Type.String()+" "+name, start)
	}
	return e, len(p.diags) == before
}

func (p *parser) optionalText(got map[string]field, key, name string) string {
	f, ok := got[key]
	if !ok {
		return ""
	}
	s, _ := p.text(f.value, key+" of "+name)
	return s
}

// texts reads a list field, recording where each item was written. ok is
// false if the value was not a list of texts (which was reported).
func (p *parser) texts(e *Entry, f field, what string) (list []string, ok bool) {
	items, ok := p.list(f.value, what)
	out := make([]string, len(items))
	pos := make([]Pos, len(items))
	for i, it := range items {
		out[i], pos[i] = it.text, it.pos
	}
	for i := range e.fields {
		if e.fields[i].name == f.key {
			e.fields[i].items = pos
		}
	}
	return out, ok
}

// answer reads and checks the fields that depend on the card's type; name is
// e.g. `choice card "sco-founded"`.
func (p *parser) answer(e *Entry, got map[string]field, typos map[string]bool, name string, start Pos) {
	allowed := typeFields[e.Type]
	for _, k := range answerFields {
		if f, ok := got[k]; ok && !contains(allowed, k) {
			takes := "no answer field; its blanks {{...}} in q are the answers"
			if len(allowed) > 0 {
				takes = strings.Join(allowed, " and ")
			}
			p.errorf(f.keyAt, "field %q does not apply to %s (%s %s card takes %s)", k, name, article(e.Type.String()), e.Type, takes)
		}
	}
	need := func(key string) (field, bool) {
		f, ok := got[key]
		if !ok && !typos[key] {
			p.errorf(start, "%s has no %s", name, key)
		}
		return f, ok
	}
	switch e.Type {
	case quiz.Basic, quiz.Typed, quiz.Choice:
		if f, ok := need("answer"); ok {
			var good bool
			e.Answer, good = p.text(f.value, "answer of "+name)
			if good && e.Answer == "" {
				p.errorf(posOf(f.value), "empty answer in %s", name)
			}
		}
	case quiz.TrueFalse:
		if f, ok := need("answer"); ok {
			e.Answer = p.truth(f.value, name)
		}
	}
	list := func(key string, least int) []string {
		f, ok := need(key)
		if !ok {
			return nil
		}
		l, ok := p.texts(e, f, key+" of "+name)
		if ok && len(l) < least {
			p.errorf(posOf(f.value), "%s needs at least %d %s, has %d", name, least, plural(key, least), len(l))
		}
		return l
	}
	switch e.Type {
	case quiz.Typed:
		if f, ok := got["accept"]; ok {
			e.Accept, _ = p.texts(e, f, "accept of "+name)
		}
	case quiz.Choice:
		e.Wrong = list("wrong", 1)
		p.distinct(e, "wrong", e.Wrong, name)
		for i, w := range e.Wrong {
			if e.Answer != "" && sameOption(w, e.Answer) {
				p.errorf(e.ItemPos("wrong", i), "answer %q of %s is also among wrong", e.Answer, name)
			}
		}
	case quiz.Multi:
		e.Answers = list("answers", 2)
		e.Wrong = list("wrong", 1)
		p.distinct(e, "answers", e.Answers, name)
		p.distinct(e, "wrong", e.Wrong, name)
		for i, w := range e.Wrong {
			for _, a := range e.Answers {
				if sameOption(w, a) {
					p.errorf(e.ItemPos("wrong", i), "%q is both among answers and among wrong of %s", w, name)
				}
			}
		}
	case quiz.Order:
		e.Items = list("items", 2)
		p.distinct(e, "items", e.Items, name)
	case quiz.Cloze:
		if e.Q != "" {
			if _, err := parseCloze(e.Q); err != nil {
				p.errorf(e.Pos("q"), "%s: %v", name, err)
			}
		}
	}
}

// truth reads a truefalse card's answer, which must be a YAML boolean.
func (p *parser) truth(n ast.Node, name string) string {
	if b, ok := p.resolve(n).(*ast.BoolNode); ok {
		return strconv.FormatBool(b.Value)
	}
	if s, ok := p.text(n, "answer of "+name); ok {
		p.errorf(posOf(n), "answer of %s must be true or false, unquoted (a YAML boolean), not the text %q", name, s)
	}
	return ""
}

// distinct reports items of a list that show as the same option.
func (p *parser) distinct(e *Entry, key string, list []string, name string) {
	for i := range list {
		for j := range i {
			if sameOption(list[i], list[j]) {
				p.errorf(e.ItemPos(key, i), "%q appears twice in %s of %s", list[i], key, name)
				break
			}
		}
	}
}

// sameOption reports whether two options would look the same to a learner:
// equal but for case and runs of white space.
func sameOption(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

func plural(key string, n int) string {
	switch {
	case key == "wrong":
		return "wrong option"
	case n == 1:
		return strings.TrimSuffix(key, "s")
	}
	return key
}

func cardTypeNames() []string {
	s := make([]string, len(quiz.CardTypes))
	for i, t := range quiz.CardTypes {
		s[i] = t.String()
	}
	return s
}

// expand fills d.Cards from d.Entries. It runs only on a deck without
// errors.
func (d *Deck) expand() {
	d.Cards = make([]quiz.Card, 0, len(d.Entries))
	for i := range d.Entries {
		e := &d.Entries[i]
		c := quiz.Card{
			Deck: d.Slug, ID: e.ID, Type: e.Type,
			Question: e.Q, Answer: e.Answer, Accept: e.Accept,
			Answers: e.Answers, Wrong: e.Wrong, Items: e.Items,
			Explain: e.Explain, Section: e.Section, Quote: e.Quote, Tags: e.Tags,
			File: d.File, Line: e.Line,
		}
		if e.Type != quiz.Cloze {
			d.Cards = append(d.Cards, c)
			continue
		}
		blanks, err := parseCloze(e.Q)
		if err != nil {
			panic(fmt.Sprintf("decks: cloze %q passed its check but fails: %v", e.ID, err))
		}
		for j, b := range blanks {
			cc := c
			cc.ID = e.ID + "." + b.id
			cc.Question = clozeQuestion(e.Q, blanks, j)
			cc.Answer = b.text
			cc.Sibling = e.ID
			d.Cards = append(d.Cards, cc)
		}
	}
}

package decks

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"steppe/quiz"
)

// DraftCard is one card of a machine draft, in deck format 1's terms.
type DraftCard struct {
	ID      string
	Type    quiz.CardType // Cloze, Order, Multi or Basic
	Kind    string        // what made it: definition, acronym, year, enumeration, list
	Q       string
	Answer  string   // basic
	Answers []string // multi
	Wrong   []string // multi
	Items   []string // order
	Section string
	Quote   string
	// Check, when set, is a note for the instructor, written as a comment
	// above the card: what the draft could not decide.
	Check string
}

// DeckDraft is a deck drafted from a source text, for an instructor to edit.
type DeckDraft struct {
	Slug, Title string
	Source      Source
	// SourceName is how the header comment's lint command names the text:
	// its file name, or "bundled".
	SourceName string
	Sections   int // how many sections gave at least one card
	Cards      []DraftCard
}

// ErrNoHeadings is returned by DraftDeck for a text in which no heading is
// found: every card needs a section, so nothing can be drafted.
var ErrNoHeadings = errors.New("no headings found: a heading is a short line of its own, with blank lines around it and no final punctuation, after the title line; add headings so that cards can name their section")

// Draft drafts a deck from src and returns it as YAML in deck format 1,
// with the number of cards. See DraftDeck.
func Draft(src *SourceText, slug, title string) (yamlBytes []byte, n int, err error) {
	d, err := DraftDeck(src, slug, title)
	if err != nil {
		return nil, 0, err
	}
	return d.YAML(), len(d.Cards), nil
}

// DraftDeck drafts a deck from src. Each heading of the text is a section;
// its sentences give cloze cards where they define a term ("X is ...",
// "X, a ..., ..."), spell out an acronym ("Full Name (ACR)"), name a year,
// or enumerate three or more things inline ("A, B, and C"). Each list of
// the text gives an order card (numbered) or a multi card (bulleted, with
// other lists' items as distractors; a basic card when there are none).
// Every card's quote is the verbatim sentence or list it came from, so the
// draft lints clean against src. Ids are made from the section and the key
// term, and are unique. Debris lines are never part of a sentence, so never
// of a card. It fails with ErrNoHeadings when src has no headings, and when
// nothing can be drafted.
func DraftDeck(src *SourceText, slug, title string) (*DeckDraft, error) {
	srcTitle := src.draftTitle()
	if srcTitle == "" {
		return nil, fmt.Errorf("%s is empty", src.Name)
	}
	if len(src.sections) == 0 {
		return nil, ErrNoHeadings
	}
	if title == "" {
		title = "Draft: " + srcTitle
	}
	d := &DeckDraft{
		Slug: slug, Title: title, SourceName: src.Name,
		Source: Source{
			Title: srcTitle,
			Note:  "Machine draft made by steppe deck draft from " + src.Name + "; check every card against the text before use.",
		},
	}
	ids := map[string]bool{}
	asked := map[string]bool{} // a sentence the text repeats is drafted once
	lists := src.draftLists()
	for si := range src.sections {
		sec := &src.sections[si]
		before := len(d.Cards)
		for _, st := range sec.Sentences {
			for _, k := range draftKinds {
				q, blanks, ok := draftCloze(st.Text, k.cuts(st.Text))
				if !ok || asked[questionKey(q)] {
					continue
				}
				asked[questionKey(q)] = true
				d.Cards = append(d.Cards, DraftCard{
					ID:   draftID(ids, sec.Heading, blanks[0]),
					Type: quiz.Cloze, Kind: k.name, Q: q,
					Section: sec.Heading, Quote: st.Text,
				})
			}
		}
		for li, l := range lists {
			if l.section == sec {
				d.Cards = append(d.Cards, draftListCard(ids, lists, li))
			}
		}
		if len(d.Cards) > before {
			d.Sections++
		}
	}
	if len(d.Cards) == 0 {
		return nil, fmt.Errorf("nothing to draft from %s: no sentence defines a term, spells out an acronym, names a year or enumerates things, and there are no lists", src.Name)
	}
	return d, nil
}

// draftKinds are the sentence extractors, in the order their cards are
// written. Each gives its own card, so that an instructor can keep one fact
// of a sentence and drop another.
var draftKinds = []struct {
	name string
	cuts func(string) []draftCut
}{
	{"definition", definitionCuts},
	{"acronym", acronymCuts},
	{"year", yearCuts},
	{"enumeration", enumerationCuts},
}

// draftTitle is the text's first non-blank line.
func (s *SourceText) draftTitle() string {
	for _, l := range splitLines(s.text) {
		if t := strings.TrimSpace(l.text); t != "" {
			return collapse(t)
		}
	}
	return ""
}

// draftList is a numbered or bulleted list of the text.
type draftList struct {
	section  *Section
	numbered bool
	leadIn   string   // the line before the list if it ends in ':', e.g. "Key steps include:"
	items    []string // each item's text, without its marker
	quote    string   // the lead-in and the items, verbatim
}

// lists finds the text's lists: runs of list items of one kind (numbered or
// bulleted), perhaps with blank lines between them, inside a section.
func (s *SourceText) draftLists() []draftList {
	lines := splitLines(s.text)
	var out []draftList
	for i := 0; i < len(lines); {
		t := strings.TrimSpace(lines[i].text)
		m := listMarker(t)
		sec := s.sectionAt(lines[i].start)
		if m == 0 || isDebris(t) || sec == nil {
			i++
			continue
		}
		numbered := draftNumbered(t)
		l := draftList{section: sec, numbered: numbered}
		quoteStart := lines[i].start + strings.Index(lines[i].text, t)
		if p := draftPrevLine(lines, i); p >= 0 && lines[p].start >= sec.Start && s.sectionAt(lines[p].start) == sec {
			pt := strings.TrimSpace(lines[p].text)
			if strings.HasSuffix(pt, ":") && !isListItem(pt) && p > 0 && lines[p].start > sec.Start {
				l.leadIn = collapse(pt)
				quoteStart = lines[p].start + strings.Index(lines[p].text, pt)
			}
		}
		end := i
		for j := i; j < len(lines); j++ {
			tj := strings.TrimSpace(lines[j].text)
			if tj == "" {
				continue
			}
			mj := listMarker(tj)
			if mj == 0 || draftNumbered(tj) != numbered || s.sectionAt(lines[j].start) != sec || isDebris(tj) {
				break
			}
			l.items = append(l.items, strings.TrimRight(collapse(tj[mj:]), "."))
			end = j
		}
		l.quote = collapse(s.text[quoteStart:lines[end].end])
		if len(l.items) >= 2 {
			out = append(out, l)
		}
		i = end + 1
	}
	return out
}

func draftNumbered(t string) bool {
	m := listMarker(t)
	return m > 0 && (t[m-2] == '.' || t[m-2] == ')') && !strings.HasPrefix(t, "-") && !strings.HasPrefix(t, "*")
}

func draftPrevLine(lines []line, i int) int {
	for p := i - 1; p >= 0; p-- {
		if strings.TrimSpace(lines[p].text) != "" {
			return p
		}
	}
	return -1
}

// draftMaxWrong caps the wrong options of a drafted multi card.
const draftMaxWrong = 4

// draftListCard drafts the card for lists[li]: an order card for a numbered
// list; for a bulleted one, a multi card whose wrong options are items of
// the other lists, or a basic card if no other list has items that fit.
func draftListCard(ids map[string]bool, lists []draftList, li int) DraftCard {
	l := lists[li]
	c := DraftCard{Section: l.section.Heading, Quote: l.quote, Kind: "list"}
	where := fmt.Sprintf("under %q", l.section.Heading)
	if l.leadIn != "" {
		where = fmt.Sprintf("after %q, %s", l.leadIn, where)
	}
	if l.numbered {
		c.Type = quiz.Order
		c.Q = fmt.Sprintf("Put these in the order the text gives them (%s).", where)
		c.Items = draftDistinct(l.items)
		c.ID = draftID(ids, l.section.Heading, "order")
		if len(c.Items) < 2 {
			c.Type, c.Items = quiz.Basic, nil
			c.Q = fmt.Sprintf("What does the text list %s?", where)
			c.Answer = strings.Join(l.items, "; ")
			c.Check = "a list whose items repeat; rewrite this card"
		}
		return c
	}
	c.Answers = draftDistinct(l.items)
	// Other bulleted lists' items first: they read most like the answers.
	for _, numbered := range []bool{false, true} {
		for k, o := range lists {
			if k == li || o.numbered != numbered {
				continue
			}
			for _, it := range o.items {
				if len(c.Wrong) < draftMaxWrong && !draftHasOption(c.Answers, it) && !draftHasOption(c.Wrong, it) {
					c.Wrong = append(c.Wrong, it)
				}
			}
		}
	}
	c.ID = draftID(ids, l.section.Heading, "points")
	if len(c.Wrong) > 0 && len(c.Answers) >= 2 {
		c.Type = quiz.Multi
		c.Q = fmt.Sprintf("Which of these points does the text make %s?", where)
		c.Check = "the wrong options are items of other lists in the text; check that each is plausible but wrong here"
		return c
	}
	c.Type, c.Answers, c.Wrong = quiz.Basic, nil, nil
	c.Q = fmt.Sprintf("What points does the text list %s?", where)
	c.Answer = strings.Join(l.items, "; ")
	c.Check = "no other list gave wrong options, so this is a basic card; consider making it a multi card with distractors"
	return c
}

func draftDistinct(items []string) []string {
	var out []string
	for _, it := range items {
		if it != "" && !draftHasOption(out, it) {
			out = append(out, it)
		}
	}
	return out
}

func draftHasOption(list []string, s string) bool {
	for _, o := range list {
		if sameOption(o, s) {
			return true
		}
	}
	return false
}

// draftIDWords caps each part of a drafted id.
const draftIDWords = 3

// draftIDStops are left out of drafted ids.
var draftIDStops = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "and": true, "in": true, "on": true,
	"for": true, "to": true, "their": true, "its": true, "through": true, "with": true,
}

// draftIDPart is the first few significant words of s, in the id alphabet.
func draftIDPart(s string) string {
	var words []string
	for _, w := range strings.Split(BlankID(s), "-") {
		if w != "" && !draftIDStops[w] {
			words = append(words, w)
		}
		if len(words) == draftIDWords {
			break
		}
	}
	if len(words) == 0 {
		return BlankID(s)
	}
	return strings.Join(words, "-")
}

// draftID makes the id of a card from its section and key term, adding
// -2, -3, ... when that id is taken.
func draftID(ids map[string]bool, section, term string) string {
	base := draftIDPart(section) + "-" + draftIDPart(term)
	id := base
	for n := 2; ids[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	ids[id] = true
	return id
}

// YAML writes the draft as a deck file in format 1, with a header comment
// saying it is a draft to edit and a comment before each section's cards.
func (d *DeckDraft) YAML() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# A machine draft of a deck, made by `steppe deck draft` from the text\n# %q.\n", draftComment(d.Source.Title))
	b.WriteString("# Edit it before use: keep the cards worth learning, reword their questions,\n")
	b.WriteString("# and check each against the text. Cards marked CHECK need a decision.\n")
	fmt.Fprintf(&b, "# Then: steppe deck lint --source %s FILE\n", d.SourceName)
	b.WriteString("format: 1\n")
	fmt.Fprintf(&b, "deck: %s\n", d.Slug)
	fmt.Fprintf(&b, "title: %s\n", draftQuote(d.Title))
	b.WriteString("source:\n")
	fmt.Fprintf(&b, "  title: %s\n", draftQuote(d.Source.Title))
	fmt.Fprintf(&b, "  note: %s\n", draftQuote(d.Source.Note))
	b.WriteString("cards:\n")
	section, n := "", 0
	for i, c := range d.Cards {
		if c.Section != section {
			section = c.Section
			n++
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "  # --- %d. %s ---\n", n, draftComment(section))
		} else {
			b.WriteString("\n")
		}
		if c.Check != "" {
			fmt.Fprintf(&b, "  # CHECK: %s\n", draftComment(c.Check))
		}
		fmt.Fprintf(&b, "  - id: %s\n", c.ID)
		fmt.Fprintf(&b, "    type: %s\n", c.Type)
		fmt.Fprintf(&b, "    q: %s\n", draftQuote(c.Q))
		if c.Type == quiz.Basic {
			fmt.Fprintf(&b, "    answer: %s\n", draftQuote(c.Answer))
		}
		writeDraftList(&b, "answers", c.Answers)
		writeDraftList(&b, "wrong", c.Wrong)
		writeDraftList(&b, "items", c.Items)
		fmt.Fprintf(&b, "    section: %s\n", draftQuote(c.Section))
		fmt.Fprintf(&b, "    quote: %s\n", draftQuote(c.Quote))
		fmt.Fprintf(&b, "    tags: [draft, %s]\n", c.Kind)
	}
	return []byte(b.String())
}

func writeDraftList(b *strings.Builder, key string, list []string) {
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(b, "    %s:\n", key)
	for _, s := range list {
		fmt.Fprintf(b, "      - %s\n", draftQuote(s))
	}
}

// draftComment makes s safe inside a YAML comment: one line, no control
// characters.
func draftComment(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 {
			return ' '
		}
		return r
	}, s)
}

// draftQuote writes s as a YAML double-quoted scalar: backslash and double
// quote escaped, and control characters (and invalid UTF-8, as U+FFFD) as
// \u escapes, so that any text reads back exactly.
func draftQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			fmt.Fprintf(&b, `\u%04X`, r)
		case r == utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

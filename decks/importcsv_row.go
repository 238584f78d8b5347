package decks

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"steppe/quiz"
)

// csvEntry builds one card from a row whose columns are cols.
func csvEntry(cols, fields []string, isHTML bool, taken map[string]bool) (e Entry, media int, err error) {
	var typ, guid string
	var explain []string
	for i, c := range cols {
		v, m := plainText(fields[i], isHTML)
		media += len(m)
		switch c {
		case "q":
			e.Q = v
		case "answer":
			e.Answer = v
		case "wrong":
			e.Wrong = append(e.Wrong, splitList(v)...)
		case "accept":
			e.Accept = append(e.Accept, splitList(v)...)
		case "answers":
			e.Answers = append(e.Answers, splitList(v)...)
		case "items":
			e.Items = append(e.Items, splitList(v)...)
		case "tags":
			e.Tags = splitTags(v)
		case "type":
			typ = strings.ToLower(v)
		case "explain":
			if v != "" {
				explain = append(explain, v)
			}
		case "id":
			e.ID = v
		case "guid":
			guid = v
		case "section":
			e.Section = v
		case "quote":
			e.Quote = v
		}
	}
	e.Explain = strings.Join(explain, "\n")
	if e.Q == "" {
		return e, media, errors.New("empty question")
	}
	switch {
	case typ != "":
		t, err := quiz.ParseCardType(typ)
		if err != nil {
			return e, media, fmt.Errorf("unknown type %q", typ)
		}
		e.Type = t
	case reCloze.MatchString(e.Q):
		e.Type = quiz.Cloze
	case len(e.Answers) > 0:
		e.Type = quiz.Multi
	case len(e.Items) > 0:
		e.Type = quiz.Order
	case len(e.Wrong) > 0:
		e.Type = quiz.Choice
	case len(e.Accept) > 0:
		e.Type = quiz.Typed
	default:
		e.Type = quiz.Basic
	}
	switch e.Type {
	case quiz.Cloze:
		e.Q, _, _, _ = ankiCloze(e.Q)
		if _, err := parseCloze(e.Q); err != nil {
			return e, media, err
		}
		if e.Answer != "" {
			e.Explain = strings.TrimSpace(e.Answer + "\n" + e.Explain)
			e.Answer = ""
		}
		e.Wrong, e.Accept, e.Answers, e.Items = nil, nil, nil, nil
	case quiz.Multi:
		if len(e.Answers) < 2 || len(e.Wrong) < 1 {
			return e, media, errors.New("a multi card needs two or more answers and a wrong option")
		}
		e.Answer, e.Accept, e.Items = "", nil, nil
	case quiz.Order:
		if len(e.Items) < 2 {
			return e, media, errors.New("an order card needs two or more items")
		}
		e.Answer, e.Accept, e.Wrong, e.Answers = "", nil, nil, nil
	case quiz.Basic, quiz.Typed, quiz.Choice:
		e.Answers, e.Items = nil, nil
		if e.Answer == "" {
			return e, media, errors.New("empty answer")
		}
		if e.Type != quiz.Choice && len(e.Wrong) > 0 {
			return e, media, fmt.Errorf("a %s card takes no wrong options", e.Type)
		}
		if e.Type == quiz.Choice {
			var keep []string
			for _, w := range e.Wrong {
				dup := sameOption(w, e.Answer)
				for _, k := range keep {
					dup = dup || sameOption(w, k)
				}
				if !dup {
					keep = append(keep, w)
				}
			}
			if len(keep) == 0 {
				return e, media, errors.New("a choice card needs a wrong option that differs from the answer")
			}
			e.Wrong = keep
		} else {
			e.Wrong = nil
		}
		if e.Type != quiz.Typed {
			e.Accept = nil
		}
	case quiz.TrueFalse:
		switch strings.ToLower(e.Answer) {
		case "true", "t", "yes":
			e.Answer = "true"
		case "false", "f", "no":
			e.Answer = "false"
		default:
			return e, media, fmt.Errorf("a truefalse answer must be true or false, not %q", e.Answer)
		}
		e.Wrong, e.Accept, e.Answers, e.Items = nil, nil, nil, nil
	default:
		return e, media, fmt.Errorf("type %s cannot be imported from CSV", e.Type)
	}
	switch {
	case guid != "":
		e.ID = NoteID(guid)
	case e.ID != "" && isSlug(e.ID) && !taken[e.ID]:
	default:
		e.ID = textID(e.Q)
	}
	return e, media, nil
}

// splitList splits a list cell at "|", as steppe's CSV export joins one; a
// backslash escapes a "|" or a backslash inside an item. Empty items go.
func splitList(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if t := strings.TrimSpace(b.String()); t != "" {
			out = append(out, t)
		}
		b.Reset()
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '|' || s[i+1] == '\\'):
			i++
			b.WriteByte(s[i])
		case c == '|':
			flush()
		default:
			b.WriteByte(c)
		}
	}
	flush()
	return out
}

// splitTags splits a tags cell at white space, commas and "|".
func splitTags(s string) []string {
	tags := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '|' || unicode.IsSpace(r) })
	if len(tags) == 0 {
		return nil
	}
	return tags
}

package decks

import (
	"archive/zip"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"steppe/quiz"
)

// AnkiNote is one entry of a deck as an Anki note. Anki has two of steppe's
// card types: basic and cloze. The others (typed, choice, multi, truefalse,
// order) become Basic notes whose front shows the question with its options
// lettered A, B, C, ... and whose back gives the answer and the explanation.
// Fields hold HTML, as Anki stores them.
type AnkiNote struct {
	ID     string   // the entry's id
	GUID   string   // AnkiGUID(deck slug, entry id)
	Cloze  bool     // a Cloze note (fields Text, Back Extra); else Basic (Front, Back)
	Fields []string // two fields
	Tags   []string // the entry's tags, spaces made "_"
	Ords   []int    // Cloze: one card ordinal per blank, 0 for c1, 1 for c2, ...
}

// AnkiGUID is the guid of an entry's note: 64 bits of the SHA-1 of
// "steppe/DECK/ID", in the base-91 alphabet of Anki's own guids. Anki
// matches a re-imported note by its guid, so a re-exported deck updates its
// notes rather than duplicating them.
func AnkiGUID(deck, id string) string {
	sum := sha1.Sum([]byte("steppe/" + deck + "/" + id))
	n := binary.BigEndian.Uint64(sum[:8])
	const table = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
	var b []byte
	for n > 0 {
		b = append(b, table[n%uint64(len(table))])
		n /= uint64(len(table))
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// AnkiNotes maps the deck's entries to Anki notes, one each, in file order.
func AnkiNotes(d *Deck) []AnkiNote {
	notes := make([]AnkiNote, 0, len(d.Entries))
	for i := range d.Entries {
		notes = append(notes, ankiNote(d.Slug, &d.Entries[i]))
	}
	return notes
}

func ankiNote(slug string, e *Entry) AnkiNote {
	n := AnkiNote{ID: e.ID, GUID: AnkiGUID(slug, e.ID)}
	for _, t := range e.Tags {
		if t = strings.Join(strings.Fields(t), "_"); t != "" {
			n.Tags = append(n.Tags, t)
		}
	}
	var front, back string
	switch e.Type {
	case quiz.Cloze:
		blanks, err := parseCloze(e.Q)
		if err != nil {
			panic(fmt.Sprintf("decks: cloze %q passed its check but fails: %v", e.ID, err))
		}
		var b strings.Builder
		last := 0
		for i, bl := range blanks {
			b.WriteString(ankiHTML(e.Q[last:bl.start]))
			// A "::" inside the blank would start an Anki hint.
			text := strings.ReplaceAll(ankiHTML(bl.text), "::", ":&#58;")
			fmt.Fprintf(&b, "{{c%d::%s}}", i+1, text)
			n.Ords = append(n.Ords, i)
			last = bl.end
		}
		b.WriteString(ankiHTML(e.Q[last:]))
		n.Cloze = true
		n.Fields = []string{b.String(), ankiHTML(e.Explain)}
		return n
	case quiz.Basic:
		front, back = ankiHTML(e.Q), ankiHTML(e.Answer)
	case quiz.Typed:
		front, back = ankiHTML(e.Q), ankiHTML(e.Answer)
		if len(e.Accept) > 0 {
			back += "<br>Also accepted: " + ankiHTML(strings.Join(e.Accept, "; "))
		}
	case quiz.TrueFalse:
		front = ankiHTML(e.Q) + "<br><br>True or false?"
		back = "False"
		if e.Answer == "true" {
			back = "True"
		}
	case quiz.Choice, quiz.Multi:
		right := e.Answers
		if e.Type == quiz.Choice {
			right = []string{e.Answer}
		}
		opts := shuffled(n.GUID, append(append([]string(nil), right...), e.Wrong...))
		front = ankiHTML(e.Q)
		if e.Type == quiz.Multi {
			front += "<br>(Choose all that apply.)"
		}
		front += "<br>" + lettered(opts)
		var got []string
		for i, o := range opts {
			for _, r := range right {
				if o == r {
					got = append(got, letter(i)+". "+ankiHTML(o))
				}
			}
		}
		back = strings.Join(got, "<br>")
	case quiz.Order:
		opts := shuffled(n.GUID, e.Items)
		front = ankiHTML(e.Q) + "<br>(Put in order.)<br>" + lettered(opts)
		var lines []string
		for i, it := range e.Items {
			for j, o := range opts {
				if o == it {
					lines = append(lines, fmt.Sprintf("%d. %s (%s)", i+1, ankiHTML(it), letter(j)))
				}
			}
		}
		back = strings.Join(lines, "<br>")
	}
	if e.Explain != "" {
		back += "<br><br>" + ankiHTML(e.Explain)
	}
	n.Fields = []string{front, back}
	return n
}

// shuffled orders options the same way on every export but not with the
// right ones first: by the SHA-1 of the note's guid and the option.
func shuffled(guid string, opts []string) []string {
	out := append([]string(nil), opts...)
	key := func(s string) string {
		sum := sha1.Sum([]byte(guid + "\x00" + s))
		return string(sum[:])
	}
	sort.SliceStable(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out
}

func letter(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return strconv.Itoa(i + 1)
}

func lettered(opts []string) string {
	lines := make([]string, len(opts))
	for i, o := range opts {
		lines[i] = letter(i) + ". " + ankiHTML(o)
	}
	return strings.Join(lines, "<br>")
}

// ankiHTML turns plain deck text into an Anki field: &, < and > escaped as
// Anki's editor escapes them (quotes stay as they are), line breaks as <br>.
var ankiHTML = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\n", "<br>").Replace

// WriteAPKG writes an Anki package: a zip holding the collection file
// (collection.anki2, as store/ankiexport writes it) and an empty media map.
// Every entry carries the time modified, so that the same input makes the
// same bytes.
func WriteAPKG(w io.Writer, collection []byte, modified time.Time) error {
	zw := zip.NewWriter(w)
	for _, f := range []struct {
		name string
		data []byte
	}{{"collection.anki2", collection}, {"media", []byte("{}")}} {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: modified.UTC()})
		if err != nil {
			return fmt.Errorf("write apkg: %w", err)
		}
		if _, err := fw.Write(f.data); err != nil {
			return fmt.Errorf("write apkg: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write apkg: %w", err)
	}
	return nil
}

// AnkiDump is a plain text listing of notes, for golden files and for
// reading an export by eye: each note's kind, guid, tags, card ordinals and
// fields.
func AnkiDump(w io.Writer, notes []AnkiNote) error {
	for _, n := range notes {
		kind := "Basic"
		if n.Cloze {
			kind = "Cloze"
		}
		fmt.Fprintf(w, "note %s (%s) guid=%s\n", n.ID, kind, n.GUID)
		if len(n.Tags) > 0 {
			fmt.Fprintf(w, "  tags: %s\n", strings.Join(n.Tags, " "))
		}
		if n.Cloze {
			fmt.Fprintf(w, "  cards: %d\n", len(n.Ords))
		}
		for i, f := range n.Fields {
			if _, err := fmt.Fprintf(w, "  field %d: %s\n", i, f); err != nil {
				return err
			}
		}
	}
	return nil
}

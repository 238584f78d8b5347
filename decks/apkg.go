package decks

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"steppe/quiz"
)

// Limits on an Anki package, so that a hostile zip cannot fill the disk or
// memory: the total uncompressed size of its entries, and the compression
// ratio of any entry larger than RatioFloor.
const (
	MaxPackageSize = 200 << 20
	MaxRatio       = 100
	RatioFloor     = 1 << 20
)

// Package is an Anki package (.apkg) opened and checked: the SQLite
// collection inside it, still to be read (by store/ankidb), and the names of
// its media files.
type Package struct {
	Collection     []byte // the collection file's bytes
	CollectionName string // "collection.anki21" or "collection.anki2"
	Media          []string
}

// OpenPackage checks an Anki package and takes out its collection. It
// refuses a file that is not a zip, an entry whose path climbs out of the
// package (../x, /x), a zip bomb (more than MaxPackageSize in all, or an
// entry compressed more than MaxRatio:1), and a package without a
// collection. Only the collection and the media list are read; nothing is
// written to disk.
func OpenPackage(name string, data []byte) (*Package, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s is not an Anki package: not a zip file (%v)", name, err)
	}
	var total uint64
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		if err := safeZipPath(f.Name); err != nil {
			return nil, fmt.Errorf("%s: refused: entry %q %v", name, f.Name, err)
		}
		total += f.UncompressedSize64
		if total > MaxPackageSize {
			return nil, fmt.Errorf("%s: refused: it unpacks to more than %d MB (a zip bomb?)", name, MaxPackageSize>>20)
		}
		if f.UncompressedSize64 > RatioFloor && f.UncompressedSize64 > MaxRatio*max(f.CompressedSize64, 1) {
			return nil, fmt.Errorf("%s: refused: entry %q is compressed %d:1, more than %d:1 (a zip bomb?)", name, f.Name, f.UncompressedSize64/max(f.CompressedSize64, 1), MaxRatio)
		}
		files[f.Name] = f
	}
	p := &Package{}
	for _, c := range []string{"collection.anki21", "collection.anki2"} {
		if f, ok := files[c]; ok {
			p.CollectionName = c
			if p.Collection, err = readZipEntry(f); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", name, c, err)
			}
			break
		}
	}
	if p.Collection == nil {
		if _, ok := files["collection.anki21b"]; ok {
			return nil, fmt.Errorf("%s holds only collection.anki21b, the compressed format of Anki 2.1.50 and later, which steppe cannot read; export again from Anki with \"Support older Anki versions\" ticked", name)
		}
		return nil, fmt.Errorf("%s is a zip but not an Anki package: it holds no collection.anki2 or collection.anki21", name)
	}
	if f, ok := files["media"]; ok {
		raw, err := readZipEntry(f)
		if err == nil {
			var m map[string]string
			if json.Unmarshal(raw, &m) == nil {
				for _, v := range m {
					p.Media = append(p.Media, v)
				}
				sort.Strings(p.Media)
			}
		}
	}
	return p, nil
}

// safeZipPath refuses absolute paths and paths that climb out with "..".
func safeZipPath(name string) error {
	n := strings.ReplaceAll(name, `\`, "/")
	if strings.HasPrefix(n, "/") || len(n) > 1 && n[1] == ':' {
		return errors.New("has an absolute path")
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return errors.New("climbs out of the package (..)")
		}
	}
	if path.Clean("/"+n) == "/" && n != "" && n != "." {
		return errors.New("has no name")
	}
	return nil
}

// readZipEntry reads an entry, trusting neither its header's size nor its
// compression: reading stops past the size the header gave.
func readZipEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	if err != nil {
		return nil, err
	}
	if uint64(len(data)) > f.UncompressedSize64 {
		return nil, errors.New("refused: the entry is larger than its header says")
	}
	return data, nil
}

// ImportNoteType is a note type ("model") of an Anki collection.
type ImportNoteType struct {
	ID        int64
	Name      string
	Cloze     bool     // Anki's model type 1
	Fields    []string // field names in order
	Templates []string // card templates' question formats, in order
}

// ImportNote is a note of an Anki collection.
type ImportNote struct {
	ID     int64
	GUID   string
	TypeID int64
	Fields []string // in the note type's field order
	Tags   []string
}

// ImportAnki converts Anki notes into a deck. A note of a standard note
// type (Basic, Basic and reversed, ...) becomes one basic card, its first
// field the question and its second the answer; a template that types the
// answer ({{type:...}}) makes it a typed card; further fields go to
// explain. A reversed template makes no second card. A Cloze note becomes a
// cloze card: each {{cN::text}} a blank. Each card's id is NoteID(guid).
func ImportAnki(name string, notes []ImportNote, types []ImportNoteType, opts ImportOptions) (*Imported, error) {
	im := &Imported{From: name, Slug: opts.Slug, Title: opts.Title, AnkiCards: map[AnkiCard]string{}}
	if im.Slug == "" {
		im.Slug = SlugFromName(name)
	}
	if im.Title == "" {
		im.Title = strings.TrimSuffix(baseName(name), extOf(name))
	}
	byID := map[int64]*ImportNoteType{}
	for i := range types {
		byID[types[i].ID] = &types[i]
	}
	taken := map[string]bool{}
	media, reversed, hints := 0, 0, 0
	var skipped []string
	for _, n := range notes {
		t := byID[n.TypeID]
		if t == nil {
			skipped = append(skipped, fmt.Sprintf("note %d: unknown note type %d", n.ID, n.TypeID))
			continue
		}
		fields := make([]string, len(n.Fields))
		for i, f := range n.Fields {
			var m []string
			fields[i], m = plainText(f, true)
			media += len(m)
		}
		e := Entry{ID: NoteID(n.GUID), Tags: n.Tags}
		if taken[e.ID] {
			skipped = append(skipped, fmt.Sprintf("note %d: its guid %q repeats an earlier note's", n.ID, n.GUID))
			continue
		}
		get := func(i int) string {
			if i < len(fields) {
				return fields[i]
			}
			return ""
		}
		var extra []string
		if t.Cloze {
			e.Type = quiz.Cloze
			q, first, h, notes := ankiCloze(get(0))
			hints += h
			for _, nt := range notes {
				im.Notes = append(im.Notes, fmt.Sprintf("%s: %s", e.ID, nt))
			}
			if _, err := parseCloze(q); err != nil {
				skipped = append(skipped, fmt.Sprintf("note %d (%s): %v", n.ID, e.ID, err))
				continue
			}
			e.Q = q
			for num, blank := range first {
				im.AnkiCards[AnkiCard{n.ID, num - 1}] = e.ID + "." + blank
			}
			for i := 1; i < len(fields); i++ {
				if fields[i] != "" {
					extra = append(extra, fields[i])
				}
			}
		} else {
			e.Type = quiz.Basic
			e.Q, e.Answer = get(0), get(1)
			if len(t.Templates) > 0 && strings.Contains(t.Templates[0], "{{type:") {
				e.Type = quiz.Typed
			}
			if len(t.Templates) > 1 {
				reversed++
			}
			for i := 2; i < len(fields); i++ {
				if fields[i] != "" {
					extra = append(extra, fields[i])
				}
			}
			if e.Q == "" || e.Answer == "" {
				skipped = append(skipped, fmt.Sprintf("note %d (%s): empty front or back", n.ID, e.ID))
				continue
			}
			for ord := range max(len(t.Templates), 1) {
				im.AnkiCards[AnkiCard{n.ID, ord}] = e.ID
			}
		}
		e.Explain = strings.Join(extra, "\n")
		taken[e.ID] = true
		im.Entries = append(im.Entries, e)
	}
	if reversed > 0 {
		im.Notes = append(im.Notes, fmt.Sprintf("%d note(s) with more than one card template (e.g. Basic and reversed) became one card each, front to back", reversed))
	}
	if hints > 0 {
		im.Notes = append(im.Notes, fmt.Sprintf("%d cloze hint(s) dropped (steppe blanks have no hints)", hints))
	}
	if media > 0 {
		im.Notes = append(im.Notes, fmt.Sprintf("%d media reference(s) not imported (steppe shows text only)", media))
	}
	for _, s := range skipped {
		im.Notes = append(im.Notes, "skipped "+s)
	}
	return im, nil
}

package decks

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// CSVColumns is the header of an exported CSV deck: the card fields of deck
// format 1, in the order a deck file writes them.
var CSVColumns = []string{"id", "type", "q", "answer", "accept", "answers", "wrong", "items", "explain", "section", "quote", "tags"}

// WriteCSV writes the deck's entries as CSV (RFC 4180, comma-separated,
// UTF-8 without a byte order mark, CRLF-free: rows end in "\n"): the header
// CSVColumns, then one row per entry in file order. type is always written;
// a cloze q keeps its {{...}} blanks; a truefalse answer is "true" or
// "false". A list field (accept, answers, wrong, items, tags) is one cell,
// its items joined as JoinCSVList does. The deck's own fields (slug, title,
// ...) are not in the file.
func WriteCSV(w io.Writer, d *Deck) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVColumns); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, e := range d.Entries {
		row := []string{
			e.ID, e.Type.String(), e.Q, e.Answer,
			JoinCSVList(e.Accept), JoinCSVList(e.Answers), JoinCSVList(e.Wrong), JoinCSVList(e.Items),
			e.Explain, e.Section, e.Quote, JoinCSVList(e.Tags),
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// JoinCSVList writes a list as one CSV cell: the items joined by "|", with
// a "|" or "\" inside an item escaped by a backslash ("a\|b", "c\\d").
// SplitCSVList reverses it. An empty list is an empty cell.
func JoinCSVList(items []string) string {
	esc := make([]string, len(items))
	for i, s := range items {
		s = strings.ReplaceAll(s, `\`, `\\`)
		esc[i] = strings.ReplaceAll(s, "|", `\|`)
	}
	return strings.Join(esc, "|")
}

// SplitCSVList reads a cell that JoinCSVList wrote. An empty cell is no
// items; a backslash before any other character, or at the end, is kept as
// it is.
func SplitCSVList(cell string) []string {
	if cell == "" {
		return nil
	}
	var (
		items []string
		cur   strings.Builder
	)
	for i := 0; i < len(cell); i++ {
		c := cell[i]
		switch {
		case c == '\\' && i+1 < len(cell) && (cell[i+1] == '|' || cell[i+1] == '\\'):
			cur.WriteByte(cell[i+1])
			i++
		case c == '|':
			items = append(items, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(items, cur.String())
}

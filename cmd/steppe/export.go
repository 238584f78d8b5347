package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"steppe/decks"
	"steppe/store/ankiexport"
)

func (a *app) deckExportCmd() *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "export DECK --format csv|apkg -o FILE",
		Short: "Write a deck as CSV or as an Anki package",
		Long: `export writes a deck (an installed deck's slug or a .yaml file) to FILE.

--format csv writes one row per card entry under the header
id,type,q,answer,accept,answers,wrong,items,explain,section,quote,tags; a list
cell joins its items with "|" and escapes a "|" or "\" inside an item with a
backslash.

--format apkg writes an Anki package (schema 11 collection) with Basic and
Cloze notes. Each cloze entry becomes a Cloze note with one card per blank;
typed, choice, multi, truefalse and order entries become Basic notes with
their options lettered on the front and the answer and explanation on the
back. A note's guid derives from the deck's slug and the entry's id, so
importing a later export into Anki updates the notes instead of adding
copies. Learners' progress is not exported.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "csv" && format != "apkg" {
				return fmt.Errorf("--format %q: want csv or apkg", format)
			}
			if out == "" {
				return errors.New("name the file to write with -o FILE")
			}
			ds, err := coverageDecks(args)
			if err != nil {
				return err
			}
			d := ds[0].deck
			var buf bytes.Buffer
			if format == "csv" {
				err = decks.WriteCSV(&buf, d)
			} else {
				err = a.writeAPKG(&buf, d)
			}
			if err != nil {
				return err
			}
			if err := writeFileAtomic(out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			n := "entries"
			if len(d.Entries) == 1 {
				n = "entry"
			}
			fmt.Fprintf(a.stdout, "exported %d %s of %s to %s\n", len(d.Entries), n, d.Slug, out)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "the file format: csv or apkg")
	cmd.Flags().StringVarP(&out, "output", "o", "", "the `FILE` to write")
	return cmd
}

// writeAPKG maps the deck to Anki notes, has store/ankiexport write the
// collection in a scratch folder and zips it into buf.
func (a *app) writeAPKG(buf *bytes.Buffer, d *decks.Deck) error {
	now, err := a.now()
	if err != nil {
		return err
	}
	notes := decks.AnkiNotes(d)
	c := ankiexport.Collection{
		DeckName: d.Title, DeckID: ankiexport.DeckID(d.Slug), DeckDesc: d.Description, Now: now,
	}
	for _, n := range notes {
		kind := ankiexport.Basic
		if n.Cloze {
			kind = ankiexport.Cloze
		}
		c.Notes = append(c.Notes, ankiexport.Note{GUID: n.GUID, Kind: kind, Fields: n.Fields, Tags: n.Tags, Ords: n.Ords})
	}
	dir, err := os.MkdirTemp("", "steppe-export-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "collection.anki2")
	if err := ankiexport.Write(path, c); err != nil {
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return decks.WriteAPKG(buf, data, now)
}

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"steppe/decks"
)

// deckDraftOptions are the inputs of steppe deck draft.
type deckDraftOptions struct {
	out   io.Writer
	text  string // the source text's path, or "bundled"
	file  string // the draft deck to write
	slug  string // "" for one made from the file's name
	title string // "" for "Draft: " and the text's title
	force bool   // overwrite an existing file
}

func (a *app) deckDraftCmd() *cobra.Command {
	opts := deckDraftOptions{out: a.stdout}
	cmd := &cobra.Command{
		Use:   "draft TEXT -o DRAFT.yaml",
		Short: "Draft a deck from a source text, for an instructor to edit",
		Long: `draft reads a plain source text (TEXT, or "bundled" for the bundled decks'
text) and writes a draft deck: each heading of the text is a section, and
cards come from its sentences and lists. A sentence that defines a term, spells
out an acronym, names a year or enumerates things gives a cloze card; a
numbered list gives an order card, and a bulleted list a multi card whose wrong
options are other lists' items. Every card names its section and quotes the
text it came from, so the draft passes deck lint --source TEXT. Edit the draft
before use: cards marked CHECK need a decision.

A heading is a short line of its own, with blank lines around it and no final
punctuation; the first line is the text's title. A text without headings is
refused, since every card must name its section.

The deck's slug is made from DRAFT's file name unless --deck is given. An
existing DRAFT is not overwritten without --force.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.text = args[0]
			return deckDraftRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.file, "output", "o", "", "the draft deck `FILE` to write (required)")
	cmd.Flags().StringVar(&opts.slug, "deck", "", "the draft deck's `SLUG` (default: from the output file's name)")
	cmd.Flags().StringVar(&opts.title, "title", "", "the draft deck's `TITLE` (default: \"Draft: \" and the text's title)")
	cmd.Flags().BoolVar(&opts.force, "force", false, "overwrite an existing output file")
	return cmd
}

func deckDraftRun(opts deckDraftOptions) error {
	if opts.file == "" {
		return errors.New("deck draft needs -o DRAFT.yaml, the file to write the draft to")
	}
	slug := opts.slug
	if slug == "" {
		slug = decks.BlankID(strings.TrimSuffix(filepath.Base(opts.file), filepath.Ext(opts.file)))
	} else if decks.BlankID(slug) != slug {
		return fmt.Errorf("--deck %q may use only a-z, 0-9 and '-' (e.g. %q)", slug, decks.BlankID(slug))
	}
	if !opts.force {
		if _, err := os.Stat(opts.file); err == nil {
			return fmt.Errorf("%s already exists; pass --force to overwrite it, or name another file with -o", opts.file)
		}
	}
	src, err := loadSource(opts.text)
	if err != nil {
		return err
	}
	d, err := decks.DraftDeck(src, slug, opts.title)
	if errors.Is(err, decks.ErrNoHeadings) {
		return fmt.Errorf("cannot draft from %s: %w", opts.text, err)
	}
	if err != nil {
		return err
	}
	d.SourceName = opts.text
	if err := writeDraftFile(opts.file, d.YAML()); err != nil {
		return err
	}
	fmt.Fprintf(opts.out, "drafted %s from %s to %s; edit it, then `steppe deck lint --source %s %s`\n",
		plural(len(d.Cards), "card"), plural(d.Sections, "section"), opts.file, opts.text, opts.file)
	return nil
}

// writeDraftFile writes data to path through a temporary file in the same
// folder, so that a failure never leaves half a file.
func writeDraftFile(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

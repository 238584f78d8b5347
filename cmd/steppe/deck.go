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

func (a *app) deckCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "deck",
		Short: "Check and install deck files",
	}
	cmd.AddCommand(a.deckLintCmd(), a.deckAddCmd(), a.deckCoverageCmd())
	cmd.AddCommand(a.deckDiffCmd())
	cmd.AddCommand(a.deckExportCmd())
	cmd.AddCommand(a.deckDraftCmd())
	cmd.AddCommand(a.deckImportCmd())
	cmd.AddCommand(a.deckNewCmd())
	return cmd
}

func (a *app) deckLintCmd() *cobra.Command {
	var source string
	cmd := &cobra.Command{
		Use:   "lint [FILE...]",
		Short: "Check deck files; exit status 1 when any has errors",
		Long: `lint checks deck files (every installed deck when none is named) and prints
each problem as FILE:LINE:COL with the line shown. Errors make the exit status
1; warnings do not. With --source, each card's section must be a heading of
that text and its quote must appear in it verbatim (white space may differ).
--source bundled names the source text the bundled decks are drawn from.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := loadSource(source)
			if err != nil {
				return err
			}
			return lintFiles(a.stdout, args, src)
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "the source `TEXT` file the cards quote (or \"bundled\")")
	return cmd
}

func loadSource(path string) (*decks.SourceText, error) {
	switch path {
	case "":
		return nil, nil
	case "bundled":
		return decks.BundledSource(), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("source text: %w", err)
	}
	return decks.NewSourceText(path, data), nil
}

// lintFiles lints each deck and prints every diagnostic; it fails when any
// deck has an error.
func lintFiles(out io.Writer, paths []string, src *decks.SourceText) error {
	type named struct {
		name string
		data []byte
	}
	var files []named
	if len(paths) == 0 {
		installed, err := installedDeckFiles()
		if err != nil {
			return err
		}
		for _, f := range installed {
			data, err := f.read()
			if err != nil {
				return err
			}
			files = append(files, named{f.name, data})
		}
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("deck %s: %w", p, errors.Unwrap(err))
		}
		files = append(files, named{p, data})
	}
	var nErr, nWarn int
	for _, f := range files {
		diags, err := lintOne(f.name, f.data, src)
		if err != nil {
			return err
		}
		for _, d := range diags {
			fmt.Fprintln(out, d.String())
			if d.Severity == decks.Error {
				nErr++
			} else {
				nWarn++
			}
		}
	}
	if nErr > 0 {
		return fmt.Errorf("%s, %s in %s", plural(nErr, "error"), plural(nWarn, "warning"), plural(len(files), "deck"))
	}
	fmt.Fprintf(out, "%s checked: no errors, %s\n", plural(len(files), "deck"), plural(nWarn, "warning"))
	return nil
}

// lintOne parses and lints one deck: parse errors, or lint's findings.
func lintOne(name string, data []byte, src *decks.SourceText) ([]decks.Diagnostic, error) {
	d, err := decks.Parse(name, data)
	var list decks.ErrorList
	if errors.As(err, &list) {
		return list, nil
	}
	if err != nil {
		return nil, err
	}
	return decks.Lint(d, decks.LintOptions{Source: src}), nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func (a *app) deckAddCmd() *cobra.Command {
	var source string
	cmd := &cobra.Command{
		Use:   "add FILE",
		Short: "Lint a deck and install it in your decks folder",
		Long: `add lints a deck file and, when it has no errors, copies it into your decks
folder ($XDG_DATA_HOME/steppe/decks) as SLUG.yaml, so that it can be drilled by
its slug. A deck with the slug of an installed deck replaces it; learners keep
their progress, which is keyed by the slug and each card's id.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := loadSource(source)
			if err != nil {
				return err
			}
			return deckAdd(a.stdout, args[0], src)
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "also check sections and quotes against this source `TEXT` (or \"bundled\")")
	return cmd
}

func deckAdd(out io.Writer, path string, src *decks.SourceText) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("deck %s: %w", path, errors.Unwrap(err))
	}
	diags, err := lintOne(path, data, src)
	if err != nil {
		return err
	}
	nErr := 0
	for _, d := range diags {
		fmt.Fprintln(out, d.String())
		if d.Severity == decks.Error {
			nErr++
		}
	}
	if nErr > 0 {
		return fmt.Errorf("%s: %s; not installed", path, plural(nErr, "error"))
	}
	d, err := decks.Parse(path, data)
	if err != nil {
		return err
	}
	dir := userDecksDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create the decks folder: %w", err)
	}
	dest := filepath.Join(dir, d.Slug+".yaml")
	replaced := ""
	if _, err := os.Stat(dest); err == nil {
		replaced = " (replacing the deck installed there)"
	} else {
		for _, b := range decks.BundledFiles() {
			if strings.TrimSuffix(filepath.Base(b.Name), ".yaml") == d.Slug {
				replaced = " (in place of the bundled deck of that slug)"
			}
		}
	}
	if err := writeFileAtomic(dest, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "installed %q (%s) as %s%s\ndrill it with: steppe drill %s\n", sanitize(d.Title), plural(len(d.Cards), "card"), dest, replaced, d.Slug)
	return nil
}

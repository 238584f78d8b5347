package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"steppe/store"
)

func (a *app) progressCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "progress",
		Short: "Hand in your progress: export a copy of your database",
	}
	cmd.AddCommand(a.progressExportCmd())
	return cmd
}

func (a *app) progressExportCmd() *cobra.Command {
	var out string
	var force bool
	cmd := &cobra.Command{
		Use:   "export -o FILE",
		Short: "Write a consistent copy of your database, for an instructor's report",
		Long: `export writes a consistent copy of the database (--db) to FILE, with every
answer given so far, for handing in to an instructor, who reads it with
` + "`steppe report`" + `. Copying the database file by hand while steppe runs, or
after it was killed, can lose the answers still in its FILE-wal; this cannot.
An existing FILE is left alone unless --force is given.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return errors.New("say where to write the copy: -o FILE")
			}
			src := a.dbFile()
			if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("no database at %s to export: drill first, or name one with --db", src)
			}
			if sameFile(src, out) {
				return fmt.Errorf("%s is the database itself: choose another file for the copy", out)
			}
			if _, err := os.Lstat(out); err == nil {
				if !force {
					return fmt.Errorf("%s exists: choose another file, or replace it with --force", out)
				}
				if err := os.Remove(out); err != nil {
					return fmt.Errorf("replace %s: %w", out, err)
				}
			}
			// Read-write, as a drill opens it, so that answers in a WAL
			// left by a killed steppe are recovered into the copy.
			db, err := store.Open(src)
			if err != nil {
				return err
			}
			defer db.Close()
			db.Now = a.clock
			if err := db.ExportTo(out); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Exported %s to %s.\n", src, out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "the `file` to write the copy to")
	cmd.Flags().BoolVar(&force, "force", false, "replace the file if it exists")
	return cmd
}

// sameFile reports whether a and b are one file; a missing file is no
// other.
func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

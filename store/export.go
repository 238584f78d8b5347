package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ExportTo writes a consistent copy of the database to path with SQLite's
// VACUUM INTO: one snapshot, answers still in the write-ahead log included,
// as a single self-contained file that opens as a steppe database. Copying
// a live file by hand can lose the answers that only its -wal holds.
//
// An existing file at path is an error wrapping fs.ErrExist; remove it
// first to replace it. The copy is written beside path under a temporary
// name and linked into place only when complete, so a failed export leaves
// nothing at path.
func (db *DB) ExportTo(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	if _, err := os.Lstat(abs); err == nil {
		return fmt.Errorf("export to %s: %w", path, fs.ErrExist)
	}
	tmp, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export to %s: %w", path, bareErr(err))
	}
	tmpPath := tmp.Name()
	tmp.Close()
	// VACUUM INTO wants a file that is missing or empty.
	os.Remove(tmpPath)
	defer os.Remove(tmpPath)
	if err := db.vacuumInto(tmpPath); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	// A link fails when path appeared meanwhile, where a rename would
	// replace it.
	if err := os.Link(tmpPath, abs); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("export to %s: %w", path, fs.ErrExist)
		}
		// A file system without hard links: path was free a moment ago.
		if err := os.Rename(tmpPath, abs); err != nil {
			return fmt.Errorf("export to %s: %w", path, bareErr(err))
		}
	}
	return nil
}

// vacuumInto runs VACUUM INTO on one connection. A read-only DB's
// connections are query_only, which refuses VACUUM INTO even though it
// writes only the new file; the file itself is opened read-only (mode=ro),
// so lifting query_only for this one statement cannot change it.
func (db *DB) vacuumInto(path string) error {
	ctx := context.Background()
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if db.readOnly {
		if _, err := conn.ExecContext(ctx, `PRAGMA query_only = 0`); err != nil {
			return err
		}
		defer conn.ExecContext(ctx, `PRAGMA query_only = 1`)
	}
	_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, path)
	return err
}

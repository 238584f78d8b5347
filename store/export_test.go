package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"steppe/quiz"
)

// TestExportCopiesWAL: answers still in the write-ahead log, not yet
// checkpointed into the main file, are in the export, which opens
// read-only as a steppe database.
func TestExportCopiesWAL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l := mustLearner(t, db, "default")
	// The schema and the profile go to the main file; the reviews, too few
	// for an automatic checkpoint, stay in the WAL.
	if _, err := db.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	const n = 5
	for i := range n {
		r := &quiz.ReviewLog{Deck: "d", CardID: "c", Time: at.Add(time.Duration(i) * time.Minute), Rating: quiz.Good,
			Scheduler: "fsrs", After: quiz.Memory{State: quiz.Learning, Stability: 1, Difficulty: 5, LastReview: at}}
		if err := l.Record(r); err != nil {
			t.Fatal(err)
		}
	}
	if st, err := os.Stat(path + "-wal"); err != nil || st.Size() == 0 {
		t.Fatalf("want the reviews in a -wal file: %v", err)
	}
	// The main file alone, as a hand copy without the -wal gets it.
	if n := reviewsInFile(t, copyDBFile(t, path, filepath.Join(dir, "hand.db"))); n != 0 {
		t.Fatalf("the main file alone holds %d reviews; the test wants them in the WAL only", n)
	}

	out := filepath.Join(dir, "copy.db")
	if err := db.ExportTo(out); err != nil {
		t.Fatal(err)
	}
	if got := reviewsInFile(t, out); got != n {
		t.Errorf("the export holds %d reviews, want %d", got, n)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(out + suffix); err == nil {
			t.Errorf("reading the export created %s", suffix)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".copy.db.*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	// An existing file is never overwritten.
	before, _ := os.ReadFile(out)
	if err := db.ExportTo(out); !errors.Is(err, fs.ErrExist) {
		t.Errorf("export over an existing file: %v, want fs.ErrExist", err)
	}
	if after, _ := os.ReadFile(out); string(after) != string(before) {
		t.Error("a refused export changed the existing file")
	}
}

// TestExportReadOnly: a database opened read-only, as a report opens one,
// exports too.
func TestExportReadOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustLearner(t, db, "default")
	db.Close()
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.ExportTo(filepath.Join(dir, "copy.db")); err != nil {
		t.Fatal(err)
	}
	c, err := OpenReadOnly(filepath.Join(dir, "copy.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ps, err := c.Profiles()
	if err != nil || len(ps) != 1 || ps[0].Name != "default" {
		t.Errorf("profiles of the copy: %v, %v", ps, err)
	}
}

func copyDBFile(t *testing.T, from, to string) string {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return to
}

func reviewsInFile(t *testing.T, path string) int {
	t.Helper()
	db, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.db.QueryRow(`SELECT count(*) FROM reviews`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

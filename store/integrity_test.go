package store

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"steppe/quiz"
)

func TestIntegrityCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "steppe.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	l := mustLearner(t, db, "ana")
	now := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	for i, id := range []string{"a", "b", "c"} {
		r := &quiz.ReviewLog{Deck: "d", CardID: id, Time: now.Add(time.Duration(i) * time.Minute), Rating: quiz.Good, Scheduler: "fsrs"}
		if err := l.Record(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.IntegrityCheck(); err != nil {
		t.Fatalf("fresh database: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// Read-only opens check too.
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := ro.IntegrityCheck(); err != nil {
		t.Errorf("read-only: %v", err)
	}
	ro.Close()

	// Make an index disagree with its table: it claims to index other
	// columns than the ones its entries hold.
	rawExec(t, path,
		`PRAGMA writable_schema = ON`,
		`UPDATE sqlite_schema SET sql = 'CREATE INDEX reviews_by_time ON reviews (profile, card_id)' WHERE name = 'reviews_by_time'`,
	)
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.IntegrityCheck()
	if err == nil {
		t.Fatal("damaged index: no error")
	}
	if !strings.Contains(err.Error(), "reviews_by_time") || !strings.Contains(err.Error(), path) {
		t.Errorf("damaged index: error %q does not name the index and the file", err)
	}
}

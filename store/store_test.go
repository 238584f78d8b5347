package store

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"steppe/quiz"
)

// mustOpen opens a fresh database in a temporary directory, closed when the
// test ends.
func mustOpen(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(filepath.Join(tb.TempDir(), "steppe.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return db
}

func mustLearner(tb testing.TB, db *DB, name string) *Learner {
	tb.Helper()
	l, err := db.Profile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

// snapshot is what must not change about a file the store refuses or only
// reads.
type snapshot struct {
	data    []byte
	mtime   time.Time
	entries []string // the directory's listing
}

func takeSnapshot(t *testing.T, path string) snapshot {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return snapshot{data: data, mtime: st.ModTime(), entries: listDir(t, filepath.Dir(path))}
}

func (s snapshot) check(t *testing.T, path string) {
	t.Helper()
	after := takeSnapshot(t, path)
	if !bytes.Equal(s.data, after.data) {
		t.Errorf("%s: contents changed", path)
	}
	if !s.mtime.Equal(after.mtime) {
		t.Errorf("%s: modification time changed from %v to %v", path, s.mtime, after.mtime)
	}
	if strings.Join(s.entries, " ") != strings.Join(after.entries, " ") {
		t.Errorf("directory listing changed from %v to %v", s.entries, after.entries)
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// backdate sets a file's modification time well in the past, so that any
// write shows.
func backdate(t *testing.T, path string) {
	t.Helper()
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

// rawExec runs statements on a file with a plain connection, as another
// program (or another steppe version) would.
func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	sdb, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	for _, s := range stmts {
		if _, err := sdb.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestOpenMigratesAndSetsPragmas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "steppe.db") // parents are created
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range []struct {
		pragma string
		want   string
	}{
		{"user_version", strconv.Itoa(latestVersion())},
		{"application_id", "1398034512"},
		{"journal_mode", "wal"},
		{"synchronous", "2"}, // FULL
		{"foreign_keys", "1"},
		{"busy_timeout", "10000"},
	} {
		// Several connections at once, so that the pool opens more than
		// one: every connection must carry the settings.
		conns := make([]*sql.Conn, 3)
		for i := range conns {
			conn, err := db.db.Conn(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conns[i] = conn
			var got string
			if err := conn.QueryRowContext(t.Context(), "PRAGMA "+c.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, c.pragma, got, c.want)
			}
		}
		for _, conn := range conns {
			conn.Close()
		}
	}
	if latestVersion() != len(migrations) || migrations[0].name != "0001_init.sql" {
		t.Errorf("migrations = %v", migrations)
	}
	db.Close()

	// Opening again migrates nothing and keeps the data.
	db2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if _, err := db2.Profile("default"); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "steppe.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	// In rollback-journal mode, as a newer steppe might leave it, switching
	// to WAL would rewrite the header; in WAL mode, checkpointing would.
	for _, mode := range []string{"DELETE", "WAL"} {
		rawExec(t, path, "PRAGMA journal_mode = "+mode, "PRAGMA user_version = 7")
		backdate(t, path)
		snap := takeSnapshot(t, path)
		want := path + " was written by a newer steppe (schema 7, this steppe knows up to " + strconv.Itoa(latestVersion()) + "); upgrade steppe"
		for name, open := range map[string]func(string) (*DB, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
			db, err := open(path)
			if err == nil {
				db.Close()
				t.Fatalf("%s: no error", name)
			}
			if err.Error() != want || !errors.Is(err, ErrNewerSchema) {
				t.Errorf("%s, %s mode: error %q, want %q", name, mode, err, want)
			}
			snap.check(t, path)
		}
	}
}

// A newer steppe that is still running has its schema change in the WAL,
// not yet in the main file; Open must find it there too.
func TestOpenRefusesNewerSchemaInWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "steppe.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close() // keeps the WAL from being checkpointed
	if _, err := db.db.Exec("PRAGMA user_version = " + strconv.Itoa(latestVersion()+1)); err != nil {
		t.Fatal(err)
	}
	main, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Open: error %v, want a newer-schema refusal", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(main, after) {
		t.Error("main file changed")
	}
}

func TestOpenRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("not a database, but long enough to hold a header of one hundred bytes, had it been SQLite.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short.db")
	if err := os.WriteFile(short, []byte("SQLite"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	rawExec(t, other, "CREATE TABLE things (x)", "INSERT INTO things VALUES (1)")
	tagged := filepath.Join(dir, "tagged.db")
	rawExec(t, tagged, "PRAGMA application_id = 42")

	for _, c := range []struct{ path, want string }{
		{text, text + " is not a steppe database (not SQLite)"},
		{short, short + " is not a steppe database (not SQLite)"},
		{other, other + " is not a steppe database (SQLite holding other tables)"},
		{tagged, tagged + " is not a steppe database (SQLite application id 0x2a)"},
		{dir, dir + " is a directory, not a steppe database"},
	} {
		if c.path != dir {
			backdate(t, c.path)
		}
		var snap snapshot
		if c.path != dir {
			snap = takeSnapshot(t, c.path)
		}
		for name, open := range map[string]func(string) (*DB, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
			db, err := open(c.path)
			if err == nil {
				db.Close()
				t.Errorf("%s(%s): no error", name, c.path)
				continue
			}
			if err.Error() != c.want || !errors.Is(err, ErrNotSteppe) {
				t.Errorf("%s: error %q, want %q", name, err, c.want)
			}
			if c.path != dir {
				snap.check(t, c.path)
			}
		}
	}
}

func TestOpenUnwritablePath(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(file, "sub", "steppe.db") // a directory would have to be inside a file
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("error %v, want one naming %s and saying why", err, path)
	}

	if os.Geteuid() == 0 {
		t.Log("running as root: permission checks skipped")
		return
	}
	locked := filepath.Join(dir, "locked")
	if err := os.Mkdir(locked, 0o500); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(locked, "steppe.db")
	if _, err = Open(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v, want one naming %s", err, path)
	}
}

func TestOpenReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "steppe.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	l := mustLearner(t, db, "ann")
	r := testReview("d", "c1", quiz.Good, base)
	if err := l.Record(&r); err != nil {
		t.Fatal(err)
	}
	db.Close()
	backdate(t, path)
	snap := takeSnapshot(t, path)
	if got := snap.entries; len(got) != 1 {
		t.Fatalf("after Close: %v, want only the database", got)
	}

	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	rl, err := ro.Profile("ann")
	if err != nil {
		t.Fatal(err)
	}
	if m, _, ok, err := rl.Memory("d", "c1"); err != nil || !ok || m.Reps != 1 {
		t.Errorf("Memory = %+v, %v, %v", m, ok, err)
	}
	if _, err := ro.Profile("bob"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Profile(bob) on a read-only database: %v, want ErrNotFound", err)
	}
	r2 := testReview("d", "c2", quiz.Good, base)
	if err := rl.Record(&r2); err == nil {
		t.Error("Record on a read-only database succeeded")
	}
	if err := rl.SetSuspended("d", "c1", true); err == nil {
		t.Error("SetSuspended on a read-only database succeeded")
	}
	snap.check(t, path) // nothing created beside it while open
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	snap.check(t, path)

	if _, err := OpenReadOnly(filepath.Join(filepath.Dir(path), "missing.db")); err == nil {
		t.Error("OpenReadOnly of a missing file succeeded")
	}
	snap.check(t, path)
}

// While a drill has the file open, a report sees its latest answers.
func TestOpenReadOnlyBesideWriter(t *testing.T) {
	db := mustOpen(t)
	l := mustLearner(t, db, "ann")
	r := testReview("d", "c1", quiz.Good, base)
	if err := l.Record(&r); err != nil {
		t.Fatal(err)
	}
	before := listDir(t, filepath.Dir(db.Path()))
	ro, err := OpenReadOnly(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	rl, err := ro.Profile("ann")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok, err := rl.Memory("d", "c1"); err != nil || !ok {
		t.Errorf("read-only Memory of a card in the WAL: found %v, %v", ok, err)
	}
	if after := listDir(t, filepath.Dir(db.Path())); strings.Join(before, " ") != strings.Join(after, " ") {
		t.Errorf("files %v became %v", before, after)
	}
}

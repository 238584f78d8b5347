package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runSteppe runs the command line in-process with its own folders.
func runSteppe(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func isolate(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("STEPPE_NOW", "2026-01-05T09:30:00Z")
	t.Setenv("STEPPE_DB", "")
	t.Setenv("STEPPE_PROFILE", "")
	return dir
}

// TestNewerDatabaseRefused: a database whose schema version (SQLite's
// user_version, bytes 60–63 of the header) is beyond what this steppe knows
// is refused with a clear message, and its bytes are left as they were.
func TestNewerDatabaseRefused(t *testing.T) {
	dir := isolate(t)
	db := filepath.Join(dir, "steppe.db")
	if code, _, errOut := runSteppe(t, "\n4\n", "--db", db, "drill", "frameworks", "--plain", "--seed", "1"); code != 0 {
		t.Fatalf("first drill: status %d: %s", code, errOut)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(db + suffix); err == nil {
			t.Fatalf("%s left behind after a clean exit", suffix)
		}
	}
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	binary.BigEndian.PutUint32(data[60:64], 99)
	if err := os.WriteFile(db, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--db", db, "drill", "--plain"},
		{"--db", db, "stats"},
		{"--db", db, "decks"},
	} {
		code, out, errOut := runSteppe(t, "", args...)
		if code != 1 {
			t.Errorf("%v: status %d, want 1", args, code)
		}
		want := db + " was written by a newer steppe (schema 99, this steppe knows up to "
		if !strings.Contains(errOut, want) || !strings.Contains(errOut, "upgrade steppe") {
			t.Errorf("%v: stderr %q, want it to say %q", args, errOut, want)
		}
		if out != "" {
			t.Errorf("%v: printed %q", args, out)
		}
		after, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(after, data) {
			t.Fatalf("%v: the database changed", args)
		}
		for _, suffix := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(db + suffix); err == nil {
				t.Errorf("%v: created %s beside the refused database", args, suffix)
			}
		}
	}
}

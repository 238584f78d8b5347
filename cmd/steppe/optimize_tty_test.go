package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"steppe/store"
)

// On a terminal, a fit shows a progress bar, which it clears when done.
func TestOptimizeProgressBarOnTTY(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("testdata", "optimize", "sim3k.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sim.csv"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	d := startOnTTY(t, dir, false, "optimize", "--from", "sim.csv")
	out := d.expect("Fitting")
	out += d.expect("Fitted all 21 parameters")
	d.end()
	if !strings.Contains(out, "Fitting") {
		t.Fatalf("no progress bar:\n%q", out)
	}
	if strings.Contains(d.screen.String(), "Fitting") {
		t.Errorf("the bar was left on the screen:\n%s", d.screen.String())
	}
}

// worseLog is a log whose fit is worse than the defaults (see
// testdata/script/optimize.txtar): Good lasts a long time in the reviews
// the fit learns from, while the long gaps the outlier filter drops were
// all forgotten.
func worseLog(t *testing.T, path string) {
	var b strings.Builder
	b.WriteString("card_id,review_time,rating\n")
	start := int64(1_704_103_200_000)
	for i := range 130 {
		days, second := 1, 3
		if i >= 100 {
			days, second = 200, 1
		}
		t0 := start + int64(i)*1000
		fmt.Fprintf(&b, "c%d,%d,3\nc%d,%d,%d\n", i, t0, i, t0+int64(days)*86_400_000, second)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// In interactive mode, --write asks before storing a fit worse than the
// defaults: no stores nothing and fails, yes stores it.
func TestOptimizeAsksBeforeWritingWorseFit(t *testing.T) {
	dir := t.TempDir()
	worseLog(t, filepath.Join(dir, "worse.csv"))
	dbPath := filepath.Join(dir, "steppe.db")
	params := func() []float64 {
		db, err := store.Open(dbPath)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		l, err := db.Profile("default")
		if err != nil {
			t.Fatal(err)
		}
		w, err := l.Params()
		if err != nil {
			t.Fatal(err)
		}
		return w
	}

	d := startOnTTY(t, dir, false, "optimize", "--from", "worse.csv", "--write", "--db", dbPath)
	d.expect("Write it anyway?")
	d.send("n" + keyEnter)
	d.expect("not written")
	select {
	case err := <-d.exited:
		d.ended = true
		if err == nil {
			t.Fatal("declined write: exit status 0")
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("steppe did not end; screen:\n%s", d.screen.String())
	}
	if w := params(); w != nil {
		t.Fatalf("declined, yet stored %v", w)
	}

	d = startOnTTY(t, dir, false, "optimize", "--from", "worse.csv", "--write", "--db", dbPath)
	d.expect("Write it anyway?")
	d.send("y" + keyEnter)
	d.expect("Wrote the parameters")
	d.end()
	if w := params(); len(w) != 21 {
		t.Fatalf("confirmed, yet stored %v", w)
	}
}

package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testscripts")

func TestMain(m *testing.M) {
	// Tests that need real steppe processes (a kill, two at once, a
	// terminal) start this binary again with STEPPE_TEST_RUN_MAIN=1.
	if os.Getenv("STEPPE_TEST_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){
		"steppe": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI as a user types it: testdata/script/*.txtar.
// Run with -update to rewrite the expected output in the scripts.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(e *testscript.Env) error {
			// Each script has its own home, data and config folders, and a
			// fixed clock unless it sets another.
			e.Setenv("HOME", e.WorkDir+"/home")
			e.Setenv("XDG_DATA_HOME", e.WorkDir+"/data")
			e.Setenv("XDG_CONFIG_HOME", e.WorkDir+"/config")
			e.Setenv("STEPPE_NOW", "2026-01-05T09:30:00Z")
			e.Setenv("NO_COLOR", "1")
			e.Setenv("TZ", "UTC")
			e.Setenv("TESTDATA", testdataDir)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"gencsv": genReviewCSV,
		},
	})
}

// testdataDir is testdata's absolute path, for scripts to copy fixtures
// from ($TESTDATA).
var testdataDir = func() string {
	d, err := filepath.Abs("testdata")
	if err != nil {
		panic(err)
	}
	return d
}()

// genReviewCSV is the script command "gencsv FILE N:FIRST:DAYS:SECOND...":
// a review log of cards each reviewed twice, N cards per argument, first
// rated FIRST, then SECOND after DAYS days.
func genReviewCSV(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: gencsv FILE N:FIRST:DAYS:SECOND...")
	}
	var b strings.Builder
	b.WriteString("card_id,review_time,rating\n")
	card := 0
	const day = int64(86_400_000)
	start := int64(1_704_103_200_000) // 2024-01-01T10:00:00Z
	for _, spec := range args[1:] {
		var n, first, days, second int
		if _, err := fmt.Sscanf(spec, "%d:%d:%d:%d", &n, &first, &days, &second); err != nil {
			ts.Fatalf("gencsv %q: %v", spec, err)
		}
		for range n {
			card++
			t := start + int64(card)*1000
			fmt.Fprintf(&b, "c%d,%d,%d\n", card, t, first)
			fmt.Fprintf(&b, "c%d,%d,%d\n", card, t+int64(days)*day, second)
		}
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(b.String()), 0o644))
}

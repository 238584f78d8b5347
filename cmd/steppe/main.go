// Command steppe is a terminal quiz and flashcard trainer: students drill
// question decks, an FSRS-6 scheduler decides what each learner sees next and
// when, and every answer is stored in SQLite the moment it is given.
//
// This package holds the command line and all terminal I/O; the learning
// domain is in steppe/quiz, deck files in steppe/decks and storage in
// steppe/store.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"
	_ "time/tzdata" // --tz and the tz setting work on machines without zoneinfo

	"github.com/adrg/xdg"
	"github.com/spf13/cobra"
)

// version is steppe's release, printed by --version.
const version = "0.1.0"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// exitError carries an exit status other than 1 up to run.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// run is steppe with its arguments and streams: main without the process,
// so that tests can call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	xdg.Reload()
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, started: time.Now()}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "steppe: %v\n", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

// app is what every command shares: the streams, the environment and the
// global flags.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	started        time.Time

	dbPath  string
	profile string
	plain   bool
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "steppe",
		Short: "Drill question decks in the terminal, scheduled by FSRS-6",
		Long: `steppe drills question decks in the terminal. An FSRS-6 spaced-repetition
scheduler decides what you see next and when, and every answer is saved the
moment you give it. With no command, steppe drills every installed deck.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	drill := &drillOptions{}
	root.RunE = func(cmd *cobra.Command, args []string) error { return a.drill(cmd, args, drill) }
	drill.register(root)
	root.SetVersionTemplate("steppe {{.Version}} (FSRS-6, as ts-fsrs 5.4.2 computes it)\n")
	pf := root.PersistentFlags()
	pf.StringVar(&a.dbPath, "db", "", "the database `file` (default $STEPPE_DB or $XDG_DATA_HOME/steppe/steppe.db)")
	pf.StringVar(&a.profile, "profile", "", "the learner `name` (default $STEPPE_PROFILE or \"default\")")
	pf.BoolVar(&a.plain, "plain", false, "plain line mode: one prompt per line, no colour, for scripts and screen readers")
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(a.drillCmd(), a.decksCmd(), a.deckCmd(), a.statsCmd(), a.replayCmd())
	root.AddCommand(a.profilesCmd(), a.resetCmd(), a.cardsCmd(), a.unsuspendCmd())
	root.AddCommand(a.quizCmd())
	root.AddCommand(a.reportCmd(), a.progressCmd())
	root.AddCommand(a.simulateCmd())
	root.AddCommand(a.rescheduleCmd())
	root.AddCommand(a.optimizeCmd())
	return root
}

package main

import (
	"time"

	"steppe/store"
)

// study is what a command over a learner's decks starts from: the time it
// started, the decks (parsed or cached) and the learner.
type study struct {
	now     time.Time
	lib     *library
	learner *store.Learner
}

// openStudy reads the clock, opens the database with the decks that args name
// (every installed deck when none) and gets the learner. Close it when done.
func (a *app) openStudy(args []string) (*study, error) {
	now, err := a.now()
	if err != nil {
		return nil, err
	}
	lib, err := a.openLibrary(args)
	if err != nil {
		return nil, err
	}
	learner, err := lib.db.Profile(a.profileName())
	if err != nil {
		lib.close()
		return nil, err
	}
	return &study{now: now, lib: lib, learner: learner}, nil
}

func (s *study) close() error { return s.lib.close() }

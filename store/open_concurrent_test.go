package store

import (
	"path/filepath"
	"sync"
	"testing"
)

// TestOpenNewFileConcurrently opens one new file from several DBs at once,
// as steppes started together in two terminals do: each must wait for the
// others (switching to WAL, migrating) rather than fail or take the
// half-made file for something else.
func TestOpenNewFileConcurrently(t *testing.T) {
	for round := range 20 {
		path := filepath.Join(t.TempDir(), "steppe.db")
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				db, err := Open(path)
				if err == nil {
					_, err = db.Profile("default")
					db.Close()
				}
				errs[i] = err
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("round %d, open %d: %v", round, i, err)
			}
		}
	}
}

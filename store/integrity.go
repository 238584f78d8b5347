package store

import (
	"fmt"
	"strings"
)

// IntegrityCheck runs SQLite's full consistency check of the file (PRAGMA
// integrity_check): b-trees, indexes against their tables, and constraints.
// It returns nil when SQLite answers "ok", and otherwise an error listing
// the problems it found.
func (db *DB) IntegrityCheck() error {
	rows, err := db.db.Query(`PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("check database %s: %w", db.path, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("check database %s: %w", db.path, err)
		}
		problems = append(problems, line)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check database %s: %w", db.path, err)
	}
	if len(problems) == 1 && problems[0] == "ok" {
		return nil
	}
	return fmt.Errorf("database %s is damaged: %s", db.path, strings.Join(problems, "; "))
}

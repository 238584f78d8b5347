package store

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// migrationFiles holds the schema's history: migrations/NNNN_name.sql, one
// file per version, numbered from 1 without gaps. A released migration is
// never edited; a change to the schema is a new file.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

var migrations = loadMigrations()

// loadMigrations reads the embedded files; a misnamed or missing one is a
// bug in steppe, found by any test.
func loadMigrations() []migration {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	ms := make([]migration, 0, len(names)) // Glob sorts names
	for i, name := range names {
		base := path.Base(name)
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil || v != i+1 {
			panic(fmt.Sprintf("store: migration %s: want number %04d", base, i+1))
		}
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	return ms
}

// latestVersion is the schema version this steppe writes.
func latestVersion() int { return len(migrations) }

// migrate applies the migrations the file lacks, each in its own
// transaction together with its user_version. The version is read again
// inside each transaction, so two steppes opening one old file at once
// apply each migration once.
func (db *DB) migrate() error {
	for {
		done, err := db.migrateOnce()
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
}

func (db *DB) migrateOnce() (done bool, err error) {
	tx, err := db.db.Begin()
	if err != nil {
		return false, fmt.Errorf("open database %s: %w", db.path, err)
	}
	defer tx.Rollback()

	var v int
	if err := tx.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return false, fmt.Errorf("open database %s: read schema version: %w", db.path, err)
	}
	latest := latestVersion()
	switch {
	case v > latest:
		return false, schemaInfo{version: v, appID: applicationID}.check(db.path, false)
	case v == latest:
		return true, nil
	}
	m := migrations[v]
	if _, err := tx.Exec(m.sql); err != nil {
		return false, fmt.Errorf("database %s: migration %s: %w", db.path, m.name, err)
	}
	if _, err := tx.Exec(`PRAGMA user_version = ` + strconv.Itoa(m.version)); err != nil {
		return false, fmt.Errorf("database %s: migration %s: set schema version: %w", db.path, m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("database %s: migration %s: %w", db.path, m.name, err)
	}
	return false, nil
}

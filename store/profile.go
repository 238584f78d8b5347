package store

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"steppe/quiz"
)

// Learner is one learner profile's progress in a DB: its card memories and
// flags, its review log and its sessions.
type Learner struct {
	db   *DB
	id   int64
	name string
}

var _ quiz.Progress = (*Learner)(nil)

// Name is the profile's name.
func (l *Learner) Name() string { return l.name }

// ID is the profile's row id.
func (l *Learner) ID() int64 { return l.id }

// ProfileInfo describes a learner profile for listings.
type ProfileInfo struct {
	ID         int64
	Name       string
	Created    time.Time
	Reviews    int       // reviews not undone
	LastReview time.Time // zero when there are none
}

// Profile returns the learner profile called name, creating it if need be.
// A read-only DB never creates one: a missing profile is an error wrapping
// ErrNotFound.
func (db *DB) Profile(name string) (*Learner, error) {
	if name == "" {
		return nil, fmt.Errorf("profile name is empty: want a name such as default")
	}
	id, err := profileID(db.db, name)
	if errors.Is(err, sql.ErrNoRows) {
		if db.readOnly {
			return nil, fmt.Errorf("profile %q in %s: %w", name, db.path, ErrNotFound)
		}
		id, err = db.createProfile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("profile %q: %w", name, err)
	}
	return &Learner{db: db, id: id, name: name}, nil
}

// queryRower is what *sql.DB and *sql.Tx share for single-row reads.
type queryRower interface {
	QueryRow(query string, args ...any) *sql.Row
}

func profileID(q queryRower, name string) (int64, error) {
	var id int64
	err := q.QueryRow(`SELECT id FROM profiles WHERE name = ?`, name).Scan(&id)
	return id, err
}

func (db *DB) createProfile(name string) (int64, error) {
	tx, err := db.db.Begin()
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	// Another steppe may have created it since we looked.
	if _, err := tx.Exec(`INSERT INTO profiles (name, created) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`,
		name, db.Now().UnixMilli()); err != nil {
		return 0, err
	}
	id, err := profileID(tx, name)
	if err != nil {
		return 0, err
	}
	return id, tx.Commit()
}

// Profiles lists the learner profiles by name. Reviews are counted from
// the indexes alone (all of them less the undone ones), which keeps a
// learner with a million reviews quick to list.
func (db *DB) Profiles() ([]ProfileInfo, error) {
	rows, err := db.db.Query(`SELECT p.id, p.name, p.created,
		(SELECT count(*) FROM reviews r WHERE r.profile = p.id) -
			(SELECT count(*) FROM reviews r WHERE r.profile = p.id AND r.undone = 1),
		(SELECT r.time FROM reviews r WHERE r.profile = p.id AND r.undone = 0 ORDER BY r.time DESC LIMIT 1)
		FROM profiles p ORDER BY p.name`)
	if err != nil {
		return nil, fmt.Errorf("list profiles: %w", err)
	}
	defer rows.Close()
	var ps []ProfileInfo
	for rows.Next() {
		var p ProfileInfo
		var created int64
		var last sql.NullInt64
		if err := rows.Scan(&p.ID, &p.Name, &created, &p.Reviews, &last); err != nil {
			return nil, fmt.Errorf("list profiles: %w", err)
		}
		p.Created = time.UnixMilli(created).UTC()
		p.LastReview = timeOf(last)
		ps = append(ps, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list profiles: %w", err)
	}
	return ps, nil
}

// StartSession records the start of a drill or quiz over decks and returns
// its id, which reviews then carry.
func (l *Learner) StartSession(kind string, decks []string, now time.Time) (int64, error) {
	if kind != "drill" && kind != "quiz" {
		return 0, fmt.Errorf("session kind %q: want drill or quiz", kind)
	}
	tx, err := l.db.db.Begin()
	if err != nil {
		return 0, fmt.Errorf("start %s session: %w", kind, err)
	}
	defer tx.Rollback()
	res, err := tx.Exec(`INSERT INTO sessions (profile, kind, started, decks) VALUES (?, ?, ?, ?)`,
		l.id, kind, now.UnixMilli(), jsonList(decks))
	if err != nil {
		return 0, fmt.Errorf("start %s session: %w", kind, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("start %s session: %w", kind, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("start %s session: %w", kind, err)
	}
	return id, nil
}

// EndSession records the end of the learner's session id.
func (l *Learner) EndSession(id int64, now time.Time) error {
	tx, err := l.db.db.Begin()
	if err != nil {
		return fmt.Errorf("end session %d: %w", id, err)
	}
	defer tx.Rollback()
	res, err := tx.Exec(`UPDATE sessions SET ended = ? WHERE id = ? AND profile = ?`, now.UnixMilli(), id, l.id)
	if err != nil {
		return fmt.Errorf("end session %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("end session %d: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("end session %d of profile %q: %w", id, l.name, ErrNotFound)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("end session %d: %w", id, err)
	}
	return nil
}

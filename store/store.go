// Package store keeps steppe's data in one SQLite file: learner profiles, each
// learner's card memories and flags, the append-only review log, drill and
// quiz sessions, and a cache of parsed deck files.
//
// It is the only package that imports database/sql. Every method that writes
// runs one transaction and commits before it returns, so an answer recorded
// is an answer kept, across a crash or a power cut (WAL, synchronous=FULL).
// The schema is a sequence of embedded migrations; its version is SQLite's
// user_version, and a file written by a newer steppe is refused untouched.
//
// Times are stored as milliseconds since the Unix epoch: anything finer is
// dropped, and times come back in UTC. A zero time.Time is stored as NULL and
// comes back zero.
package store

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3" // also registers the "sqlite3" driver
)

// applicationID marks a SQLite file as a steppe database ("STPP"); migration
// 1 writes it into the file's header.
const applicationID = 0x53545050

// Errors that Open and OpenReadOnly wrap, for callers that act on the kind
// of failure rather than print it.
var (
	// ErrNotSteppe means the file is not a steppe database: not SQLite at
	// all, or SQLite written by something else.
	ErrNotSteppe = errors.New("not a steppe database")
	// ErrNewerSchema means the file was written by a newer steppe.
	ErrNewerSchema = errors.New("database written by a newer steppe")
	// ErrOlderSchema means a read-only open met a schema that needs
	// migrating, which only a read-write open may do.
	ErrOlderSchema = errors.New("database needs upgrading")
)

// refusal is an error whose message is written for the user in full, with
// a sentinel beneath it for errors.Is.
type refusal struct {
	msg  string
	kind error
}

func (e *refusal) Error() string { return e.msg }
func (e *refusal) Unwrap() error { return e.kind }

// DB is an open steppe database. It is safe for concurrent use; several DBs,
// in one process or many, may share a file.
type DB struct {
	// Now is the clock for times the store sets itself (a profile's
	// creation); it defaults to time.Now.
	Now func() time.Time

	db       *sql.DB
	path     string
	readOnly bool
	stmt     statements
}

// Open opens the database at path for reading and writing, creating it and
// its parent directories if need be, and brings its schema up to date.
//
// A file that is not a steppe database, or that a newer steppe wrote, is
// refused before SQLite writes anything to it.
func Open(path string) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("create the directory for database %s: %w", path, err)
	}
	h, err := readHeader(path, abs)
	if err != nil {
		return nil, err
	}
	if h.exists {
		// Look before SQLite may write: switching to WAL, or migrating,
		// would change a file this steppe must leave alone.
		info, err := probe(abs, h)
		if err != nil {
			return nil, fmt.Errorf("database %s: %w", path, err)
		}
		if err := info.check(path, false); err != nil {
			return nil, err
		}
	}
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("database %s cannot be written: %w", path, bareErr(err))
	}
	f.Close()

	sdb, err := sql.Open("sqlite3", fileURI(abs)+"?_synchronous=FULL"+
		"&_busy_timeout="+strconv.Itoa(int(busyTimeout/time.Millisecond))+"&_foreign_keys=on&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := useWAL(sdb); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db := &DB{Now: time.Now, db: sdb, path: path}
	if err := db.migrate(); err != nil {
		sdb.Close()
		return nil, err
	}
	if err := db.stmt.prepare(sdb); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, nil
}

// OpenReadOnly opens an existing database for reading only, as reports do
// with learners' files: nothing is written to the file and nothing is
// created beside it.
//
// SQLite in WAL mode wants a shared-memory index (FILE-shm) even to read,
// and creates it, and an empty FILE-wal, when they are missing. So when they
// are missing, which means no steppe has the file open and every answer is
// in the main file, the file is opened immutable: SQLite then reads it
// without locks or an index. The cost is that a steppe starting a drill on
// the file while a report reads it is not noticed by the report, which
// might read a torn state if that drill checkpoints mid-report. When they
// exist (a drill is running, or one was killed) the file is opened in plain
// read-only mode, which sees every committed answer and creates nothing
// new. A FILE-wal without its FILE-shm, as a careless copy leaves, is read
// immutable too, and the answers only it holds are not seen.
func OpenReadOnly(path string) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	h, err := readHeader(path, abs)
	if err != nil {
		return nil, err
	}
	if h.missing {
		return nil, fmt.Errorf("database %s does not exist: %w", path, fs.ErrNotExist)
	}
	if !h.exists {
		return nil, &refusal{fmt.Sprintf("%s is not a steppe database (empty file)", path), ErrNotSteppe}
	}
	sdb, err := sql.Open("sqlite3", readOnlyDSN(abs, h)+"&_query_only=1")
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	info, err := schemaInfoOf(sdb)
	if err == nil {
		err = info.check(path, true)
	} else {
		err = fmt.Errorf("database %s: %w", path, err)
	}
	if err != nil {
		sdb.Close()
		return nil, err
	}
	db := &DB{Now: time.Now, db: sdb, path: path, readOnly: true}
	if err := db.stmt.prepare(sdb); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, nil
}

// busyTimeout is how long a steppe waits for another one writing to the
// same file before it gives up.
const busyTimeout = 10 * time.Second

// useWAL puts the file in WAL mode, which the file then keeps for every
// connection. SQLite does not wait busy_timeout for this switch: when
// another steppe is opening the same new file at that moment, it fails at
// once with "database is locked". So the switch is retried here, for as
// long as busy_timeout would wait.
func useWAL(sdb *sql.DB) error {
	deadline := time.Now().Add(busyTimeout)
	for delay := time.Millisecond; ; delay = min(2*delay, 50*time.Millisecond) {
		var mode string
		err := sdb.QueryRow(`PRAGMA journal_mode = WAL`).Scan(&mode)
		if err == nil && strings.EqualFold(mode, "wal") {
			return nil
		}
		var se sqlite3.Error
		if err != nil && !(errors.As(err, &se) && se.Code == sqlite3.ErrBusy) {
			return fmt.Errorf("switch to WAL: %w", err)
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("journal mode stays %q", mode)
			}
			return fmt.Errorf("switch to WAL: %w", err)
		}
		time.Sleep(delay)
	}
}

// Close releases the database.
func (db *DB) Close() error {
	db.stmt.close()
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", db.path, err)
	}
	return nil
}

// Path is the path the database was opened with.
func (db *DB) Path() string { return db.path }

// ReadOnly reports whether the database was opened with OpenReadOnly.
func (db *DB) ReadOnly() bool { return db.readOnly }

// header is what the first bytes of a database file tell before SQLite
// opens it.
type header struct {
	missing bool // there is no file
	exists  bool // the file exists and is not empty
	wal     bool // the file is in WAL mode
}

const sqliteMagic = "SQLite format 3\x00"

// readHeader looks at the file at abs without changing it.
func readHeader(path, abs string) (header, error) {
	f, err := os.Open(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return header{missing: true}, nil
	}
	if err != nil {
		return header{}, fmt.Errorf("database %s cannot be read: %w", path, bareErr(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return header{}, fmt.Errorf("database %s: %w", path, bareErr(err))
	}
	if st.IsDir() {
		return header{}, &refusal{fmt.Sprintf("%s is a directory, not a steppe database", path), ErrNotSteppe}
	}
	if st.Size() == 0 {
		return header{}, nil
	}
	var b [100]byte
	n, err := io.ReadFull(f, b[:])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return header{}, fmt.Errorf("database %s cannot be read: %w", path, bareErr(err))
	}
	if n < len(b) || !bytes.Equal(b[:16], []byte(sqliteMagic)) {
		return header{}, &refusal{fmt.Sprintf("%s is not a steppe database (not SQLite)", path), ErrNotSteppe}
	}
	// Bytes 18 and 19 are the write and read format versions: 2 for WAL.
	return header{exists: true, wal: b[18] == 2 || b[19] == 2}, nil
}

// fileURI turns an absolute path into a SQLite URI filename; go-sqlite3
// passes names starting with "file:" to SQLite whole, query included.
func fileURI(abs string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + r.Replace(filepath.ToSlash(abs))
}

// readOnlyDSN opens abs read-only without creating files beside it; see
// OpenReadOnly for the trade-off of immutable.
func readOnlyDSN(abs string, h header) string {
	dsn := fileURI(abs) + "?mode=ro"
	if h.wal && !(exists(abs+"-wal") && exists(abs+"-shm")) {
		dsn += "&immutable=1"
	}
	return dsn
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// schemaInfo is what decides whether steppe may use a file.
type schemaInfo struct {
	version int // PRAGMA user_version
	appID   int // PRAGMA application_id
	objects int // tables, indexes and the like in the file
}

// probe reads a file's schemaInfo through a read-only connection that
// writes and creates nothing.
func probe(abs string, h header) (schemaInfo, error) {
	sdb, err := sql.Open("sqlite3", readOnlyDSN(abs, h))
	if err != nil {
		return schemaInfo{}, err
	}
	defer sdb.Close()
	return schemaInfoOf(sdb)
}

// schemaInfoOf reads the three values in one statement, so from one
// snapshot: read one by one, they could straddle another steppe's first
// migration, and a new file would look like SQLite holding other tables.
func schemaInfoOf(sdb *sql.DB) (schemaInfo, error) {
	var info schemaInfo
	if err := sdb.QueryRow(`SELECT (SELECT user_version FROM pragma_user_version),
		(SELECT application_id FROM pragma_application_id), (SELECT count(*) FROM sqlite_schema)`).
		Scan(&info.version, &info.appID, &info.objects); err != nil {
		return info, fmt.Errorf("read schema version: %w", err)
	}
	return info, nil
}

// check refuses files steppe must not use. A read-write open may migrate an
// empty file or an older schema; a read-only one may not.
func (info schemaInfo) check(path string, readOnly bool) error {
	latest := latestVersion()
	switch {
	case info.appID != 0 && info.appID != applicationID:
		return &refusal{fmt.Sprintf("%s is not a steppe database (SQLite application id %#x)", path, uint32(info.appID)), ErrNotSteppe}
	case info.version > latest:
		return &refusal{fmt.Sprintf("%s was written by a newer steppe (schema %d, this steppe knows up to %d); upgrade steppe",
			path, info.version, latest), ErrNewerSchema}
	case info.version == 0 && info.objects > 0:
		return &refusal{fmt.Sprintf("%s is not a steppe database (SQLite holding other tables)", path), ErrNotSteppe}
	case info.version > 0 && info.appID != applicationID:
		return &refusal{fmt.Sprintf("%s is not a steppe database (SQLite with schema %d but no steppe mark)", path, info.version), ErrNotSteppe}
	case readOnly && info.version == 0:
		return &refusal{fmt.Sprintf("%s is not a steppe database (empty SQLite file)", path), ErrNotSteppe}
	case readOnly && info.version < latest:
		return &refusal{fmt.Sprintf("%s has an older steppe schema (%d, this steppe uses %d); open it once for writing, e.g. with a drill, to upgrade it",
			path, info.version, latest), ErrOlderSchema}
	}
	return nil
}

// bareErr drops the path from an *fs.PathError, for messages that name the
// path already.
func bareErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

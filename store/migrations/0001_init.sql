-- steppe schema 1.
--
-- Every time is INTEGER milliseconds since the Unix epoch, UTC; a NULL time
-- is the zero time.Time ("never"). States, ratings and verdicts are the
-- numbers quiz gives them (state: 0 new, 1 learning, 2 review, 3 relearning;
-- rating 1-4; verdict: 0 ungraded, 1 correct, 2 wrong, 3 almost).

-- 'STPP': marks the file as a steppe database.
PRAGMA application_id = 1398034512;

CREATE TABLE profiles (
	id       INTEGER PRIMARY KEY,
	name     TEXT    NOT NULL UNIQUE,
	created  INTEGER NOT NULL,
	settings TEXT,             -- JSON, reserved for per-learner settings
	params   TEXT              -- JSON, reserved for optimised scheduler weights
) STRICT;

CREATE TABLE sessions (
	id      INTEGER PRIMARY KEY,
	profile INTEGER NOT NULL REFERENCES profiles (id),
	kind    TEXT    NOT NULL CHECK (kind IN ('drill', 'quiz')),
	started INTEGER NOT NULL,
	ended   INTEGER,
	decks   TEXT    NOT NULL DEFAULT '[]' -- JSON array of deck slugs
) STRICT;

CREATE INDEX sessions_by_profile ON sessions (profile, started);

-- A learner's memory of one card (quiz.Memory) and its flags (quiz.Flags).
-- A card with no row here is new. Rows are keyed by deck slug, not by file,
-- and outlive the deck cache: a card that leaves its deck and comes back
-- keeps its progress.
CREATE TABLE card_states (
	profile        INTEGER NOT NULL REFERENCES profiles (id),
	deck           TEXT    NOT NULL,
	card_id        TEXT    NOT NULL,
	state          INTEGER NOT NULL,
	step           INTEGER NOT NULL,
	stability      REAL    NOT NULL,
	difficulty     REAL    NOT NULL,
	ease           REAL    NOT NULL,
	due            INTEGER,
	last_review    INTEGER,
	elapsed_days   INTEGER NOT NULL,
	scheduled_days INTEGER NOT NULL,
	reps           INTEGER NOT NULL,
	lapses         INTEGER NOT NULL,
	suspended      INTEGER NOT NULL DEFAULT 0,
	buried_until   INTEGER,
	leech          INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (profile, deck, card_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX card_states_queue ON card_states (profile, state, due);

-- The review log. Append-only: rows are never deleted. Undo sets undone, a
-- reset sets reset; a card's memory is a function of its rows with neither.
CREATE TABLE reviews (
	id          INTEGER PRIMARY KEY,
	profile     INTEGER NOT NULL REFERENCES profiles (id),
	session     INTEGER REFERENCES sessions (id), -- NULL for imported history
	deck        TEXT    NOT NULL,
	card_id     TEXT    NOT NULL,
	time        INTEGER NOT NULL,
	rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
	answer      TEXT    NOT NULL DEFAULT '',
	verdict     INTEGER NOT NULL DEFAULT 0,
	duration_ms INTEGER NOT NULL DEFAULT 0,
	scheduler   TEXT    NOT NULL,

	before_state          INTEGER NOT NULL,
	before_step           INTEGER NOT NULL,
	before_stability      REAL    NOT NULL,
	before_difficulty     REAL    NOT NULL,
	before_ease           REAL    NOT NULL,
	before_due            INTEGER,
	before_last_review    INTEGER,
	before_elapsed_days   INTEGER NOT NULL,
	before_scheduled_days INTEGER NOT NULL,
	before_reps           INTEGER NOT NULL,
	before_lapses         INTEGER NOT NULL,

	after_state          INTEGER NOT NULL,
	after_step           INTEGER NOT NULL,
	after_stability      REAL    NOT NULL,
	after_difficulty     REAL    NOT NULL,
	after_ease           REAL    NOT NULL,
	after_due            INTEGER,
	after_last_review    INTEGER,
	after_elapsed_days   INTEGER NOT NULL,
	after_scheduled_days INTEGER NOT NULL,
	after_reps           INTEGER NOT NULL,
	after_lapses         INTEGER NOT NULL,

	undone INTEGER NOT NULL DEFAULT 0,
	reset  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX reviews_by_card ON reviews (profile, deck, card_id, time);
CREATE INDEX reviews_by_time ON reviews (profile, time);
CREATE INDEX reviews_by_session ON reviews (session) WHERE session IS NOT NULL;

-- The cache of parsed deck files. A file whose size, modification time and
-- fingerprint match its row is not parsed again. One row per slug: loading a
-- file replaces whatever another file with the same slug left here.
CREATE TABLE decks (
	path        TEXT    PRIMARY KEY,
	slug        TEXT    NOT NULL UNIQUE,
	title       TEXT    NOT NULL DEFAULT '',
	size        INTEGER NOT NULL,
	mtime_ns    INTEGER NOT NULL,
	fingerprint TEXT    NOT NULL,
	format      INTEGER NOT NULL,
	loaded_at   INTEGER NOT NULL,
	meta        TEXT               -- JSON from the decks package, opaque here
) STRICT;

CREATE TABLE deck_cards (
	slug     TEXT    NOT NULL REFERENCES decks (slug) ON DELETE CASCADE,
	card_id  TEXT    NOT NULL,
	position INTEGER NOT NULL,     -- order in the deck, from 0
	type     TEXT    NOT NULL,     -- quiz.CardType's name
	sibling  TEXT    NOT NULL DEFAULT '',
	section  TEXT    NOT NULL DEFAULT '',
	tags     TEXT,                 -- JSON array, NULL for none
	body     TEXT    NOT NULL,     -- the rest of the quiz.Card, JSON
	PRIMARY KEY (slug, card_id)
) STRICT;

CREATE INDEX deck_cards_order ON deck_cards (slug, position);

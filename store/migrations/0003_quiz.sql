-- Quiz (exam) results. A quiz leaves the schedule alone, so its answers are
-- kept here and never in reviews, which the schedule is rebuilt from.
-- A quiz is a session of kind 'quiz'; its options and outcome are JSON in
-- sessions.details.
ALTER TABLE sessions ADD COLUMN details TEXT;

CREATE TABLE quiz_answers (
	id          INTEGER PRIMARY KEY,
	session     INTEGER NOT NULL REFERENCES sessions (id),
	profile     INTEGER NOT NULL REFERENCES profiles (id),
	position    INTEGER NOT NULL,          -- 1, 2, ... in the order asked
	deck        TEXT    NOT NULL,
	card_id     TEXT    NOT NULL,
	time        INTEGER NOT NULL,          -- when the answer was given
	answer      TEXT    NOT NULL DEFAULT '',
	verdict     INTEGER NOT NULL,          -- quiz.Verdict
	credit      REAL    NOT NULL,          -- 0 to 1; partial for multi and order
	duration_ms INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX quiz_answers_by_session ON quiz_answers (session, position);
CREATE INDEX quiz_answers_by_card ON quiz_answers (profile, deck, card_id);

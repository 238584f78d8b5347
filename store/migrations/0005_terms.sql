-- The terms of each cached deck, for grading typed answers (quiz.DeckTerms):
-- the normalized texts the deck knows as answers, alternatives and
-- distractors, and the acronyms it spells out with their names. PutDeck
-- writes them with the deck's cards; they go when the deck does.
CREATE TABLE deck_terms (
	slug TEXT NOT NULL REFERENCES decks (slug) ON DELETE CASCADE,
	term TEXT NOT NULL, -- as quiz.Normalize writes it
	key  TEXT NOT NULL, -- quiz.TermKey(term), by which the grader looks it up
	PRIMARY KEY (slug, term)
) STRICT, WITHOUT ROWID;

CREATE INDEX deck_terms_by_key ON deck_terms (key, slug);

CREATE TABLE deck_acronyms (
	slug      TEXT NOT NULL REFERENCES decks (slug) ON DELETE CASCADE,
	acronym   TEXT NOT NULL, -- normalized, as the terms
	expansion TEXT NOT NULL,
	PRIMARY KEY (slug, acronym, expansion)
) STRICT, WITHOUT ROWID;

-- Decks cached before now have no terms. A size of -1 and an empty
-- fingerprint match no file, so the next run parses each deck again and
-- PutDeck writes its terms. The cards stay until then.
UPDATE decks SET size = -1, fingerprint = '';

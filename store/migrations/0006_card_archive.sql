-- The last loaded version of each card gone from its deck.
--
-- deck_cards holds only the cards of each deck's current version, so a card
-- removed from a deck would leave no trace of its question and answer. A
-- card that comes back is compared with the version kept here: when its
-- answer changed while it was gone, its learners' progress starts over, as
-- for any card whose answer changes (see store.PutDeckWithPolicy). A row
-- goes when its card is back in the deck. The columns are deck_cards'.
CREATE TABLE archived_cards (
	slug     TEXT    NOT NULL,
	card_id  TEXT    NOT NULL,
	position INTEGER NOT NULL,
	type     TEXT    NOT NULL,
	sibling  TEXT    NOT NULL DEFAULT '',
	section  TEXT    NOT NULL DEFAULT '',
	tags     TEXT,
	body     TEXT    NOT NULL,
	PRIMARY KEY (slug, card_id)
) STRICT, WITHOUT ROWID;

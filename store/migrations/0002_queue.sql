-- The queue without a join per card.
--
-- archived marks a card state whose card is no longer in its cached deck:
-- its progress is kept (it comes back if the card returns), but it is not
-- shown. PutDeck keeps the flag, so the queue need not look each state up in
-- deck_cards.
ALTER TABLE card_states ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;

UPDATE card_states SET archived = NOT EXISTS (
	SELECT 1 FROM deck_cards d WHERE d.slug = card_states.deck AND d.card_id = card_states.card_id);

-- The queue index covers what ranking due cards reads, so thousands of due
-- cards are ranked from the index alone and only the chosen ones are read.
DROP INDEX card_states_queue;
CREATE INDEX card_states_queue ON card_states (profile, state, due, archived, suspended, deck,
	buried_until, last_review, stability, scheduled_days);

-- Buried cards are few; NextDue finds them here rather than by a scan.
CREATE INDEX card_states_buried ON card_states (profile, buried_until) WHERE buried_until IS NOT NULL;

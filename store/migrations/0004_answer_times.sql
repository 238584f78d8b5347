-- Answer times by card type, for the grading rule (a correct answer much
-- slower than the learner's median for its card type is rated Hard), and a
-- cheap count of a learner's reviews.
--
-- card_type is the card's type (quiz.CardType's name) when it was answered,
-- taken from the deck cache as the review is written; it is NULL when the
-- card was not in the cache then. Kept with the review rather than joined
-- at query time, so that finding a rare type's latest answers reads an
-- index range instead of the whole log, and so that a card whose type is
-- later edited keeps the times it was answered in.
ALTER TABLE reviews ADD COLUMN card_type TEXT;

UPDATE reviews SET card_type = (
	SELECT d.type FROM deck_cards d WHERE d.slug = reviews.deck AND d.card_id = reviews.card_id);

-- The answer times that count: not undone, not reset, and measured (an
-- imported review without a time has 0).
CREATE INDEX reviews_answer_times ON reviews (profile, card_type, time)
	WHERE undone = 0 AND reset = 0 AND duration_ms > 0;

-- Undone reviews are few; counting a learner's reviews that stand is then
-- a count of the time index less a count of this one.
CREATE INDEX reviews_undone ON reviews (profile) WHERE undone = 1;

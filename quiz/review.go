package quiz

import "time"

// Verdict is what answer checking concluded.
type Verdict uint8

// The verdicts. Self-rated cards (basic, cloze) have Ungraded.
const (
	Ungraded Verdict = iota
	Correct
	Wrong
	Almost // a typed answer within the typo tolerance
)

var verdictNames = [...]string{"ungraded", "correct", "wrong", "almost"}

func (v Verdict) String() string {
	if int(v) < len(verdictNames) {
		return verdictNames[v]
	}
	return "verdict(?)"
}

// ReviewLog is one answered card: an entry of the append-only review log.
type ReviewLog struct {
	ID        int64 // set by Progress.Record
	SessionID int64
	Deck      string
	CardID    string
	Time      time.Time
	Rating    Rating
	Answer    string        // what was typed or chosen; empty for self-rated cards
	Verdict   Verdict       // Ungraded for self-rated cards
	Duration  time.Duration // from the question shown to the answer given
	Scheduler string        // "fsrs" or "sm2"
	Before    Memory
	After     Memory
	Undone    bool
	Reset     bool
}

// Flags are kept beside a card's memory but are not part of it: they do not
// follow from the reviews.
type Flags struct {
	Suspended   bool
	BuriedUntil time.Time // zero when not buried
	Leech       bool
}

// Candidate is a card that a session may show, with its memory.
type Candidate struct {
	Deck     string
	ID       string
	Sibling  string // cloze entry id; empty for other cards
	Memory   Memory
	Position int // order of new cards within their deck
}

// Key names the candidate's card as Card.Key does.
func (c *Candidate) Key() string { return c.Deck + "/" + c.ID }

// QueueQuery asks a Progress store for the cards a session may show.
type QueueQuery struct {
	Decks       []string
	Now         time.Time
	DayEnd      time.Time     // the start of the next learning day
	LearnAhead  time.Duration // learning cards due this soon are candidates too
	NewLimit    int           // at most this many new cards
	ReviewLimit int           // at most this many due reviews
	// Tags and Sections narrow the queue to some cards: with Tags, only
	// cards that have at least one of them; with Sections, only cards whose
	// section is one of them, exactly as the deck writes it. Both apply
	// when both are given; empty means no narrowing.
	Tags     []string
	Sections []string
}

// Queue is what a Progress store returns for a QueueQuery. Suspended cards,
// and cards buried until after Now, are never in it.
type Queue struct {
	// Learning holds learning and relearning cards due before Now+LearnAhead,
	// soonest first.
	Learning []Candidate
	// Due holds review cards due before DayEnd, lowest retrievability first:
	// ordered by the time since the last review divided by the stability
	// (the scheduled days under SM-2), largest first, which is the order of
	// FSRS's forgetting curve for any decay.
	Due []Candidate
	// New holds cards never reviewed, in deck order.
	New []Candidate
}

// DayCounts are what a learner did on one learning day.
type DayCounts struct {
	New     int // cards seen for the first time
	Reviews int // reviews of cards in the review state
	Total   int // all reviews
}

// Progress is a learner's stored progress, as a session needs it. Every
// method that writes commits before it returns: once Record returns nil, the
// answer survives a crash.
type Progress interface {
	// Record appends a review to the log and stores the card's new memory, in
	// one transaction. It sets r.ID.
	Record(r *ReviewLog) error
	// Undo marks the session's latest review that is not yet undone as undone,
	// restores the card's memory to what it was before, and returns the review.
	Undo(sessionID int64) (ReviewLog, error)
	// Queue returns the cards a session may show.
	Queue(q QueueQuery) (Queue, error)
	// Counts tells what was done between from and to, on the given decks.
	Counts(decks []string, from, to time.Time) (DayCounts, error)
	// SiblingsSeen returns the "deck/sibling" keys of cloze entries with a
	// blank reviewed between from and to.
	SiblingsSeen(decks []string, from, to time.Time) (map[string]bool, error)
	// SetSuspended suspends a card, or brings it back.
	SetSuspended(deck, id string, on bool) error
	// Bury hides a card until the given time.
	Bury(deck, id string, until time.Time) error
	// SetLeech marks a card as a leech, or clears the mark.
	SetLeech(deck, id string, on bool) error
	// NextDue is the earliest due time of a card on the decks that is not
	// suspended, and false when no card has been reviewed.
	NextDue(decks []string) (time.Time, bool, error)
}

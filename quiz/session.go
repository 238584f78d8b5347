package quiz

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"time"
)

// SessionConfig sets up a drill session.
type SessionConfig struct {
	ID       int64 // the stored session, for undo
	Decks    []string
	Calendar Calendar
	// NewLimit and ReviewLimit are what is left of today's allowances, or
	// what the learner asked for this session.
	NewLimit    int
	ReviewLimit int
	// CardLimit caps the cards in the session; 0 means no cap.
	CardLimit      int
	LearnAhead     time.Duration
	LeechThreshold int // lapses that make a leech; 0 turns leeches off
	Seed           uint64
	// Tags and Sections narrow the session to some cards, as QueueQuery's
	// fields of the same names do.
	Tags     []string
	Sections []string
}

// Session is the queue of one drill: learning cards that are due first, then
// due reviews (lowest retrievability first) interleaved with new cards, then
// learning cards due within the learn-ahead limit. Each answer is recorded
// through Progress before the next card is chosen.
type Session struct {
	cfg    SessionConfig
	p      Progress
	sched  Scheduler
	rng    *rand.Rand
	dayEnd time.Time

	learning      []Candidate // soonest due first
	due, fresh    []Candidate
	dueTotal      int
	newTotal      int
	dueShown      int
	newShown      int
	retry         []Candidate // undone cards, shown again first
	siblingsToday map[string]bool

	answered []ReviewLog
	leeches  map[int64]bool // reviews that made their card a leech, for undo
}

// ErrNothingToUndo is returned by Undo at the start of a session.
var ErrNothingToUndo = errors.New("nothing to undo in this session")

// NewSession asks p for today's cards and builds the queue.
func NewSession(p Progress, sched Scheduler, cfg SessionConfig, now time.Time) (*Session, error) {
	cal := cfg.Calendar
	today := cal.Day(now)
	s := &Session{
		cfg: cfg, p: p, sched: sched,
		rng:    rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		dayEnd: cal.Start(today + 1),
	}
	q, err := p.Queue(QueueQuery{
		Decks: cfg.Decks, Now: now, DayEnd: s.dayEnd, LearnAhead: cfg.LearnAhead,
		NewLimit: max(cfg.NewLimit, 0), ReviewLimit: max(cfg.ReviewLimit, 0),
		Tags: cfg.Tags, Sections: cfg.Sections,
	})
	if err != nil {
		return nil, fmt.Errorf("build the queue: %w", err)
	}
	if s.siblingsToday, err = p.SiblingsSeen(cfg.Decks, cal.Start(today), s.dayEnd); err != nil {
		return nil, fmt.Errorf("build the queue: %w", err)
	}
	s.learning = q.Learning
	// Cloze siblings are never shown on the same day: drop a blank whose
	// sibling was reviewed today or comes earlier in the queue.
	queued := map[string]bool{}
	for _, c := range s.learning {
		queued[siblingKey(&c)] = true
	}
	keep := func(list []Candidate) []Candidate {
		out := list[:0]
		for _, c := range list {
			k := siblingKey(&c)
			if k != "" && (s.siblingsToday[k] || queued[k]) {
				continue
			}
			if k != "" {
				queued[k] = true
			}
			out = append(out, c)
		}
		return out
	}
	s.due = keep(q.Due)
	s.fresh = keep(q.New)
	if n := cfg.CardLimit; n > 0 {
		s.learning = s.learning[:min(len(s.learning), n)]
		n -= len(s.learning)
		s.trimInterleaved(n)
	}
	s.dueTotal, s.newTotal = len(s.due), len(s.fresh)
	return s, nil
}

// trimInterleaved keeps the first n cards of the due and new lists in the
// order they would be shown.
func (s *Session) trimInterleaved(n int) {
	d, f := 0, 0
	for d+f < n && (d < len(s.due) || f < len(s.fresh)) {
		if s.pickNew(d, f, len(s.due), len(s.fresh)) {
			f++
		} else {
			d++
		}
	}
	s.due, s.fresh = s.due[:d], s.fresh[:f]
}

// pickNew decides whether the next card is new: whichever list is further
// behind its share goes next, reviews first on a tie, so that new cards are
// spread through the session rather than left as a block at its end.
func (s *Session) pickNew(dueShown, newShown, dueTotal, newTotal int) bool {
	switch {
	case newShown >= newTotal:
		return false
	case dueShown >= dueTotal:
		return true
	}
	return newShown*dueTotal < dueShown*newTotal
}

func siblingKey(c *Candidate) string {
	if c.Sibling == "" {
		return ""
	}
	return c.Deck + "/" + c.Sibling
}

// Next returns the card to show at now, and false when the session is over.
// The card leaves the queue; Answer records it, and PutBack returns it.
func (s *Session) Next(now time.Time) (Candidate, bool) {
	if n := len(s.retry); n > 0 {
		c := s.retry[n-1]
		s.retry = s.retry[:n-1]
		return c, true
	}
	if len(s.learning) > 0 && !s.learning[0].Memory.Due.After(now) {
		return s.popLearning(), true
	}
	for s.dueShown < s.dueTotal || s.newShown < s.newTotal {
		var c Candidate
		if s.pickNew(s.dueShown, s.newShown, s.dueTotal, s.newTotal) {
			c = s.fresh[s.newShown]
			s.newShown++
		} else {
			c = s.due[s.dueShown]
			s.dueShown++
		}
		if k := siblingKey(&c); k != "" && s.siblingsToday[k] {
			continue // a sibling was answered in this session
		}
		return c, true
	}
	if len(s.learning) > 0 && !s.learning[0].Memory.Due.After(now.Add(s.cfg.LearnAhead)) {
		return s.popLearning(), true
	}
	return Candidate{}, false
}

// PutBack returns a card that Next gave out but that was not answered, so
// that it is shown next.
func (s *Session) PutBack(c Candidate) { s.retry = append(s.retry, c) }

func (s *Session) popLearning() Candidate {
	c := s.learning[0]
	s.learning = s.learning[1:]
	return c
}

// Preview gives the four outcomes of rating c at now.
func (s *Session) Preview(c Candidate, now time.Time) [4]Outcome {
	return s.sched.Preview(c.Memory, now)
}

// Answer is what the learner did with a card.
type Answer struct {
	Rating   Rating
	Text     string // what was typed or chosen
	Verdict  Verdict
	Duration time.Duration
}

// Answered is what an answer did.
type Answered struct {
	Log ReviewLog
	// Leech is true when this lapse made the card a leech; it has been
	// suspended.
	Leech bool
}

// Answer records an answer to c, given at now, and requeues c if it is still
// being learned. When it returns without error the review is stored.
func (s *Session) Answer(c Candidate, now time.Time, a Answer) (Answered, error) {
	if !a.Rating.Valid() {
		return Answered{}, fmt.Errorf("rating %d: want 1-4", a.Rating)
	}
	o := s.sched.Next(c.Memory, now, a.Rating)
	r := ReviewLog{
		SessionID: s.cfg.ID, Deck: c.Deck, CardID: c.ID, Time: now, Rating: a.Rating,
		Answer: a.Text, Verdict: a.Verdict, Duration: a.Duration, Scheduler: s.sched.Name(),
		Before: c.Memory, After: o.Memory,
	}
	if err := s.p.Record(&r); err != nil {
		s.retry = append(s.retry, c)
		return Answered{}, fmt.Errorf("save the answer to %s: %w", c.Key(), err)
	}
	s.answered = append(s.answered, r)
	if k := siblingKey(&c); k != "" {
		s.siblingsToday[k] = true
	}
	res := Answered{Log: r}
	if o.Memory.Lapses > c.Memory.Lapses && isLeechLapse(o.Memory.Lapses, s.cfg.LeechThreshold) {
		if err := s.p.SetLeech(c.Deck, c.ID, true); err != nil {
			return res, err
		}
		if err := s.p.SetSuspended(c.Deck, c.ID, true); err != nil {
			return res, err
		}
		res.Leech = true
		if s.leeches == nil {
			s.leeches = map[int64]bool{}
		}
		s.leeches[r.ID] = true
		return res, nil
	}
	if st := o.Memory.State; (st == Learning || st == Relearning) && o.Memory.Due.Before(s.dayEnd) {
		c.Memory = o.Memory
		s.requeue(c)
	}
	return res, nil
}

// isLeechLapse reports whether a card's lapse count, just reached, makes
// it a leech under threshold (0: leeches off). As in Anki, a card becomes a
// leech at the threshold; once unsuspended, it is a leech again every half
// threshold lapses more (at 8: 8, 12, 16, ...), rather than at its very
// next lapse.
func isLeechLapse(lapses, threshold int) bool {
	if threshold <= 0 || lapses < threshold {
		return false
	}
	return (lapses-threshold)%max(threshold/2, 1) == 0
}

// requeue puts a learning card in the queue by due time, after the cards
// due at the same instant: first answered, first shown again. Were it put
// before them, two cards answered within one millisecond would come back
// in the other order than two answered a millisecond apart.
func (s *Session) requeue(c Candidate) {
	i := sort.Search(len(s.learning), func(i int) bool { return s.learning[i].Memory.Due.After(c.Memory.Due) })
	s.learning = slices.Insert(s.learning, i, c)
}

func (s *Session) dropQueued(deck, id string) {
	del := func(l []Candidate) []Candidate {
		return slices.DeleteFunc(l, func(c Candidate) bool { return c.Deck == deck && c.ID == id })
	}
	s.learning = del(s.learning)
	s.retry = del(s.retry)
}

// Undo takes back the session's last answer that is not yet undone: the
// review is marked undone, the card's memory restored, and the card is shown
// again next.
func (s *Session) Undo() (ReviewLog, error) {
	if len(s.answered) == 0 {
		return ReviewLog{}, ErrNothingToUndo
	}
	r, err := s.p.Undo(s.cfg.ID)
	if err != nil {
		return ReviewLog{}, err
	}
	s.answered = s.answered[:len(s.answered)-1]
	if s.leeches[r.ID] {
		// The answer that made the card a leech is taken back, and so is
		// the suspension it brought, and the leech mark unless the card
		// had reached the threshold before (an unsuspended leech).
		delete(s.leeches, r.ID)
		if r.Before.Lapses < s.cfg.LeechThreshold {
			if err := s.p.SetLeech(r.Deck, r.CardID, false); err != nil {
				return r, err
			}
		}
		if err := s.p.SetSuspended(r.Deck, r.CardID, false); err != nil {
			return r, err
		}
	}
	s.dropQueued(r.Deck, r.CardID)
	c := Candidate{Deck: r.Deck, ID: r.CardID, Memory: r.Before}
	for _, l := range [][]Candidate{s.due, s.fresh} {
		for _, q := range l {
			if q.Deck == r.Deck && q.ID == r.CardID {
				c.Sibling, c.Position = q.Sibling, q.Position
			}
		}
	}
	if k := siblingKey(&c); k != "" {
		delete(s.siblingsToday, k)
	}
	s.retry = append(s.retry, c)
	return r, nil
}

// Suspend takes c out of the session and out of future ones until it is
// unsuspended.
func (s *Session) Suspend(c Candidate) error {
	s.dropQueued(c.Deck, c.ID)
	return s.p.SetSuspended(c.Deck, c.ID, true)
}

// Bury takes c out of the session until the next learning day starts.
func (s *Session) Bury(c Candidate) error {
	s.dropQueued(c.Deck, c.ID)
	return s.p.Bury(c.Deck, c.ID, s.dayEnd)
}

// Remaining counts the cards still queued: learning (due at any time today),
// due reviews and new cards.
func (s *Session) Remaining() (learning, due, fresh int) {
	learning, due, fresh = len(s.learning), s.dueTotal-s.dueShown, s.newTotal-s.newShown
	for _, c := range s.retry {
		switch c.Memory.State {
		case New:
			fresh++
		case Review:
			due++
		default:
			learning++
		}
	}
	return learning, due, fresh
}

// Summary describes a session so far.
type Summary struct {
	Answers int // answers given and not undone
	Cards   int // distinct cards answered
	Right   int // answers graded right or near, or self-rated Hard or better
}

// Summary counts the session's answers.
func (s *Session) Summary() Summary {
	var sum Summary
	cards := map[string]bool{}
	for _, r := range s.answered {
		sum.Answers++
		cards[r.Deck+"/"+r.CardID] = true
		if r.Verdict == Correct || r.Verdict == Almost || (r.Verdict == Ungraded && r.Rating >= Hard) {
			sum.Right++
		}
	}
	sum.Cards = len(cards)
	return sum
}

// Rand is the session's seeded source, for shuffling options.
func (s *Session) Rand() *rand.Rand { return s.rng }

package quiz

import (
	"errors"
	"slices"
	"sort"
	"time"
)

// memProgress is an in-memory Progress for tests of the session's logic.
type memProgress struct {
	cards    []memCard // deck order
	log      []ReviewLog
	failNext error
}

type memCard struct {
	Candidate
	Flags
	seen    bool
	tags    []string
	section string
}

var _ Progress = (*memProgress)(nil)

func (p *memProgress) add(c Candidate) {
	c.Position = len(p.cards)
	p.cards = append(p.cards, memCard{Candidate: c, seen: c.Memory.State != New})
}

func (p *memProgress) find(deck, id string) *memCard {
	for i := range p.cards {
		if p.cards[i].Deck == deck && p.cards[i].ID == id {
			return &p.cards[i]
		}
	}
	return nil
}

func (p *memProgress) Record(r *ReviewLog) error {
	if err := p.failNext; err != nil {
		p.failNext = nil
		return err
	}
	r.ID = int64(len(p.log) + 1)
	p.log = append(p.log, *r)
	c := p.find(r.Deck, r.CardID)
	c.Memory, c.seen = r.After, true
	return nil
}

func (p *memProgress) Undo(session int64) (ReviewLog, error) {
	for i := len(p.log) - 1; i >= 0; i-- {
		if r := &p.log[i]; r.SessionID == session && !r.Undone {
			r.Undone = true
			p.find(r.Deck, r.CardID).Memory = r.Before
			return *r, nil
		}
	}
	return ReviewLog{}, errors.New("nothing to undo")
}

func (p *memProgress) visible(c *memCard, q QueueQuery) bool {
	if len(q.Tags) > 0 && !slices.ContainsFunc(c.tags, func(t string) bool { return slices.Contains(q.Tags, t) }) {
		return false
	}
	if len(q.Sections) > 0 && !slices.Contains(q.Sections, c.section) {
		return false
	}
	return slices.Contains(q.Decks, c.Deck) && !c.Suspended && !c.BuriedUntil.After(q.Now)
}

func (p *memProgress) Queue(q QueueQuery) (Queue, error) {
	var out Queue
	for i := range p.cards {
		c := &p.cards[i]
		if !p.visible(c, q) {
			continue
		}
		switch m := c.Memory; {
		case m.State == New:
			if len(out.New) < q.NewLimit {
				out.New = append(out.New, c.Candidate)
			}
		case m.State == Review:
			if m.Due.Before(q.DayEnd) {
				out.Due = append(out.Due, c.Candidate)
			}
		default:
			if m.Due.Before(q.Now.Add(q.LearnAhead)) {
				out.Learning = append(out.Learning, c.Candidate)
			}
		}
	}
	sort.SliceStable(out.Learning, func(i, j int) bool { return out.Learning[i].Memory.Due.Before(out.Learning[j].Memory.Due) })
	ratio := func(c Candidate) float64 { return q.Now.Sub(c.Memory.LastReview).Hours() / c.Memory.Stability }
	sort.SliceStable(out.Due, func(i, j int) bool { return ratio(out.Due[i]) > ratio(out.Due[j]) })
	out.Due = out.Due[:min(len(out.Due), q.ReviewLimit)]
	return out, nil
}

func (p *memProgress) Counts(decks []string, from, to time.Time) (DayCounts, error) {
	var d DayCounts
	for _, r := range p.log {
		if r.Undone || r.Time.Before(from) || !r.Time.Before(to) {
			continue
		}
		d.Total++
		switch r.Before.State {
		case New:
			d.New++
		case Review:
			d.Reviews++
		}
	}
	return d, nil
}

func (p *memProgress) SiblingsSeen(decks []string, from, to time.Time) (map[string]bool, error) {
	out := map[string]bool{}
	for _, r := range p.log {
		if c := p.find(r.Deck, r.CardID); !r.Undone && c.Sibling != "" && !r.Time.Before(from) && r.Time.Before(to) {
			out[c.Deck+"/"+c.Sibling] = true
		}
	}
	return out, nil
}

func (p *memProgress) SetSuspended(deck, id string, on bool) error {
	p.find(deck, id).Suspended = on
	return nil
}

func (p *memProgress) Bury(deck, id string, until time.Time) error {
	p.find(deck, id).BuriedUntil = until
	return nil
}

func (p *memProgress) SetLeech(deck, id string, on bool) error {
	p.find(deck, id).Leech = on
	return nil
}

func (p *memProgress) NextDue(decks []string) (time.Time, bool, error) {
	var best time.Time
	for _, c := range p.cards {
		if c.seen && !c.Suspended && (best.IsZero() || c.Memory.Due.Before(best)) {
			best = c.Memory.Due
		}
	}
	return best, !best.IsZero(), nil
}

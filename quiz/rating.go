package quiz

import (
	"fmt"
	"strconv"
	"strings"
)

// Rating is the learner's judgement of one recall, as in Anki and FSRS.
type Rating uint8

// The four ratings. Their numbers are the ones FSRS and every review-log
// format use, so they are stored and exchanged as they are.
const (
	Again Rating = 1 + iota
	Hard
	Good
	Easy
)

// Ratings lists the four ratings in order.
var Ratings = [4]Rating{Again, Hard, Good, Easy}

func (r Rating) String() string {
	switch r {
	case Again:
		return "again"
	case Hard:
		return "hard"
	case Good:
		return "good"
	case Easy:
		return "easy"
	}
	return "rating(" + strconv.Itoa(int(r)) + ")"
}

// Valid reports whether r is one of the four ratings.
func (r Rating) Valid() bool { return r >= Again && r <= Easy }

// ParseRating reads a rating written as 1–4 or as its name (again, hard,
// good, easy), ignoring case and surrounding space.
func ParseRating(s string) (Rating, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "again":
		return Again, nil
	case "2", "hard":
		return Hard, nil
	case "3", "good":
		return Good, nil
	case "4", "easy":
		return Easy, nil
	}
	return 0, fmt.Errorf("rating %q: want 1-4 or again, hard, good, easy", s)
}

// State is where a card stands in the scheduler's state machine.
type State uint8

// The scheduling states, numbered as FSRS numbers them.
const (
	New State = iota
	Learning
	Review
	Relearning
)

func (s State) String() string {
	switch s {
	case New:
		return "new"
	case Learning:
		return "learning"
	case Review:
		return "review"
	case Relearning:
		return "relearning"
	}
	return "state(" + strconv.Itoa(int(s)) + ")"
}

// ParseState reads a state's name as String writes it.
func ParseState(s string) (State, error) {
	for st := New; st <= Relearning; st++ {
		if st.String() == s {
			return st, nil
		}
	}
	return 0, fmt.Errorf("state %q: want new, learning, review or relearning", s)
}

package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"steppe/quiz"
)

// verdict prints the verdict line, what was right and wrong in a multi or
// order answer, the right answer and the explanation. picked is an order
// card's items as the learner put them (nil for other cards); note, if any,
// ends the verdict line (the quiz's points). The drill and the quiz share
// it, so their verdicts read alike.
func (d *screen) verdict(card *quiz.Card, g quiz.Grade, answer string, picked []string, note string) {
	var line string
	var details []string
	switch g.Verdict {
	case quiz.Correct:
		line = d.green("correct")
	case quiz.Almost:
		// The form the answer nearly equalled: "you wrote CTSO; the
		// answer is CSTO", even when the card's answer is the full name.
		near := g.Matched
		if near == "" {
			near = g.Expected
		}
		line = d.yellow(d.wrap(fmt.Sprintf("almost: you wrote %s; the answer is %s%s", sanitize(answer), sanitize(near), note), 0))
	default:
		line = "wrong"
		switch card.Type {
		case quiz.Multi:
			line += fmt.Sprintf(": %d of %d right options chosen", len(g.Chosen), len(card.Answers))
			if n := len(g.WronglyChosen); n > 0 {
				line += ", and " + plural(n, "wrong one")
			}
			details = d.multiDetails(g)
		case quiz.Order:
			right := 0
			for _, p := range g.Positions {
				if p {
					right++
				}
			}
			line += fmt.Sprintf(": %d of %d in the right place", right, len(g.Positions))
			details = d.orderDetails(card, g, picked)
		default:
			if answer == "" {
				line += ": you did not answer"
			} else {
				line += ": you answered " + sanitize(answer)
			}
		}
		line += note
		// Wrapped before it is coloured, so that the terminal never
		// breaks the line in the middle of a word.
		line = d.red("wrong") + strings.TrimPrefix(d.wrap(line, 0), "wrong")
	}
	d.println(line)
	for _, l := range details {
		d.println(l)
	}
	d.println(d.hang("answer: ", g.Expected))
	if card.Explain != "" {
		d.println(d.wrap(card.Explain, 0))
	}
}

// multiDetails says which options of a wrong multi answer were right and
// chosen, right but missed, and wrong but chosen: one line each, the lines
// with nothing to say left out.
func (d *screen) multiDetails(g quiz.Grade) []string {
	var out []string
	for _, group := range []struct {
		label string
		opts  []string
	}{
		{"  right and chosen: ", g.Chosen},
		{"  right but missed: ", g.Missed},
		{"  wrong but chosen: ", g.WronglyChosen},
	} {
		if len(group.opts) > 0 {
			out = append(out, d.hang(group.label, strings.Join(group.opts, "; ")))
		}
	}
	return out
}

// orderDetails lists a wrong order answer's items as the learner put them,
// each marked ✓ in its right place or ✗ with the place it goes in.
func (d *screen) orderDetails(card *quiz.Card, g quiz.Grade, picked []string) []string {
	out := make([]string, 0, len(picked))
	used := make([]bool, len(card.Items))
	for i, item := range picked {
		label := fmt.Sprintf("  %d. ", i+1)
		if i < len(g.Positions) && g.Positions[i] {
			used[i] = true
			out = append(out, d.hang(label+d.green("✓")+" ", item))
			continue
		}
		// Its right place: the first one that holds this item and that
		// the learner did not fill rightly (items may repeat).
		place := ""
		for j, want := range card.Items {
			if want == item && !used[j] && !(j < len(g.Positions) && g.Positions[j]) {
				used[j] = true
				place = " (goes at " + strconv.Itoa(j+1) + ")"
				break
			}
		}
		out = append(out, d.hang(label+d.red("✗")+" ", item+place))
	}
	return out
}

// ratingLabels are "again · 1m" and so on, from the scheduler's preview.
func (d *driller) ratingLabels(c quiz.Candidate, now time.Time) [4]string {
	var labels [4]string
	for i, o := range d.sess.Preview(c, now) {
		labels[i] = quiz.Ratings[i].String() + " · " + quiz.FormatInterval(o.Memory.Due.Sub(now))
	}
	return labels
}

// ratingPrompt is the rating prompt's message and the rating an empty
// answer takes (0 for none): for a self-rated card, the four choices; for
// an auto-graded one, the proposal, with the reason when the answer was
// slow, e.g. "Enter for hard · 2d (slow: 24s, your median 6s), or 1-4".
func ratingPrompt(labels [4]string, prop *quiz.Proposal, interactive bool) (string, quiz.Rating) {
	if prop == nil {
		if interactive {
			return "How well did you know it?", 0
		}
		return "rate it: 1 " + labels[0] + ", 2 " + labels[1] + ", 3 " + labels[2] + ", 4 " + labels[3], 0
	}
	def := prop.Rating
	why := ""
	if prop.Slow {
		why = fmt.Sprintf("slow: %s, your median %s", seconds(prop.Took), seconds(prop.Median))
	}
	if interactive {
		// The menu shows the labels; the message stays short.
		if why != "" {
			return "Rating (" + why + ")", def
		}
		return "Rating", def
	}
	if why != "" {
		return fmt.Sprintf("Enter for %s (%s), or 1-4", labels[def-1], why), def
	}
	return fmt.Sprintf("Enter for %s, or 1-4", labels[def-1]), def
}

// seconds shows an answer time: "6s", "6.5s", "24s".
func seconds(d time.Duration) string {
	if d < 10*time.Second {
		return strconv.FormatFloat(d.Round(100*time.Millisecond).Seconds(), 'f', -1, 64) + "s"
	}
	return strconv.Itoa(int(d.Round(time.Second).Seconds())) + "s"
}

// recentTimes are the learner's latest answer times for cards of type t,
// newest first, read from the store once per session. Should the store fail
// to give them, grading goes on by correctness alone.
func (d *driller) recentTimes(t quiz.CardType) []time.Duration {
	if ts, ok := d.times[t]; ok {
		return ts
	}
	ts, err := d.learner.RecentDurations(t, quiz.PaceWindow)
	if err != nil {
		fmt.Fprintf(d.app.stderr, "steppe: %v; grading %s cards by correctness alone\n", err, t)
	}
	d.times[t] = ts
	return ts
}

// noteTime adds an answer just saved to the answer times kept for its type,
// as the store would now return them.
func (d *driller) noteTime(t quiz.CardType, took time.Duration) {
	ts, ok := d.times[t]
	took = took.Truncate(time.Millisecond)
	if !ok || took <= 0 {
		return
	}
	ts = slices.Insert(ts, 0, took)
	d.times[t] = ts[:min(len(ts), quiz.PaceWindow)]
}

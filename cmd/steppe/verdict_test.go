package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"

	"steppe/quiz"
)

// TestVerdictWraps checks that a long verdict is wrapped at the terminal's
// width like the rest of a card, colour and all, rather than left for the
// terminal to break in the middle of a word.
func TestVerdictWraps(t *testing.T) {
	var buf bytes.Buffer
	d := &screen{w: &buf, width: 80, color: true}
	card := &quiz.Card{Type: quiz.Multi, Answers: []string{"Terrorism and violent extremism", "Border security and demarcation",
		"Transnational threats such as trafficking"}}
	d.verdict(card, quiz.Grade{Verdict: quiz.Wrong, Expected: strings.Join(card.Answers, "; "),
		Missed: card.Answers}, "", nil, "")
	out := ansiSeq.ReplaceAllString(buf.String(), "")
	if !strings.HasPrefix(buf.String(), "\x1b[31mwrong\x1b[0m: 0 of 3 right options chosen\n  right but missed: Terrorism") {
		t.Errorf("verdict starts %q, want the red word wrong and the details", buf.String())
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if w := runewidth.StringWidth(line); w >= 80 {
			t.Errorf("line %q is %d columns wide, want less than 80", line, w)
		}
	}
	if !strings.Contains(out, "\n                    demarcation; Transnational threats such as trafficking\n") {
		t.Errorf("the missed options are not wrapped under the first, at a word:\n%s", out)
	}
}

// TestVerdictDetails checks what a wrong multi and a wrong order answer
// show: each option right and chosen, missed, or wrongly chosen; each item
// in the learner's order, ✓ in its place or ✗ with where it goes.
func TestVerdictDetails(t *testing.T) {
	var buf bytes.Buffer
	d := &screen{w: &buf}
	multi := &quiz.Card{Type: quiz.Multi, Answers: []string{"terrorism", "drug trafficking", "smuggling"}, Wrong: []string{"tourism", "trade"}}
	d.verdict(multi, quiz.CheckMulti(multi, []string{"tourism", "terrorism", "trade"}), "tourism; terrorism; trade", nil, "")
	order := &quiz.Card{Type: quiz.Order, Items: []string{"negotiate", "sign", "ratify", "deposit"}}
	picked := []string{"negotiate", "ratify", "sign", "deposit"}
	d.verdict(order, quiz.CheckOrder(order, picked), strings.Join(picked, " → "), picked, "")
	want := `wrong: 1 of 3 right options chosen, and 2 wrong ones
  right and chosen: terrorism
  right but missed: drug trafficking; smuggling
  wrong but chosen: tourism; trade
answer: terrorism; drug trafficking; smuggling
wrong: 2 of 4 in the right place
  1. ✓ negotiate
  2. ✗ ratify (goes at 3)
  3. ✗ sign (goes at 2)
  4. ✓ deposit
answer: negotiate → sign → ratify → deposit
`
	if got := buf.String(); got != want {
		t.Errorf("verdicts:\n%s\nwant:\n%s", got, want)
	}
}

func TestRatingPrompt(t *testing.T) {
	labels := [4]string{"again · 1m", "hard · 2d", "good · 3d", "easy · 8d"}
	s := time.Second
	tests := []struct {
		prop        *quiz.Proposal
		interactive bool
		want        string
		def         quiz.Rating
	}{
		{nil, false, "rate it: 1 again · 1m, 2 hard · 2d, 3 good · 3d, 4 easy · 8d", 0},
		{nil, true, "How well did you know it?", 0},
		{&quiz.Proposal{Rating: quiz.Good, Took: 4 * s, Median: 6 * s}, false, "Enter for good · 3d, or 1-4", quiz.Good},
		{&quiz.Proposal{Rating: quiz.Again, Took: 4 * s}, false, "Enter for again · 1m, or 1-4", quiz.Again},
		{&quiz.Proposal{Rating: quiz.Hard, Slow: true, Took: 24 * s, Median: 6 * s}, false,
			"Enter for hard · 2d (slow: 24s, your median 6s), or 1-4", quiz.Hard},
		{&quiz.Proposal{Rating: quiz.Hard, Slow: true, Took: 60 * s, Median: 6500 * time.Millisecond}, true,
			"Rating (slow: 60s, your median 6.5s)", quiz.Hard},
		{&quiz.Proposal{Rating: quiz.Good}, true, "Rating", quiz.Good},
	}
	for _, tt := range tests {
		msg, def := ratingPrompt(labels, tt.prop, tt.interactive)
		if msg != tt.want || def != tt.def {
			t.Errorf("ratingPrompt(%+v, %v) = %q, %v; want %q, %v", tt.prop, tt.interactive, msg, def, tt.want, tt.def)
		}
	}
}

// ansiSeq matches the colour sequences that fatih/color writes.
var ansiSeq = regexp.MustCompile(`\x1b\[[0-9;]*m`)

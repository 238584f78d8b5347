package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"steppe/quiz"
)

// TestVerdictWraps checks that a long verdict line is wrapped at the
// terminal's width like the rest of a card, colour and all, rather than left
// for the terminal to break in the middle of a word.
func TestVerdictWraps(t *testing.T) {
	var buf bytes.Buffer
	d := &driller{scr: &screen{w: &buf, width: 80, color: true}}
	card := &quiz.Card{Type: quiz.Multi, Answers: []string{"Terrorism", "Border security", "Transnational threats"}}
	d.verdict(card, quiz.Grade{Verdict: quiz.Wrong, Expected: "Terrorism; Border security; Transnational threats",
		Missed: card.Answers}, "")
	out := ansiSeq.ReplaceAllString(buf.String(), "")
	if !strings.HasPrefix(buf.String(), "\x1b[31mwrong\x1b[0m: 0 of 3 right options chosen; missed: Terrorism;") {
		t.Errorf("verdict starts %q, want the red word wrong and the details", buf.String())
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if w := runewidth.StringWidth(line); w >= 80 {
			t.Errorf("line %q is %d columns wide, want less than 80", line, w)
		}
	}
	if !strings.Contains(out, "Transnational threats\n") {
		t.Errorf("the last missed option is broken in the middle:\n%s", out)
	}
}

// ansiSeq matches the colour sequences that fatih/color writes.
var ansiSeq = regexp.MustCompile(`\x1b\[[0-9;]*m`)

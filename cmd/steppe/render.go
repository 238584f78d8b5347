package main

import (
	"fmt"
	"io"
	"os"
	"steppe/quiz"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fatih/color"
	"github.com/muesli/reflow/indent"
	"github.com/muesli/reflow/wordwrap"
	"github.com/muesli/reflow/wrap"
	"golang.org/x/term"
)

// sanitize makes untrusted deck text safe to print: control characters,
// escape sequences and bidirectional overrides are shown escaped (\x1b,
// \u202e) instead of being sent to the terminal, and invalid UTF-8 becomes
// U+FFFD. Newlines are kept; tabs become spaces.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || (r != '\n' && unsafeRune(r)) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString("    ")
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeRune reports runes that a terminal may act on rather than show.
func unsafeRune(r rune) bool {
	switch {
	case unicode.IsControl(r): // C0, DEL and C1, including ESC and CSI
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true // bidirectional embeddings, overrides and isolates
	case r == 0x2028 || r == 0x2029:
		return true
	}
	return false
}

// screen writes to the learner's terminal or to a plain stream.
type screen struct {
	w     io.Writer
	width int  // wrap at this display width; 0 means no wrapping
	color bool // colour on
}

// newScreen looks at out: a terminal gets wrapping at its width and colour
// unless NO_COLOR is set; anything else gets neither.
func newScreen(out io.Writer, plain bool, getenv func(string) string) *screen {
	s := &screen{w: out}
	f, ok := out.(*os.File)
	if plain || !ok || !term.IsTerminal(int(f.Fd())) {
		return s
	}
	s.width = 80
	if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 20 {
		s.width = w
	}
	_, noColor := os.LookupEnv("NO_COLOR")
	s.color = !noColor && getenv("TERM") != "dumb"
	return s
}

// wrap breaks sanitized text at word boundaries to fit the width, indenting
// every line by pad spaces; a word longer than a line is broken.
func (s *screen) wrap(text string, pad int) string {
	text = sanitize(text)
	if s.width == 0 {
		return text
	}
	w := max(s.width-pad-1, 20)
	return indent.String(wrap.String(wordwrap.String(text, w), w), uint(pad))
}

// hang wraps text after a label such as "1) ", continuing lines under the
// text rather than under the label.
func (s *screen) hang(label, text string) string {
	body := s.wrap(text, len(label))
	if s.width == 0 {
		return label + body
	}
	return label + strings.TrimLeft(body, " ")
}

func (s *screen) println(a ...any) { fmt.Fprintln(s.w, a...) }

func (s *screen) paint(attr color.Attribute, text string) string {
	if !s.color {
		return text
	}
	c := color.New(attr)
	c.EnableColor()
	return c.Sprint(text)
}

func (s *screen) bold(t string) string  { return s.paint(color.Bold, t) }
func (s *screen) faint(t string) string { return s.paint(color.Faint, t) }
func (s *screen) green(t string) string { return s.paint(color.FgGreen, t) }
func (s *screen) red(t string) string   { return s.paint(color.FgRed, t) }
func (s *screen) yellow(t string) string {
	return s.paint(color.FgYellow, t)
}

// question prints a card's question, bold; a truefalse card's statement is
// put as a question.
func (s *screen) question(card *quiz.Card) {
	q := card.Question
	if card.Type == quiz.TrueFalse {
		q = "True or false? " + q
	}
	s.println(s.bold(s.wrap(q, 0)))
}

// options lists numbered options, each wrapped under its own text.
func (s *screen) options(opts []string) {
	for i, o := range opts {
		s.println(s.hang(fmt.Sprintf("  %d) ", i+1), o))
	}
}

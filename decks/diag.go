package decks

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/mattn/go-runewidth"
)

// Severity tells whether a Diagnostic keeps a deck from loading.
type Severity uint8

// The severities of a Diagnostic.
const (
	Error   Severity = iota // the deck cannot be used until it is fixed
	Warning                 // the deck loads, but something looks wrong
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in a deck file, at a place in that file.
type Diagnostic struct {
	File     string
	Line     int // 1-based; 0 when the problem has no single place
	Col      int // 1-based, counted in characters (runes); 0 when unknown
	Severity Severity
	Msg      string
	// Excerpt is the source line at Line as written in the file. It may hold
	// control characters; String escapes them.
	Excerpt string
}

// String renders d the way steppe prints it:
//
//	FILE:LINE:COL: message
//	   12 |     anwser: 2001
//	      |     ^
//
// A warning's message starts with "warning: ". Control characters of the
// excerpt are shown escaped (\x1b), so printing a diagnostic never sends an
// escape sequence to the terminal.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	if d.Line <= 0 || d.Excerpt == "" {
		return b.String()
	}
	line, caret := excerptLines(d.Excerpt, d.Col)
	fmt.Fprintf(&b, "\n%5d | %s", d.Line, line)
	if d.Col > 0 {
		fmt.Fprintf(&b, "\n%5s | %s^", "", caret)
	}
	return b.String()
}

// excerptLines returns the excerpt with control characters escaped, and the
// blanks that put a caret under column col of it (tabs are kept as tabs so
// that the caret lines up however wide the terminal shows them).
func excerptLines(excerpt string, col int) (line, caret string) {
	var l, c strings.Builder
	i := 0
	for _, r := range excerpt {
		i++
		s := string(r)
		if r != '\t' && isControl(r) {
			s = strings.Trim(strconv.QuoteRune(r), "'")
		}
		l.WriteString(s)
		if i < col {
			if r == '\t' {
				c.WriteByte('\t')
			} else {
				c.WriteString(strings.Repeat(" ", runewidth.StringWidth(s)))
			}
		}
	}
	return strings.TrimRight(l.String(), " "), c.String()
}

// isControl reports whether r is a character that a terminal may act on
// instead of showing: C0 and C1 controls and DEL (but not newline or tab,
// which deck text may hold), and the bidirectional overrides and isolates
// that can make shown text differ from its logical order.
func isControl(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case unicode.IsControl(r):
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// ErrorList is the error Parse returns: every problem found in one file, in
// file order. Its Error method renders each Diagnostic on its own lines.
type ErrorList []Diagnostic

func (l ErrorList) Error() string {
	s := make([]string, len(l))
	for i, d := range l {
		s[i] = d.String()
	}
	return strings.Join(s, "\n")
}

// sortDiagnostics puts diagnostics in file order, keeping the order of those
// found at the same place.
func sortDiagnostics(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

// lineIndex finds the text of a line of a file for excerpts. It is built only
// when a diagnostic needs it, so a clean parse never pays for it.
type lineIndex struct {
	src    []byte
	once   sync.Once // Lint may run on one Deck from several goroutines
	starts []int
}

// line returns line n (1-based) without its line ending, or "" if there is
// no such line.
func (x *lineIndex) line(n int) string {
	x.once.Do(func() {
		x.starts = []int{0}
		for i, c := range x.src {
			if c == '\n' {
				x.starts = append(x.starts, i+1)
			}
		}
	})
	if n < 1 || n > len(x.starts) {
		return ""
	}
	s := x.src[x.starts[n-1]:]
	if i := bytes.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return string(bytes.TrimSuffix(s, []byte("\r")))
}

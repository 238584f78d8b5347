package main

import (
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"plain text":                  "plain text",
		"two\nlines":                  "two\nlines",
		"red \x1b[31mtext\x1b[0m":     `red \x1b[31mtext\x1b[0m`,
		"bell\a and null\x00":         `bell\x07 and null\x00`,
		"csi \u009b31m":               `csi \u009b31m`,
		"rtl \u202eevil":              `rtl \u202eevil`,
		"tab\there":                   "tab    here",
		"bad \xff byte":               "bad \uFFFD byte",
		"carriage\rreturn":            `carriage\x0dreturn`,
		"Kazakh Қазақстан, oʻzbek":    "Kazakh Қазақстан, oʻzbek",
		"osc \x1b]0;title\x07 window": `osc \x1b]0;title\x07 window`,
	} {
		if got := sanitize(in); got != want {
			t.Errorf("sanitize(%q) = %q, want %q", in, got, want)
		}
		if strings.ContainsAny(sanitize(in), "\x1b\x07\x00\r\u009b\u202e") {
			t.Errorf("sanitize(%q) still holds a control character", in)
		}
	}
}

func TestWrap(t *testing.T) {
	s := &screen{width: 30}
	got := s.hang("1) ", "The Collective Security Treaty Organization was established in 2002 by several states")
	for i, line := range strings.Split(got, "\n") {
		if len([]rune(line)) > 30 {
			t.Errorf("line %d too long: %q", i, line)
		}
		if i > 0 && !strings.HasPrefix(line, "   ") {
			t.Errorf("line %d not indented under the text: %q", i, line)
		}
	}
	if !strings.Contains(got, "Collective") || strings.Contains(got, "Collec\n") {
		t.Errorf("a word was broken: %q", got)
	}
	// Wide characters count by display width.
	wide := (&screen{width: 24}).wrap("中文字符中文字符 中文字符中文字符", 0)
	if lines := strings.Split(wide, "\n"); len(lines) != 2 {
		t.Errorf("wide text wrapped as %q", wide)
	}
	if (&screen{}).wrap("no \x1b width", 2) != `no \x1b width` {
		t.Error("plain screens must not wrap or indent")
	}
}

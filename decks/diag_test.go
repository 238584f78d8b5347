package decks

import "testing"

func TestDiagnosticString(t *testing.T) {
	for _, tc := range []struct {
		d    Diagnostic
		want string
	}{
		{
			Diagnostic{File: "decks/x.yaml", Line: 12, Col: 5, Msg: `unknown field "anwser"`, Excerpt: "    anwser: 2001"},
			"decks/x.yaml:12:5: unknown field \"anwser\"\n" +
				"   12 |     anwser: 2001\n" +
				"      |     ^",
		},
		{
			Diagnostic{File: "f", Line: 3, Col: 8, Severity: Warning, Msg: "m", Excerpt: "q: \"日本 x\""},
			"f:3:8: warning: m\n" +
				"    3 | q: \"日本 x\"\n" +
				"      |          ^", // the wide characters take two columns each
		},
		{
			Diagnostic{File: "f", Line: 1, Col: 6, Msg: "m", Excerpt: "a:\x1b[1m\tb"},
			"f:1:6: m\n" +
				"    1 | a:\\x1b[1m\tb\n" +
				"      |         ^", // ESC shown escaped, four columns wide
		},
		{
			Diagnostic{File: "f", Line: 2, Col: 3, Msg: "m", Excerpt: "\tab"},
			"f:2:3: m\n" +
				"    2 | \tab\n" +
				"      | \t ^",
		},
		{Diagnostic{File: "f", Line: 2, Msg: "no column", Excerpt: "x"}, "f:2: no column\n    2 | x"},
		{Diagnostic{File: "f", Msg: "no place"}, "f: no place"},
		{Diagnostic{File: "f", Line: 1, Col: 1, Msg: "no excerpt"}, "f:1:1: no excerpt"},
	} {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("String() =\n%s\nwant:\n%s", got, tc.want)
		}
	}
}

func TestErrorList(t *testing.T) {
	l := ErrorList{{File: "a", Line: 1, Msg: "one"}, {File: "a", Line: 2, Msg: "two"}}
	if got := l.Error(); got != "a:1: one\na:2: two" {
		t.Errorf("Error() = %q", got)
	}
}

func TestFingerprint(t *testing.T) {
	// The CRC-64/XZ check value: Go's ECMA table with its pre- and
	// post-inversion computes that variant.
	if got := Fingerprint([]byte("123456789")); got != "crc64:995dc9bbdf1939fa" {
		t.Errorf("Fingerprint(123456789) = %s", got)
	}
	a := []byte("format: 1\ndeck: x\n")
	b := []byte("format: 1\ndeck: y\n")
	if Fingerprint(a) == Fingerprint(b) {
		t.Error("a one-letter change keeps the fingerprint")
	}
	if Fingerprint(a) != Fingerprint([]byte(string(a))) {
		t.Error("fingerprint is not a function of the content")
	}
}

package decks

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// designHeadings are the 14 headings DESIGN.md ("Source text headings")
// lists for regional-security-cooperation.txt, exactly as written there.
var designHeadings = []string{
	"Evolution of Regional Security Cooperation Agreements in Central Asia",
	"Key Frameworks Shaping Central Asian Security",
	"The Role of International Bodies in Central Asian Security",
	"Main Challenges in Implementing Regional Security Agreements",
	"Differing national security priorities",
	"Transnational threats and their impact",
	"Combating Terrorism Through Regional Agreements",
	"Preventing and Managing Border Conflicts in Central Asia",
	"Cross-border security protocols",
	"Confidence-building measures",
	"The Impact of Economic Integration on Security Cooperation",
	"Security Cooperation and Environmental Threats",
	"Future Directions for Central Asian Regional Security Frameworks",
	"Case Studies of Effective Security Cooperation Initiatives in Central Asia",
}

func TestBundledSourceHeadings(t *testing.T) {
	got := BundledSource().Headings()
	if !slices.Equal(got, designHeadings) {
		t.Errorf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(designHeadings, "\n"))
	}
	for _, not := range []string{
		"Understanding the Importance of Regional Security Cooperation Agreements",
		"Key steps include:",
		"Scroll to Top",
	} {
		if BundledSource().HasHeading(not) {
			t.Errorf("%q is taken as a heading", not)
		}
	}
	secs := BundledSource().Sections()
	if secs[0].Line != 5 || secs[13].Line != 135 {
		t.Errorf("first and last headings on lines %d and %d, want 5 and 135", secs[0].Line, secs[13].Line)
	}
}

// TestBundledSourceIsShared checks that the embedded copy is byte for byte
// the shared source text, when the shared tree is at hand.
func TestBundledSourceIsShared(t *testing.T) {
	shared, err := os.ReadFile("../../shared/source/regional-security-cooperation.txt")
	if err != nil {
		t.Skipf("no shared source: %v", err)
	}
	if string(shared) != string(BundledSourceBytes()) {
		t.Error("decks/source/regional-security-cooperation.txt differs from the shared source text")
	}
}

func TestBundledSourceSentences(t *testing.T) {
	secs := BundledSource().Sections()
	counts := []int{8, 9, 9, 11, 11, 9, 9, 12, 8, 7, 6, 9, 8, 8}
	for i, sec := range secs {
		if len(sec.Sentences) != counts[i] {
			t.Errorf("section %q has %d sentences, want %d", sec.Heading, len(sec.Sentences), counts[i])
		}
		for _, s := range sec.Sentences {
			if strings.HasPrefix(s.Text, "See also") || strings.Contains(s.Text, "Scroll to Top") {
				t.Errorf("debris taken as a sentence: %q", s.Text)
			}
		}
	}
	border := secs[7].Sentences
	for i, want := range []string{
		"Key steps include:",
		"Establishing clear and mutually agreed borders to avoid disputes.",
		"Conducting regular meetings to address emerging security concerns.",
	} {
		if got := border[7+i].Text; got != want {
			t.Errorf("border sentence %d = %q, want %q", 7+i, got, want)
		}
	}
	if s := secs[4].Sentences[8]; s.Text != "Security concerns vary based on national circumstances." || s.Line != 51 {
		t.Errorf("bullet sentence = %q on line %d", s.Text, s.Line)
	}
	if s := secs[0].Sentences[3]; s.Line != 9 || !strings.HasPrefix(s.Text, "The formation of regional organizations") {
		t.Errorf("sentence 4 of section 1 = %q on line %d", s.Text, s.Line)
	}
	text := string(BundledSourceBytes())
	for _, sec := range secs {
		for _, s := range sec.Sentences {
			if collapse(text[s.Start:s.End]) != s.Text {
				t.Errorf("offsets of %q give %q", s.Text, text[s.Start:s.End])
			}
		}
	}
}

func TestSourceTextRules(t *testing.T) {
	text := "The Title Line\r\n\r\n" +
		"Intro paragraph. Before any heading.\r\n\r\n" +
		"First Heading\r\n\r\n" +
		"Dr. Smith met Mr. Jones at 5 p.m. today. He said: “Yes!” Then left.\r\n" +
		"A second line of the same paragraph? Yes.\r\n\r\n" +
		"- a list item\r\n" +
		"1. a numbered item\r\n\r\n" +
		"Back to top\r\n\r\n" +
		"Not a heading because it ends with a colon:\r\n\r\n" +
		"Second Heading\r\n" +
		"directly followed by text, so not a heading\r\n\r\n" +
		"Third Heading\r\n\r\n" +
		"Body.\r\n"
	s := NewSourceText("t.txt", []byte(text))
	if got, want := s.Headings(), []string{"First Heading", "Third Heading"}; !slices.Equal(got, want) {
		t.Fatalf("headings %q, want %q", got, want)
	}
	var got []string
	for _, st := range s.Sections()[0].Sentences {
		got = append(got, st.Text)
	}
	want := []string{
		"Dr. Smith met Mr. Jones at 5 p.m. today.",
		"He said: “Yes!”",
		"Then left.",
		"A second line of the same paragraph?",
		"Yes.",
		"a list item",
		"a numbered item",
		"Not a heading because it ends with a colon:",
		"Second Heading directly followed by text, so not a heading",
	}
	if !slices.Equal(got, want) {
		t.Errorf("sentences:\n%q\nwant:\n%q", got, want)
	}
	if l := s.Sections()[0].Sentences[3].Line; l != 8 {
		t.Errorf("sentence on the paragraph's second line: line %d, want 8", l)
	}
}

func TestContainsQuote(t *testing.T) {
	s := BundledSource()
	for _, tc := range []struct {
		quote string
		want  bool
	}{
		{"the Shanghai Cooperation Organization (SCO) in 2001", true},
		{"the Shanghai\n  Cooperation\tOrganization (SCO)   in 2001", true},
		{"  the Shanghai Cooperation Organization  ", true},
		{"the shanghai cooperation organization", false},       // case matters
		{"See also Examining the Security Architecture", true}, // a no-break space in the text
		{"Each nation’s security concerns", true},
		{"Each nation's security concerns", false},               // typographic apostrophe in the text
		{"security frameworks.\n\nKey Frameworks Shaping", true}, // across a paragraph and a heading
		{"the SCO in 2001", false},
		{"", false},
	} {
		if got := s.Contains(tc.quote); got != tc.want {
			t.Errorf("Contains(%q) = %v, want %v", tc.quote, got, tc.want)
		}
	}
}

func TestQuoteSections(t *testing.T) {
	s := BundledSource()
	if got := s.QuoteSections("joint patrols"); !slices.Equal(got, []string{
		"Combating Terrorism Through Regional Agreements",
		"Preventing and Managing Border Conflicts in Central Asia",
		"Case Studies of Effective Security Cooperation Initiatives in Central Asia",
	}) {
		t.Errorf("joint patrols: %q", got)
	}
	if got := s.QuoteSections("AI-Assisted Content"); !slices.Equal(got, []string{""}) {
		t.Errorf("banner: %q", got)
	}
	if got := s.QuoteSections("Confidence-building measures\n\nConfidence-building measures are"); !slices.Equal(got, []string{"Confidence-building measures"}) {
		t.Errorf("a quote of a heading is in that heading's section: %q", got)
	}
	if got := s.QuoteSections("no such words"); got != nil {
		t.Errorf("missing quote: %q", got)
	}
}

func TestCoverage(t *testing.T) {
	text := "Title\n\nHeading\n\n" +
		"Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa lambda mu.\n\n" +
		"Nu xi omicron pi. Rho sigma tau upsilon.\n"
	s := NewSourceText("t.txt", []byte(text))
	uncovered := func(quotes ...string) []string {
		var out []string
		cov := s.Coverage(quotes)
		if len(cov) != 1 || cov[0].Heading != "Heading" || cov[0].Sentences != 5 {
			t.Fatalf("coverage sections: %+v", cov)
		}
		for _, st := range cov[0].Uncovered {
			out = append(out, strings.Fields(st.Text)[0])
		}
		return out
	}
	for _, tc := range []struct {
		quotes []string
		want   []string
	}{
		{nil, []string{"Alpha", "Epsilon", "Iota", "Nu", "Rho"}},
		// A quote inside a sentence covers it.
		{[]string{"zeta eta"}, []string{"Alpha", "Iota", "Nu", "Rho"}},
		// A quote containing sentences covers each of them, but not the
		// sentences it only touches at either end.
		{[]string{"delta. Epsilon zeta eta theta. Iota kappa lambda mu.\nNu"}, []string{"Alpha", "Nu", "Rho"}},
		// A quote mostly in one sentence, running a word into the next,
		// covers only the first.
		{[]string{"Epsilon zeta eta theta. Iota"}, []string{"Alpha", "Iota", "Nu", "Rho"}},
		// White space may differ; a quote not in the text covers nothing.
		{[]string{"Rho   sigma\ntau", "Nu xi omikron"}, []string{"Alpha", "Epsilon", "Iota", "Nu"}},
	} {
		if got := uncovered(tc.quotes...); !slices.Equal(got, tc.want) {
			t.Errorf("quotes %q: uncovered %q, want %q", tc.quotes, got, tc.want)
		}
	}
}

func TestBundledDeckCoverage(t *testing.T) {
	decks, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	var quotes []string
	for _, d := range decks {
		for _, e := range d.Entries {
			quotes = append(quotes, e.Quote)
		}
	}
	cov := BundledSource().Coverage(quotes)
	if len(cov) != 14 {
		t.Fatalf("%d sections", len(cov))
	}
	// The frameworks deck quotes "The formation of regional organizations
	// such as the Shanghai Cooperation Organization (SCO) in 2001 exemplifies
	// this progression.", so that sentence is covered.
	for _, st := range cov[0].Uncovered {
		if strings.HasPrefix(st.Text, "The formation of regional organizations") {
			t.Errorf("quoted sentence counted as uncovered")
		}
	}
	if len(cov[0].Uncovered) >= cov[0].Sentences {
		t.Errorf("section 1: %d of %d sentences uncovered", len(cov[0].Uncovered), cov[0].Sentences)
	}
}

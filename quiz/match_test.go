package quiz

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// lexCards are a few cards of the bundled decks' kind, from which the
// matching cases build their lexicon.
var lexCards = []Card{
	{ID: "trilateral", Type: Typed, Answer: "trilateral", Accept: []string{"trilateral mechanisms"},
		Quote: "Another key framework is the strengthening of bilateral agreements and trilateral mechanisms."},
	{ID: "initial-kind", Type: Choice, Answer: "Bilateral", Wrong: []string{"Multilateral", "Trilateral", "Unilateral"}},
	{ID: "bilateral", Type: Typed, Answer: "bilateral"},
	{ID: "csto", Type: Typed, Answer: "CSTO",
		Quote: "The Collective Security Treaty Organization (CSTO) also plays a vital role"},
	{ID: "csto-long", Type: Typed, Answer: "Collective Security Treaty Organization"},
	{ID: "sco", Type: Typed, Answer: "SCO",
		Quote: "The formation of regional organizations such as the Shanghai Cooperation Organization (SCO) in 2001"},
	{ID: "ccatt", Type: Typed, Answer: "CCATT",
		Explain: "The text names the Collectively Cooperating Against Transnational Threats (CCATT) programme."},
	{ID: "founded", Type: Choice, Answer: "2001", Wrong: []string{"1991", "1996", "2008"}},
}

func lexCard(id string) *Card {
	for i := range lexCards {
		if lexCards[i].ID == id {
			return &lexCards[i]
		}
	}
	panic("no card " + id)
}

func typed(answer string, accept ...string) *Card {
	return &Card{Type: Typed, Answer: answer, Accept: accept}
}

const (
	R = Correct
	A = Almost
	W = Wrong
)

// matchCases is the table of typed answers the issue asks for: right, near
// and wrong. lex says whether the lexicon of lexCards is in play.
var matchCases = []struct {
	card  *Card
	typed string
	lex   bool
	want  Verdict
}{
	// Case, punctuation, white space.
	{typed("Shanghai Cooperation Organization", "SCO"), "Shanghai Cooperation Organization", false, R},
	{typed("Shanghai Cooperation Organization", "SCO"), "  shanghai cooperation organization. ", false, R},
	{typed("Shanghai Cooperation Organization", "SCO"), "Shanghai-Cooperation Organization!", false, R},
	{typed("Shanghai Cooperation Organization", "SCO"), "sco", false, R},
	{typed("Shanghai Cooperation Organization", "SCO"), "S.C.O.", false, R},
	{typed("drug trafficking"), "Drug trafficking!!!", false, R},
	{typed("drug trafficking"), "drug-trafficking", false, R},
	{typed("United Nations", "UN", "U.N."), "U. N.", false, R},
	{typed("Kazakhstan’s border"), "Kazakhstan's border", false, R},
	// Articles.
	{typed("Shanghai Cooperation Organization"), "the Shanghai Cooperation Organization", false, R},
	{typed("The United Nations"), "United Nations", false, R},
	{typed("apple"), "an apple", false, R},
	{typed("A"), "a", false, R},
	{typed("The Hague"), "Hague", false, R},
	// Hyphens and spaces between words.
	{typed("counter-terrorism"), "counter terrorism", false, R},
	{typed("counter-terrorism"), "counterterrorism", false, R},
	{typed("confidence-building measures"), "confidence building measures", false, R},
	{typed("cooperation"), "co-operation", false, R},
	// British and American spellings.
	{typed("Shanghai Cooperation Organization"), "Shanghai Cooperation Organisation", false, R},
	{typed("defence"), "defense", false, R},
	{typed("training programmes"), "training programs", false, R},
	{typed("centre"), "center", false, R},
	{typed("harmonise"), "harmonize", false, R},
	{typed("harmonisation"), "harmonization", false, R},
	{typed("labour"), "labor", false, R},
	{typed("neighbourhood"), "neighborhood", false, R},
	{typed("analyse"), "analyze", false, R},
	{typed("travelled"), "traveled", false, R},
	{typed("offence"), "offense", false, R},
	{typed("dialogue"), "dialog", false, R},
	{typed("organisation"), "organizaton", false, A},
	// Kazakh and Uzbek Latin letters, and apostrophes.
	{typed("Oʻzbekiston"), "O'zbekiston", false, R},
	{typed("Oʻzbekiston"), "O‘zbekiston", false, R},
	{typed("Oʻzbekiston"), "O’zbekiston", false, R},
	{typed("Oʻzbekiston"), "O`zbekiston", false, R},
	{typed("Oʻzbekiston"), "Ozbekiston", false, R},
	{typed("gʻalaba"), "g'alaba", false, R},
	{typed("Oʻzbekiston"), "Uzbekiston", false, A},
	{typed("Şymkent"), "Shymkent", false, A},
	{typed("Şymkent"), "Symkent", false, R},
	{typed("Öskemen"), "Oskemen", false, R},
	{typed("Ğalym"), "Galym", false, R},
	{typed("Jañaözen"), "Janaozen", false, R},
	{typed("Qızılorda"), "Qizilorda", false, R},
	{typed("Qızılorda"), "QIZILORDA", false, R},
	{typed("Türkmenistan"), "Turkmenistan", false, R},
	{typed("İstanbul"), "istanbul", false, R},
	{typed("Qızılorda"), "Kyzylorda", false, W},
	// Cyrillic, Russian and Kazakh.
	{typed("Қазақстан"), "қазақстан", false, R},
	{typed("Қазақстан"), "ҚАЗАҚСТАН", false, R},
	{typed("Қазақстан"), "Казахстан", false, A},
	{typed("Королёв"), "Королев", false, R},
	{typed("Бишкек"), "бишкек", false, R},
	{typed("Бишкек"), "Bishkek", false, W},
	{typed("Ташкент"), "Тошкент", false, A},
	{typed("Организация"), "организацыя", false, A},
	{typed("мой"), "мои", false, W},
	{typed("Шанхайская организация сотрудничества"), "шанхайская организация сотрудничества", false, R},
	// Typos.
	{typed("Shanghai Cooperation Organization"), "Shanghai Cooperation Organizaton", false, A},
	{typed("Shanghai Cooperation Organization"), "Shangai Coperation Organization", false, A},
	{typed("Shanghai Cooperation Organization"), "Shangai Coperation Organizaton", false, W},
	{typed("trilateral"), "trilateal", false, A},
	{typed("trilateral"), "trilaterla", false, A},
	{typed("trilateral"), "tirlateral", false, A},
	{typed("trilateral"), "trilatteral", false, A},
	{typed("training"), "trainign", false, A},
	{typed("training"), "traning", false, A},
	{typed("training"), "trianing", false, A},
	{typed("Astana"), "Astna", false, A},
	{typed("Astana"), "Astn", false, W},
	{typed("CSTO"), "CTSO", false, A},
	{typed("CSTO"), "CST", false, A},
	{typed("CSTO"), "ST", false, W},
	{typed("interdependence"), "interdependance", false, A},
	{typed("alignment"), "allignment", false, A},
	{typed("foundation"), "fundation", false, A},
	{typed("trilateral", "trilateral mechanisms"), "trilateral mechanism", false, A},
	// Three letters or fewer: no tolerance.
	{typed("SCO"), "SCP", false, W},
	{typed("SCO"), "CSO", false, W},
	{typed("UN"), "UM", false, W},
	{typed("oil"), "oli", false, W},
	// Numbers.
	{typed("2001"), "2001", false, R},
	{typed("2001"), "2001.0", false, R},
	{typed("2001"), "02001", false, R},
	{typed("1000"), "1,000", false, R},
	{typed("10,000"), "10 000", false, R},
	{typed("10,000"), "10000", false, R},
	{typed("5"), "5.0", false, R},
	{typed("0.5"), ".5", false, R},
	{typed("6"), "six", false, R},
	{typed("2001"), "two thousand and one", false, R},
	{typed("1996"), "nineteen ninety-six", false, R},
	{typed("21"), "twenty-one", false, R},
	{typed("1.5 million"), "1500000", false, R},
	{typed("-5"), "minus five", false, R},
	{typed("50%"), "50 percent", false, R},
	{typed("2001"), "2002", false, W},
	{typed("2001"), "2010", false, W},
	{typed("1996"), "1969", false, W},
	{typed("six"), "sixx", false, W},
	{typed("six"), "7", false, W},
	{typed("10,000"), "100 00", false, W},
	{typed("Resolution 1373"), "Resolutoin 1373", false, A},
	{typed("Resolution 1373"), "Resolution 1337", false, W},
	{typed("Resolution 1373"), "Resolution", false, W},
	// Acronyms and their expansions, when the decks spell them out.
	{lexCard("csto"), "Collective Security Treaty Organization", true, R},
	{lexCard("csto"), "the Collective Security Treaty Organisation", true, R},
	{lexCard("csto"), "Collective Security Treaty Organization", false, W},
	{lexCard("csto-long"), "CSTO", true, R},
	{lexCard("csto-long"), "csto", false, W},
	{lexCard("csto"), "Colective Security Treaty Organization", true, A},
	{lexCard("csto"), "CTSO", true, A},
	{lexCard("csto"), "SCO", true, W},
	{lexCard("csto"), "Shanghai Cooperation Organization", true, W},
	{lexCard("sco"), "Shanghai Cooperation Organisation", true, R},
	{lexCard("ccatt"), "Collectively Cooperating Against Transnational Threats", true, R},
	{lexCard("ccatt"), "CCAT", true, A},
	// A different answer the decks know is never almost.
	{lexCard("trilateral"), "bilateral", true, W},
	{lexCard("trilateral"), "Bilateral", true, W},
	{lexCard("trilateral"), "bilateral", false, A}, // what the lexicon prevents
	{lexCard("bilateral"), "trilateral", true, W},
	{lexCard("trilateral"), "Trilateral", true, R},
	{lexCard("trilateral"), "trilateral mechanisms", true, R},
	{lexCard("trilateral"), "trilatral", true, A},
	{lexCard("trilateral"), "unilateral", true, W},
	{lexCard("trilateral"), "multilateral", true, W},
	// Blank is "don't know"; punctuation alone is no answer.
	{typed("2001"), "", false, W},
	{typed("2001"), "   ", false, W},
	{typed("2001"), "\t\n", false, W},
	{typed("2001"), "?", false, W},
	{lexCard("csto"), "", true, W},
	{typed("?!"), "?!", false, R},
	{typed("?!"), "!?", false, W},
	// Plainly wrong.
	{typed("Shanghai Cooperation Organization", "SCO"), "Shanghai Five", false, W},
	{typed("Shanghai Cooperation Organization", "SCO"), "CSTO", false, W},
	{typed("Astana"), "Tashkent", false, W},
}

func TestMatch(t *testing.T) {
	lex := NewLexicon(DeckTerms(lexCards))
	var right, near, wrong int
	for _, tc := range matchCases {
		var l Lexicon
		if tc.lex {
			l = lex
		}
		g := Match(tc.card, tc.typed, l)
		if g.Verdict != tc.want {
			t.Errorf("Match(%q, %q, lexicon %v) = %v (matched %q), want %v",
				tc.card.Answer, tc.typed, tc.lex, g.Verdict, g.Matched, tc.want)
		}
		if g.Typed != tc.typed || g.Expected != tc.card.Answer {
			t.Errorf("Match(%q, %q): Typed %q, Expected %q", tc.card.Answer, tc.typed, g.Typed, g.Expected)
		}
		if (g.Verdict == Wrong) != (g.Credit == 0) || (g.Verdict == Wrong) != (g.Matched == "") {
			t.Errorf("Match(%q, %q): %v with credit %v, matched %q", tc.card.Answer, tc.typed, g.Verdict, g.Credit, g.Matched)
		}
		switch tc.want {
		case Correct:
			right++
		case Almost:
			near++
		default:
			wrong++
		}
	}
	if len(matchCases) < 60 || right < 15 || near < 15 || wrong < 15 {
		t.Errorf("%d cases: %d right, %d near, %d wrong", len(matchCases), right, near, wrong)
	}
	t.Logf("%d matching cases: %d right, %d near, %d wrong", len(matchCases), right, near, wrong)
}

func TestMatchShowsWhatItMatched(t *testing.T) {
	lex := NewLexicon(DeckTerms(lexCards))
	g := Match(lexCard("csto"), "CTSO", lex)
	if g.Verdict != Almost || g.Typed != "CTSO" || g.Expected != "CSTO" || g.Matched != "CSTO" || g.Rating() != Hard {
		t.Errorf("CTSO for CSTO: %+v", g)
	}
	g = Match(lexCard("csto"), "Colective Security Treaty Organization", lex)
	if g.Verdict != Almost || g.Matched != "collective security treaty organization" {
		t.Errorf("a typo of the expansion: %+v", g)
	}
	g = Match(typed("trilateral", "trilateral mechanisms"), "Trilateral  Mechanisms.", nil)
	if g.Verdict != Correct || g.Matched != "trilateral mechanisms" || g.Rating() != Good {
		t.Errorf("an accepted alternative: %+v", g)
	}
}

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"  The  Shanghai Cooperation Organisation. ", "shanghai cooperation organization"},
		{"O'zbekiston", "ozbekiston"},
		{"Oʻzbekiston", "ozbekiston"},
		{"O‘zbekiston", "ozbekiston"},
		{"Oʼzbekiston", "ozbekiston"},
		{"O´zbekiston", "ozbekiston"},
		{"Şymkent Ğalym Öskemen Ürjar Jañaözen Qızılorda", "symkent galym oskemen urjar janaozen qizilorda"},
		{"İSTANBUL", "istanbul"},
		{"Straße", "strasse"},
		{"Ærø", "aero"},
		{"ﬁnance", "finance"},
		{"Ｃｓｔｏ", "csto"},
		{"Қазақстан Республикасы", "қазақстан республикасы"},
		{"Ёлка и йогурт", "елка и йогурт"},
		{"Ўзбекистон", "ўзбекистон"},
		{"counter-terrorism", "counter terrorism"},
		{"counter–terrorism — now", "counter terrorism now"},
		{"a", "a"},
		{"The", "the"},
		{"the the", "the"},
		{"An apple a day", "apple a day"},
		{"1,000", "1000"},
		{"1,000,000.50", "1000000.5"},
		{"007", "7"},
		{"2001.0", "2001"},
		{"2001.", "2001"},
		{".5", "0.5"},
		{"1.2.3", "1.2 3"},
		{"00.0A", "0 0a"}, // found by FuzzMatch: "00" must not stay a word
		{"1.5km", "1 5km"},
		{"1,000,000km", "1000 000km"},
		{"-5", "minus 5"},
		{"−5", "minus 5"},
		{"1991-1996", "1991 1996"},
		{"pre-2001", "pre 2001"},
		{"1st", "1st"},
		{"50%", "50 percent"},
		{"R&D", "r and d"},
		{"x²", "x2"},
		{"colourful neighbours' behaviour", "colorful neighbors behavior"},
		{"defences", "defenses"},
		{"the centred theatre", "centered theater"},
		{"signalling", "signaling"},
		{"totally", "totally"},
		{"Marshall Plan", "marshall plan"},
		{"organisations", "organizations"},
		{"advise rise", "advise rise"},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := Normalize(Normalize(tc.in)); got != Normalize(tc.in) {
			t.Errorf("Normalize(Normalize(%q)) = %q, not %q", tc.in, got, Normalize(tc.in))
		}
	}
}

func TestSpellingIdempotent(t *testing.T) {
	check := func(w string) {
		once := americanSpelling(w)
		if twice := americanSpelling(once); twice != once {
			t.Errorf("americanSpelling(%q) = %q, then %q", w, once, twice)
		}
	}
	for uk, us := range spellingWords {
		check(uk)
		check(us)
	}
	for _, s := range spellingStems {
		for _, suffix := range append([]string{"", "s", "ed", "ing", "ful", "able", "ite"}, doubleLSuffixes...) {
			check(s.uk + suffix)
			check(s.us + suffix)
		}
	}
	for _, s := range izeSuffixes {
		check("organ" + s.uk)
	}
	for _, s := range lyseSuffixes {
		check("ana" + s.uk)
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"abc", "", 3},
		{"csto", "ctso", 1}, // transposition
		{"trilateral", "bilateral", 2},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // optimal string alignment: true Damerau–Levenshtein says 2
		{"қазақстан", "казахстан", 2}, // runes, not bytes
		{"organization", "organizaton", 1},
	} {
		if got := Distance(tc.a, tc.b, 10); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Distance(tc.b, tc.a, 10); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
		}
		if got := Distance(tc.a, tc.b, 1); got != min(tc.want, 2) && !(tc.want > 1 && got > 1) {
			t.Errorf("Distance(%q, %q, max 1) = %d", tc.a, tc.b, got)
		}
	}
}

// fullDistance is the optimal string alignment distance by the whole
// table, against which Distance's band is checked.
func fullDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

func TestDistanceBand(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		var b strings.Builder
		for range rng.IntN(9) {
			b.WriteByte("abc"[rng.IntN(3)])
		}
		return b.String()
	}
	for range 20000 {
		a, b := word(), word()
		full := fullDistance(a, b)
		for limit := range 4 {
			if got := Distance(a, b, limit); min(got, limit+1) != min(full, limit+1) {
				t.Fatalf("Distance(%q, %q, %d) = %d; the full table says %d", a, b, limit, got, full)
			}
		}
	}
}

func TestNearMiss(t *testing.T) {
	for _, tc := range []struct {
		answer, typed string
		edits         int
		ok            bool
	}{
		{"sco", "sca", 0, false},             // 3 letters: none
		{"csto", "ctso", 1, true},            // 4 letters: 1
		{"csto", "tcso", 2, false},           // 4 letters: not 2
		{"astana", "astna", 1, true},         // 6 letters: 1
		{"bilateral", "trilateral", 2, true}, // 9 letters: 2
		{"training", "trianing", 1, true},
		{"training", "trnaing", 0, false}, // 3 edits
		{"training", "trani", 3, false},
		{"counter terrorism", "counterterorism", 1, true}, // letters, not spaces, count
		{"2001", "2002", 0, false},                        // numbers: none
		{"six", "sixx", 0, false},
		{"resolution 1373", "resolution 1337", 0, false},
		{"resolution 1373", "resolutoin 1373", 1, true},
		{"csto", "csto", 0, false}, // equal is no near miss
	} {
		edits, ok := NearMiss(tc.answer, tc.typed)
		if ok != tc.ok || ok && edits != tc.edits {
			t.Errorf("NearMiss(%q, %q) = %d, %v; want %d, %v", tc.answer, tc.typed, edits, ok, tc.edits, tc.ok)
		}
	}
	for n, want := range []int{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2} {
		if got := Tolerance(n); got != want {
			t.Errorf("Tolerance(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestNumberValue(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2001", "2001"},
		{"2001.0", "2001"},
		{"1,000", "1000"},
		{"10 000", "10000"},
		{"10\u00a0000", "10000"},
		{"10\u202f000.25", "10000.25"},
		{"1'000'000", "1000000"},
		{"-1 234", "-1234"},
		{"zero", "0"},
		{"six", "6"},
		{"twelve", "12"},
		{"forty-two", "42"},
		{"a hundred", "100"},
		{"one hundred and one", "101"},
		{"two thousand and one", "2001"},
		{"two thousand one", "2001"},
		{"a thousand", "1000"},
		{"three million four hundred thousand", "3400000"},
		{"nineteen ninety-six", "1996"},
		{"twenty ten", "2010"},
		{"nineteen oh five", "1905"},
		{"nineteen hundred", "1900"},
		{"1.5 million", "1500000"},
		{"2 thousand", "2000"},
		{"minus five", "-5"},
		{"-0", "0"},
		{"one two", ""},
		{"twenty thirty forty", ""},
		{"thousand thousand", ""},
		{"five and", ""},
		{"and five", ""},
		{"1 2", ""},
		{"100 00", ""},
		{"1,00", ""},
		{"first", ""},
		{"21st", ""},
		{"year 2001", ""},
		{"", ""},
	} {
		got, ok := numberValue(tc.in, Normalize(tc.in))
		if ok != (tc.want != "") || got != tc.want {
			t.Errorf("numberValue(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

func TestDeckTerms(t *testing.T) {
	cards := []Card{
		{Type: Typed, Answer: "CSTO", Accept: []string{"the CSTO"},
			Quote: "The Collective Security Treaty Organization (CSTO) also plays a vital role."},
		{Type: Choice, Answer: "2001", Wrong: []string{"1991", "1996"},
			Explain: "The Shanghai Cooperation Organization (SCO) was formed in 2001 (see below)."},
		{Type: Multi, Answers: []string{"Terrorism", "Border security"}, Wrong: []string{"Tourism"},
			Question: "Which does the Regional Anti-Terrorism Structure (RATS) fight?"},
		{Type: TrueFalse, Answer: "true", Question: "The Organization for Security and Co-operation in Europe (OSCE) is not regional."},
		{Type: Cloze, Answer: "confidence-building measures", Question: "[...] such as confidence-building measures (CBMs) build trust."},
		{Type: Basic, Answer: "Collectively Cooperating Against Transnational Threats (CCATT)",
			Question: "What does CCATT stand for? (one word)"},
		{Type: Order, Items: []string{"the Shanghai Five (1996)", "the SCO (2001)", "Department of Defense (DoD)", "U.N. (UN)"}},
		{Type: Basic, Answer: "x", Explain: "Unrelated: the SCO (CSTO), Shanghai Five (SCO), the Central Asian countries (CAS), (2001), (see below), ()"},
		{Type: Typed, Answer: "ОДКБ", Quote: "Организация Договора о коллективной безопасности (ОДКБ)"},
		{Type: Typed, Answer: "UN", Explain: "the UN (United Nations) and the EU (the European Union)"},
	}
	got := DeckTerms(cards)
	wantPairs := [][2]string{
		{"cbms", "confidence building measures"},
		{"ccatt", "collectively cooperating against transnational threats"},
		{"csto", "collective security treaty organization"},
		{"dod", "department of defense"},
		{"eu", "european union"},
		{"osce", "organization for security and co operation in europe"},
		{"rats", "regional anti terrorism structure"},
		{"sco", "shanghai cooperation organization"},
		{"un", "united nations"},
		{"одкб", "организация договора о коллективной безопасности"},
	}
	if !slices.Equal(got.Pairs, wantPairs) {
		t.Errorf("Pairs:\n got %q\nwant %q", got.Pairs, wantPairs)
	}
	for _, k := range []string{"csto", "2001", "1991", "terrorism", "border security", "tourism", "confidence building measures",
		"collectively cooperating against transnational threats ccatt", "sco", "shanghai cooperation organization", "одкб", "x"} {
		if _, ok := slices.BinarySearch(got.Known, k); !ok {
			t.Errorf("Known lacks %q", k)
		}
	}
	for _, k := range []string{"true", "shanghai five 1996", "see below", "cas"} {
		if _, ok := slices.BinarySearch(got.Known, k); ok {
			t.Errorf("Known has %q", k)
		}
	}
	if !slices.IsSorted(got.Known) || len(slices.Compact(slices.Clone(got.Known))) != len(got.Known) {
		t.Errorf("Known is not sorted and distinct: %q", got.Known)
	}
	// The order of the cards makes no difference.
	rev := slices.Clone(cards)
	slices.Reverse(rev)
	if again := DeckTerms(rev); !slices.Equal(again.Known, got.Known) || !slices.Equal(again.Pairs, got.Pairs) {
		t.Errorf("DeckTerms depends on card order")
	}
}

func TestLexicon(t *testing.T) {
	lex := NewLexicon(Terms{
		Known: []string{"counter terrorism", "bilateral"},
		Pairs: [][2]string{{"sco", "shanghai cooperation organization"}, {"sco", "shanghai cooperation"}},
	})
	for _, k := range []string{"counter terrorism", "counterterrorism", "bilateral", "sco", "shanghai cooperation organization"} {
		if !lex.Known(k) {
			t.Errorf("Known(%q) = false", k)
		}
	}
	if lex.Known("trilateral") || lex.Known("") {
		t.Error("Known of an unknown term")
	}
	if got := lex.Equivalents("sco"); !slices.Equal(got, []string{"shanghai cooperation organization", "shanghai cooperation"}) {
		t.Errorf("Equivalents(sco) = %q", got)
	}
	if got := lex.Equivalents("shanghai cooperation organization"); !slices.Equal(got, []string{"sco"}) {
		t.Errorf("Equivalents(expansion) = %q", got)
	}
	if got := lex.Equivalents("csto"); len(got) != 0 {
		t.Errorf("Equivalents(csto) = %q", got)
	}
}

func ExampleMatch() {
	cards := []Card{
		{Type: Typed, Answer: "CSTO", Quote: "The Collective Security Treaty Organization (CSTO) also plays a vital role"},
		{Type: Typed, Answer: "SCO", Quote: "the Shanghai Cooperation Organization (SCO) in 2001"},
	}
	lex := NewLexicon(DeckTerms(cards))
	for _, s := range []string{"csto", "CTSO", "SCO", "Collective Security Treaty Organisation", ""} {
		fmt.Printf("%q: %v\n", s, Match(&cards[0], s, lex).Verdict)
	}
	// Output:
	// "csto": correct
	// "CTSO": almost
	// "SCO": wrong
	// "Collective Security Treaty Organisation": correct
	// "": wrong
}

func BenchmarkNormalize(b *testing.B) {
	for _, s := range []string{"The regional office number 12,345", "Oʻzbekiston Respublikasi, Qızılorda"} {
		b.Run(s[:5], func(b *testing.B) {
			for b.Loop() {
				Normalize(s)
			}
		})
	}
}

func BenchmarkMatch(b *testing.B) {
	lex := NewLexicon(DeckTerms(lexCards))
	c := lexCard("csto")
	for b.Loop() {
		Match(c, "Colective Security Treaty Organisation", lex)
	}
}

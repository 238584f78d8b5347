package decks

import (
	"bytes"
	"fmt"
	"testing"
)

// generatedDeck writes a deck of n cards cycling through every card type,
// each with explain, section, quote and tags, as a large real deck would.
func generatedDeck(n int) []byte {
	var b bytes.Buffer
	b.WriteString("format: 1\ndeck: generated\ntitle: \"Generated deck\"\ncards:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - id: card-%d\n", i)
		switch i % 7 {
		case 0:
			fmt.Fprintf(&b, "    q: \"What is the answer to question number %d?\"\n    answer: \"Answer %d\"\n", i, i)
		case 1:
			fmt.Fprintf(&b, "    type: typed\n    q: \"Type answer %d\"\n    answer: \"Typed %d\"\n    accept: [\"typed-%d\"]\n", i, i, i)
		case 2:
			fmt.Fprintf(&b, "    type: choice\n    q: \"In which year did event %d happen?\"\n    answer: %d\n    wrong: [%d, %d, %d]\n", i, 1900+i%100, 1800+i%100, 1700+i%100, 1600+i%100)
		case 3:
			fmt.Fprintf(&b, "    type: multi\n    q: \"Pick the right ones for %d\"\n    answers: [\"right a\", \"right b\"]\n    wrong: [\"wrong a\", \"wrong b\"]\n", i)
		case 4:
			fmt.Fprintf(&b, "    type: truefalse\n    q: \"Statement %d is true.\"\n    answer: %v\n", i, i%2 == 0)
		case 5:
			fmt.Fprintf(&b, "    type: cloze\n    q: \"The {{first blank}} of sentence %d and its {{second blank}}.\"\n", i)
		case 6:
			fmt.Fprintf(&b, "    type: order\n    q: \"Order the steps of %d\"\n    items: [\"one\", \"two\", \"three\"]\n", i)
		}
		b.WriteString("    explain: \"An explanation of a sentence or two, as cards usually carry.\"\n")
		b.WriteString("    section: \"Key Frameworks Shaping Central Asian Security\"\n")
		b.WriteString("    quote: \"The Collective Security Treaty Organization (CSTO) also plays a vital role\"\n")
		b.WriteString("    tags: [generated, bench]\n")
	}
	return b.Bytes()
}

func TestGeneratedDeckParses(t *testing.T) {
	d, err := Parse("gen.yaml", generatedDeck(70))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Entries) != 70 || len(d.Cards) != 80 {
		t.Errorf("%d entries, %d cards; want 70 and 80", len(d.Entries), len(d.Cards))
	}
}

func BenchmarkParse(b *testing.B) {
	data := generatedDeck(10000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("gen.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLint(b *testing.B) {
	d, err := Parse("gen.yaml", generatedDeck(10000))
	if err != nil {
		b.Fatal(err)
	}
	opt := LintOptions{Source: BundledSource()}
	for b.Loop() {
		Lint(d, opt)
	}
}

func BenchmarkFingerprint(b *testing.B) {
	data := bytes.Repeat(generatedDeck(1000), 1) // about 0.3 MB
	data = bytes.Repeat(data, (60<<20)/len(data)+1)[:60<<20]
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Fingerprint(data)
	}
}

package decks

import (
	"reflect"
	"testing"
)

// blanksOf runs an extractor on t and returns the cloze question and the
// blanks it would draft, or "" if none.
func blanksOf(cuts func(string) []draftCut, t string) (string, []string) {
	q, blanks, ok := draftCloze(t, cuts(t))
	if !ok {
		return "", nil
	}
	return q, blanks
}

func TestDraftExtractors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cuts   func(string) []draftCut
		text   string
		q      string
		blanks []string
	}{
		// definitions
		{"is", definitionCuts, "A cloze card is a sentence with blanks.",
			"A {{cloze card}} is a sentence with blanks.", []string{"cloze card"}},
		{"are with adverb", definitionCuts, "Relay stations also serve as inns for travellers.",
			"{{Relay stations}} also serve as inns for travellers.", []string{"Relay stations"}},
		{"refers to", definitionCuts, "The Yam refers to the Mongol relay network.",
			"The {{Yam}} refers to the Mongol relay network.", []string{"Yam"}},
		{"head of a long subject", definitionCuts, "Different priorities among the states pose problems.",
			"{{Different priorities}} among the states pose problems.", []string{"Different priorities"}},
		{"apposition", definitionCuts, "Ogedei, a son of Genghis Khan, expanded the network.",
			"{{Ogedei}}, a son of Genghis Khan, expanded the network.", []string{"Ogedei"}},
		{"pronoun subject", definitionCuts, "These measures are essential.", "", nil},
		{"adverb then comma", definitionCuts, "Initially, the region relied on bilateral agreements, primarily driven by interests.", "", nil},
		{"clause as subject", definitionCuts, "States recognize that issues are pressing.", "", nil},
		{"term repeated", definitionCuts, "Trust is what builds trust.", "", nil},
		// acronyms
		{"acronym", acronymCuts, "The Shanghai Cooperation Organization (SCO) was formed.",
			"The {{Shanghai Cooperation Organization}} ({{SCO}}) was formed.", []string{"Shanghai Cooperation Organization", "SCO"}},
		{"acronym after capitalised words", acronymCuts, "Another case is the Establishment of the Central Asian Border Security Initiative (CABSI).",
			"Another case is the Establishment of the {{Central Asian Border Security Initiative}} ({{CABSI}}).", []string{"Central Asian Border Security Initiative", "CABSI"}},
		{"acronym with small words", acronymCuts, "It joined the Organization of American States (OAS) late.",
			"It joined the {{Organization of American States}} ({{OAS}}) late.", []string{"Organization of American States", "OAS"}},
		{"brackets that are no acronym", acronymCuts, "It met in Tashkent (UZ) twice.", "", nil},
		// years
		{"year", yearCuts, "The SCO was formed in 2001 by six states.",
			"The SCO was formed in {{2001}} by six states.", []string{"2001"}},
		{"two years", yearCuts, "It ran from 1991 to 1996.",
			"It ran from {{1991}} to {{1996}}.", []string{"1991", "1996"}},
		{"the same year twice", yearCuts, "In 2001 and again in 2001 it met.", "", nil},
		{"not a year", yearCuts, "It cost 12,2001 coins or 3.1999 units or 30000.", "", nil},
		// inline enumerations
		{"three items", enumerationCuts, "It covers terrorism, border security, and transnational threats.",
			"It covers terrorism, {{border security}}, and {{transnational threats}}.", []string{"border security", "transnational threats"}},
		{"last item cut at a stop word", enumerationCuts, "They prevent crossings, smuggling, and potential clashes fueled by misunderstandings.",
			"They prevent crossings, {{smuggling}}, and {{potential clashes}} fueled by misunderstandings.", []string{"smuggling", "potential clashes"}},
		{"last item running on", enumerationCuts, "Trade agreements, infrastructure projects, and economic pipelines create channels for collaboration.",
			"Trade agreements, {{infrastructure projects}}, and economic pipelines create channels for collaboration.", []string{"infrastructure projects"}},
		{"or", enumerationCuts, "Pick red, green, or blue.",
			"Pick red, {{green}}, or {{blue}}.", []string{"green", "blue"}},
		{"two items only", enumerationCuts, "It covers terrorism and drug trafficking.", "", nil},
		{"no serial comma", enumerationCuts, "It covers terrorism, crime and drugs.", "", nil},
		{"item repeated elsewhere", enumerationCuts, "Pollution, waste, and pollution.",
			"Pollution, {{waste}}, and pollution.", []string{"waste"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, blanks := blanksOf(tc.cuts, tc.text)
			if q != tc.q || !reflect.DeepEqual(blanks, tc.blanks) {
				t.Errorf("%q:\ngot  %q %q\nwant %q %q", tc.text, q, blanks, tc.q, tc.blanks)
			}
		})
	}
}

func TestDraftLists(t *testing.T) {
	src := NewSourceText("t.txt", []byte("Title\n\nHeading One\n\nSteps:\n\n1. First step.\n2. Second step.\n\nHeading Two\n\n• Apples.\n• Pears.\n\nHeading Three\n\n* Only one.\n* Only one.\n"))
	lists := src.draftLists()
	if len(lists) != 3 {
		t.Fatalf("found %d lists, want 3: %+v", len(lists), lists)
	}
	if !lists[0].numbered || lists[0].leadIn != "Steps:" || !reflect.DeepEqual(lists[0].items, []string{"First step", "Second step"}) {
		t.Errorf("list 1 = %+v", lists[0])
	}
	if lists[0].quote != "Steps: 1. First step. 2. Second step." {
		t.Errorf("quote = %q", lists[0].quote)
	}
	ids := map[string]bool{}
	order := draftListCard(ids, lists, 0)
	multi := draftListCard(ids, lists, 1)
	basic := draftListCard(ids, lists, 2)
	if order.Type.String() != "order" || multi.Type.String() != "multi" || basic.Type.String() != "basic" {
		t.Errorf("types: %s %s %s; want order multi basic", order.Type, multi.Type, basic.Type)
	}
	if !reflect.DeepEqual(multi.Wrong, []string{"Only one", "First step", "Second step"}) {
		t.Errorf("multi wrong = %q", multi.Wrong)
	}
	if basic.Check == "" {
		t.Error("a list with repeated items gives a card without a CHECK note")
	}
}

func TestDraftNoHeadings(t *testing.T) {
	_, _, err := Draft(NewSourceText("t.txt", []byte("Title\n\nThe Yam is a network. It carried riders, goods, and letters.\n")), "t", "")
	if err != ErrNoHeadings {
		t.Errorf("err = %v, want ErrNoHeadings", err)
	}
	if _, _, err := Draft(NewSourceText("e.txt", []byte("\n\n")), "t", ""); err == nil {
		t.Error("an empty text drafts")
	}
}

func TestDraftIDs(t *testing.T) {
	ids := map[string]bool{}
	for _, want := range []string{"origins-post-yam", "origins-post-yam-2", "origins-post-yam-3"} {
		if got := draftID(ids, "The Origins of the Post", "The Yam"); got != want {
			t.Errorf("draftID = %q, want %q", got, want)
		}
	}
}

func TestDraftQuote(t *testing.T) {
	for _, s := range []string{`plain`, `say "hi"`, `back\slash`, "tab\tand\nnewline", "esc\x1b[31m", "emoji 💡 and ’quotes’"} {
		data := []byte("format: 1\ndeck: t\ntitle: " + draftQuote(s) + "\ncards: []\n")
		d, err := Parse("t.yaml", data)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if d.Title != s {
			t.Errorf("title read back as %q, want %q", d.Title, s)
		}
	}
}

func TestDraftRepeatedSentence(t *testing.T) {
	text := "Title\n\nOne\n\nThe Yam is a network.\n\nTwo\n\nThe Yam is a network.\n"
	d, err := DraftDeck(NewSourceText("t.txt", []byte(text)), "t", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cards) != 1 {
		t.Errorf("drafted %d cards from a sentence said twice, want 1", len(d.Cards))
	}
}

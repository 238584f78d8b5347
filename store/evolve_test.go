package store

import (
	"slices"
	"testing"
	"time"

	"steppe/quiz"
)

func TestPutDeckWithPolicyResetsEveryLearner(t *testing.T) {
	db := mustOpen(t)
	typedDeck(t, db)
	learners := []*Learner{mustLearner(t, db, "ann"), mustLearner(t, db, "bo")}
	for _, l := range learners {
		for i, id := range []string{"c0", "c0", "c1", "c2"} {
			r := answered(id, base.Add(time.Duration(i)*time.Minute), 2*time.Second)
			if err := l.Record(&r); err != nil {
				t.Fatal(err)
			}
		}
	}
	old, err := db.DeckCards("d")
	if err != nil {
		t.Fatal(err)
	}
	// The new version: c0's answer changed, c2 removed, n0 added.
	var cards []quiz.Card
	for _, c := range old {
		switch c.ID {
		case "c0":
			c.Answer = "z"
		case "c2":
			continue
		}
		cards = append(cards, c)
	}
	cards = append(cards, quiz.Card{Deck: "d", ID: "n0", Question: "q", Answer: "a"})
	var seen []quiz.Card
	policy := func(before, after []quiz.Card) []string {
		seen = before
		var reset []string
		for i := range after {
			for j := range before {
				if before[j].ID == after[i].ID {
					if c, _ := quiz.CompareCards(&before[j], &after[i]); c.Resets() {
						reset = append(reset, after[i].ID)
					}
				}
			}
		}
		return reset
	}

	// A put that fails resets nothing: the reset is in its transaction.
	bad := append(slices.Clone(cards), quiz.Card{Deck: "other", ID: "x"})
	if _, err := db.PutDeckWithPolicy(DeckMeta{Path: "d.yaml", Slug: "d"}, bad, policy); err == nil {
		t.Fatal("PutDeckWithPolicy took a card of another deck")
	}
	for _, l := range learners {
		if m, _, _, _ := l.Memory("d", "c0"); m == (quiz.Memory{}) {
			t.Errorf("%s: c0 was reset by a failed put", l.name)
		}
	}

	res, err := db.PutDeckWithPolicy(DeckMeta{Path: "d.yaml", Slug: "d"}, cards, policy)
	if err != nil {
		t.Fatal(err)
	}
	// The policy sees only the cards that differ: c0 changed, c2 removed
	// (and n0, new, among the new cards).
	var ids []string
	for _, c := range seen {
		ids = append(ids, c.ID)
	}
	if !slices.Equal(ids, []string{"c0", "c2"}) {
		t.Errorf("policy saw old cards %v, want [c0 c2]", ids)
	}
	if want := (ResetResult{Cards: 2, Reviews: 4}); res.Reset != want || res.Restored != nil {
		t.Errorf("result %+v, want %+v", res, want)
	}
	for _, l := range learners {
		if m, _, _, _ := l.Memory("d", "c0"); m != (quiz.Memory{}) {
			t.Errorf("%s: c0 after its answer changed: %+v, want new", l.name, m)
		}
		rs, _ := l.Reviews("d", "c0")
		if len(rs) != 2 || !rs[0].Reset || !rs[1].Reset {
			t.Errorf("%s: c0's reviews: %+v, want both kept and marked reset", l.name, rs)
		}
		if m, _, _, _ := l.Memory("d", "c1"); m.Reps == 0 {
			t.Errorf("%s: c1 has %d reps, want its progress kept", l.name, m.Reps)
		}
		if rs, _ := l.Reviews("d", "c1"); len(rs) != 1 || rs[0].Reset {
			t.Errorf("%s: c1's reviews: %+v, want one, not reset", l.name, rs)
		}
		m, _, _, _ := l.Memory("d", "c2")
		var archived bool
		if err := db.db.QueryRow(`SELECT archived FROM card_states WHERE profile = ? AND deck = 'd' AND card_id = 'c2'`,
			l.id).Scan(&archived); err != nil {
			t.Fatal(err)
		}
		if m.Reps == 0 || !archived {
			t.Errorf("%s: removed c2 has %d reps, archived %v; want its progress kept and archived", l.name, m.Reps, archived)
		}
	}
	if all, _ := countReviews(t, db); all != 8 {
		t.Errorf("%d reviews in the log, want all 8 kept", all)
	}

	// Loading the same version again resets nothing more.
	res, err = db.PutDeckWithPolicy(DeckMeta{Path: "d.yaml", Slug: "d"}, cards, policy)
	if err != nil || res.Reset != (ResetResult{}) || res.Restored != nil {
		t.Errorf("reloading the same cards: %+v, %v; want nothing reset", res, err)
	}

	// c2 comes back with its progress, and is said to.
	res, err = db.PutDeckWithPolicy(DeckMeta{Path: "d.yaml", Slug: "d"}, old, nil)
	if err != nil || !slices.Equal(res.Restored, []string{"c2"}) {
		t.Errorf("putting c2 back: %+v, %v; want c2 restored", res, err)
	}
	for _, l := range learners {
		if m, _, _, _ := l.Memory("d", "c2"); m.Reps == 0 {
			t.Errorf("%s: c2 came back without its progress", l.name)
		}
	}

	// c1 leaves, and comes back with another answer: compared with its
	// version when it left, it starts over.
	without := slices.DeleteFunc(slices.Clone(old), func(c quiz.Card) bool { return c.ID == "c1" })
	if _, err := db.PutDeckWithPolicy(DeckMeta{Path: "d.yaml", Slug: "d"}, without, policy); err != nil {
		t.Fatal(err)
	}
	back := slices.Clone(old)
	for i := range back {
		if back[i].ID == "c1" {
			back[i].Answer = "changed while away"
		}
	}
	res, err = db.PutDeckWithPolicy(DeckMeta{Path: "d.yaml", Slug: "d"}, back, policy)
	if err != nil || !slices.Equal(res.Restored, []string{"c1"}) || res.Reset != (ResetResult{Cards: 2, Reviews: 2}) {
		t.Errorf("c1 back with another answer: %+v, %v; want c1 restored and reset for both learners", res, err)
	}
	var left int
	if err := db.db.QueryRow(`SELECT count(*) FROM archived_cards WHERE slug = 'd' AND card_id = 'c1'`).Scan(&left); err != nil || left != 0 {
		t.Errorf("c1's archived version: %d rows, %v; want it gone once c1 is back", left, err)
	}
}

// TestSameContent: a card that only moved in its file is the same; any
// change a learner could see is not.
func TestSameContent(t *testing.T) {
	db := mustOpen(t)
	cards := everyType("d")
	if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, cards); err != nil {
		t.Fatal(err)
	}
	edits := map[string]func(c *quiz.Card){
		"moved":   func(c *quiz.Card) { c.File, c.Line = "/elsewhere.yaml", 99 },
		"q":       func(c *quiz.Card) { c.Question += "!" },
		"answer":  func(c *quiz.Card) { c.Answer += "!" },
		"tags":    func(c *quiz.Card) { c.Tags = append(slices.Clone(c.Tags), "x") },
		"section": func(c *quiz.Card) { c.Section += "!" },
		"type":    func(c *quiz.Card) { c.Type = (c.Type + 1) % quiz.CardType(len(quiz.CardTypes)) },
		"quote":   func(c *quiz.Card) { c.Quote = `with ,"f": inside` },
	}
	for name, edit := range edits {
		var seen []quiz.Card
		changed := slices.Clone(cards)
		for i := range changed {
			edit(&changed[i])
		}
		if _, err := db.PutDeckWithPolicy(DeckMeta{Path: "d.yaml", Slug: "d"}, changed, func(old, _ []quiz.Card) []string {
			seen = old
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if name == "moved" && len(seen) != 0 {
			t.Errorf("moved cards: policy saw %d as changed, want none", len(seen))
		}
		if name != "moved" && len(seen) != len(cards) {
			t.Errorf("%s: policy saw %d as changed, want all %d", name, len(seen), len(cards))
		}
		if err := db.PutDeck(DeckMeta{Path: "d.yaml", Slug: "d"}, cards); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPutDeckWithPolicyFirstLoad: a deck's first load asks no policy, and
// a new card alone is shown to it.
func TestPutDeckWithPolicyFirstLoad(t *testing.T) {
	db := mustOpen(t)
	cards := everyType("d")
	asked := 0
	var gotNew []quiz.Card
	policy := func(old, new []quiz.Card) []string {
		asked++
		gotNew = new
		return nil
	}
	if _, err := db.PutDeckWithPolicy(DeckMeta{Path: "d.yaml", Slug: "d"}, cards, policy); err != nil || asked != 0 {
		t.Fatalf("first load: policy asked %d times, %v; want never", asked, err)
	}
	more := append(slices.Clone(cards), quiz.Card{Deck: "d", ID: "extra", Question: "q", Answer: "a"})
	if _, err := db.PutDeckWithPolicy(DeckMeta{Path: "d.yaml", Slug: "d"}, more, policy); err != nil {
		t.Fatal(err)
	}
	if asked != 1 || len(gotNew) != 1 || gotNew[0].ID != "extra" {
		t.Errorf("a card added: policy asked %d times with %v; want once with the new card", asked, gotNew)
	}
}

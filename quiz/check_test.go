package quiz

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestCheckTyped(t *testing.T) {
	c := &Card{Type: Typed, Answer: "Shanghai Cooperation Organization", Accept: []string{"SCO"}}
	for in, want := range map[string]Verdict{
		"Shanghai Cooperation Organization":     Correct,
		"  shanghai cooperation organization. ": Correct,
		"Shanghai-Cooperation Organization!":    Correct,
		"sco":                                   Correct,
		"S.C.O.":                                Correct, // spaces between letters do not count
		"CSTO":                                  Wrong,
		"":                                      Wrong,
		"   ":                                   Wrong,
	} {
		if got := CheckTyped(c, in).Verdict; got != want {
			t.Errorf("%q: %v, want %v", in, got, want)
		}
	}
}

func TestCheckMultiPartial(t *testing.T) {
	c := &Card{Type: Multi, Answers: []string{"terrorism", "drug trafficking"}, Wrong: []string{"tourism", "piracy"}}
	g := CheckMulti(c, []string{"terrorism", "tourism"})
	if g.Verdict != Wrong || g.Credit != 0.5 || !slices.Equal(g.Chosen, []string{"terrorism"}) ||
		!slices.Equal(g.Missed, []string{"drug trafficking"}) || !slices.Equal(g.WronglyChosen, []string{"tourism"}) {
		t.Fatalf("%+v", g)
	}
	if g := CheckMulti(c, []string{"drug trafficking", "terrorism"}); g.Verdict != Correct || g.Credit != 1 {
		t.Fatalf("all right: %+v", g)
	}
	if g.Rating() != Again {
		t.Fatal("a partly right multi is not Again")
	}
}

func TestCheckOrder(t *testing.T) {
	c := &Card{Type: Order, Items: []string{"a", "b", "c", "d"}}
	g := CheckOrder(c, []string{"a", "c", "b", "d"})
	if g.Verdict != Wrong || g.Credit != 0.5 || !slices.Equal(g.Positions, []bool{true, false, false, true}) {
		t.Fatalf("%+v", g)
	}
	if g := CheckOrder(c, []string{"a", "b", "c", "d"}); g.Verdict != Correct {
		t.Fatalf("%+v", g)
	}
	if g := CheckOrder(c, []string{"a", "b", "c"}); g.Verdict != Wrong {
		t.Fatal("a short order is right")
	}
}

func TestCheckChoiceAndTrueFalse(t *testing.T) {
	c := &Card{Type: Choice, Answer: "2001", Wrong: []string{"1991", "1996"}}
	if CheckChoice(c, "2001").Rating() != Good || CheckChoice(c, "1996").Rating() != Again {
		t.Fatal("choice grading")
	}
	tf := &Card{Type: TrueFalse, Answer: "false"}
	if CheckTrueFalse(tf, false).Verdict != Correct || CheckTrueFalse(tf, true).Verdict != Wrong {
		t.Fatal("truefalse grading")
	}
	if (Grade{Verdict: Almost}).Rating() != Hard {
		t.Fatal("almost is not Hard")
	}
}

func TestOptionsShuffledBySeed(t *testing.T) {
	c := &Card{Type: Choice, Answer: "a", Wrong: []string{"b", "c", "d", "e", "f"}}
	one := Options(c, rand.New(rand.NewPCG(1, 2)))
	two := Options(c, rand.New(rand.NewPCG(1, 2)))
	if !slices.Equal(one, two) {
		t.Fatal("same seed, different order")
	}
	sorted := slices.Sorted(slices.Values(one))
	if !slices.Equal(sorted, []string{"a", "b", "c", "d", "e", "f"}) {
		t.Fatalf("options %v", one)
	}
	differs := false
	for seed := range uint64(20) {
		if !slices.Equal(Options(c, rand.New(rand.NewPCG(seed, 0))), one) {
			differs = true
		}
	}
	if !differs {
		t.Fatal("options never shuffled")
	}
	o := &Card{Type: Order, Items: []string{"x", "y"}}
	for seed := range uint64(20) {
		if slices.Equal(Options(o, rand.New(rand.NewPCG(seed, 0))), o.Items) {
			t.Fatal("order items shown already in order")
		}
	}
}

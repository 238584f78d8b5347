package optimize

import (
	"math"
	"testing"
	"time"

	"steppe/quiz"
)

// The reference's own cases for filling in missing initial stabilities.
func TestSmoothAndFill(t *testing.T) {
	cases := []struct {
		stab   map[int]float64
		counts map[int]int
		want   [4]float64
	}{
		{map[int]float64{1: 0.4, 3: 2.3, 4: 10.9}, map[int]int{1: 1, 2: 1, 3: 1, 4: 1}, [4]float64{0.4, 1.1227008, 2.3, 10.9}},
		{map[int]float64{2: 0.35}, map[int]int{2: 1}, [4]float64{0.05738148, 0.35, 0.6242943, 2.2453482}},
		// Out of order: the rating with more reviews wins.
		{map[int]float64{1: 5, 2: 1, 3: 6, 4: 20}, map[int]int{1: 10, 2: 1, 3: 5, 4: 5}, [4]float64{5, 5, 6, 20}},
	}
	for _, c := range cases {
		got, ok := smoothAndFill(c.stab, c.counts)
		if !ok {
			t.Fatalf("%v: not ok", c.stab)
		}
		for i := range got {
			if math.Abs(got[i]-c.want[i]) > 2e-6*c.want[i] {
				t.Errorf("%v: got %v, want %v", c.stab, got, c.want)
				break
			}
		}
	}
	// Every pair of two seen ratings fills the others so that both rules
	// hold where they can.
	for a := 1; a <= 4; a++ {
		for b := a + 1; b <= 4; b++ {
			stab := map[int]float64{a: float64(a), b: float64(b * b)}
			got, _ := smoothAndFill(stab, map[int]int{a: 1, b: 1})
			if got[a-1] != float64(a) || got[b-1] != float64(b*b) {
				t.Errorf("%d,%d: seen values changed: %v", a, b, got)
			}
			L := func(i int) float64 { return math.Log(got[i-1]) }
			r1 := L(2) - (fillA*L(1) + (1-fillA)*L(3))
			r2 := L(3) - ((1-fillB)*L(2) + fillB*L(4))
			if math.Abs(r1) > 1e-9 || math.Abs(r2) > 1e-9 {
				t.Errorf("%d,%d: %v breaks the fill rules by %g, %g", a, b, got, r1, r2)
			}
		}
	}
	if _, ok := smoothAndFill(map[int]float64{}, nil); ok {
		t.Error("nothing seen: ok")
	}
}

func TestItems(t *testing.T) {
	at := func(s string) int64 {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UnixMilli()
	}
	logs := []Log{
		{"b", at("2026-01-01T10:00:00Z"), 3},
		{"a", at("2026-01-01T10:00:00Z"), 1},
		{"a", at("2026-01-01T10:10:00Z"), 3}, // same day: history only
		{"a", at("2026-01-02T02:00:00Z"), 0}, // manual entry: skipped
		{"a", at("2026-01-03T03:00:00Z"), 3}, // before 04:00: still 2 Jan
		{"a", at("2026-01-05T12:00:00Z"), 2},
		{"b", at("2026-01-04T10:00:00Z"), 1},
	}
	items, cards := Items(logs, quiz.Calendar{StartHour: 4})
	if cards != 2 || len(items) != 3 {
		t.Fatalf("%d cards, %d items: %+v", cards, len(items), items)
	}
	want := [][]Review{
		{{1, 0}, {3, 0}, {3, 1}},
		{{3, 0}, {1, 3}},
		{{1, 0}, {3, 0}, {3, 1}, {2, 3}},
	}
	for i, it := range items {
		if len(it.Reviews) != len(want[i]) {
			t.Fatalf("item %d: %v, want %v", i, it.Reviews, want[i])
		}
		for j := range it.Reviews {
			if it.Reviews[j] != want[i][j] {
				t.Fatalf("item %d: %v, want %v", i, it.Reviews, want[i])
			}
		}
	}
}

// The outlier filter drops the rarest gaps of each first rating, and every
// item of a card whose second review falls in a dropped gap.
func TestFilterOutliers(t *testing.T) {
	var items []Item
	card := 0
	add := func(first, dt, n int, extra bool) {
		for range n {
			rs := []Review{{first, 0}, {3, dt}}
			items = append(items, Item{Reviews: rs, Card: card})
			if extra {
				rs = append(rs, Review{3, 10})
				items = append(items, Item{Reviews: rs, Card: card})
			}
			card++
		}
	}
	add(3, 1, 400, true)
	add(3, 3, 100, false)
	add(3, 7, 5, true)     // rare: dropped with its later items
	add(3, 200, 30, false) // too long a gap for Good
	add(4, 200, 30, false) // fine after Easy
	initSet, train := filterOutliers(items)
	count := func(set []Item, first, dt int) int {
		n := 0
		for _, it := range set {
			if it.Reviews[0].Rating == first && it.firstLongTerm().DeltaT == dt {
				n++
			}
		}
		return n
	}
	for _, c := range []struct{ first, dt, init, train int }{
		{3, 1, 400, 800}, {3, 3, 100, 100}, {3, 7, 0, 0}, {3, 200, 0, 0}, {4, 200, 30, 30},
	} {
		if gi, gt := count(initSet, c.first, c.dt), count(train, c.first, c.dt); gi != c.init || gt != c.train {
			t.Errorf("first %d gap %d: %d initial, %d training; want %d, %d", c.first, c.dt, gi, gt, c.init, c.train)
		}
	}
}

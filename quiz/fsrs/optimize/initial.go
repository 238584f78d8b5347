package optimize

import (
	"cmp"
	"math"
	"slices"

	"steppe/quiz/fsrs"
)

// groupKey is a card's first rating and the days to its first review on a
// later day.
type groupKey struct{ rating, deltaT int }

// filterOutliers splits items as the reference optimizer does. The items
// whose card has exactly one review on a later day than its first ("second
// reviews") are grouped by first rating and by the days to that review. In
// each rating, the smallest groups are dropped until 5% of its items (at
// least 20) are gone, as are groups under 6 items and gaps over 100 days
// (365 after Easy). It returns the second reviews kept, which fit the
// initial stabilities, and every item whose card's group was kept, which
// trains the model.
func filterOutliers(items []Item) (initSet, train []Item) {
	groups := map[groupKey][]int{}
	totals := map[int]int{}
	for i, it := range items {
		if it.secondReview() {
			k := groupKey{it.Reviews[0].Rating, it.last().DeltaT}
			groups[k] = append(groups[k], i)
			totals[k.rating]++
		}
	}
	keys := make([]groupKey, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	// Per rating, smallest groups first; among equal sizes, the shorter gap.
	slices.SortFunc(keys, func(a, b groupKey) int {
		return cmp.Or(cmp.Compare(a.rating, b.rating),
			cmp.Compare(len(groups[a]), len(groups[b])), cmp.Compare(a.deltaT, b.deltaT))
	})
	removed := map[groupKey]bool{}
	var kept []int
	dropped := map[int]int{}
	for _, k := range keys {
		g := groups[k]
		if dropped[k.rating]+len(g) >= max(20, totals[k.rating]/20) {
			limit := 100
			if k.rating == 4 {
				limit = 365
			}
			if len(g) >= 6 && k.deltaT <= limit {
				kept = append(kept, g...)
			} else {
				removed[k] = true
			}
		} else {
			dropped[k.rating] += len(g)
			removed[k] = true
		}
	}
	slices.Sort(kept)
	for _, i := range kept {
		initSet = append(initSet, items[i])
	}
	train = make([]Item, 0, len(items))
	for _, it := range items {
		if len(removed) == 0 || !removed[groupKey{it.Reviews[0].Rating, it.firstLongTerm().DeltaT}] {
			train = append(train, it)
		}
	}
	return initSet, train
}

// recallPoint is the recall of the second reviews of one first rating after
// one gap.
type recallPoint struct {
	deltaT, recall, count float64
}

// initSMax bounds the initial stabilities' search.
const initSMax = 100.0

// initialStability fits w0–w3: for each first rating, the stability whose
// forgetting curve (with the default decay) best matches the recall of the
// second reviews after each gap, found by ternary search with a small pull
// toward the default. Recall is smoothed toward the average recall. It
// returns the four stabilities, the count of second reviews per first
// rating, and false when there are none.
func initialStability(initSet []Item, avgRecall float64) ([4]float64, map[int]int, bool) {
	type acc struct{ pass, n int }
	byRating := map[int]map[int]*acc{}
	counts := map[int]int{}
	for _, it := range initSet {
		r := it.Reviews[0].Rating
		lt := it.firstLongTerm()
		if byRating[r] == nil {
			byRating[r] = map[int]*acc{}
		}
		a := byRating[r][lt.DeltaT]
		if a == nil {
			a = &acc{}
			byRating[r][lt.DeltaT] = a
		}
		a.n++
		if lt.Rating > 1 {
			a.pass++
		}
		counts[r]++
	}
	stab := map[int]float64{}
	for r, gaps := range byRating {
		var pts []recallPoint
		for dt, a := range gaps {
			real := float64(a.pass) / float64(a.n)
			n := float64(a.n)
			pts = append(pts, recallPoint{float64(dt), (real*n + avgRecall) / (n + 1), n})
		}
		slices.SortFunc(pts, func(a, b recallPoint) int { return cmp.Compare(a.deltaT, b.deltaT) })
		stab[r] = searchStability(pts, fsrs.DefaultW[r-1])
	}
	s, ok := smoothAndFill(stab, counts)
	return s, counts, ok
}

// searchStability minimises the count-weighted log loss of pts plus
// |s - def|/16 over s in [0.001, 100] by ternary search.
func searchStability(pts []recallPoint, def float64) float64 {
	decay := -fsrs.DefaultW[20]
	factor := math.Pow(0.9, 1/decay) - 1
	loss := func(s float64) float64 {
		var l float64
		for _, p := range pts {
			y := math.Pow(1+factor*p.deltaT/s, decay)
			l -= (p.recall*math.Log(y) + (1-p.recall)*math.Log(1-y)) * p.count
		}
		return l + math.Abs(s-def)/16
	}
	lo, hi, best := sMin, initSMax, def
	for i := 0; hi-lo > 2.220446049250313e-16 && i < 1000; i++ {
		m1 := lo + (hi-lo)/3
		m2 := hi - (hi-lo)/3
		if loss(m1) < loss(m2) {
			hi = m2
		} else {
			lo = m1
		}
		best = (lo + hi) / 2
	}
	return best
}

// The geometric weights that relate the four initial stabilities when some
// are missing: ln s2 = a·ln s1 + (1-a)·ln s3 and ln s3 = (1-b)·ln s2 + b·ln s4.
const (
	fillA = 0.41
	fillB = 0.54
)

// smoothAndFill makes the initial stabilities of the ratings seen rise with
// the rating (where two disagree, the one with more reviews wins) and fills
// in the ratings never seen from those seen. It returns false when none was
// seen.
func smoothAndFill(stab map[int]float64, counts map[int]int) ([4]float64, bool) {
	var out [4]float64
	for r := range stab {
		if counts[r] == 0 {
			delete(stab, r)
		}
	}
	if len(stab) == 0 {
		return out, false
	}
	for _, p := range [][2]int{{1, 2}, {2, 3}, {3, 4}, {1, 3}, {2, 4}, {1, 4}} {
		small, okS := stab[p[0]]
		big, okB := stab[p[1]]
		if okS && okB && small > big {
			if counts[p[0]] > counts[p[1]] {
				stab[p[1]] = small
			} else {
				stab[p[0]] = big
			}
		}
	}
	// Work in logs, where the fill rules are linear.
	var L [5]float64
	var known [5]bool
	for r, s := range stab {
		L[r], known[r] = math.Log(s), true
	}
	switch len(stab) {
	case 1:
		// Scale the defaults by the one seen, keeping their order.
		for r := 1; r <= 4; r++ {
			if known[r] {
				f := stab[r] / fsrs.DefaultW[r-1]
				for i := range 4 {
					out[i] = fsrs.DefaultW[i] * f
				}
			}
		}
		slices.Sort(out[:])
	default:
		if known[1] && known[4] && !known[2] && !known[3] {
			// Both rules hold at once.
			L[2] = (fillA*L[1] + (1-fillA)*fillB*L[4]) / (fillA + fillB - fillA*fillB)
			known[2] = true
		}
		for range 2 {
			// ln s1 and ln s2 come from the first rule, ln s3 and ln s4
			// from the second, where each has what it needs.
			if !known[1] && known[2] && known[3] {
				L[1], known[1] = (L[2]-(1-fillA)*L[3])/fillA, true
			}
			if !known[2] && known[1] && known[3] {
				L[2], known[2] = fillA*L[1]+(1-fillA)*L[3], true
			}
			if !known[3] && known[2] && known[4] {
				L[3], known[3] = (1-fillB)*L[2]+fillB*L[4], true
			}
			if !known[4] && known[2] && known[3] {
				L[4], known[4] = (L[3]-(1-fillB)*L[2])/fillB, true
			}
			if !known[2] && known[3] && known[4] {
				L[2], known[2] = (L[3]-fillB*L[4])/(1-fillB), true
			}
			if !known[3] && known[1] && known[2] {
				L[3], known[3] = (L[2]-fillA*L[1])/(1-fillA), true
			}
		}
		for r := 1; r <= 4; r++ {
			if s, ok := stab[r]; ok {
				out[r-1] = s // exactly as seen, not through a log
			} else {
				out[r-1] = math.Exp(L[r])
			}
		}
	}
	for i := range out {
		out[i] = clampVal(out[i], sMin, initSMax)
	}
	return out, true
}

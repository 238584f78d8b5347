package optimize

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"steppe/quiz/fsrs"
)

// The reference optimizer's own test of its model: six cards, two reviews
// each, the second one or two days after the first, with the default
// weights. Its values are float32, so they agree to about 1e-6.
func TestForwardMatchesReference(t *testing.T) {
	ratings := []int{1, 2, 3, 4, 1, 2}
	gaps := []int{1, 1, 1, 1, 2, 2}
	wantS := []float64{0.10088589, 3.2494123, 7.3153, 18.014914, 0.112798266, 4.4694576}
	wantD := []float64{8.806304, 6.7404594, 2.1112142, 1.0, 8.806304, 6.7404594}
	c := newWeights(fsrs.DefaultW)
	for i := range ratings {
		st := state{}
		c.step(&st, Review{Rating: ratings[i]}, true, nil)
		c.step(&st, Review{Rating: ratings[i], DeltaT: gaps[i]}, false, nil)
		if rel(st.S, wantS[i]) > 2e-6 || rel(st.D, wantD[i]) > 2e-6 {
			t.Errorf("card %d: S %.8g D %.8g, want %.8g %.8g", i, st.S, st.D, wantS[i], wantD[i])
		}
	}
}

func rel(a, b float64) float64 { return math.Abs(a-b) / math.Max(math.Abs(b), 1e-12) }

// randomW draws weights inside the bounds, away from them so that central
// differences do not cross a clip.
func randomW(rng *rand.Rand) [21]float64 {
	lo, hi := fsrs.Bounds()
	var w [21]float64
	for k := range w {
		span := hi[k] - lo[k]
		w[k] = lo[k] + span*(0.1+0.8*rng.Float64())
	}
	return w
}

// randomItem draws a history with same-day reviews, lapses and every rating.
func randomItem(rng *rand.Rand, n int) Item {
	rs := make([]Review, n)
	for i := range rs {
		rs[i].Rating = 1 + rng.IntN(4)
		if i > 0 {
			switch rng.IntN(4) {
			case 0:
				rs[i].DeltaT = 0
			default:
				rs[i].DeltaT = 1 + rng.IntN(60)
			}
		}
	}
	rs[n-1].DeltaT = 1 + rng.IntN(30)
	return Item{Reviews: rs}
}

// The reverse-mode gradient equals central differences of the loss.
func TestGradientMatchesFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	checked := 0
	for trial := 0; trial < 400; trial++ {
		w := randomW(rng)
		if trial%4 == 0 {
			w = fsrs.DefaultW
		}
		it := randomItem(rng, 2+rng.IntN(12))
		var g [21]float64
		var tape []partials
		newWeights(w).itemLoss(it, 1, &g, &tape)
		for k := range 21 {
			h := 1e-6 * math.Max(1, math.Abs(w[k]))
			wp, wm := w, w
			wp[k] += h
			wm[k] -= h
			num := (newWeights(wp).itemLoss(it, 1, nil, nil) - newWeights(wm).itemLoss(it, 1, nil, nil)) / (2 * h)
			// A kink (a clamp, min or max switching) inside ±h spoils the
			// difference; skip where the one-sided differences disagree.
			l0 := newWeights(w).itemLoss(it, 1, nil, nil)
			fwd := (newWeights(wp).itemLoss(it, 1, nil, nil) - l0) / h
			bwd := (l0 - newWeights(wm).itemLoss(it, 1, nil, nil)) / h
			if math.Abs(fwd-bwd) > 1e-4*math.Max(1, math.Abs(num)) {
				continue
			}
			checked++
			if math.Abs(g[k]-num) > 1e-5*math.Max(1, math.Abs(num)) {
				t.Fatalf("trial %d w%d: gradient %.10g, differences %.10g\nw=%v\nitem=%v", trial, k, g[k], num, w, it.Reviews)
			}
		}
	}
	if checked < 400*21*9/10 {
		t.Fatalf("only %d of %d partials were comparable", checked, 400*21)
	}
}

// The weighted gradient is weight × the gradient.
func TestGradientScalesWithWeight(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	it := randomItem(rng, 8)
	var g1, g3 [21]float64
	c := newWeights(fsrs.DefaultW)
	var tape []partials
	c.itemLoss(it, 1, &g1, &tape)
	c.itemLoss(it, 3, &g3, &tape)
	for k := range g1 {
		if math.Abs(g3[k]-3*g1[k]) > 1e-12*math.Max(1, math.Abs(g1[k])) {
			t.Fatalf("w%d: %g, want 3 × %g", k, g3[k], g1[k])
		}
	}
}

// A batch's gradient, run over its prefix tree of histories, is the sum of
// its items' gradients run one by one.
func TestBatchGradientSharesPrefixes(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for trial := range 20 {
		// Items of a few cards, each card's items prefixes of one
		// history, and some histories repeated across cards.
		var batch []weightedItem
		for card := range 60 {
			var it Item
			if card%3 == 2 {
				it = Item{Reviews: append([]Review(nil), batch[len(batch)-1].Reviews...)}
				it.Reviews[len(it.Reviews)-1].Rating = 1 + rng.IntN(4)
			} else {
				it = randomItem(rng, 2+rng.IntN(15))
			}
			for k := 2; k <= len(it.Reviews); k++ {
				if it.Reviews[k-1].DeltaT > 0 {
					sub := Item{Reviews: it.Reviews[:k:k], Card: card}
					batch = append(batch, weightedItem{sub, 0.25 + rng.Float64()})
				}
			}
		}
		w := randomW(rng)
		c := newWeights(w)
		var want [21]float64
		var tape []partials
		for _, it := range batch {
			c.itemLoss(it.Item, it.weight, &want, &tape)
		}
		for _, workers := range []int{1, 2, 3} {
			got := batchGradient(c, planBatch(batch), make([]scratch, workers))
			for k := range 21 {
				if math.Abs(got[k]-want[k]) > 1e-9*math.Max(1, math.Abs(want[k])) {
					t.Fatalf("trial %d, %d workers, w%d: %.12g, one by one %.12g", trial, workers, k, got[k], want[k])
				}
			}
		}
	}
}

// The model agrees with the reference optimizer's own (fsrs-rs, through
// the binding's nextStates) on random memory states, gaps, ratings and
// parameters: testdata/model-vectors.json, made by
// cmd/fsrscompare/reference/vectors.mjs. The reference computes in
// float32, so they agree to about 1e-6.
func TestModelMatchesReferenceVectors(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "model-vectors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Sets []struct {
			W     []float64
			Cases []struct {
				S, D *float64
				T    int
				Next [4][2]float64
			}
		}
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	n := 0
	for si, set := range v.Sets {
		var w [21]float64
		copy(w[:], set.W)
		c := newWeights(w)
		for ci, cs := range set.Cases {
			for g := 1; g <= 4; g++ {
				var st state
				if cs.S == nil {
					c.step(&st, Review{Rating: g}, true, nil)
				} else {
					st = state{S: *cs.S, D: *cs.D}
					c.step(&st, Review{Rating: g, DeltaT: cs.T}, false, nil)
				}
				want := cs.Next[g-1]
				if rel(st.S, want[0]) > 2e-5 || rel(st.D, want[1]) > 2e-5 {
					t.Errorf("set %d case %d (S %v D %v t %d) rating %d: S %.7g D %.7g, reference %.7g %.7g",
						si, ci, deref(cs.S), deref(cs.D), cs.T, g, st.S, st.D, want[0], want[1])
				}
				n++
			}
		}
	}
	if n < 2000 {
		t.Fatalf("only %d comparisons", n)
	}
}

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

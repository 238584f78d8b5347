package optimize

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"steppe/quiz/fsrs"
)

// The training settings of the reference optimizer.
const (
	epochs       = 5
	batchSize    = 512
	learningRate = 0.04
	maxSeqLen    = 256
	gamma        = 1.0 // the weight of the pull toward the initial parameters
	shuffleSeed  = 2023
	adamBeta1    = 0.9
	adamBeta2    = 0.999
	adamEps      = 1e-8
	// A fit needs at least this many items; with fewer than minTrain it
	// only sets the initial stabilities.
	minItems = 8
	minTrain = 64
)

// sigma is the spread of each parameter over many learners' fits; the pull
// toward the initial parameters is measured in these units.
var sigma = [21]float64{
	6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57,
	0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
}

// Options tune a fit.
type Options struct {
	// ShortTerm fits the same-day weights w17–w19 and the initial
	// stabilities by gradient, as for a scheduler with learning steps.
	// Without it they stay at 0 and at their initial values.
	ShortTerm bool
	// RelearningSteps is the count of relearning steps, which bounds w17
	// and w18 when it is more than 1.
	RelearningSteps int
	// Workers splits each batch's gradient over this many goroutines; 0
	// means one.
	Workers int
	// Progress, when set, is called after each batch with the batches done
	// and the batches in all.
	Progress func(done, total int)
}

// How a fit ended.
const (
	FitTrained = "trained"           // all 21 weights were fitted
	FitInitial = "initial-stability" // only w0–w3 were fitted; too few items to train
	FitDefault = "defaults"          // nothing was fitted; too few items
)

// Result is a fit's outcome.
type Result struct {
	W      [21]float64
	Fit    string // FitTrained, FitInitial or FitDefault
	Reason string // why the fit stopped short, when it did
	// Items is the number of items the fit used: those left by the outlier
	// filter and the length limit.
	Items int
	// EpochLoss is the recency-weighted loss with the pull, after each
	// epoch; BestEpoch (1-based) is the epoch whose weights were kept.
	EpochLoss []float64
	BestEpoch int
}

// Fit fits FSRS-6's 21 weights to items, as fsrs-rs 6.5.0's
// compute_parameters does: the outlier filter, the initial stabilities by
// a search per first rating, then Adam over 5 epochs of batches of 512 with
// a cosine-annealed learning rate, recency-weighted items, a pull toward
// the initial weights and clipping after every step; the best epoch is
// kept. items must be in time order, as Items returns them.
func Fit(items []Item, opt Options) (Result, error) {
	res := Result{W: fsrs.DefaultW, Fit: FitDefault}
	avgRecall := averageRecall(items)
	initSet, train := filterOutliers(items)
	if len(train) < minItems {
		res.Reason = fmt.Sprintf("%d usable reviews after the outlier filter; a fit needs at least %d", len(train), minItems)
		return res, nil
	}
	initS, counts, ok := initialStability(initSet, avgRecall)
	if !ok {
		res.Reason = "no card has exactly one review on a later day than its first, which the initial stabilities are fitted from"
		return res, nil
	}
	w0 := fsrs.DefaultW
	copy(w0[:4], initS[:])
	if !opt.ShortTerm {
		w0[17], w0[18], w0[19] = 0, 0, 0
	}
	if len(train) == len(initSet) || len(train) < minTrain {
		res.W, res.Fit = w0, FitInitial
		res.Items = len(train)
		res.Reason = fmt.Sprintf("%d usable reviews, of which %d are second reviews; training needs at least %d and some later reviews, so only the initial stabilities were fitted",
			len(train), len(initSet), minTrain)
		return res, nil
	}

	weighted := recencyWeights(train)
	res.Items = len(weighted)
	best, losses, bestEpoch := runEpochs(weighted, w0, opt)
	for _, x := range best {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return res, fmt.Errorf("the fit diverged (a weight is %v)", x)
		}
	}
	stab := map[int]float64{1: best[0], 2: best[1], 3: best[2], 4: best[3]}
	s, _ := smoothAndFill(stab, counts)
	copy(best[:4], s[:])
	res.W, res.Fit, res.EpochLoss, res.BestEpoch = best, FitTrained, losses, bestEpoch
	return res, nil
}

// weightedItem is a training item with its recency weight.
type weightedItem struct {
	Item
	weight float64
}

// recencyWeights weighs items in time order from 0.25 to 1, rising as the
// cube of their place, and drops items longer than maxSeqLen.
func recencyWeights(items []Item) []weightedItem {
	n := math.Max(float64(len(items)-1), 1)
	out := make([]weightedItem, 0, len(items))
	for i, it := range items {
		if len(it.Reviews) > maxSeqLen {
			continue
		}
		out = append(out, weightedItem{it, 0.25 + 0.75*math.Pow(float64(i)/n, 3)})
	}
	return out
}

// runEpochs runs the Adam epochs and returns the best epoch's weights, every
// epoch's loss and the best epoch.
func runEpochs(items []weightedItem, w0 [21]float64, opt Options) ([21]float64, []float64, int) {
	// Batches hold items of similar length, as the reference's do; their
	// order is shuffled every epoch.
	sorted := byLength(items)
	batches := make([][]chunkPlan, (len(sorted)+batchSize-1)/batchSize)
	var wg sync.WaitGroup
	for p := range max(opt.Workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := p; b < len(batches); b += max(opt.Workers, 1) {
				batches[b] = planBatch(sorted[b*batchSize : min((b+1)*batchSize, len(sorted))])
			}
		}()
	}
	wg.Wait()
	total := len(items)
	iterations := float64((total/batchSize + 1) * epochs)
	rng := rand.New(rand.NewPCG(shuffleSeed, 0))
	cards := byCard(items)

	w := w0
	var m, v [21]float64
	var stepN int
	best, bestLoss, bestEpoch := w, math.Inf(1), 0
	var losses []float64
	workers := max(opt.Workers, 1)
	work := make([]scratch, workers)
	order := make([]int, len(batches))
	for e := 1; e <= epochs; e++ {
		for i := range order {
			order[i] = i
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for bi, b := range order {
			plans := batches[b]
			stepN++
			lr := learningRate * (1 + math.Cos(math.Pi*float64(stepN)/iterations)) / 2
			g := batchGradient(newWeights(w), plans, work)
			n := 0
			for _, p := range plans {
				n += len(p.items)
			}
			scale := gamma * float64(n) / float64(total)
			for k := range 21 {
				g[k] += scale * 2 * (w[k] - w0[k]) / (sigma[k] * sigma[k])
			}
			if !opt.ShortTerm {
				clear(g[:4])
				clear(g[17:20])
			}
			b1 := 1 - math.Pow(adamBeta1, float64(stepN))
			b2 := 1 - math.Pow(adamBeta2, float64(stepN))
			for k := range 21 {
				m[k] = adamBeta1*m[k] + (1-adamBeta1)*g[k]
				v[k] = adamBeta2*v[k] + (1-adamBeta2)*g[k]*g[k]
				w[k] -= lr * (m[k] / b1) / (math.Sqrt(v[k]/b2) + adamEps)
			}
			w = clip(w, opt.RelearningSteps, opt.ShortTerm)
			if opt.Progress != nil {
				opt.Progress((e-1)*len(batches)+bi+1, epochs*len(batches))
			}
		}
		loss := weightedLoss(newWeights(w), cards, workers) / float64(total)
		var pull float64
		for k := range 21 {
			d := (w[k] - w0[k]) / sigma[k]
			pull += d * d
		}
		loss += gamma * pull / float64(total)
		losses = append(losses, loss)
		if loss < bestLoss {
			best, bestLoss, bestEpoch = w, loss, e
		}
	}
	return best, losses, bestEpoch
}

// chunk is the number of items whose gradients a worker sums before they
// are added to the batch's; fixed, so that the sum's order, and so the
// result to the last bit, does not depend on the number of workers.
const chunk = 128

// A chunk is a run of a batch's items sorted by history, so that items
// sharing the first reviews of their histories sit together; lcp[i] is how
// many history reviews item i shares with item i-1.
type chunkPlan struct {
	items []weightedItem
	lcp   []int32
}

// planBatch sorts a batch by history and cuts it into chunks. The batch
// keeps its items; only the order in which their gradients are summed
// changes.
func planBatch(batch []weightedItem) []chunkPlan {
	// Sort positions, not items: items hold pointers, which are dearer to
	// move. Equal histories keep their order, so the plan is stable.
	order := make([]int32, len(batch))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(compareHistories(history(batch[a].Item), history(batch[b].Item)), cmp.Compare(a, b))
	})
	sorted := make([]weightedItem, len(batch))
	for i, o := range order {
		sorted[i] = batch[o]
	}
	var plans []chunkPlan
	for i := 0; i < len(sorted); i += chunk {
		items := sorted[i:min(i+chunk, len(sorted))]
		lcp := make([]int32, len(items))
		for k := 1; k < len(items); k++ {
			a, b := history(items[k-1].Item), history(items[k].Item)
			n := 0
			for n < len(a) && n < len(b) && a[n] == b[n] {
				n++
			}
			lcp[k] = int32(n)
		}
		plans = append(plans, chunkPlan{items, lcp})
	}
	return plans
}

// byLength returns items sorted by length, keeping the order of items of
// one length: a counting sort, as lengths are at most maxSeqLen.
func byLength(items []weightedItem) []weightedItem {
	var starts [maxSeqLen + 2]int
	for _, it := range items {
		starts[len(it.Reviews)+1]++
	}
	for n := 1; n < len(starts); n++ {
		starts[n] += starts[n-1]
	}
	out := make([]weightedItem, len(items))
	for _, it := range items {
		out[starts[len(it.Reviews)]] = it
		starts[len(it.Reviews)]++
	}
	return out
}

// compareHistories orders histories review by review, a shorter history
// before the longer one it begins.
func compareHistories(a, b []Review) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			if a[i].Rating != b[i].Rating {
				return a[i].Rating - b[i].Rating
			}
			return a[i].DeltaT - b[i].DeltaT
		}
	}
	return len(a) - len(b)
}

// history is an item's reviews before the one it predicts.
func history(it Item) []Review { return it.Reviews[:len(it.Reviews)-1] }

// node is one step of a chunk's prefix tree of histories: the memory after
// it, the step's partials, its parent step, and the adjoints (the loss's
// derivatives by its S and D) that the backward pass gathers.
type node struct {
	st     state
	e      partials
	parent int32
	aS, aD float64
}

// chunkGradient adds the recency-weighted gradient of a chunk's items to
// g. Histories that begin alike are run once: the steps form a tree, each
// item's prediction seeds the adjoint of its last step, and one backward
// pass over the tree, children before parents, chains them all. This is
// the same sum as running each item alone, in another order.
func (c *weights) chunkGradient(plan chunkPlan, nodes *[]node, path *[]int32, g *[21]float64) {
	ns, ph := (*nodes)[:0], (*path)[:0]
	for i, it := range plan.items {
		h := history(it.Item)
		ph = ph[:plan.lcp[i]]
		for d := len(ph); d < len(h); d++ {
			var st state
			parent := int32(-1)
			if d > 0 {
				parent = ph[d-1]
				st = ns[parent].st
			}
			ns = append(ns, node{parent: parent})
			n := &ns[len(ns)-1]
			c.step(&st, h[d], d == 0, &n.e)
			n.st = st
			ph = append(ph, int32(len(ns)-1))
		}
		leaf := &ns[ph[len(h)-1]]
		_, _, dS, dW20 := c.predict(&leaf.st, it.Reviews[len(h)])
		g[20] += it.weight * dW20
		leaf.aS += it.weight * dS
	}
	for v := len(ns) - 1; v >= 0; v-- {
		n := &ns[v]
		e := &n.e
		for j := range e.n {
			g[e.idx[j]] += n.aS * e.val[j]
		}
		g[4] += n.aD * e.q[0]
		g[5] += n.aD * e.q[1]
		g[6] += n.aD * e.q[2]
		g[7] += n.aD * e.q[3]
		if n.parent >= 0 {
			p := &ns[n.parent]
			p.aS += n.aS * e.pS
			p.aD += n.aS*e.pD + n.aD*e.qD
		}
	}
	*nodes, *path = ns, ph
}

// scratch is a worker's buffers, kept from batch to batch.
type scratch struct {
	nodes []node
	path  []int32
}

// batchGradient sums the recency-weighted gradients of a batch's chunks
// over workers, one scratch each, adding the chunks in order.
func batchGradient(c *weights, plans []chunkPlan, work []scratch) [21]float64 {
	workers := len(work)
	parts := make([][21]float64, len(plans))
	var wg sync.WaitGroup
	for p := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			nodes, path := &work[p].nodes, &work[p].path
			for i := p; i < len(parts); i += workers {
				// Sum in a local array: parts' neighbours belong to the
				// other workers, and writing beside them every step would
				// bounce their cache lines between the cores.
				var g [21]float64
				c.chunkGradient(plans[i], nodes, path, &g)
				parts[i] = g
			}
		}()
	}
	wg.Wait()
	var g [21]float64
	for _, part := range parts {
		for k := range 21 {
			g[k] += part[k]
		}
	}
	return g
}

// clip keeps w inside the reference optimizer's bounds. With several
// relearning steps, w17 and w18 share a ceiling that keeps a lapse from
// raising stability over the steps.
func clip(w [21]float64, relearningSteps int, shortTerm bool) [21]float64 {
	lo, hi := fsrs.Bounds()
	if !shortTerm {
		lo[19] = 0
	}
	if relearningSteps > 1 {
		a := clampVal(w[11], lo[11], hi[11])
		b := clampVal(w[13], lo[13], hi[13])
		c := clampVal(w[14], lo[14], hi[14])
		v := -(math.Log(a) + math.Log(math.Pow(2, b)-1) + 0.3*c) / float64(relearningSteps)
		ceil := math.Min(math.Sqrt(math.Max(v, 0.01)), 2)
		hi[17], hi[18] = ceil, ceil
	}
	for k := range 21 {
		w[k] = clampVal(w[k], lo[k], hi[k])
	}
	return w
}

// averageRecall is the share of items whose last review is not Again.
func averageRecall(items []Item) float64 {
	if len(items) == 0 {
		return 0
	}
	n := 0
	for _, it := range items {
		if it.last().Rating > 1 {
			n++
		}
	}
	return float64(n) / float64(len(items))
}

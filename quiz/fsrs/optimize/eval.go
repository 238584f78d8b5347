package optimize

import (
	"maps"
	"math"
	"slices"
	"sync"
)

// cardItems is one card's reviews and which of them items predict, with
// their weights. The items of a card are prefixes of one review slice, so a
// single pass over the card scores them all.
type cardItems struct {
	reviews []Review
	ends    []int // indexes of the predicted reviews, ascending
	weights []float64
}

// byCard gathers weighted items by card.
func byCard(items []weightedItem) []cardItems {
	most := -1
	for _, it := range items {
		most = max(most, it.Card)
	}
	idx := make([]int32, most+1) // a card's place in cards, plus one
	var cards []cardItems
	for _, it := range items {
		i := int(idx[it.Card]) - 1
		if i < 0 {
			i = len(cards)
			idx[it.Card] = int32(i + 1)
			cards = append(cards, cardItems{})
		}
		c := &cards[i]
		if len(it.Reviews) > len(c.reviews) {
			c.reviews = it.Reviews
		}
		c.ends = append(c.ends, len(it.Reviews)-1)
		c.weights = append(c.weights, it.weight)
	}
	for i := range cards {
		c := &cards[i]
		if !slices.IsSorted(c.ends) {
			order := make([]int, len(c.ends))
			for j := range order {
				order[j] = j
			}
			slices.SortFunc(order, func(a, b int) int { return c.ends[a] - c.ends[b] })
			ends, ws := make([]int, len(order)), make([]float64, len(order))
			for j, o := range order {
				ends[j], ws[j] = c.ends[o], c.weights[o]
			}
			c.ends, c.weights = ends, ws
		}
	}
	return cards
}

// scoreCards runs each card once and calls f for every predicted review
// with the item's weight, its loss and the prediction.
func scoreCards(c *weights, cards []cardItems, f func(card *cardItems, j int, loss, R float64)) {
	for ci := range cards {
		card := &cards[ci]
		st := state{}
		j := 0
		for i, r := range card.reviews {
			for j < len(card.ends) && card.ends[j] == i {
				loss, R, _, _ := c.predict(&st, r)
				f(card, j, loss, R)
				j++
			}
			c.step(&st, r, i == 0, nil)
		}
	}
}

// weightedLoss is the sum of the items' weighted losses, over workers. The
// cards are summed in fixed runs, added in order, so the sum does not
// depend on the number of workers.
func weightedLoss(c *weights, cards []cardItems, workers int) float64 {
	const run = 256
	parts := make([]float64, (len(cards)+run-1)/run)
	var wg sync.WaitGroup
	for p := range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := p; i < len(parts); i += max(workers, 1) {
				scoreCards(c, cards[i*run:min((i+1)*run, len(cards))], func(card *cardItems, j int, loss, _ float64) {
					parts[i] += card.weights[j] * loss
				})
			}
		}()
	}
	wg.Wait()
	var sum float64
	for _, x := range parts {
		sum += x
	}
	return sum
}

// Metrics measure how well weights predict a set of items.
type Metrics struct {
	// LogLoss is the plain mean of the items' binary cross entropy.
	LogLoss float64 `json:"log_loss"`
	// RMSEBins is the root mean square gap between predicted and actual
	// recall over bins of items alike in the days since the last review,
	// the number of reviews and the number of lapses, weighted by their
	// items (the reference's RMSE(bins)).
	RMSEBins float64 `json:"rmse_bins"`
	Items    int     `json:"items"`
}

// Evaluate scores w on items, each counting once: no outlier filter, no
// recency weights.
func Evaluate(items []Item, w [21]float64) Metrics {
	ws := make([]weightedItem, len(items))
	for i, it := range items {
		ws[i] = weightedItem{it, 1}
	}
	c := newWeights(w)
	type bin struct{ pred, real, n float64 }
	bins := map[[3]int]*bin{}
	var sum float64
	var bn binner
	for _, card := range byCard(ws) {
		// One pass per card, counting its long-term reviews and lapses on
		// the way, which bin each predicted review.
		var st state
		j, long, lapses := 0, 0, 0
		for i, r := range card.reviews {
			for j < len(card.ends) && card.ends[j] == i {
				loss, R, _, _ := c.predict(&st, r)
				sum += loss
				k := bn.bin(r.DeltaT, long+1, lapses)
				b := bins[k]
				if b == nil {
					b = &bin{}
					bins[k] = b
				}
				b.pred += R
				if r.Rating > 1 {
					b.real++
				}
				b.n++
				j++
			}
			if j == len(card.ends) {
				break
			}
			c.step(&st, r, i == 0, nil)
			if r.DeltaT > 0 {
				long++
				if r.Rating == 1 {
					lapses++
				}
			}
		}
	}
	m := Metrics{Items: len(items)}
	if len(items) == 0 {
		return m
	}
	m.LogLoss = sum / float64(len(items))
	// Summed in a fixed order, so the last bit does not hang on the map's.
	keys := slices.Collect(maps.Keys(bins))
	slices.SortFunc(keys, func(a, b [3]int) int { return slices.Compare(a[:], b[:]) })
	var se, n float64
	for _, k := range keys {
		b := bins[k]
		d := b.pred/b.n - b.real/b.n
		se += d * d * b.n
		n += b.n
	}
	m.RMSEBins = math.Sqrt(se / n)
	return m
}

// binner is the reference's bin of a predicted review: the days since the
// review before, the card's reviews on a later day than the one before
// (counting this one) plus one, and the lapses before, each on a geometric
// scale. It remembers each scale's values, which repeat.
type binner struct{ gaps, lengths, lapses []int }

func (b *binner) bin(deltaT, long, lapses int) [3]int {
	k := [3]int{scaled(&b.gaps, deltaT, 3.62, 248), scaled(&b.lengths, long+1, 1.89, 1.99), 0}
	if lapses > 0 {
		k[2] = scaled(&b.lapses, lapses, 1.73, 1.65)
	}
	return k
}

// scaled is round(scale·base^floor(log_base x)), memoised in *memo by x.
func scaled(memo *[]int, x int, base, scale float64) int {
	for len(*memo) <= x {
		v := float64(len(*memo))
		*memo = append(*memo, int(math.Round(scale*math.Pow(base, math.Floor(math.Log(v)/math.Log(base))))))
	}
	return (*memo)[x]
}

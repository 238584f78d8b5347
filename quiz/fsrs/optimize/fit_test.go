package optimize

import (
	"math"
	"math/rand/v2"
	"testing"

	"steppe/quiz"
	"steppe/quiz/fsrs"
	"steppe/quiz/sim"
)

// trueW is a learner unlike the defaults: faster forgetting after a lapse,
// larger gains on recall, a slower decay.
var trueW = [21]float64{
	0.4, 1.8, 4.0, 12.0, 6.0, 0.7, 2.2, 0.02, 1.6, 0.12,
	1.2, 1.7, 0.09, 0.35, 1.9, 0.45, 2.4, 0.4, 0.2, 0.1,
	0.25,
}

// simulate makes a log of learners whose memory follows w: each card is
// seen once, maybe again the same day, then at intervals the default
// weights would choose (so that, as in life, the scheduler is not the
// learner), recalled with the probability the true memory gives.
func simulate(w [21]float64, cards int, seed uint64) []Log {
	rng := rand.New(rand.NewPCG(seed, 1))
	truth, sched := newWeights(w), newWeights(fsrs.DefaultW)
	var logs []Log
	const day = int64(86_400_000)
	for c := range cards {
		card := string(rune('a'+c%26)) + string(rune('0'+c/26%10)) + string(rune('A'+c/260))
		var ts, ss state
		t := int64(c%200) * day
		first := int(sim.Pick(rng, sim.FirstRatingProb[:]) + quiz.Again)
		logs = append(logs, Log{Card: card, Time: t + 36_000_000, Rating: first})
		truth.step(&ts, Review{Rating: first}, true, nil)
		sched.step(&ss, Review{Rating: first}, true, nil)
		for n := 0; n < 30; n++ {
			var dt int
			if first == 1 && n == 0 {
				dt = 0 // a learning step the same day
			} else {
				dt = max(1, int(math.Round(ss.S*(0.9+0.2*rng.Float64()))))
			}
			t += int64(dt) * day
			if t > 400*day {
				break
			}
			R := 1.0
			if dt > 0 {
				R, _, _ = truth.recall(float64(dt), ts.S)
			}
			g := 1
			if rng.Float64() < R {
				g = int(sim.Pick(rng, sim.ReviewRatingProb[:]) + quiz.Hard)
			}
			logs = append(logs, Log{Card: card, Time: t + 36_000_000 + int64(n)*60_000, Rating: g})
			truth.step(&ts, Review{Rating: g, DeltaT: dt}, false, nil)
			sched.step(&ss, Review{Rating: g, DeltaT: dt}, false, nil)
		}
	}
	return logs
}

// A fit to a simulated learner predicts their log better than the
// defaults, and nearly as well as the weights that made it.
func TestFitRecoversSimulatedLearner(t *testing.T) {
	items, _ := Items(simulate(trueW, 3000, 1), quiz.Calendar{})
	if len(items) < 10000 {
		t.Fatalf("%d items", len(items))
	}
	res, err := Fit(items, Options{ShortTerm: true, RelearningSteps: 1, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Fit != FitTrained || res.BestEpoch < 1 || len(res.EpochLoss) != 5 {
		t.Fatalf("fit %q, best epoch %d, losses %v", res.Fit, res.BestEpoch, res.EpochLoss)
	}
	def := Evaluate(items, fsrs.DefaultW)
	truth := Evaluate(items, trueW)
	fit := Evaluate(items, res.W)
	t.Logf("log loss: defaults %.5f, truth %.5f, fitted %.5f; RMSE(bins) %.4f %.4f %.4f",
		def.LogLoss, truth.LogLoss, fit.LogLoss, def.RMSEBins, truth.RMSEBins, fit.RMSEBins)
	t.Logf("fitted %v", res.W)
	if fit.LogLoss >= def.LogLoss {
		t.Errorf("fitted log loss %.5f is no better than the defaults' %.5f", fit.LogLoss, def.LogLoss)
	}
	if fit.LogLoss > truth.LogLoss*1.01 {
		t.Errorf("fitted log loss %.5f is more than 1%% above the truth's %.5f", fit.LogLoss, truth.LogLoss)
	}
	if fit.RMSEBins >= def.RMSEBins {
		t.Errorf("fitted RMSE(bins) %.4f is no better than the defaults' %.4f", fit.RMSEBins, def.RMSEBins)
	}
	lo, hi := fsrs.Bounds()
	for k, x := range res.W {
		if x < lo[k] || x > hi[k] {
			t.Errorf("w%d = %g is outside [%g, %g]", k, x, lo[k], hi[k])
		}
	}
	// The same items give the same weights, however many workers.
	again, _ := Fit(items, Options{ShortTerm: true, RelearningSteps: 1, Workers: 1})
	if again.W != res.W {
		t.Errorf("one worker: %v\ntwo workers: %v", again.W, res.W)
	}
}

func TestFitTooFewReviews(t *testing.T) {
	items, _ := Items(simulate(trueW, 3, 2), quiz.Calendar{})
	res, err := Fit(items, Options{ShortTerm: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Fit != FitDefault || res.W != fsrs.DefaultW || res.Reason == "" {
		t.Fatalf("fit %q, reason %q, w %v", res.Fit, res.Reason, res.W)
	}
	// Only second reviews: enough for the initial stabilities, nothing to
	// train on.
	items = nil
	for i := range 300 {
		g := 3
		if i%10 == 0 {
			g = 1
		}
		items = append(items, Item{Reviews: []Review{{Rating: 3}, {Rating: g, DeltaT: 2 + 2*(i%2)}}, Card: i})
	}
	res, _ = Fit(items, Options{ShortTerm: true})
	if res.Fit != FitInitial || res.Reason == "" {
		t.Fatalf("fit %q, reason %q", res.Fit, res.Reason)
	}
	if [17]float64(res.W[4:]) != [17]float64(fsrs.DefaultW[4:]) || [4]float64(res.W[:4]) == [4]float64(fsrs.DefaultW[:4]) {
		t.Fatalf("initial-stability fit changed the wrong weights: %v", res.W)
	}
}

package optimize

import (
	"testing"

	"steppe/quiz"
)

// BenchmarkOptimize100k fits a simulated log of about 100,000 reviews: the
// items' construction and the whole fit, as `steppe optimize` runs them.
func BenchmarkOptimize100k(b *testing.B) {
	logs := simulate(trueW, 9000, 5)
	for len(logs) < 100_000 {
		logs = append(logs, simulate(trueW, 500, uint64(len(logs)))...)
	}
	items, _ := Items(logs, quiz.Calendar{})
	b.Logf("%d reviews, %d items", len(logs), len(items))
	b.ResetTimer()
	for b.Loop() {
		items, _ := Items(logs, quiz.Calendar{})
		if _, err := Fit(items, Options{ShortTerm: true, RelearningSteps: 1, Workers: 2}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluate100k scores one parameter set on the same log.
func BenchmarkEvaluate100k(b *testing.B) {
	logs := simulate(trueW, 9000, 5)
	items, _ := Items(logs, quiz.Calendar{})
	b.ResetTimer()
	for b.Loop() {
		Evaluate(items, trueW)
	}
}

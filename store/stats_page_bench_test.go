package store_test

import (
	"testing"
	"time"

	"steppe/quiz"
)

// BenchmarkStatsPage runs each of the stats page's queries on 100,000 card
// states and 1,000,000 reviews.
func BenchmarkStatsPage(b *testing.B) {
	_, l := openBench(b, bigDatabase(b))
	decks := []string{"bench"}
	cal := quiz.Calendar{StartHour: 4}
	today := cal.Day(benchNow)
	r := func(m quiz.Memory, _ time.Time) float64 { return 0.9 }
	b.Run("Forecast", func(b *testing.B) {
		for b.Loop() {
			if _, err := l.Forecast(decks, cal, today, 30); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ReviewsPerDay", func(b *testing.B) {
		for b.Loop() {
			if _, err := l.ReviewsPerDay(decks, cal, cal.Start(today+1)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("RetentionByMaturity", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := l.RetentionByMaturity(decks, []time.Time{cal.Start(today), cal.Start(today - 6), cal.Start(today - 29)}, cal.Start(today+1)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("MemoryDistributions", func(b *testing.B) {
		for b.Loop() {
			if _, err := l.MemoryDistributions(decks, benchNow, r); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRetention30d is the summary line's retention query, the yardstick
// for RetentionByMaturity.
func BenchmarkRetention30d(b *testing.B) {
	_, l := openBench(b, bigDatabase(b))
	cal := quiz.Calendar{StartHour: 4}
	today := cal.Day(benchNow)
	for b.Loop() {
		if _, _, err := l.Retention([]string{"bench"}, cal.Start(today-29), cal.Start(today+1)); err != nil {
			b.Fatal(err)
		}
	}
}

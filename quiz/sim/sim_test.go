package sim

import (
	"math"
	"reflect"
	"testing"
)

// moderate is long enough for intervals to grow past a few months, and
// short enough to run in a few tens of milliseconds.
var moderate = Config{Days: 200, NewPerDay: 10, Seed: 7}

func run(t *testing.T, cfg Config, s Setting) Result {
	t.Helper()
	sched, err := s.New()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(cfg, sched)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestDeterministicBySeed(t *testing.T) {
	s := Setting{Scheduler: "fsrs", Retention: 0.9, Fuzz: true}
	cfg := Config{Days: 60, NewPerDay: 10, Seed: 42}
	a, b := run(t, cfg, s), run(t, cfg, s)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("two runs with seed 42 differ:\n%+v\n%+v", a, b)
	}
	cfg.Seed = 43
	if c := run(t, cfg, s); reflect.DeepEqual(a.ReviewsPerDay, c.ReviewsPerDay) {
		t.Errorf("seeds 42 and 43 gave the same reviews per day")
	}
}

func TestHigherRetentionCostsMore(t *testing.T) {
	var prev Result
	for i, r := range []float64{0.7, 0.8, 0.9, 0.95} {
		res := run(t, moderate, Setting{Scheduler: "fsrs", Retention: r})
		t.Logf("retention %.2f: %d reviews, %.3f achieved, %.0f known", r, res.TotalReviews, res.RetentionAchieved, res.KnownAtEnd)
		if i > 0 {
			if res.TotalReviews <= prev.TotalReviews {
				t.Errorf("retention %.2f: %d reviews, not more than %d at the lower retention", r, res.TotalReviews, prev.TotalReviews)
			}
			if res.RetentionAchieved <= prev.RetentionAchieved {
				t.Errorf("retention %.2f: achieved %.3f, not more than %.3f at the lower retention", r, res.RetentionAchieved, prev.RetentionAchieved)
			}
			if res.KnownAtEnd <= prev.KnownAtEnd {
				t.Errorf("retention %.2f: %.1f known at the end, not more than %.1f at the lower retention", r, res.KnownAtEnd, prev.KnownAtEnd)
			}
		}
		prev = res
	}
}

func TestFSRSAchievesItsRetention(t *testing.T) {
	// The scheduler under test knows the true weights, so it should hit
	// the retention it aims at. First-day lapses, reviewed the next day at
	// low retrievability, pull it down by a point or two.
	res := run(t, moderate, Setting{Scheduler: "fsrs", Retention: 0.9, Fuzz: true})
	if math.Abs(res.RetentionAchieved-0.9) > 0.03 {
		t.Errorf("FSRS at 0.9 achieved %.3f, want within 0.03 of 0.9", res.RetentionAchieved)
	}
}

func TestSM2(t *testing.T) {
	res := run(t, moderate, Setting{Scheduler: "sm2"})
	if res.Cards != 2000 {
		t.Errorf("%d cards introduced, want 2000", res.Cards)
	}
	if res.TotalReviews <= res.Cards || res.Reviews != res.TotalReviews-res.Cards {
		t.Errorf("%d reviews in all, %d of seen cards, for %d cards", res.TotalReviews, res.Reviews, res.Cards)
	}
	if res.RetentionAchieved < 0.5 || res.RetentionAchieved > 1 {
		t.Errorf("SM-2 achieved %.3f", res.RetentionAchieved)
	}
	if res.KnownAtEnd <= 0 || res.KnownAtEnd > float64(res.Cards) {
		t.Errorf("%.1f known at the end of %d cards", res.KnownAtEnd, res.Cards)
	}
}

func TestReviewsPerDay(t *testing.T) {
	res := run(t, Config{Days: 2, NewPerDay: 5, Seed: 1}, Setting{Scheduler: "sm2"})
	// SM-2 brings every new card back the next day, whatever the rating.
	if want := []int{5, 10}; !reflect.DeepEqual(res.ReviewsPerDay, want) {
		t.Errorf("reviews per day %v, want %v", res.ReviewsPerDay, want)
	}
	if res.TotalReviews != 15 || res.Reviews != 5 || res.Cards != 10 {
		t.Errorf("%d reviews, %d of seen cards, %d cards; want 15, 5 and 10", res.TotalReviews, res.Reviews, res.Cards)
	}
}

func TestBadConfig(t *testing.T) {
	sched, _ := Setting{Scheduler: "sm2"}.New()
	for _, cfg := range []Config{{Days: 0, NewPerDay: 1}, {Days: 10, NewPerDay: -1}, {Days: MaxCards, NewPerDay: 2}} {
		if _, err := Run(cfg, sched); err == nil {
			t.Errorf("Run(%+v) gave no error", cfg)
		}
	}
	if _, err := (Setting{Scheduler: "anki"}).New(); err == nil {
		t.Error("scheduler anki gave no error")
	}
	if _, err := (Setting{Scheduler: "fsrs", Retention: 1.5}).New(); err == nil {
		t.Error("retention 1.5 gave no error")
	}
}

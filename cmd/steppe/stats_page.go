package main

import (
	"math"
	"time"

	"steppe/quiz"
	"steppe/store"
)

// The stats page: what `steppe stats` shows beyond its summary lines, and
// the fields --json adds for it. stats_page_render.go draws it.

const (
	forecastDays = 30
	heatmapDays  = 365
)

type heatmapDay struct {
	Date    string `json:"date"` // the learning day, YYYY-MM-DD
	Reviews int    `json:"reviews"`
}

type maturityRetention struct {
	Day   retentionStat `json:"day"`   // today
	Week  retentionStat `json:"week"`  // the last 7 learning days, today included
	Month retentionStat `json:"month"` // the last 30 learning days, today included
}

type retentionByMaturity struct {
	Young  maturityRetention `json:"young"`  // interval before the review under 21 days
	Mature maturityRetention `json:"mature"` // 21 days or more
}

// histogramBucket counts the values in [from, to); the last bucket of a
// histogram holds to as well, and a null to is an open end.
type histogramBucket struct {
	From  float64  `json:"from"`
	To    *float64 `json:"to"`
	Count int      `json:"count"`
}

type memoryDistributions struct {
	Stability      []histogramBucket `json:"stability"`      // days
	Difficulty     []histogramBucket `json:"difficulty"`     // FSRS difficulty, 1 to 10
	Retrievability []histogramBucket `json:"retrievability"` // probability of recall now, 0 to 1
}

type streakStat struct {
	Current int `json:"current"`
	Longest int `json:"longest"`
}

// fillStatsPage adds the page's figures to rep: the forecast, the heatmap,
// retention by maturity, the memory distributions and the streak.
func fillStatsPage(rep *statsReport, l *store.Learner, decks []string, cal quiz.Calendar, now time.Time, sched quiz.Scheduler) error {
	today := cal.Day(now)
	var err error
	if rep.Forecast, err = l.Forecast(decks, cal, today, forecastDays); err != nil {
		return err
	}

	days, err := l.ReviewsPerDay(decks, cal, cal.Start(today+1))
	if err != nil {
		return err
	}
	rep.Streak.Current, rep.Streak.Longest = store.Streak(days, today)
	rep.Heatmap = make([]heatmapDay, heatmapDays)
	first := today - heatmapDays + 1
	for i := range rep.Heatmap {
		rep.Heatmap[i].Date = civilDate(first + i).Format(time.DateOnly)
	}
	for _, d := range days {
		if d.Day >= first && d.Day <= today {
			rep.Heatmap[d.Day-first].Reviews = d.Reviews
		}
	}

	young, mature, err := l.RetentionByMaturity(decks,
		[]time.Time{cal.Start(today), cal.Start(today - 6), cal.Start(today - 29)}, cal.Start(today+1))
	if err != nil {
		return err
	}
	rep.RetentionByMaturity.Young = maturityRetention{retentionOf(young[0]), retentionOf(young[1]), retentionOf(young[2])}
	rep.RetentionByMaturity.Mature = maturityRetention{retentionOf(mature[0]), retentionOf(mature[1]), retentionOf(mature[2])}

	var r func(quiz.Memory, time.Time) float64
	if sched != nil {
		r = sched.Retrievability
	}
	dist, err := l.MemoryDistributions(decks, now, r)
	if err != nil {
		return err
	}
	rep.Distributions = memoryDistributions{
		Stability:      histogramOf(dist.Stability),
		Difficulty:     histogramOf(dist.Difficulty),
		Retrievability: histogramOf(dist.Retrievability),
	}
	return nil
}

// civilDate is the calendar date of a learning day number.
func civilDate(day int) time.Time {
	return time.Unix(int64(day)*86400, 0).UTC()
}

func retentionOf(c store.RetentionCount) retentionStat {
	r := retentionStat{Reviews: c.Reviews, Recalled: c.Recalled}
	if c.Reviews > 0 {
		rate := float64(c.Recalled) / float64(c.Reviews)
		r.Rate = &rate
	}
	return r
}

func histogramOf(bs []store.Bucket) []histogramBucket {
	out := make([]histogramBucket, len(bs))
	for i, b := range bs {
		out[i] = histogramBucket{From: b.From, Count: b.Count}
		if !math.IsInf(b.To, 1) {
			to := b.To
			out[i].To = &to
		}
	}
	return out
}

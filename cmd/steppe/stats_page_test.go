package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestStatsPageFits draws a busy page with and without colour: the two are
// the same text once the colour escapes are taken out, and no line is wider
// than 80 columns.
func TestStatsPageFits(t *testing.T) {
	rate := func(r float64) *float64 { return &r }
	rep := statsReport{Forecast: make([]int, forecastDays), Heatmap: make([]heatmapDay, heatmapDays)}
	for i := range rep.Forecast {
		rep.Forecast[i] = 100000 / (i + 1)
	}
	for i := range rep.Heatmap {
		rep.Heatmap[i] = heatmapDay{Date: civilDate(20460 + i).Format("2006-01-02"), Reviews: i * 37 % 1000}
	}
	rep.RetentionByMaturity.Young.Day = retentionStat{Reviews: 123456, Recalled: 111111, Rate: rate(0.9)}
	rep.RetentionByMaturity.Mature.Month = retentionStat{Reviews: 999999, Recalled: 700000, Rate: rate(0.7)}
	bs := func(n int) []histogramBucket {
		out := make([]histogramBucket, n)
		for i := range out {
			out[i] = histogramBucket{From: float64(i), Count: 123456 * (i + 1)}
		}
		return out
	}
	rep.Distributions = memoryDistributions{Stability: bs(9), Difficulty: bs(9), Retrievability: bs(10)}
	rep.Streak = streakStat{Current: 1000, Longest: 3000}

	var plain, colour bytes.Buffer
	printStatsPage(&screen{w: &plain}, rep)
	printStatsPage(&screen{w: &colour, color: true}, rep)
	stripped := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(colour.String(), "")
	if stripped != plain.String() {
		t.Errorf("colour changes the text:\n%s\nwithout colour:\n%s", stripped, plain.String())
	}
	if !strings.Contains(colour.String(), "\x1b[") {
		t.Error("no colour on a colour screen")
	}
	for _, line := range strings.Split(plain.String(), "\n") {
		if n := utf8.RuneCountInString(line); n > 80 {
			t.Errorf("line of %d columns: %q", n, line)
		}
	}
}

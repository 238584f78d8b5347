package main

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// printStatsPage draws the stats page under the summary lines: charts made
// of block characters that read without colour and fit 80 columns, with
// colour on a terminal.
func printStatsPage(s *screen, r statsReport) {
	s.println(fmt.Sprintf("Streak:         %s, longest %s", plural(r.Streak.Current, "day"), plural(r.Streak.Longest, "day")))
	s.println()
	printForecast(s, r.Forecast)
	s.println()
	printHeatmap(s, r.Heatmap)
	s.println()
	printMaturity(s, r.RetentionByMaturity)
	s.println()
	printDistributions(s, r.Distributions)
}

// eighths are the partial blocks, from one eighth to a full cell.
var (
	vEighths = []rune("▁▂▃▄▅▆▇█")
	hEighths = []rune("▏▎▍▌▋▊▉█")
)

// forecastHeight is the bar chart's height in rows.
const forecastHeight = 6

// printForecast draws due cards per day as vertical bars, two columns a day,
// today on the left; any day with cards due shows at least a sliver.
func printForecast(s *screen, f []int) {
	total, peak := 0, 0
	for _, n := range f {
		total += n
		peak = max(peak, n)
	}
	title := fmt.Sprintf("Forecast:       %s due in the next %d days", plural(total, "card"), len(f))
	if len(f) > 0 && f[0] > 0 {
		title += fmt.Sprintf(", %d today", f[0])
	}
	s.println(s.bold(title))
	if peak == 0 {
		s.println("  nothing due")
		return
	}
	// A backlog today would flatten every other day: past twice the
	// busiest later day, today's bar is cut at the top, marked ↑.
	rest := 0
	for _, n := range f[1:] {
		rest = max(rest, n)
	}
	cut := rest > 0 && f[0] > 2*rest
	if cut {
		peak = rest
	}
	lw := len(fmt.Sprint(peak))
	// Heights in eighths of a row.
	h := make([]int, len(f))
	for i, n := range f {
		h[i] = (min(n, peak)*forecastHeight*8 + peak - 1) / peak
	}
	for row := forecastHeight - 1; row >= 0; row-- {
		label := strings.Repeat(" ", lw)
		switch row {
		case forecastHeight - 1:
			label = fmt.Sprintf("%*d", lw, peak)
		case 0:
			label = fmt.Sprintf("%*d", lw, 0)
		}
		var b strings.Builder
		for i, e := range h {
			e -= row * 8
			switch {
			case cut && i == 0 && row == forecastHeight-1:
				b.WriteRune('↑')
			case e >= 8:
				b.WriteRune('█')
			case e > 0:
				b.WriteRune(vEighths[e-1])
			default:
				b.WriteByte(' ')
			}
			b.WriteByte(' ')
		}
		s.println("  " + s.faint(label+" │") + s.yellow(strings.TrimRight(b.String(), " ")))
	}
	axis := "  " + strings.Repeat(" ", lw) + " └" + strings.Repeat("─", 2*len(f))
	s.println(s.faint(axis))
	// Day labels under days 0, 7, 14, ...
	ticks := []byte(strings.Repeat(" ", 2*len(f)+8))
	for d := 0; d < len(f); d += 7 {
		l := fmt.Sprintf("+%d", d)
		if d == 0 {
			l = "today"
		}
		copy(ticks[2*d:], l)
	}
	s.println(s.faint("  " + strings.Repeat(" ", lw) + "  " + strings.TrimRight(string(ticks), " ")))
}

var shades = []rune(" ░▒▓█")

// printHeatmap draws the past year's reviews as weeks (columns, Monday
// first) by weekday (rows), shaded by the quartiles of the days with
// reviews, with months named above their first week.
func printHeatmap(s *screen, days []heatmapDay) {
	total, active := 0, 0
	var counts []int
	for _, d := range days {
		if d.Reviews > 0 {
			total += d.Reviews
			active++
			counts = append(counts, d.Reviews)
		}
	}
	s.println(s.bold(fmt.Sprintf("Reviews:        %s on %s in the past year", plural(total, "review"), plural(active, "day"))))
	if active == 0 {
		return
	}
	sort.Ints(counts)
	var q [3]int // upper bounds of the first three shades
	if len(counts) > 0 {
		for i := range q {
			q[i] = counts[(len(counts)-1)*(i+1)/4]
		}
	}
	shade := func(n int) int {
		switch {
		case n <= 0:
			return 0
		case n <= q[0]:
			return 1
		case n <= q[1]:
			return 2
		case n <= q[2]:
			return 3
		}
		return 4
	}
	first, err := time.Parse(time.DateOnly, days[0].Date)
	if err != nil {
		return
	}
	lead := (int(first.Weekday()) + 6) % 7 // days before the first in its week
	weeks := (lead + len(days) + 6) / 7
	grid := make([][]int, 7) // -1: outside the year
	for wd := range grid {
		grid[wd] = make([]int, weeks)
		for w := range grid[wd] {
			grid[wd][w] = -1
		}
	}
	months := []byte(strings.Repeat(" ", weeks+4))
	next := 0 // first column a month name may start at
	for i, d := range days {
		cell := lead + i
		grid[cell%7][cell/7] = shade(d.Reviews)
		t := first.AddDate(0, 0, i)
		// A month is named over the first week whose Monday is in it.
		if col := cell / 7; t.Day() <= 7 && cell%7 == 0 {
			if col >= next && col+3 <= len(months) {
				copy(months[col:], t.Format("Jan"))
				next = col + 4
			}
		}
	}
	s.println(s.faint("    " + strings.TrimRight(string(months), " ")))
	names := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	for wd, row := range grid {
		var b strings.Builder
		for _, v := range row {
			if v < 0 {
				b.WriteByte(' ')
				continue
			}
			b.WriteRune(shades[v])
		}
		cells := strings.TrimRight(b.String(), " ")
		if cells == "" {
			s.println(s.faint(names[wd]))
			continue
		}
		s.println(s.faint(names[wd]+" ") + s.green(cells))
	}
	if len(counts) == 0 {
		return
	}
	legend := []string{}
	lo := 1
	for i, hi := range []int{q[0], q[1], q[2], counts[len(counts)-1]} {
		if hi < lo {
			continue
		}
		r := fmt.Sprintf("%d", lo)
		if hi > lo {
			r = fmt.Sprintf("%d-%d", lo, hi)
		}
		legend = append(legend, s.green(string(shades[i+1]))+" "+r)
		lo = hi + 1
	}
	s.println(s.faint("    reviews a day: ") + strings.Join(legend, "  "))
}

// printMaturity is true retention as a table: young and mature cards by
// today, the last 7 and the last 30 days.
func printMaturity(s *screen, r retentionByMaturity) {
	s.println(s.bold("True retention  today             last 7 days       last 30 days"))
	row := func(name string, m maturityRetention) {
		cells := []string{}
		for _, c := range []retentionStat{m.Day, m.Week, m.Month} {
			cells = append(cells, s.rate(c))
		}
		s.println(strings.TrimRight(fmt.Sprintf("  %-14s%s", name, strings.Join(cells, "")), " "))
	}
	row("young (<21d)", r.Young)
	row("mature (21d+)", r.Mature)
}

// rate is one retention cell, 18 columns wide: green at or above 90%,
// yellow from 80%, red below.
func (s *screen) rate(c retentionStat) string {
	if c.Rate == nil {
		return fmt.Sprintf("%-18s", "-")
	}
	text := fmt.Sprintf("%.0f%%", *c.Rate*100)
	pad := 18 - len(text) - len(fmt.Sprintf(" of %d", c.Reviews))
	paint := s.red
	switch {
	case *c.Rate >= 0.9:
		paint = s.green
	case *c.Rate >= 0.8:
		paint = s.yellow
	}
	return paint(text) + fmt.Sprintf(" of %d", c.Reviews) + strings.Repeat(" ", max(pad, 1))
}

// Bucket labels, in the order of store's bounds.
var (
	stabilityLabels      = []string{"<1d", "1-3d", "3-7d", "7-14d", "14-30d", "1-3mo", "3-6mo", "6-12mo", "1y+"}
	difficultyLabels     = []string{"1-2", "2-3", "3-4", "4-5", "5-6", "6-7", "7-8", "8-9", "9-10"}
	retrievabilityLabels = []string{"0-10%", "10-20%", "20-30%", "30-40%", "40-50%", "50-60%", "60-70%", "70-80%", "80-90%", "90%+"}
)

// histBar is the width of a distribution's bars.
const histBar = 10

// printDistributions sets the three histograms side by side, each a column
// of label, horizontal bar and count, 24 columns wide.
func printDistributions(s *screen, d memoryDistributions) {
	s.println(s.bold("Memory of the cards seen"))
	seen := 0
	for _, b := range d.Stability {
		seen += b.Count
	}
	if seen == 0 {
		s.println("  no cards seen yet")
		return
	}
	cols := [][]string{
		histogramLines(s, "Stability", d.Stability, stabilityLabels),
		histogramLines(s, "Difficulty", d.Difficulty, difficultyLabels),
		histogramLines(s, "Retrievability", d.Retrievability, retrievabilityLabels),
	}
	rows := 0
	for _, c := range cols {
		rows = max(rows, len(c))
	}
	for i := 0; i < rows; i++ {
		var line strings.Builder
		for j, c := range cols {
			cell := ""
			if i < len(c) {
				cell = c[i]
			}
			if j < len(cols)-1 {
				cell = padVisible(cell, 24+3)
			}
			line.WriteString(cell)
		}
		s.println(strings.TrimRight(line.String(), " "))
	}
}

func histogramLines(s *screen, title string, bs []histogramBucket, labels []string) []string {
	peak := 0
	for _, b := range bs {
		peak = max(peak, b.Count)
	}
	out := []string{s.faint(title)}
	for i, b := range bs {
		label := fmt.Sprintf("%g-", b.From)
		if i < len(labels) {
			label = labels[i]
		}
		bar := ""
		if peak > 0 && b.Count > 0 {
			e := max((b.Count*histBar*8+peak-1)/peak, 1)
			bar = strings.Repeat("█", e/8)
			if e%8 > 0 {
				bar += string(hEighths[e%8-1])
			}
		}
		out = append(out, fmt.Sprintf("%-6s %s%s %6d", label, s.yellow(bar), strings.Repeat(" ", histBar-utf8.RuneCountInString(bar)), b.Count))
	}
	return out
}

// padVisible pads s with spaces to width columns, not counting colour
// escapes.
func padVisible(s string, width int) string {
	n := 0
	esc := false
	for _, r := range s {
		switch {
		case esc:
			if r == 'm' {
				esc = false
			}
		case r == '\x1b':
			esc = true
		default:
			n++
		}
	}
	return s + strings.Repeat(" ", max(width-n, 0))
}

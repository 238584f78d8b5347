package main

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"

	"steppe/quiz"
	"steppe/quiz/fsrs"
	"steppe/quiz/sim"
)

func runCSV(t *testing.T, args ...string) []byte {
	t.Helper()
	var out, errb bytes.Buffer
	if err := run(append(args, "-q"), &out, &errb); err != nil {
		t.Fatalf("run %v: %v (%s)", args, err, errb.String())
	}
	return out.Bytes()
}

type logRow struct {
	user, card int
	time       int64
	rating     int
}

func parseLog(t *testing.T, b []byte, wantHeader string) []logRow {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != wantHeader {
		t.Fatalf("header %q, want %q", got, wantHeader)
	}
	off := len(recs[0]) - 3
	var rows []logRow
	for i, r := range recs[1:] {
		var lr logRow
		var err error
		if off == 1 {
			lr.user, err = strconv.Atoi(r[0])
			if err != nil {
				t.Fatalf("row %d: %v", i+2, err)
			}
		}
		lr.card, err = strconv.Atoi(r[off])
		if err != nil {
			t.Fatalf("row %d: %v", i+2, err)
		}
		lr.time, err = strconv.ParseInt(r[off+1], 10, 64)
		if err != nil {
			t.Fatalf("row %d: %v", i+2, err)
		}
		lr.rating, err = strconv.Atoi(r[off+2])
		if err != nil {
			t.Fatalf("row %d: %v", i+2, err)
		}
		rows = append(rows, lr)
	}
	return rows
}

func TestDeterministic(t *testing.T) {
	a := runCSV(t, "-reviews", "5000", "-seed", "7")
	b := runCSV(t, "-reviews", "5000", "-seed", "7")
	if !bytes.Equal(a, b) {
		t.Fatal("same seed gave different output")
	}
	c := runCSV(t, "-reviews", "5000", "-seed", "8")
	if bytes.Equal(a, c) {
		t.Fatal("different seeds gave the same output")
	}
	u1 := runCSV(t, "-reviews", "5000", "-seed", "7", "-users", "3")
	u2 := runCSV(t, "-reviews", "5000", "-seed", "7", "-users", "3")
	if !bytes.Equal(u1, u2) {
		t.Fatal("same seed gave different output with 3 users")
	}
}

// checkLog checks what every log must satisfy and returns the rows per
// (user, card) key.
func checkLog(t *testing.T, rows []logRow, target int) map[[2]int][]logRow {
	t.Helper()
	if len(rows) < target {
		t.Fatalf("%d rows, want at least %d", len(rows), target)
	}
	// One day's reviews more than the target at most: a few hundred here.
	if len(rows) > target+target/10+500 {
		t.Errorf("%d rows for a target of %d: far too many", len(rows), target)
	}
	start := Start.UnixMilli()
	cards := map[[2]int][]logRow{}
	maxCard := map[int]int{}
	for i, r := range rows {
		if r.rating < 1 || r.rating > 4 {
			t.Fatalf("row %d: rating %d", i+2, r.rating)
		}
		if r.time < start {
			t.Fatalf("row %d: time %d before the start %d", i+2, r.time, start)
		}
		if i > 0 && r.time < rows[i-1].time {
			t.Fatalf("row %d: time %d before the previous row's %d", i+2, r.time, rows[i-1].time)
		}
		k := [2]int{r.user, r.card}
		if prev := cards[k]; len(prev) > 0 && r.time <= prev[len(prev)-1].time {
			t.Fatalf("row %d: card %v reviewed at %d, not after its previous review at %d", i+2, k, r.time, prev[len(prev)-1].time)
		}
		if len(cards[k]) == 0 {
			// Cards are numbered in order of introduction.
			if r.card != maxCard[r.user]+1 {
				t.Fatalf("row %d: user %d introduces card %d after card %d", i+2, r.user, r.card, maxCard[r.user])
			}
			maxCard[r.user] = r.card
		}
		cards[k] = append(cards[k], r)
	}
	return cards
}

func TestLog(t *testing.T) {
	const target = 20000
	rows := parseLog(t, runCSV(t, "-reviews", strconv.Itoa(target), "-seed", "3"), "card_id,review_time,rating")
	cards := checkLog(t, rows, target)

	// The session starts between 08:00 and 20:00 and stays within the day
	// at this load; learning steps bring cards back the same day.
	var first [5]int
	sameDay, againThenSameDay, agains := 0, 0, 0
	for _, rs := range cards {
		first[rs[0].rating]++
		if rs[0].rating == 1 {
			agains++
			if len(rs) > 1 && dayOf(rs[1].time) == dayOf(rs[0].time) {
				againThenSameDay++
				if gap := rs[1].time - rs[0].time; gap < 60_000 {
					t.Errorf("card %v: back %d ms after Again, before the 1-minute step", rs[0].card, gap)
				}
			}
		}
		for i := 1; i < len(rs); i++ {
			if dayOf(rs[i].time) == dayOf(rs[i-1].time) {
				sameDay++
			}
		}
	}
	for _, r := range rows {
		if h := (r.time - Start.UnixMilli()) % dayMs / hour; h < 8 {
			t.Fatalf("review at %d is at hour %d, before any session", r.time, h)
		}
	}
	if sameDay == 0 {
		t.Error("no same-day reviews")
	}
	if againThenSameDay != agains {
		t.Errorf("%d of %d new cards rated Again came back the same day; want all", againThenSameDay, agains)
	}
	// First ratings follow FirstRatingProb.
	n := float64(len(cards))
	for g := 1; g <= 4; g++ {
		if p := float64(first[g]) / n; math.Abs(p-sim.FirstRatingProb[g-1]) > 0.03 {
			t.Errorf("first rating %d: frequency %.3f, want about %.3f (%d cards)", g, p, sim.FirstRatingProb[g-1], len(cards))
		}
	}
}

func TestUsers(t *testing.T) {
	const target = 9000
	rows := parseLog(t, runCSV(t, "-reviews", strconv.Itoa(target), "-seed", "5", "-users", "3"), "user_id,card_id,review_time,rating")
	checkLog(t, rows, target)
	per := map[int][]logRow{}
	for _, r := range rows {
		per[r.user] = append(per[r.user], r)
	}
	if len(per) != 3 {
		t.Fatalf("%d users, want 3", len(per))
	}
	for u := 2; u <= 3; u++ {
		if per[u][0].time == per[1][0].time && per[u][0].rating == per[1][0].rating && per[u][1].time == per[1][1].time {
			t.Errorf("users 1 and %d start alike: not independent", u)
		}
	}
}

// TestRecallRate checks that recall follows the true memory: over the
// reviews on a later day, the share recalled is the mean true R, and the
// recalled reviews' ratings follow ReviewRatingProb.
func TestRecallRate(t *testing.T) {
	for _, tc := range []struct {
		name string
		w    [21]float64
	}{{"true", TrueParams}, {"default", fsrs.DefaultW}} {
		t.Run(tc.name, func(t *testing.T) {
			rows, st, err := simulate(config{Reviews: 30000, Seed: 11, NewPerDay: 20, Users: 1, W: tc.w})
			if err != nil {
				t.Fatal(err)
			}
			if st.LongTerm < 15000 {
				t.Fatalf("%d reviews on a later day, want at least 15000", st.LongTerm)
			}
			rate, meanR := float64(st.Recalled)/float64(st.LongTerm), st.SumR/float64(st.LongTerm)
			if math.Abs(rate-meanR) > 0.01 {
				t.Errorf("recalled %.4f of %d reviews, mean true R %.4f", rate, st.LongTerm, meanR)
			}
			if meanR < 0.6 || meanR > 0.99 {
				t.Errorf("mean true R %.4f: implausible", meanR)
			}
			// Recount from the log itself: reviews on a later UTC day than
			// the card's previous one, and their ratings.
			last := map[int]int64{}
			longTerm, recalled := 0, 0
			var mix [5]int
			for _, r := range rows {
				if p, ok := last[r.Card]; ok && dayOf(r.Time) > dayOf(p) {
					longTerm++
					if r.Rating > quiz.Again {
						recalled++
						mix[r.Rating]++
					}
				}
				last[r.Card] = r.Time
			}
			if longTerm != st.LongTerm || recalled != st.Recalled {
				t.Errorf("log has %d later-day reviews, %d recalled; stats say %d, %d", longTerm, recalled, st.LongTerm, st.Recalled)
			}
			for g := quiz.Hard; g <= quiz.Easy; g++ {
				if p := float64(mix[g]) / float64(recalled); math.Abs(p-sim.ReviewRatingProb[g-2]) > 0.02 {
					t.Errorf("rating %v: %.3f of recalls, want about %.3f", g, p, sim.ReviewRatingProb[g-2])
				}
			}
		})
	}
}

// TestModelMatchesScheduler checks the true model against steppe's FSRS
// formulas, which match ts-fsrs: given the same R, they differ only by
// ts-fsrs's rounding to 8 decimals.
func TestModelMatchesScheduler(t *testing.T) {
	for _, w := range [][21]float64{TrueParams, fsrs.DefaultW} {
		p := fsrs.DefaultParams()
		p.W = w[:]
		s, err := fsrs.New(p)
		if err != nil {
			t.Fatal(err)
		}
		m := newModel(w)
		near := func(what string, got, want float64) {
			t.Helper()
			if math.Abs(got-want) > 1e-7*math.Max(1, math.Abs(want)) {
				t.Errorf("%s: model %v, scheduler %v", what, got, want)
			}
		}
		for _, g := range quiz.Ratings {
			D, S := m.init(g)
			near("init D", D, s.InitDifficulty(g))
			near("init S", S, s.InitStability(g))
		}
		for _, D := range []float64{1, 2.5, 5, 7.3, 10} {
			for _, S := range []float64{0.05, 0.4, 1, 3.7, 20, 150, 2000} {
				for _, days := range []int{0, 1, 2, 5, 30, 400} {
					R := m.r(float64(days), S)
					near("R", R, s.ForgettingCurve(float64(days), S))
					for _, g := range quiz.Ratings {
						d, st := m.next(D, S, days, g)
						near("D", d, s.NextDifficulty(D, g))
						var want float64
						switch {
						case days == 0:
							want = s.ShortTermStability(S, g)
						case g == quiz.Again:
							want = s.ForgetStability(D, S, R)
						default:
							want = s.RecallStability(D, S, R, g)
						}
						near("S", st, want)
					}
				}
			}
		}
	}
}

func TestBadArgs(t *testing.T) {
	for _, args := range [][]string{
		{"-params", "1,2,3"},
		{"-params", strings.Repeat("0.5,", 20) + "x"},
		{"-params", "0.28,1.0,3.1,11.0,5.8,1.05,2.4,0.02,1.55,0.22,1.05,1.9,0.085,0.33,1.3,0.45,2.3,0.7,0.12,0.09,0.9"},
		{"-reviews", "0"},
		{"-users", "0"},
		{"-new-per-day", "0"},
		{"extra"},
	} {
		var out, errb bytes.Buffer
		if err := run(args, &out, &errb); err == nil {
			t.Errorf("run %v: no error", args)
		}
	}
	// Explicit params equal to TrueParams give the default output.
	var ps []string
	for _, x := range TrueParams {
		ps = append(ps, strconv.FormatFloat(x, 'g', -1, 64))
	}
	a := runCSV(t, "-reviews", "2000")
	b := runCSV(t, "-reviews", "2000", "-params", strings.Join(ps, ","))
	if !bytes.Equal(a, b) {
		t.Error("-params with TrueParams changed the output")
	}
}

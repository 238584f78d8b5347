package quiz

import (
	"testing"
	"time"
)

// times is n answer times of d each.
func times(n int, d time.Duration) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = d
	}
	return out
}

func TestPaceOf(t *testing.T) {
	s := time.Second
	tests := []struct {
		name   string
		times  []time.Duration
		ok     bool
		median time.Duration
		n      int
	}{
		{"none", nil, false, 0, 0},
		{"19 answers are too few", times(19, 6*s), false, 0, 19},
		{"20 answers are enough", times(20, 6*s), true, 6 * s, 20},
		{"unknown times are left out", append(times(19, 6*s), 0, -s), false, 0, 19},
		{"even count: the mean of the middle two", append(times(10, 4*s), times(10, 8*s)...), true, 6 * s, 20},
		{"odd count: the middle one", append(append(times(10, 2*s), 5*s), times(10, 9*s)...), true, 5 * s, 21},
		// Walked away: ten answers of an hour count as a minute each.
		{"capped at 60 s", append(times(11, time.Hour), times(10, 2*s)...), true, 60 * s, 21},
		{"floored at 1 s", times(20, time.Millisecond), true, s, 20},
		// Only the newest 200 count: 200 of 3 s, then 300 older of 30 s.
		{"the latest 200", append(times(200, 3*s), times(300, 30*s)...), true, 3 * s, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := PaceOf(tt.times)
			if ok != tt.ok || p.Answers != tt.n || (ok && p.Median != tt.median) {
				t.Errorf("PaceOf = %+v, %v; want median %v over %d, %v", p, ok, tt.median, tt.n, tt.ok)
			}
		})
	}
}

func TestPropose(t *testing.T) {
	s := time.Second
	correct := Grade{Verdict: Correct}
	history := times(20, 6*s) // median 6 s: slow is more than 15 s
	tests := []struct {
		name   string
		g      Grade
		took   time.Duration
		recent []time.Duration
		want   Rating
		slow   bool
		median time.Duration
	}{
		{"wrong is again", Grade{Verdict: Wrong}, 2 * s, history, Again, false, 6 * s},
		{"wrong and slow is still again", Grade{Verdict: Wrong}, 50 * s, history, Again, false, 6 * s},
		{"almost is hard", Grade{Verdict: Almost}, 2 * s, history, Hard, false, 6 * s},
		{"correct is good", correct, 6 * s, history, Good, false, 6 * s},
		{"exactly 2.5 times is not slow", correct, 15 * s, history, Good, false, 6 * s},
		{"just over 2.5 times is slow", correct, 15*s + time.Millisecond, history, Hard, true, 6 * s},
		{"with 19 answers nothing is slow", correct, 50 * s, history[:19], Good, false, 0},
		{"with no history nothing is slow", correct, 50 * s, nil, Good, false, 0},
		// A median of 30 s: 2.5 times is 75 s, more than any answer counts.
		{"an hour counts as 60 s", correct, time.Hour, times(20, 30*s), Good, false, 30 * s},
		// A median of 20 s: 2.5 times is 50 s, and an hour counts as 60 s.
		{"60 s is slow against a 20 s median", correct, time.Hour, times(20, 20*s), Hard, true, 20 * s},
		// Medians of quick clicks count as 1 s: 2 s is not slow.
		{"floor", correct, 2 * s, times(20, 300*time.Millisecond), Good, false, s},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Propose(tt.g, tt.took, tt.recent)
			if p.Rating != tt.want || p.Slow != tt.slow || p.Median != tt.median {
				t.Errorf("Propose = %+v; want %v, slow %v, median %v", p, tt.want, tt.slow, tt.median)
			}
			if p.Rating == Easy {
				t.Error("Easy proposed")
			}
		})
	}
}

func TestLeechLapses(t *testing.T) {
	tests := []struct {
		threshold int
		leech     []int // lapse counts from 1 to 20 that make a leech
	}{
		{0, nil},
		{8, []int{8, 12, 16, 20}},
		{3, []int{3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}},
		{4, []int{4, 6, 8, 10, 12, 14, 16, 18, 20}},
		{5, []int{5, 7, 9, 11, 13, 15, 17, 19}},
	}
	for _, tt := range tests {
		var got []int
		for n := 1; n <= 20; n++ {
			if isLeechLapse(n, tt.threshold) {
				got = append(got, n)
			}
		}
		if len(got) != len(tt.leech) {
			t.Errorf("threshold %d: leech at %v, want %v", tt.threshold, got, tt.leech)
			continue
		}
		for i := range got {
			if got[i] != tt.leech[i] {
				t.Errorf("threshold %d: leech at %v, want %v", tt.threshold, got, tt.leech)
				break
			}
		}
	}
}

package quiz

import (
	"testing"
	"time"
)

func TestParseSteps(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Steps
		err  bool
	}{
		{"1m,10m", Steps{1, 10}, false},
		{"1m, 10m", Steps{1, 10}, false},
		{"1h 1d", Steps{60, 1440}, false},
		{"", Steps{}, false},
		{"none", Steps{}, false},
		{"NONE", Steps{}, false},
		{"10x", nil, true},
		{"10", nil, true},
		{"m", nil, true},
		{"1.5h", nil, true},
		{"0m", nil, true},
		{"-5m", nil, true},
		{"1m,,10m", Steps{1, 10}, false},
		{"999999999d", nil, true},
	} {
		got, err := ParseSteps(tc.in)
		if (err != nil) != tc.err {
			t.Errorf("ParseSteps(%q) error %v, want error %v", tc.in, err, tc.err)
			continue
		}
		if !tc.err && (len(got) != len(tc.want) || got.String() != tc.want.String()) {
			t.Errorf("ParseSteps(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if s := (Steps{1, 10, 60, 1440, 90}).String(); s != "1m,10m,1h,1d,90m" {
		t.Errorf("String = %q", s)
	}
}

func TestFormatInterval(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{30 * time.Second, "<1m"},
		{time.Minute, "1m"},
		{10 * time.Minute, "10m"},
		{90 * time.Minute, "2h"},
		{24 * time.Hour, "1d"},
		{8 * 24 * time.Hour, "8d"},
		{45 * 24 * time.Hour, "1.5mo"},
		{400 * 24 * time.Hour, "1.1y"},
	} {
		if got := FormatInterval(tc.d); got != tc.want {
			t.Errorf("FormatInterval(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestParseRating(t *testing.T) {
	for in, want := range map[string]Rating{"1": Again, "again": Again, " Hard ": Hard, "3": Good, "GOOD": Good, "4": Easy, "easy": Easy} {
		got, err := ParseRating(in)
		if err != nil || got != want {
			t.Errorf("ParseRating(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"0", "5", "", "meh", "1.0"} {
		if _, err := ParseRating(in); err == nil {
			t.Errorf("ParseRating(%q) accepted", in)
		}
	}
	for _, r := range Ratings {
		if back, _ := ParseRating(r.String()); back != r {
			t.Errorf("%v does not round-trip", r)
		}
	}
	for s := New; s <= Relearning; s++ {
		if back, err := ParseState(s.String()); err != nil || back != s {
			t.Errorf("state %v does not round-trip", s)
		}
	}
}

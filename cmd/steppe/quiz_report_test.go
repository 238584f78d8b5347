package main

import (
	"testing"
	"time"
)

func TestQuizFormats(t *testing.T) {
	for p, want := range map[float64]string{0: "0", 3: "3", 15.5: "15.5", 2.0 / 3: "0.67", 1.0/3 + 2.0/3: "1", 4.666666: "4.67"} {
		if got := formatPoints(p); got != want {
			t.Errorf("formatPoints(%v) = %q, want %q", p, got, want)
		}
	}
	for d, want := range map[time.Duration]string{
		0: "0s", 400 * time.Millisecond: "0s", 42 * time.Second: "42s", 185 * time.Second: "3m05s",
		10 * time.Minute: "10m", 599600 * time.Millisecond: "10m", time.Hour + 2*time.Minute: "1h02m", 2 * time.Hour: "2h",
	} {
		if got := formatTook(d); got != want {
			t.Errorf("formatTook(%v) = %q, want %q", d, got, want)
		}
	}
	for d, want := range map[time.Duration]string{time.Nanosecond: "1ns", 1500 * time.Millisecond: "1.5s", 10 * time.Minute: "10m"} {
		if got := formatLimit(d); got != want {
			t.Errorf("formatLimit(%v) = %q, want %q", d, got, want)
		}
	}
}

package quiz

import (
	"testing"
	"time"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestCalendarBetween(t *testing.T) {
	almaty := mustLoc(t, "Asia/Almaty")
	ny := mustLoc(t, "America/New_York")
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		name string
		cal  Calendar
		a, b string
		want int
	}{
		{"utc midnight crossed", Calendar{}, "2026-01-05T23:59:00Z", "2026-01-06T00:01:00Z", 1},
		{"utc same day", Calendar{}, "2026-01-05T00:01:00Z", "2026-01-05T23:59:00Z", 0},
		{"utc backwards", Calendar{}, "2026-01-06T00:01:00Z", "2026-01-05T23:59:00Z", -1},
		{"utc before epoch", Calendar{}, "1969-12-31T23:00:00Z", "1970-01-01T01:00:00Z", 1},
		{"day start 4: 02:00 belongs to the day before", Calendar{StartHour: 4}, "2026-01-05T22:00:00Z", "2026-01-06T02:00:00Z", 0},
		{"day start 4: crossing 04:00", Calendar{StartHour: 4}, "2026-01-06T03:59:00Z", "2026-01-06T04:00:00Z", 1},
		{"almaty local midnight", Calendar{Loc: almaty}, "2026-01-05T18:59:00Z", "2026-01-05T19:01:00Z", 1},
		{"almaty with day start 4", Calendar{Loc: almaty, StartHour: 4}, "2026-01-05T18:59:00Z", "2026-01-05T19:01:00Z", 0},
		{"new york across DST change", Calendar{Loc: ny, StartHour: 4}, "2026-03-07T12:00:00Z", "2026-03-09T12:00:00Z", 2},
		{"long gap", Calendar{}, "2026-01-01T12:00:00Z", "2027-01-01T12:00:00Z", 365},
	} {
		if got := tc.cal.Between(utc(tc.a), utc(tc.b)); got != tc.want {
			t.Errorf("%s: Between = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestCalendarStart(t *testing.T) {
	almaty := mustLoc(t, "Asia/Almaty")
	for _, cal := range []Calendar{{}, {StartHour: 4}, {Loc: almaty, StartHour: 4}, {Loc: mustLoc(t, "America/New_York"), StartHour: 23}} {
		now := time.Date(2026, 3, 8, 15, 30, 0, 0, time.UTC)
		for i := 0; i < 400; i++ {
			n := cal.Day(now)
			start := cal.Start(n)
			if cal.Day(start) != n || cal.Day(start.Add(-time.Second)) != n-1 || start.After(now) {
				t.Fatalf("%+v: day %d of %v starts at %v", cal, n, now, start)
			}
			now = now.Add(23 * time.Hour)
		}
	}
}

func TestCivilRoundTrip(t *testing.T) {
	for z := -800000; z <= 800000; z += 37 {
		y, m, d := civilFromDays(z)
		if got := daysFromCivil(y, m, d); got != z {
			t.Fatalf("day %d -> %d-%d-%d -> %d", z, y, m, d, got)
		}
	}
	if got := daysFromCivil(2026, 11, 27); got != int(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC).Unix()/86400) {
		t.Fatalf("2026-11-27 is day %d", got)
	}
}

package main

import (
	"fmt"
	"time"
)

// now is steppe's clock: the system clock, or, under STEPPE_NOW (RFC 3339),
// a clock that starts at that instant and runs on in real time. It ticks in
// milliseconds, as the database stores times, so that a card's memory in a
// session equals the one stored.
func (a *app) now() (time.Time, error) {
	v := a.getenv("STEPPE_NOW")
	if v == "" {
		return time.Now().Truncate(time.Millisecond), nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("STEPPE_NOW=%q: want an RFC 3339 time such as 2026-01-05T09:30:00Z", v)
	}
	return t.Add(time.Since(a.started)).Truncate(time.Millisecond), nil
}

// clock is now for callers that cannot take an error, such as the store's
// clock: a bad STEPPE_NOW, which every command reports first, reads as the
// system clock.
func (a *app) clock() time.Time {
	t, err := a.now()
	if err != nil {
		return time.Now()
	}
	return t
}

package quiz

import "time"

// Calendar turns instants into learning days: calendar days of a time zone
// that begin at a given hour rather than at midnight, as Anki's "next day
// starts at" does. A review at 02:00 with StartHour 4 belongs to the day
// before. The zero Calendar is UTC days starting at 00:00, which is the rule
// the reference FSRS implementation uses.
type Calendar struct {
	Loc       *time.Location // nil means UTC
	StartHour int            // 0–23
}

func (c Calendar) loc() *time.Location {
	if c.Loc == nil {
		return time.UTC
	}
	return c.Loc
}

// Day numbers the learning day that holds t, counting from 1970-01-01.
func (c Calendar) Day(t time.Time) int {
	if c.Loc == nil || c.Loc == time.UTC {
		// UTC has no offsets to look up: divide, rounding toward -infinity.
		s := t.Unix() - int64(c.StartHour)*3600
		d := s / 86400
		if s%86400 < 0 {
			d--
		}
		return int(d)
	}
	// The day turns when the local clock shows StartHour, DST or not.
	lt := t.In(c.loc())
	y, m, d := lt.Date()
	n := daysFromCivil(y, int(m), d)
	if lt.Hour() < c.StartHour {
		n--
	}
	return n
}

// Start is the instant learning day n begins.
func (c Calendar) Start(n int) time.Time {
	y, m, d := civilFromDays(n)
	return time.Date(y, time.Month(m), d, c.StartHour, 0, 0, 0, c.loc())
}

// Between counts the learning days from a to b: 0 on the same day, negative
// when b is on an earlier day.
func (c Calendar) Between(a, b time.Time) int { return c.Day(b) - c.Day(a) }

// daysFromCivil and civilFromDays are Howard Hinnant's algorithms for the
// proleptic Gregorian calendar; they allocate nothing, unlike formatting.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

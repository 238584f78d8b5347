package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"steppe/quiz"
)

func (a *app) replayCmd() *cobra.Command {
	var sf *settingsFlags
	cmd := &cobra.Command{
		Use:   "replay [FILE]",
		Short: "Replay review events through the scheduler, as JSON lines",
		Long: `replay reads review events as JSON lines, from FILE or standard input:

  {"card":"c1","time":"2026-01-05T09:30:00.000Z","rating":3}

time is RFC 3339 or integer milliseconds since the epoch; rating is 1-4 or
again, hard, good, easy. Other fields are ignored. For each event it prints
one JSON line with the card's state after it. Settings not given as flags come
from the learner's settings, as for a drill; --tz UTC --day-start 0
--fuzz=false computes exactly what ts-fsrs computes.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.settings(sf)
			if err != nil {
				return err
			}
			sched, err := s.scheduler()
			if err != nil {
				return err
			}
			in, name := a.stdin, "stdin"
			if len(args) == 1 && args[0] != "-" {
				f, err := os.Open(args[0])
				if err != nil {
					return err
				}
				defer f.Close()
				in, name = f, args[0]
			}
			return replay(in, name, a.stdout, sched)
		},
	}
	sf = addSettingsFlags(cmd, "scheduler", "retention", "params", "learning_steps", "relearning_steps",
		"max_interval", "short_term", "fuzz", "tz", "day_start")
	return cmd
}

// replayEvent is one input line.
type replayEvent struct {
	card   string
	time   time.Time
	rating quiz.Rating
}

// replayState is one output line. Pointers are null where the scheduler has
// no such value.
type replayState struct {
	Card           string   `json:"card"`
	Time           string   `json:"time"`
	Rating         int      `json:"rating"`
	State          string   `json:"state"`
	Step           int      `json:"step"`
	Stability      *float64 `json:"stability"`
	Difficulty     *float64 `json:"difficulty"`
	ElapsedDays    int      `json:"elapsed_days"`
	ScheduledDays  int      `json:"scheduled_days"`
	Due            string   `json:"due"`
	Reps           int      `json:"reps"`
	Lapses         int      `json:"lapses"`
	Retrievability *float64 `json:"retrievability"`
	Ease           *float64 `json:"ease"`
}

const jsTime = "2006-01-02T15:04:05.000Z07:00"

func replay(in io.Reader, name string, out io.Writer, sched quiz.Scheduler) error {
	w := bufio.NewWriter(out)
	defer w.Flush()
	enc := json.NewEncoder(w)
	cards := map[string]quiz.Memory{}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		ev, err := parseEvent(text)
		if err != nil {
			w.Flush()
			return fmt.Errorf("%s:%d: %v", name, line, err)
		}
		m := cards[ev.card]
		if !m.LastReview.IsZero() && ev.time.Before(m.LastReview) {
			w.Flush()
			return fmt.Errorf("%s:%d: time %s is before card %q's previous review at %s; events of a card must not go back in time",
				name, line, ev.time.UTC().Format(jsTime), ev.card, m.LastReview.UTC().Format(jsTime))
		}
		o := sched.Next(m, ev.time, ev.rating)
		cards[ev.card] = o.Memory
		if err := enc.Encode(stateLine(ev, o, sched.Name())); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		w.Flush()
		return fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return w.Flush()
}

func stateLine(ev replayEvent, o quiz.Outcome, scheduler string) replayState {
	m := o.Memory
	st := replayState{
		Card: ev.card, Time: ev.time.UTC().Format(jsTime), Rating: int(ev.rating),
		State: m.State.String(), Step: m.Step, ElapsedDays: m.ElapsedDays, ScheduledDays: m.ScheduledDays,
		Due: m.Due.UTC().Format(jsTime), Reps: m.Reps, Lapses: m.Lapses,
	}
	if scheduler == "sm2" {
		st.Ease = &m.Ease
		return st
	}
	st.Stability, st.Difficulty = &m.Stability, &m.Difficulty
	if r := o.Retrievability; !math.IsNaN(r) {
		st.Retrievability = &r
	}
	return st
}

// parseEvent reads one event, naming the field and what is allowed when it
// is wrong.
func parseEvent(text []byte) (replayEvent, error) {
	var ev replayEvent
	var fields map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	if err := dec.Decode(&fields); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return ev, fmt.Errorf("column %d: malformed JSON: %v", se.Offset, err)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return ev, fmt.Errorf("column %d: malformed JSON: the line ends before the object does", len(text)+1)
		case errors.As(err, &te):
			return ev, fmt.Errorf("want a JSON object such as {\"card\":\"c1\",\"time\":\"2026-01-05T09:30:00.000Z\",\"rating\":3}")
		}
		return ev, fmt.Errorf("malformed JSON: %v", err)
	}
	if dec.More() {
		return ev, errors.New("malformed JSON: more than one value on the line; want one event per line")
	}
	for _, k := range []string{"card", "time", "rating"} {
		if _, ok := fields[k]; !ok {
			return ev, fmt.Errorf("missing field %q; each event needs card, time and rating", k)
		}
	}
	if err := json.Unmarshal(fields["card"], &ev.card); err != nil || ev.card == "" {
		return ev, fmt.Errorf("card %s: want a non-empty string", fields["card"])
	}
	var err error
	if ev.time, err = parseEventTime(fields["time"]); err != nil {
		return ev, err
	}
	ev.rating, err = parseEventRating(fields["rating"])
	return ev, err
}

func parseEventTime(raw json.RawMessage) (time.Time, error) {
	bad := fmt.Errorf("time %s: want RFC 3339 such as \"2026-01-05T09:30:00.000Z\" or integer milliseconds since the epoch", raw)
	var s string
	if json.Unmarshal(raw, &s) == nil {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return t, bad
		}
		return t, nil
	}
	ms, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || ms < -62135596800000 || ms > 253402300799999 {
		return time.Time{}, bad
	}
	return time.UnixMilli(ms).UTC(), nil
}

func parseEventRating(raw json.RawMessage) (quiz.Rating, error) {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		s = string(raw)
		if strings.HasPrefix(s, "\"") || strings.ContainsAny(s, ".eE") {
			s = "?" + s
		}
	}
	r, err := quiz.ParseRating(s)
	if err != nil {
		return 0, fmt.Errorf("rating %s: want 1-4 or \"again\", \"hard\", \"good\", \"easy\"", raw)
	}
	return r, nil
}

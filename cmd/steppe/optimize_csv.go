package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"steppe/quiz/fsrs/optimize"
)

// readReviewCSV reads a review log for the optimizer: a header naming
// card_id, review_time (ms since the epoch, UTC) and rating (0–4), and
// maybe user_id; other columns are ignored. Rows rated 0 are manual entries
// and are counted, not returned. A bad row stops the read with an error
// naming the file and line.
func readReviewCSV(path string) (logs []optimize.Log, manual int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	name := sanitize(path)
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, 0, fmt.Errorf("%s: empty file: want a header with card_id, review_time and rating", name)
	}
	if err != nil {
		return nil, 0, csvError(name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	var missing []string
	for _, want := range []string{"card_id", "review_time", "rating"} {
		if _, ok := col[want]; !ok {
			missing = append(missing, want)
		}
	}
	if len(missing) > 0 {
		shown := make([]string, len(header))
		for i, h := range header {
			shown[i] = oneLine(h)
		}
		return nil, 0, fmt.Errorf("%s:1: the header lacks %s (it has: %s); want card_id, review_time and rating, and maybe user_id",
			name, strings.Join(missing, ", "), strings.Join(shown, ", "))
	}
	cCard, cTime, cRating := col["card_id"], col["review_time"], col["rating"]
	cUser, hasUser := col["user_id"]
	need := max(cCard, cTime, cRating)
	if hasUser {
		need = max(need, cUser)
	}
	keys := map[string]string{} // interned card keys
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && rec[0] == "" {
			continue // a blank line
		}
		if len(rec) <= need {
			return nil, 0, fmt.Errorf("%s:%d: %d fields; the header has %d", name, line, len(rec), len(header))
		}
		ms, err := strconv.ParseInt(strings.TrimSpace(rec[cTime]), 10, 64)
		if err != nil {
			return nil, 0, fmt.Errorf("%s:%d: review_time %q is not a whole number of milliseconds since the epoch", name, line, oneLine(rec[cTime]))
		}
		rating, err := strconv.Atoi(strings.TrimSpace(rec[cRating]))
		if err != nil || rating < 0 || rating > 4 {
			return nil, 0, fmt.Errorf("%s:%d: rating %q: want 1 (again) to 4 (easy), or 0 for a manual entry", name, line, oneLine(rec[cRating]))
		}
		if rating == 0 {
			manual++
			continue
		}
		key := rec[cCard]
		if hasUser {
			key = rec[cUser] + "\x00" + key
		}
		k, ok := keys[key]
		if !ok {
			k = strings.Clone(key)
			keys[k] = k
		}
		logs = append(logs, optimize.Log{Card: k, Time: ms, Rating: rating})
	}
	return logs, manual, nil
}

// csvError names the file and line of a malformed CSV row.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

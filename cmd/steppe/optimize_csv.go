package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"steppe/quiz/fsrs/optimize"
)

// readReviewCSV reads a review log for the optimizer: a header naming
// card_id, review_time (ms since the epoch, UTC) and rating (0–4), and
// maybe user_id; other columns are ignored. Rows rated 0 are manual entries
// and are counted, not returned. A bad row stops the read with an error
// naming the file and line. A file without quotes is read in pieces side
// by side, one per core.
func readReviewCSV(path string) (logs []optimize.Log, manual int, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	name := sanitize(path)
	r := newRecordReader(data)
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, 0, fmt.Errorf("%s: empty file: want a header with card_id, review_time and rating", name)
	}
	if err != nil {
		return nil, 0, csvError(name, err)
	}
	cols, err := reviewColumns(name, header)
	if err != nil {
		return nil, 0, err
	}
	if r.csv != nil {
		return cols.rows(r)
	}
	// Cut the rest at line ends into a piece per core; each piece knows
	// the line it starts after.
	rest, line := r.data, r.line
	n := runtime.GOMAXPROCS(0)
	var readers []*recordReader
	for k := n; k > 0 && len(rest) > 0; k-- {
		end := len(rest)
		if k > 1 {
			end = len(rest) / k
			if nl := bytes.IndexByte(rest[end:], '\n'); nl >= 0 {
				end += nl + 1
			} else {
				end = len(rest)
			}
		}
		readers = append(readers, &recordReader{data: rest[:end], line: line})
		line += bytes.Count(rest[:end], []byte{'\n'})
		rest = rest[end:]
	}
	type piece struct {
		logs   []optimize.Log
		manual int
		err    error
	}
	pieces := make([]piece, len(readers))
	var wg sync.WaitGroup
	for i, rr := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &pieces[i]
			p.logs, p.manual, p.err = cols.rows(rr)
		}()
	}
	wg.Wait()
	total := 0
	for _, p := range pieces {
		if p.err != nil {
			return nil, 0, p.err // the first bad line, as a single read finds it
		}
		total += len(p.logs)
	}
	logs = make([]optimize.Log, 0, total)
	for _, p := range pieces {
		logs = append(logs, p.logs...)
		manual += p.manual
	}
	return logs, manual, nil
}

// reviewCols are the columns of a review log that the optimizer reads.
type reviewCols struct {
	name               string // the file, for messages
	fields             int    // the header's
	card, time, rating int
	user               int
	hasUser            bool
	need               int // the highest of them
}

// reviewColumns finds the columns in a header, or says which are missing.
func reviewColumns(name string, header []string) (*reviewCols, error) {
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
		return nil, fmt.Errorf("%s:1: the header lacks %s (it has: %s); want card_id, review_time and rating, and maybe user_id",
			name, strings.Join(missing, ", "), strings.Join(shown, ", "))
	}
	c := &reviewCols{name: name, fields: len(header), card: col["card_id"], time: col["review_time"], rating: col["rating"]}
	c.user, c.hasUser = col["user_id"]
	c.need = max(c.card, c.time, c.rating)
	if c.hasUser {
		c.need = max(c.need, c.user)
	}
	return c, nil
}

// rows reads the records left in r.
func (c *reviewCols) rows(r *recordReader) (logs []optimize.Log, manual int, err error) {
	keys := map[string]string{} // interned card keys
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return logs, manual, nil
		}
		if err != nil {
			return nil, 0, csvError(c.name, err)
		}
		line := r.Line()
		if len(rec) == 1 && rec[0] == "" {
			continue // a blank line
		}
		if len(rec) <= c.need {
			return nil, 0, fmt.Errorf("%s:%d: %d fields; the header has %d", c.name, line, len(rec), c.fields)
		}
		ms, err := strconv.ParseInt(strings.TrimSpace(rec[c.time]), 10, 64)
		if err != nil {
			return nil, 0, fmt.Errorf("%s:%d: review_time %q is not a whole number of milliseconds since the epoch", c.name, line, oneLine(rec[c.time]))
		}
		rating, err := strconv.Atoi(strings.TrimSpace(rec[c.rating]))
		if err != nil || rating < 0 || rating > 4 {
			return nil, 0, fmt.Errorf("%s:%d: rating %q: want 1 (again) to 4 (easy), or 0 for a manual entry", c.name, line, oneLine(rec[c.rating]))
		}
		if rating == 0 {
			manual++
			continue
		}
		key := rec[c.card]
		if c.hasUser {
			key = rec[c.user] + "\x00" + key
		}
		k, ok := keys[key]
		if !ok {
			k = strings.Clone(key)
			keys[k] = k
		}
		logs = append(logs, optimize.Log{Card: k, Time: ms, Rating: rating})
	}
}

// csvError names the file and line of a malformed CSV row.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// recordReader reads CSV records. A file without a double quote, which is
// how review logs are written, is split at commas and newlines directly,
// several times faster than encoding/csv; any other goes through
// encoding/csv.
type recordReader struct {
	data []byte
	line int // the line of the record last read
	rec  []string
	csv  *csv.Reader
}

func newRecordReader(data []byte) *recordReader {
	r := &recordReader{data: data}
	if bytes.IndexByte(data, '"') >= 0 {
		r.csv = csv.NewReader(bytes.NewReader(data))
		r.csv.FieldsPerRecord = -1
		r.csv.ReuseRecord = true
	}
	return r
}

// Read returns the next record; its strings are valid until the next Read.
func (r *recordReader) Read() ([]string, error) {
	if r.csv != nil {
		rec, err := r.csv.Read()
		if err == nil {
			r.line, _ = r.csv.FieldPos(0)
		}
		return rec, err
	}
	for len(r.data) > 0 {
		r.line++
		end := bytes.IndexByte(r.data, '\n')
		var ln []byte
		if end < 0 {
			ln, r.data = r.data, nil
		} else {
			ln, r.data = r.data[:end], r.data[end+1:]
		}
		ln = bytes.TrimSuffix(ln, []byte("\r"))
		if len(ln) == 0 {
			continue // encoding/csv skips blank lines too
		}
		// One string per line; the fields share it.
		line := string(ln)
		r.rec = r.rec[:0]
		for {
			i := strings.IndexByte(line, ',')
			if i < 0 {
				r.rec = append(r.rec, line)
				break
			}
			r.rec = append(r.rec, line[:i])
			line = line[i+1:]
		}
		return r.rec, nil
	}
	return nil, io.EOF
}

// Line is the line of the record last read.
func (r *recordReader) Line() int { return r.line }

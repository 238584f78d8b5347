// Command fsrscompare scores FSRS parameter sets on one review log with one
// model, steppe's float64 model of the reference optimizer: the plain mean
// log loss over every training item (no outlier filter, no recency
// weights) and RMSE(bins). It is how steppe's fit is compared with the
// reference's; README.md says how to run the comparison.
//
//	go run ./cmd/fsrscompare LOG.csv NAME=PARAMS.json...
//
// Each PARAMS.json holds {"params": [21 numbers]} (what `steppe optimize
// --json` and reference/fit.mjs print), or is "defaults".
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"steppe/quiz"
	"steppe/quiz/fsrs"
	"steppe/quiz/fsrs/optimize"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "fsrscompare:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: fsrscompare LOG.csv NAME=PARAMS.json|defaults...")
	}
	logs, err := readLog(args[0])
	if err != nil {
		return err
	}
	items, _ := optimize.Items(logs, quiz.Calendar{})
	fmt.Printf("%s: %d reviews, %d items\n", args[0], len(logs), len(items))
	var base float64
	for i, a := range args[1:] {
		name, path, ok := strings.Cut(a, "=")
		if !ok {
			return fmt.Errorf("%q: want NAME=PARAMS.json", a)
		}
		w := fsrs.DefaultW
		if path != "defaults" {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			var v struct{ Params []float64 }
			if err := json.Unmarshal(b, &v); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			if len(v.Params) != 21 {
				return fmt.Errorf("%s: %d params, want 21", path, len(v.Params))
			}
			copy(w[:], v.Params)
		}
		m := optimize.Evaluate(items, w)
		line := fmt.Sprintf("%-10s log loss %.6f  RMSE(bins) %.4f", name, m.LogLoss, m.RMSEBins)
		if i == 0 {
			base = m.LogLoss
		} else {
			line += fmt.Sprintf("  %+.3f%% vs %s", 100*(m.LogLoss-base)/base, strings.SplitN(args[1], "=", 2)[0])
		}
		fmt.Println(line)
	}
	return nil
}

// readLog reads card_id, review_time and rating (and user_id) by header.
func readLog(path string) ([]optimize.Log, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	col := map[string]int{}
	for i, h := range strings.Split(lines[0], ",") {
		col[strings.TrimSpace(h)] = i
	}
	var logs []optimize.Log
	for n, l := range lines[1:] {
		f := strings.Split(strings.TrimSpace(l), ",")
		t, err1 := strconv.ParseInt(f[col["review_time"]], 10, 64)
		r, err2 := strconv.Atoi(f[col["rating"]])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s:%d: bad row %q", path, n+2, l)
		}
		card := f[col["card_id"]]
		if u, ok := col["user_id"]; ok {
			card = f[u] + "\x00" + card
		}
		logs = append(logs, optimize.Log{Card: card, Time: t, Rating: r})
	}
	return logs, nil
}

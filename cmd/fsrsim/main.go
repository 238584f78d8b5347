// Command fsrsim writes a simulated review log for testing an FSRS optimizer:
// a learner whose memory follows FSRS-6 with known "true" parameters
// (TrueParams unless -params says otherwise), reviewing on the schedule that
// steppe's own FSRS scheduler sets. An optimizer fitted to the log should
// find parameters close to the true ones.
//
//	go run ./cmd/fsrsim -reviews 100000 -seed 1 -o sim.csv [-params w0,...,w20] [-users 1] [-new-per-day 20]
//
// The CSV has the header card_id,review_time,rating, with user_id first when
// -users is more than 1. review_time is in milliseconds since the epoch, UTC;
// rating is 1 (Again) to 4 (Easy); card_id counts each learner's cards from
// 1 in the order they are introduced. Rows are sorted by review_time (ties,
// possible only between learners, by user_id).
//
// The model:
//
//   - Days are UTC calendar days from 2024-01-01. Each day the learner opens
//     one session at a random time between 08:00 and 20:00 UTC (or when the
//     previous day's session ended, if that is later), reviews the cards the
//     scheduler made due that day, then introduces -new-per-day new cards.
//     Consecutive reviews are 3 s to 3 min apart (log-uniform). A card
//     rated in a learning or relearning step comes back the same day when
//     its step (1 or 10 minutes, say) has passed: it is taken as soon as it
//     is due, before the next due or new card, and the session waits for it
//     when nothing else is left. There is no daily limit.
//   - The run stops after the day on which the rows of all learners together
//     reach -reviews; every row simulated is written, so there are at least
//     -reviews.
//   - Due dates come from steppe's scheduler, quiz/fsrs with its defaults
//     (fsrs.DefaultParams: FSRS-6 default weights, retention 0.9, learning
//     steps 1m 10m, relearning step 10m, short-term scheduling and fuzz on,
//     UTC days from 00:00), not from the true parameters: like a real
//     learner's, the schedule is not the one the true memory would choose.
//   - The true memory of each card is a separate (D, S) pair advanced by the
//     fsrs-rs 6.5.0 model (the optimizer's model: float64 here, with no
//     rounding of intermediate results) with the true parameters; see
//     model.next. Its elapsed time t is the number of UTC calendar days
//     between the card's previous review and this one; t = 0 applies the
//     short-term rule.
//   - A card's first rating is drawn from sim.FirstRatingProb. At a later review
//     the card is recalled with probability R = (1 + factor·t/S)^(-w20), with
//     factor = 0.9^(-1/w20) - 1 and the true S: t is the whole calendar days
//     for a review on a later day, and the fractional days elapsed (ms /
//     86 400 000) for a review on the same day. Forgotten gives Again;
//     recalled gives Hard, Good or Easy with sim.ReviewRatingProb.
//
// All randomness comes from math/rand/v2's PCG seeded by -seed, so a seed
// always gives the same file. With -users U > 1 each learner has its own
// PCG stream derived from -seed and its own cards; the learners are
// independent.
package main

import (
	"bufio"
	"cmp"
	"container/heap"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"steppe/quiz"
	"steppe/quiz/fsrs"
	"steppe/quiz/sim"
)

// TrueParams are the default true parameters: FSRS-6's defaults
// (fsrs.DefaultW) moved by 10-50% in most places, so that a fit that merely
// returned the defaults would be visibly wrong. All are inside the clipping
// bounds (with short-term scheduling on and one relearning step).
//
//	i   default  true    change
//	0   0.212    0.28    +32%  initial S, Again
//	1   1.2931   1.0     -23%  initial S, Hard
//	2   2.3065   3.1     +34%  initial S, Good
//	3   8.2956   11.0    +33%  initial S, Easy
//	4   6.4133   5.8     -10%  initial D
//	5   0.8334   1.05    +26%  initial D exponent
//	6   3.0194   2.4     -21%  D change per grade
//	7   0.001    0.02    x20   D mean reversion
//	8   1.8722   1.55    -17%  recall: exp(w8)
//	9   0.1666   0.22    +32%  recall: S^-w9
//	10  0.796    1.05    +32%  recall: R factor
//	11  1.4835   1.9     +28%  lapse scale
//	12  0.0614   0.085   +38%  lapse: D^-w12
//	13  0.2629   0.33    +26%  lapse: (S+1)^w13
//	14  1.6483   1.3     -21%  lapse: R factor
//	15  0.6014   0.45    -25%  Hard multiplier
//	16  1.8729   2.3     +23%  Easy multiplier
//	17  0.5425   0.7     +29%  short-term exponent
//	18  0.0912   0.12    +32%  short-term offset
//	19  0.0658   0.09    +37%  short-term S^-w19
//	20  0.1542   0.22    +43%  decay
var TrueParams = [21]float64{
	0.28, 1.0, 3.1, 11.0, 5.8, 1.05, 2.4, 0.02, 1.55, 0.22,
	1.05, 1.9, 0.085, 0.33, 1.3, 0.45, 2.3, 0.7, 0.12, 0.09,
	0.22,
}

// Start is the first simulated day's midnight.
var Start = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

const (
	dayMs = 86_400_000
	hour  = 3_600_000
	// Gaps between consecutive reviews, in ms: log-uniform in [minGap, maxGap).
	minGap = 3_000
	maxGap = 180_000
)

// bounds are the clipping limits of FSRS-6's weights with short-term
// scheduling on and one relearning step (fsrs-notes §2).
var bounds = [21][2]float64{
	{0.001, 100}, {0.001, 100}, {0.001, 100}, {0.001, 100},
	{1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75},
	{0, 4.5}, {0, 0.8}, {0.001, 3.5}, {0.001, 5},
	{0.001, 0.25}, {0.001, 0.9}, {0, 4}, {0, 1},
	{1, 6}, {0, 2}, {0, 2}, {0.01, 0.8},
	{0.1, 0.8},
}

// config is one run.
type config struct {
	Reviews   int    // rows wanted, at least 1
	Seed      uint64 // seeds every draw
	NewPerDay int    // at least 1
	Users     int    // at least 1
	W         [21]float64
}

// row is one review.
type row struct {
	User, Card int
	Time       int64 // ms since the epoch
	Rating     quiz.Rating
}

// stats describe a run, for the summary and the tests.
type stats struct {
	Days, Cards int
	// LongTerm counts the reviews on a later day than the card's previous
	// one (t >= 1); Recalled how many of them were recalled, and SumR the
	// sum of their true R.
	LongTerm, Recalled int
	SumR               float64
	// SameDay counts the reviews on the day of the card's previous one.
	SameDay int
}

// model is the true memory: the fsrs-rs model in float64.
type model struct {
	w             [21]float64
	decay, factor float64
	d0Easy        float64 // unclamped initial D of Easy, the mean-reversion target
}

func newModel(w [21]float64) model {
	m := model{w: w, decay: -w[20]}
	m.factor = math.Pow(0.9, 1/m.decay) - 1
	m.d0Easy = m.initDRaw(quiz.Easy)
	return m
}

// r is the probability of recall t days after a review that left stability S.
func (m *model) r(t, S float64) float64 {
	return math.Pow(1+m.factor*t/S, m.decay)
}

func (m *model) initDRaw(g quiz.Rating) float64 {
	return m.w[4] - math.Exp(float64(g-1)*m.w[5]) + 1
}

// init is a new card's state after its first rating g.
func (m *model) init(g quiz.Rating) (D, S float64) {
	return clamp(m.initDRaw(g), 1, 10), clamp(m.w[g-1], fsrs.SMin, fsrs.SMax)
}

// next is the state after rating g, t whole days after the previous review.
func (m *model) next(D, S float64, t int, g quiz.Rating) (float64, float64) {
	w := &m.w
	D, S = clamp(D, 1, 10), clamp(S, fsrs.SMin, fsrs.SMax)
	var s float64
	switch {
	case t == 0:
		sinc := math.Exp(w[17]*(float64(g)-3+w[18])) * math.Pow(S, -w[19])
		if g >= quiz.Hard {
			sinc = math.Max(sinc, 1)
		}
		s = S * sinc
	case g == quiz.Again:
		R := m.r(float64(t), S)
		s = w[11] * math.Pow(D, -w[12]) * (math.Pow(S+1, w[13]) - 1) * math.Exp((1-R)*w[14])
		s = math.Min(s, S/math.Exp(w[17]*w[18]))
	default:
		R := m.r(float64(t), S)
		hp, eb := 1.0, 1.0
		if g == quiz.Hard {
			hp = w[15]
		}
		if g == quiz.Easy {
			eb = w[16]
		}
		s = S * (math.Exp(w[8])*(11-D)*math.Pow(S, -w[9])*(math.Exp((1-R)*w[10])-1)*hp*eb + 1)
	}
	delta := -w[6] * (float64(g) - 3)
	d := D + (10-D)*delta/9
	d = w[7]*(m.d0Easy-d) + d
	return clamp(d, 1, 10), clamp(s, fsrs.SMin, fsrs.SMax)
}

func clamp(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }

// card is one card's scheduler memory and true memory.
type card struct {
	sched quiz.Memory
	D, S  float64
	last  int64 // ms of the last review; 0 before the first
}

// learner is one simulated person.
type learner struct {
	user  int
	rng   *rand.Rand
	sched *fsrs.Scheduler
	m     *model
	cfg   *config
	cards []card
	due   map[int][]int32 // day → cards due that day
	clock int64           // ms; when the last session ended
	rows  []row
	st    *stats
}

// dayOf numbers the UTC day that holds ms, counting Start's as 0.
func dayOf(ms int64) int {
	d := (ms - Start.UnixMilli()) / dayMs
	if (ms-Start.UnixMilli())%dayMs < 0 {
		d--
	}
	return int(d)
}

// learning is a heap of same-day learning cards by due time.
type lentry struct {
	due  int64
	card int32
}

type learning []lentry

func (h learning) Len() int { return len(h) }
func (h learning) Less(i, j int) bool {
	return h[i].due < h[j].due || h[i].due == h[j].due && h[i].card < h[j].card
}
func (h learning) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *learning) Push(x any) {
	*h = append(*h, x.(lentry))
}
func (h *learning) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// day runs day d's session.
func (l *learner) day(d int) {
	now := Start.UnixMilli() + int64(d)*dayMs + 8*hour + l.rng.Int64N(12*hour)
	now = max(now, l.clock)
	queue := l.due[d]
	delete(l.due, d)
	slices.SortFunc(queue, func(a, b int32) int {
		return cmp.Or(cmp.Compare(l.cards[a].sched.Due.UnixMilli(), l.cards[b].sched.Due.UnixMilli()), cmp.Compare(a, b))
	})
	var lh learning
	newLeft := l.cfg.NewPerDay
	for {
		var i int32
		switch {
		case lh.Len() > 0 && lh[0].due <= now:
			i = heap.Pop(&lh).(lentry).card
		case len(queue) > 0:
			i, queue = queue[0], queue[1:]
		case newLeft > 0:
			l.cards = append(l.cards, card{})
			i = int32(len(l.cards) - 1)
			newLeft--
		case lh.Len() > 0:
			x := heap.Pop(&lh).(lentry)
			i, now = x.card, x.due
		default:
			l.clock = now
			return
		}
		due := l.review(i, now)
		if dd := dayOf(due); dd == d {
			heap.Push(&lh, lentry{due, i})
		} else {
			l.due[dd] = append(l.due[dd], i)
		}
		now += int64(math.Exp(math.Log(minGap) + l.rng.Float64()*math.Log(float64(maxGap)/minGap)))
	}
}

// review rates card i at now and returns its new due time.
func (l *learner) review(i int32, now int64) int64 {
	c := &l.cards[i]
	var g quiz.Rating
	if c.last == 0 {
		g = sim.Pick(l.rng, sim.FirstRatingProb[:]) + quiz.Again
		c.D, c.S = l.m.init(g)
	} else {
		t := dayOf(now) - dayOf(c.last)
		var R float64
		if t == 0 {
			R = l.m.r(float64(now-c.last)/dayMs, c.S)
			l.st.SameDay++
		} else {
			R = l.m.r(float64(t), c.S)
		}
		g = quiz.Again
		if l.rng.Float64() < R {
			g = sim.Pick(l.rng, sim.ReviewRatingProb[:]) + quiz.Hard
		}
		if t > 0 {
			l.st.LongTerm++
			l.st.SumR += R
			if g > quiz.Again {
				l.st.Recalled++
			}
		}
		c.D, c.S = l.m.next(c.D, c.S, t, g)
	}
	c.sched = l.sched.Next(c.sched, time.UnixMilli(now).UTC(), g).Memory
	c.last = now
	l.rows = append(l.rows, row{User: l.user, Card: int(i) + 1, Time: now, Rating: g})
	due := c.sched.Due.UnixMilli()
	if due <= now {
		panic(fmt.Sprintf("card %d due %d not after review %d", i+1, due, now))
	}
	return due
}

// simulate runs the learners and returns every row sorted by time.
func simulate(cfg config) ([]row, stats, error) {
	if cfg.Reviews < 1 {
		return nil, stats{}, fmt.Errorf("reviews %d: want at least 1", cfg.Reviews)
	}
	if cfg.NewPerDay < 1 {
		return nil, stats{}, fmt.Errorf("new cards per day %d: want at least 1", cfg.NewPerDay)
	}
	if cfg.Users < 1 {
		return nil, stats{}, fmt.Errorf("users %d: want at least 1", cfg.Users)
	}
	for i, x := range cfg.W {
		if !(x >= bounds[i][0] && x <= bounds[i][1]) {
			return nil, stats{}, fmt.Errorf("w%d = %v: want a value in [%v, %v]", i, x, bounds[i][0], bounds[i][1])
		}
	}
	sched, err := fsrs.New(fsrs.DefaultParams())
	if err != nil {
		return nil, stats{}, err
	}
	m := newModel(cfg.W)
	var st stats
	ls := make([]*learner, cfg.Users)
	for u := range ls {
		ls[u] = &learner{
			user:  u + 1,
			rng:   rand.New(rand.NewPCG(cfg.Seed, 0xf5_51_0000+uint64(u))),
			sched: sched,
			m:     &m,
			cfg:   &cfg,
			due:   map[int][]int32{},
			st:    &st,
		}
	}
	total := 0
	for d := 0; total < cfg.Reviews; d++ {
		for _, l := range ls {
			n := len(l.rows)
			l.day(d)
			total += len(l.rows) - n
		}
		st.Days = d + 1
	}
	rows := make([]row, 0, total)
	for _, l := range ls {
		rows = append(rows, l.rows...)
		st.Cards += len(l.cards)
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.Time, b.Time), cmp.Compare(a.User, b.User))
	})
	return rows, st, nil
}

// write writes the CSV.
func write(w io.Writer, rows []row, users int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if users > 1 {
		bw.WriteString("user_id,")
	}
	bw.WriteString("card_id,review_time,rating\n")
	var buf []byte
	for _, r := range rows {
		buf = buf[:0]
		if users > 1 {
			buf = strconv.AppendInt(buf, int64(r.User), 10)
			buf = append(buf, ',')
		}
		buf = strconv.AppendInt(buf, int64(r.Card), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, r.Time, 10)
		buf = append(buf, ',', byte('0'+r.Rating), '\n')
		bw.Write(buf)
	}
	return bw.Flush()
}

// parseParams reads 21 comma-separated weights.
func parseParams(s string) ([21]float64, error) {
	var w [21]float64
	f := strings.Split(s, ",")
	if len(f) != 21 {
		return w, fmt.Errorf("-params: %d values, want 21", len(f))
	}
	for i, x := range f {
		v, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return w, fmt.Errorf("-params: w%d: %w", i, err)
		}
		w[i] = v
	}
	return w, nil
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fsrsim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := config{W: TrueParams}
	fs.IntVar(&cfg.Reviews, "reviews", 100000, "stop after the day on which the log reaches this many rows")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed")
	fs.IntVar(&cfg.NewPerDay, "new-per-day", 20, "new cards each learner introduces each day")
	fs.IntVar(&cfg.Users, "users", 1, "independent learners; more than 1 adds a user_id column")
	out := fs.String("o", "", "output file (default stdout)")
	params := fs.String("params", "", "the 21 true weights, comma-separated (default TrueParams)")
	quiet := fs.Bool("q", false, "no summary on stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *params != "" {
		w, err := parseParams(*params)
		if err != nil {
			return err
		}
		cfg.W = w
	}
	rows, st, err := simulate(cfg)
	if err != nil {
		return err
	}
	w := stdout
	var f *os.File
	if *out != "" {
		if f, err = os.Create(*out); err != nil {
			return err
		}
		w = f
	}
	err = write(w, rows, cfg.Users)
	if f != nil {
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		return err
	}
	if !*quiet {
		rate, meanR := 0.0, 0.0
		if st.LongTerm > 0 {
			rate, meanR = float64(st.Recalled)/float64(st.LongTerm), st.SumR/float64(st.LongTerm)
		}
		fmt.Fprintf(stderr, "fsrsim: %d rows, %d users, %d cards, %d days; %d reviews on a later day (recalled %.4f, mean true R %.4f), %d same-day\n",
			len(rows), cfg.Users, st.Cards, st.Days, st.LongTerm, rate, meanR, st.SameDay)
	}
	return nil
}

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "fsrsim:", err)
		}
		os.Exit(2)
	}
}

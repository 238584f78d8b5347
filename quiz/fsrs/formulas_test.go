package fsrs

import (
	"strings"
	"testing"

	"steppe/quiz"
)

// formulas.json holds tables that ts-fsrs 5.4.2 computed for each formula;
// see testdata/README.md for the layout.
type formulaFile struct {
	ForgettingCurve struct {
		Cases []struct{ W20, T, S, R float64 }
	} `json:"forgetting_curve"`
	DecayFactor struct {
		Cases []struct{ W20, Decay, Factor float64 }
	} `json:"decay_factor"`
	NextInterval struct {
		Cases []struct {
			S                float64 `json:"s"`
			Retention        float64 `json:"request_retention"`
			MaxInterval      int     `json:"maximum_interval"`
			W20              float64 `json:"w20"`
			IntervalModifier float64 `json:"interval_modifier"`
			Interval         int     `json:"interval"`
		}
	} `json:"next_interval"`
	Init                   groups[initCase]       `json:"init"`
	NextDifficulty         groups[difficultyCase] `json:"next_difficulty"`
	NextRecallStability    groups[stabilityCase]  `json:"next_recall_stability"`
	NextForgetStability    groups[stabilityCase]  `json:"next_forget_stability"`
	NextShortTermStability groups[stabilityCase]  `json:"next_short_term_stability"`
	NextState              groups[stateCase]      `json:"next_state"`
	Migration              struct {
		Cases []struct {
			Name      string    `json:"name"`
			InputW    []float64 `json:"input_w"`
			N         int       `json:"num_relearning_steps"`
			ShortTerm bool      `json:"enable_short_term"`
			OK        bool      `json:"check_parameters_ok"`
			Effective []float64 `json:"effective"`
		}
	} `json:"migration"`
	Clip struct {
		Cases []struct {
			Name      string    `json:"name"`
			InputW    []float64 `json:"input_w"`
			N         int       `json:"num_relearning_steps"`
			ShortTerm bool      `json:"enable_short_term"`
			Clipped   []float64 `json:"clipped"`
		}
	} `json:"clip"`
	Ceiling struct {
		Cases []struct {
			W11, W13, W14 float64
			N             int `json:"num_relearning_steps"`
			Ceiling       float64
		}
	} `json:"w17_w18_ceiling"`
	Steps struct {
		Cases []struct {
			Steps []string `json:"steps"`
			State int      `json:"state"`
			Cur   int      `json:"cur_step"`
			Again *entry   `json:"again"`
			Hard  *entry   `json:"hard"`
			Good  *entry   `json:"good"`
			Easy  *entry   `json:"easy"`
		}
	} `json:"learning_steps_strategy"`
	StepMinutes struct {
		Cases []struct {
			Step    string `json:"step"`
			Minutes int    `json:"minutes"`
		}
	} `json:"step_minutes"`
	DateDiff struct {
		Cases []struct {
			Last int64 `json:"last_ms"`
			Now  int64 `json:"now_ms"`
			Days int   `json:"days"`
		}
	} `json:"date_diff_in_days"`
	FuzzSeed struct {
		Cases []struct {
			NowMs int64   `json:"now_ms"`
			Reps  int     `json:"reps"`
			D, S  float64 `json:"-"`
			DD    float64 `json:"d"`
			SS    float64 `json:"s"`
			Seed  string  `json:"seed"`
		}
	} `json:"fuzz_seed"`
	ApplyFuzz struct {
		Cases []struct {
			Seed        string `json:"seed"`
			Ivl         int    `json:"ivl"`
			Elapsed     int    `json:"elapsed_days"`
			MaxInterval int    `json:"maximum_interval"`
			Fuzzed      int    `json:"fuzzed"`
		}
	} `json:"apply_fuzz"`
	Alea struct {
		Cases []struct {
			Seed    string    `json:"seed"`
			Outputs []float64 `json:"outputs"`
		}
	} `json:"alea"`
}

type groups[C any] struct {
	Groups []struct {
		Name      string    `json:"name"`
		W         []float64 `json:"w"`
		ShortTerm *bool     `json:"enable_short_term"`
		Cases     []C       `json:"cases"`
	} `json:"groups"`
}

type initCase struct {
	Grade              quiz.Rating `json:"grade"`
	InitStability      float64     `json:"init_stability"`
	InitDifficultyRaw  float64     `json:"init_difficulty_raw"`
	InitDifficulty     float64     `json:"init_difficulty"`
	NextStateStability float64     `json:"next_state_stability"`
}

type difficultyCase struct {
	D     float64     `json:"d"`
	Grade quiz.Rating `json:"grade"`
	NextD float64     `json:"next_d"`
}

type stabilityCase struct {
	D, S, R float64
	Grade   quiz.Rating `json:"grade"`
	NextS   float64     `json:"next_s"`
}

type stateCase struct {
	D, S  float64
	T     int
	Grade quiz.Rating `json:"grade"`
	NextD float64     `json:"next_d"`
	NextS float64     `json:"next_s"`
}

type entry struct {
	Minutes int `json:"scheduled_minutes"`
	Next    int `json:"next_step"`
}

func loadFormulas(t *testing.T) formulaFile {
	var f formulaFile
	loadJSON(t, "testdata/formulas.json", &f)
	return f
}

// withW builds a scheduler whose weights are exactly w (already effective).
func withW(t *testing.T, w []float64, shortTerm bool) *Scheduler {
	t.Helper()
	p := DefaultParams()
	p.W, p.ShortTerm, p.Fuzz = w, shortTerm, false
	s, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func defaultsWith(t *testing.T, mod func(*Params)) *Scheduler {
	t.Helper()
	p := DefaultParams()
	p.Fuzz = false
	mod(&p)
	s, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestForgettingCurve(t *testing.T) {
	f := loadFormulas(t)
	if len(f.ForgettingCurve.Cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range f.ForgettingCurve.Cases {
		s := defaultsWith(t, func(p *Params) { w := DefaultW; w[20] = c.W20; p.W = w[:] })
		if got := s.ForgettingCurve(c.T, c.S); got != c.R {
			t.Errorf("R(t=%v, S=%v, w20=%v) = %v, want %v", c.T, c.S, c.W20, got, c.R)
		}
	}
	for _, c := range f.DecayFactor.Cases {
		s := defaultsWith(t, func(p *Params) { w := DefaultW; w[20] = c.W20; p.W = w[:] })
		if s.decay != c.Decay || s.factor != c.Factor {
			t.Errorf("w20=%v: decay %v factor %v, want %v %v", c.W20, s.decay, s.factor, c.Decay, c.Factor)
		}
	}
}

func TestNextInterval(t *testing.T) {
	f := loadFormulas(t)
	if len(f.NextInterval.Cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range f.NextInterval.Cases {
		s := defaultsWith(t, func(p *Params) {
			w := DefaultW
			w[20] = c.W20
			p.W, p.Retention, p.MaxInterval = w[:], c.Retention, c.MaxInterval
		})
		if s.ivlModifier != c.IntervalModifier {
			t.Errorf("retention %v w20 %v: modifier %v, want %v", c.Retention, c.W20, s.ivlModifier, c.IntervalModifier)
		}
		if got := s.NextInterval(c.S); got != c.Interval {
			t.Errorf("S=%v retention %v max %d w20 %v: interval %d, want %d", c.S, c.Retention, c.MaxInterval, c.W20, got, c.Interval)
		}
	}
}

func TestInitAndDifficulty(t *testing.T) {
	f := loadFormulas(t)
	for _, g := range f.Init.Groups {
		s := withW(t, g.W, true)
		for _, c := range g.Cases {
			if got := s.InitStability(c.Grade); got != c.InitStability {
				t.Errorf("%s: S0(%v) = %v, want %v", g.Name, c.Grade, got, c.InitStability)
			}
			if got := s.initDifficultyRaw(c.Grade); got != c.InitDifficultyRaw {
				t.Errorf("%s: D0raw(%v) = %v, want %v", g.Name, c.Grade, got, c.InitDifficultyRaw)
			}
			if got := s.InitDifficulty(c.Grade); got != c.InitDifficulty {
				t.Errorf("%s: D0(%v) = %v, want %v", g.Name, c.Grade, got, c.InitDifficulty)
			}
		}
	}
	for _, g := range f.NextDifficulty.Groups {
		s := withW(t, g.W, true)
		for _, c := range g.Cases {
			if got := s.NextDifficulty(c.D, c.Grade); got != c.NextD {
				t.Errorf("%s: D'(%v, %v) = %v, want %v", g.Name, c.D, c.Grade, got, c.NextD)
			}
		}
	}
	if len(f.Init.Groups) == 0 || len(f.NextDifficulty.Groups) == 0 {
		t.Fatal("no cases")
	}
}

func TestStabilityFormulas(t *testing.T) {
	f := loadFormulas(t)
	n := 0
	for _, g := range f.NextRecallStability.Groups {
		s := withW(t, g.W, true)
		for _, c := range g.Cases {
			n++
			if got := s.RecallStability(c.D, c.S, c.R, c.Grade); !near(got, c.NextS) {
				t.Errorf("%s: recall S'(D=%v S=%v R=%v %v) = %v, want %v", g.Name, c.D, c.S, c.R, c.Grade, got, c.NextS)
			}
		}
	}
	for _, g := range f.NextForgetStability.Groups {
		s := withW(t, g.W, true)
		for _, c := range g.Cases {
			n++
			// The table is the formula without the cap, which ForgetStability adds.
			got := s.ForgetStability(c.D, c.S, c.R)
			want := min(max(s.forgetCap(c.S), SMin), c.NextS)
			if !near(got, want) {
				t.Errorf("%s: forget S'(D=%v S=%v R=%v) = %v, want %v", g.Name, c.D, c.S, c.R, got, want)
			}
		}
	}
	for _, g := range f.NextShortTermStability.Groups {
		s := withW(t, g.W, true)
		for _, c := range g.Cases {
			n++
			if got := s.ShortTermStability(c.S, c.Grade); !near(got, c.NextS) {
				t.Errorf("%s: short-term S'(S=%v %v) = %v, want %v", g.Name, c.S, c.Grade, got, c.NextS)
			}
		}
	}
	for _, g := range f.NextState.Groups {
		s := withW(t, g.W, g.ShortTerm == nil || *g.ShortTerm)
		for _, c := range g.Cases {
			n++
			R := 1.0
			if c.S > 0 {
				R = s.ForgettingCurve(float64(c.T), c.S)
			}
			got := s.nextState(memoryState{D: c.D, S: c.S}, c.T, R, c.Grade)
			if !near(got.D, c.NextD) || !near(got.S, c.NextS) {
				t.Errorf("%s: next_state(D=%v S=%v t=%d %v) = %+v, want D %v S %v", g.Name, c.D, c.S, c.T, c.Grade, got, c.NextD, c.NextS)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d cases", n)
	}
}

func TestMigrationAndClipping(t *testing.T) {
	f := loadFormulas(t)
	for _, c := range f.Migration.Cases {
		got, err := MigrateW(c.InputW, c.N, c.ShortTerm)
		if !c.OK {
			// ts-fsrs falls back to the defaults; steppe refuses instead.
			if err == nil {
				t.Errorf("%s: %d parameters accepted", c.Name, len(c.InputW))
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		for i := range got {
			if !near(got[i], c.Effective[i]) {
				t.Errorf("%s: w[%d] = %v, want %v", c.Name, i, got[i], c.Effective[i])
			}
		}
	}
	for _, c := range f.Clip.Cases {
		got := clipped(c.InputW, c.N, c.ShortTerm)
		for i := range got {
			if got[i] != c.Clipped[i] {
				t.Errorf("%s: clipped w[%d] = %v, want %v", c.Name, i, got[i], c.Clipped[i])
			}
		}
	}
	for _, c := range f.Ceiling.Cases {
		w := DefaultW
		w[11], w[13], w[14], w[17], w[18] = c.W11, c.W13, c.W14, 100, 100
		got := clipped(w[:], c.N, true)
		if got[17] != c.Ceiling || got[18] != c.Ceiling {
			t.Errorf("w11=%v w13=%v w14=%v n=%d: ceiling %v/%v, want %v", c.W11, c.W13, c.W14, c.N, got[17], got[18], c.Ceiling)
		}
	}
	if len(f.Migration.Cases) == 0 || len(f.Clip.Cases) == 0 || len(f.Ceiling.Cases) == 0 {
		t.Fatal("no cases")
	}
}

func TestLearningSteps(t *testing.T) {
	f := loadFormulas(t)
	for _, c := range f.Steps.Cases {
		st := jsSteps(c.Steps)
		for i, want := range []*entry{c.Again, c.Hard, c.Good, c.Easy} {
			g := quiz.Rating(i + 1)
			minutes, next, ok := stepEntry(st, c.Cur, quiz.State(c.State), g)
			if want == nil {
				if ok {
					t.Errorf("steps %v state %v cur %d %v: entry %d/%d, want none", c.Steps, quiz.State(c.State), c.Cur, g, minutes, next)
				}
				continue
			}
			if !ok || minutes != want.Minutes || next != want.Next {
				t.Errorf("steps %v state %v cur %d %v: %d/%d/%v, want %d/%d", c.Steps, quiz.State(c.State), c.Cur, g, minutes, next, ok, want.Minutes, want.Next)
			}
		}
	}
	for _, c := range f.StepMinutes.Cases {
		got, err := quiz.ParseStep(c.Step)
		switch {
		case c.Minutes == 0 || strings.Contains(c.Step, "."):
			// ts-fsrs reads "0m" as no time and "1.5h" as 1h; steppe refuses both.
			if err == nil {
				t.Errorf("step %q accepted as %d", c.Step, got)
			}
		case err != nil || got != c.Minutes:
			t.Errorf("step %q = %d, %v; want %d", c.Step, got, err, c.Minutes)
		}
	}
	if len(f.Steps.Cases) == 0 || len(f.StepMinutes.Cases) == 0 {
		t.Fatal("no cases")
	}
}

func TestDateDiff(t *testing.T) {
	f := loadFormulas(t)
	var cal quiz.Calendar
	for _, c := range f.DateDiff.Cases {
		if got := cal.Between(ms(c.Last), ms(c.Now)); got != c.Days {
			t.Errorf("days from %d to %d = %d, want %d", c.Last, c.Now, got, c.Days)
		}
	}
	if len(f.DateDiff.Cases) == 0 {
		t.Fatal("no cases")
	}
}

func TestFuzz(t *testing.T) {
	f := loadFormulas(t)
	for _, c := range f.FuzzSeed.Cases {
		r := review{now: ms(c.NowMs), before: quiz.Memory{Reps: c.Reps - 1, Difficulty: c.DD, Stability: c.SS}}
		var a alea
		a.seed([]byte(c.Seed))
		if got := r.fuzzDraw(); got != a.next() {
			t.Errorf("seed for now=%d reps=%d D=%v S=%v differs from %q", c.NowMs, c.Reps, c.DD, c.SS, c.Seed)
		}
	}
	for _, c := range f.ApplyFuzz.Cases {
		var a alea
		a.seed([]byte(c.Seed))
		got := c.Ivl
		if float64(c.Ivl) >= 2.5 {
			got = fuzz(c.Ivl, c.Elapsed, c.MaxInterval, a.next())
		}
		if got != c.Fuzzed {
			t.Errorf("fuzz(%d, elapsed %d, max %d, seed %q) = %d, want %d", c.Ivl, c.Elapsed, c.MaxInterval, c.Seed, got, c.Fuzzed)
		}
	}
	for _, c := range f.Alea.Cases {
		var a alea
		a.seed([]byte(c.Seed))
		for i, want := range c.Outputs {
			if got := a.next(); got != want {
				t.Errorf("alea(%q) output %d = %v, want %v", c.Seed, i, got, want)
			}
		}
	}
	if len(f.FuzzSeed.Cases) == 0 || len(f.ApplyFuzz.Cases) == 0 || len(f.Alea.Cases) < 20 {
		t.Fatal("no cases")
	}
}

// jsSteps reads steps as ts-fsrs does, with parseInt ("1.5h" is 60
// minutes), to exercise the strategy on the reference's own inputs; steppe's
// parser refuses such steps.
func jsSteps(in []string) quiz.Steps {
	out := quiz.Steps{}
	for _, s := range in {
		n := 0
		for _, c := range s[:len(s)-1] {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		out = append(out, n*map[byte]int{'m': 1, 'h': 60, 'd': 1440}[s[len(s)-1]])
	}
	return out
}

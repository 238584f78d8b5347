package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/spf13/cobra"

	"steppe/quiz"
	"steppe/quiz/fsrs"
	"steppe/quiz/sm2"
	"steppe/store"
)

// settings are a learner's scheduling and session settings (DESIGN.md,
// "Where things live"): the defaults, then config.yaml, then flags.
type settings struct {
	Scheduler string
	Retention float64
	Params    []float64 // nil: FSRS-6's defaults
	// ParamsFrom says where Params came from: "default", "config", "flag"
	// or "profile" (stored by steppe optimize --write).
	ParamsFrom      string
	LearningSteps   quiz.Steps
	RelearningSteps quiz.Steps
	MaxInterval     int
	NewPerDay       int
	ReviewsPerDay   int
	DayStart        int
	TZ              string // "" or "Local": the system's zone
	Fuzz            bool
	ShortTerm       bool
	LearnAhead      time.Duration
	LeechThreshold  int
}

func defaultSettings() settings {
	return settings{
		Scheduler:       "fsrs",
		ParamsFrom:      "default",
		Retention:       0.9,
		LearningSteps:   quiz.Steps{1, 10},
		RelearningSteps: quiz.Steps{10},
		MaxInterval:     36500,
		NewPerDay:       20,
		ReviewsPerDay:   200,
		DayStart:        4,
		Fuzz:            true,
		ShortTerm:       true,
		LearnAhead:      20 * time.Minute,
		LeechThreshold:  8,
	}
}

// setting is one key of config.yaml and its flag: how to read a value
// written either way, and what is allowed.
type setting struct {
	key     string // config.yaml key; the flag is the same with dashes
	usage   string
	allowed string
	set     func(s *settings, v string) error
	show    func(s *settings) string
	isBool  bool
}

var settingTable = []setting{
	{key: "scheduler", usage: "the scheduler", allowed: "fsrs or sm2",
		set: func(s *settings, v string) error {
			if v != "fsrs" && v != "sm2" {
				return errors.New("")
			}
			s.Scheduler = v
			return nil
		}, show: func(s *settings) string { return s.Scheduler }},
	{key: "retention", usage: "desired retention, the probability of recall when a card falls due", allowed: "a number above 0 and at most 1, such as 0.9",
		set: func(s *settings, v string) error {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || !(f > 0 && f <= 1) {
				return errors.New("")
			}
			s.Retention = f
			return nil
		}, show: func(s *settings) string { return strconv.FormatFloat(s.Retention, 'f', -1, 64) }},
	{key: "params", usage: "FSRS weights", allowed: "17, 19 or 21 comma-separated numbers",
		set: func(s *settings, v string) error {
			w, err := parseParams(v)
			if err != nil {
				return err
			}
			s.Params = w
			return nil
		}, show: func(s *settings) string {
			if s.Params == nil {
				return "FSRS-6 defaults"
			}
			return fmt.Sprint(s.Params)
		}},
	{key: "learning_steps", usage: "learning steps", allowed: "steps such as 1m,10m (m, h or d), or none",
		set: func(s *settings, v string) (err error) {
			s.LearningSteps, err = quiz.ParseSteps(v)
			return err
		}, show: func(s *settings) string { return s.LearningSteps.String() }},
	{key: "relearning_steps", usage: "relearning steps", allowed: "steps such as 10m (m, h or d), or none",
		set: func(s *settings, v string) (err error) {
			s.RelearningSteps, err = quiz.ParseSteps(v)
			return err
		}, show: func(s *settings) string { return s.RelearningSteps.String() }},
	{key: "max_interval", usage: "the longest interval, in days", allowed: "a whole number of days from 1 to 36500",
		set:  intSetting(func(s *settings) *int { return &s.MaxInterval }, 1, 36500),
		show: func(s *settings) string { return strconv.Itoa(s.MaxInterval) }},
	{key: "new_per_day", usage: "new cards a day", allowed: "a whole number from 0 to 100000",
		set:  intSetting(func(s *settings) *int { return &s.NewPerDay }, 0, 100000),
		show: func(s *settings) string { return strconv.Itoa(s.NewPerDay) }},
	{key: "reviews_per_day", usage: "reviews a day", allowed: "a whole number from 0 to 1000000",
		set:  intSetting(func(s *settings) *int { return &s.ReviewsPerDay }, 0, 1000000),
		show: func(s *settings) string { return strconv.Itoa(s.ReviewsPerDay) }},
	{key: "day_start", usage: "the hour, local time, at which a new day starts", allowed: "a whole hour from 0 to 23",
		set:  intSetting(func(s *settings) *int { return &s.DayStart }, 0, 23),
		show: func(s *settings) string { return strconv.Itoa(s.DayStart) }},
	{key: "tz", usage: "the time zone that days are counted in", allowed: "an IANA zone name such as UTC or Asia/Almaty, or Local",
		set: func(s *settings, v string) error {
			if _, err := loadLocation(v); err != nil {
				return errors.New("")
			}
			s.TZ = v
			return nil
		}, show: func(s *settings) string {
			if s.TZ == "" {
				return "Local"
			}
			return s.TZ
		}},
	{key: "fuzz", usage: "spread intervals a little", allowed: "true or false", isBool: true,
		set:  boolSetting(func(s *settings) *bool { return &s.Fuzz }),
		show: func(s *settings) string { return strconv.FormatBool(s.Fuzz) }},
	{key: "short_term", usage: "same-day scheduling with learning steps", allowed: "true or false", isBool: true,
		set:  boolSetting(func(s *settings) *bool { return &s.ShortTerm }),
		show: func(s *settings) string { return strconv.FormatBool(s.ShortTerm) }},
	{key: "learn_ahead", usage: "show learning cards this early when nothing else is left", allowed: "a duration such as 20m or 1h, at most 1d",
		set: func(s *settings, v string) error {
			d, err := parseDuration(v)
			if err != nil || d < 0 || d > 24*time.Hour {
				return errors.New("")
			}
			s.LearnAhead = d
			return nil
		}, show: func(s *settings) string { return quiz.Steps{int(s.LearnAhead.Minutes())}.String() }},
	{key: "leech_threshold", usage: "lapses after which a card is a leech and suspended", allowed: "a whole number from 1 to 1000",
		set:  intSetting(func(s *settings) *int { return &s.LeechThreshold }, 1, 1000),
		show: func(s *settings) string { return strconv.Itoa(s.LeechThreshold) }},
}

func intSetting(field func(*settings) *int, lo, hi int) func(*settings, string) error {
	return func(s *settings, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return errors.New("")
		}
		*field(s) = n
		return nil
	}
}

func boolSetting(field func(*settings) *bool) func(*settings, string) error {
	return func(s *settings, v string) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return errors.New("")
		}
		*field(s) = b
		return nil
	}
}

// parseDuration reads 20m, 1h or 1d, and also Go durations such as 90s.
func parseDuration(v string) (time.Duration, error) {
	if v == "0" {
		return 0, nil
	}
	if m, err := quiz.ParseStep(v); err == nil {
		return time.Duration(m) * time.Minute, nil
	}
	return time.ParseDuration(v)
}

func parseParams(v string) ([]float64, error) {
	fields := strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '[' || r == ']' })
	w := make([]float64, 0, len(fields))
	for _, f := range fields {
		x, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number; want 17, 19 or 21 comma-separated numbers", f)
		}
		w = append(w, x)
	}
	if n := len(w); n != 17 && n != 19 && n != 21 {
		return nil, fmt.Errorf("%d numbers; want 17, 19 or 21 comma-separated numbers", n)
	}
	return w, nil
}

func loadLocation(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return time.Local, nil
	}
	return time.LoadLocation(name)
}

// settingsFlags records the settings flags that one command was given, to
// apply them over the config file once it has been read.
type settingsFlags struct {
	given []givenSetting
}

// has reports whether the flag of the setting key was given.
func (sf *settingsFlags) has(key string) bool {
	if sf == nil {
		return false
	}
	for _, g := range sf.given {
		if g.def.key == key {
			return true
		}
	}
	return false
}

type givenSetting struct {
	def setting
	raw string
}

// settingsValue adapts one setting to a pflag.Value, so that a bad flag is
// reported at once with what is allowed.
type settingsValue struct {
	sf  *settingsFlags
	def setting
}

func (v settingsValue) String() string { return "" }
func (v settingsValue) Type() string {
	if v.def.isBool {
		return "bool"
	}
	return "value"
}
func (v settingsValue) Set(x string) error {
	x = strings.TrimSpace(x)
	scratch := defaultSettings()
	if err := v.def.set(&scratch, x); err != nil {
		return settingError(v.def, err)
	}
	v.sf.given = append(v.sf.given, givenSetting{v.def, x})
	return nil
}

// settingError says what is wrong with a value: the setter's own words, or
// what the setting allows.
func settingError(def setting, err error) error {
	if err != nil && err.Error() != "" {
		return err
	}
	return fmt.Errorf("want %s", def.allowed)
}

// addSettingsFlags registers the named settings as flags of cmd.
func addSettingsFlags(cmd *cobra.Command, keys ...string) *settingsFlags {
	sf := &settingsFlags{}
	for _, k := range keys {
		def, ok := findSetting(k)
		if !ok {
			panic("no setting " + k)
		}
		name := strings.ReplaceAll(def.key, "_", "-")
		f := cmd.Flags().VarPF(settingsValue{sf, def}, name, "", def.usage+": "+def.allowed)
		if def.isBool {
			f.NoOptDefVal = "true"
		}
	}
	return sf
}

// settings reads the config file and applies the flags that were given.
func (a *app) settings(sf *settingsFlags) (settings, error) {
	s := defaultSettings()
	if err := a.readConfig(&s); err != nil {
		return s, err
	}
	if sf != nil {
		for _, g := range sf.given {
			if err := g.def.set(&s, g.raw); err != nil {
				return s, err // checked when the flag was parsed
			}
			if g.def.key == "params" {
				s.ParamsFrom = "flag"
			}
		}
	}
	return s, nil
}

// useProfileParams puts the FSRS weights that steppe optimize --write
// stored for the learner into s. They beat config.yaml's params, being the
// later and more particular choice; a --params flag beats them.
func (s *settings) useProfileParams(l *store.Learner) error {
	if s.ParamsFrom == "flag" || l == nil {
		return nil
	}
	w, err := l.Params()
	if err != nil || w == nil {
		return err
	}
	s.Params, s.ParamsFrom = w, "profile"
	return nil
}

// configPath is the settings file: $XDG_CONFIG_HOME/steppe/config.yaml.
func (a *app) configPath() string {
	return filepath.Join(xdg.ConfigHome, "steppe", "config.yaml")
}

// readConfig applies config.yaml over s, if the file exists. Unknown keys
// and bad values are errors that name the file, line and column.
func (a *app) readConfig(s *settings) error {
	path := a.configPath()
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read settings: %w", err)
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return fmt.Errorf("%s: %s", path, yaml.FormatError(err, false, true))
	}
	for _, doc := range file.Docs {
		if doc.Body == nil {
			continue
		}
		m, ok := doc.Body.(*ast.MappingNode)
		if !ok {
			return posError(path, doc.Body, "settings must be a mapping of keys to values, such as \"retention: 0.9\"")
		}
		for _, kv := range m.Values {
			key := kv.Key.String()
			def, ok := findSetting(key)
			if !ok {
				return posError(path, kv.Key, fmt.Sprintf("unknown setting %q (known: %s)", key, settingKeys()))
			}
			v := nodeText(kv.Value)
			if err := def.set(s, v); err != nil {
				return posError(path, kv.Value, fmt.Sprintf("%s %q: %v", key, v, settingError(def, err)))
			}
			if key == "params" {
				s.ParamsFrom = "config"
			}
		}
	}
	return nil
}

// nodeText is a value written as a scalar or as a list of scalars (joined by
// commas, as steps and params are written on the command line).
func nodeText(n ast.Node) string {
	if seq, ok := n.(*ast.SequenceNode); ok {
		parts := make([]string, len(seq.Values))
		for i, v := range seq.Values {
			parts[i] = nodeText(v)
		}
		return strings.Join(parts, ",")
	}
	if sv, ok := n.(*ast.StringNode); ok {
		return sv.Value
	}
	return strings.TrimSpace(n.String())
}

func posError(path string, n ast.Node, msg string) error {
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return fmt.Errorf("%s: %s", path, msg)
	}
	return fmt.Errorf("%s:%d:%d: %s", path, tk.Position.Line, tk.Position.Column, msg)
}

func findSetting(key string) (setting, bool) {
	for _, def := range settingTable {
		if def.key == key {
			return def, true
		}
	}
	return setting{}, false
}

func settingKeys() string {
	keys := make([]string, len(settingTable))
	for i, def := range settingTable {
		keys[i] = def.key
	}
	return strings.Join(keys, ", ")
}

// scheduler builds the scheduler the settings name.
func (s settings) scheduler() (quiz.Scheduler, error) {
	loc, err := loadLocation(s.TZ)
	if err != nil {
		return nil, fmt.Errorf("tz %q: %w", s.TZ, err)
	}
	cal := quiz.Calendar{Loc: loc, StartHour: s.DayStart}
	if s.Scheduler == "sm2" {
		return sm2.New(sm2.Params{MaxInterval: s.MaxInterval, Calendar: cal})
	}
	return fsrs.New(fsrs.Params{
		W:               s.Params,
		Retention:       s.Retention,
		MaxInterval:     s.MaxInterval,
		LearningSteps:   s.LearningSteps,
		RelearningSteps: s.RelearningSteps,
		ShortTerm:       s.ShortTerm,
		Fuzz:            s.Fuzz,
		Calendar:        cal,
	})
}

// calendar is the learner's days.
func (s settings) calendar() quiz.Calendar {
	loc, err := loadLocation(s.TZ)
	if err != nil {
		loc = time.Local
	}
	return quiz.Calendar{Loc: loc, StartHour: s.DayStart}
}

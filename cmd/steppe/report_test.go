package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"steppe/quiz"
	"steppe/store"
)

// classDeck is the deck of the report tests: a card of each kind the
// report treats apart, and one no one reaches.
var classDeck = []quiz.Card{
	{Deck: "geo", ID: "capital", Type: quiz.Basic, Question: "What is the capital of Kazakhstan?", Answer: "Astana"},
	{Deck: "geo", ID: "sco-year", Type: quiz.Choice, Question: "In which year was the SCO formed?", Answer: "2001",
		Wrong: []string{"1991", "1996", "2008"}},
	{Deck: "geo", ID: "threats", Type: quiz.Multi, Question: "Which of these are transnational threats?",
		Answers: []string{"terrorism", "drug trafficking"}, Wrong: []string{"tourism", "trade"}},
	{Deck: "geo", ID: "csto", Type: quiz.Typed, Question: "Which treaty organization did Russia lead with several Central Asian states?",
		Answer: "Collective Security Treaty Organization"},
	{Deck: "geo", ID: "rivers", Type: quiz.Basic, Question: "Name the two great rivers of Central Asia.", Answer: "Amu Darya and Syr Darya"},
}

var classT0 = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)

// classAnswer is one review in a hand-made learner database.
type classAnswer struct {
	card          string
	day           int // days after classT0
	rating        quiz.Rating
	answer        string
	seconds       int
	before, after quiz.State
	stability     float64 // after
}

// makeLearnerDB writes a learner's database at path with the deck cached,
// the reviews given, and quiz answers.
func makeLearnerDB(t *testing.T, path, profile string, answers []classAnswer, quizAnswers []store.QuizAnswer) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.PutDeck(store.DeckMeta{Path: "geo.yaml", Slug: "geo", Title: "Geography", Format: 1, LoadedAt: classT0}, classDeck); err != nil {
		t.Fatal(err)
	}
	l, err := db.Profile(profile)
	if err != nil {
		t.Fatal(err)
	}
	prev := map[string]quiz.Memory{}
	for _, a := range answers {
		at := classT0.Add(time.Duration(a.day) * 24 * time.Hour)
		after := quiz.Memory{State: a.after, Stability: a.stability, Difficulty: 5, LastReview: at,
			Due: at.Add(time.Duration(a.stability*24) * time.Hour), Reps: prev[a.card].Reps + 1, Lapses: prev[a.card].Lapses}
		if a.before == quiz.Review && a.rating == quiz.Again {
			after.Lapses++
		}
		r := &quiz.ReviewLog{Deck: "geo", CardID: a.card, Time: at, Rating: a.rating, Answer: a.answer,
			Duration: time.Duration(a.seconds) * time.Second, Scheduler: "fsrs", Before: prev[a.card], After: after}
		r.Before.State = a.before
		if err := l.Record(r); err != nil {
			t.Fatal(err)
		}
		prev[a.card] = after
	}
	if len(quizAnswers) > 0 {
		q, err := l.StartQuiz([]string{"geo"}, store.QuizOptions{Requested: len(quizAnswers)}, classT0)
		if err != nil {
			t.Fatal(err)
		}
		for i, a := range quizAnswers {
			a.Session, a.Position, a.Deck, a.Time = q, i+1, "geo", classT0.Add(3*24*time.Hour)
			if err := l.RecordQuizAnswer(&a); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// makeClass writes alice.db and bob.db in dir.
func makeClass(t *testing.T, dir string) {
	t.Helper()
	makeLearnerDB(t, filepath.Join(dir, "alice.db"), "default", []classAnswer{
		{"capital", 0, quiz.Good, "", 4, quiz.New, quiz.Review, 2.3},
		{"capital", 2, quiz.Again, "", 9, quiz.Review, quiz.Relearning, 0.8},
		{"capital", 2, quiz.Good, "", 5, quiz.Relearning, quiz.Review, 1.2},
		{"sco-year", 0, quiz.Again, "1996", 6, quiz.New, quiz.Learning, 0.4},
		{"sco-year", 0, quiz.Again, "1991", 5, quiz.Learning, quiz.Learning, 0.4},
		{"sco-year", 0, quiz.Good, "2001", 3, quiz.Learning, quiz.Review, 2.3},
		{"threats", 0, quiz.Again, "terrorism; tourism", 8, quiz.New, quiz.Learning, 0.4},
		{"threats", 0, quiz.Good, "terrorism; drug trafficking", 6, quiz.Learning, quiz.Review, 2.3},
	}, nil)
	makeLearnerDB(t, filepath.Join(dir, "bob.db"), "default", []classAnswer{
		{"capital", 0, quiz.Easy, "", 2, quiz.New, quiz.Review, 8.3},
		{"sco-year", 0, quiz.Again, "1996", 7, quiz.New, quiz.Learning, 0.4},
		{"sco-year", 0, quiz.Good, "2001", 4, quiz.Learning, quiz.Review, 2.3},
		{"csto", 0, quiz.Again, "NATO", 12, quiz.New, quiz.Learning, 0.4},
		{"csto", 0, quiz.Good, "CSTO", 9, quiz.Learning, quiz.Review, 2.3},
	}, []store.QuizAnswer{
		{CardID: "sco-year", Answer: "1996", Verdict: quiz.Wrong, Duration: 5 * time.Second},
		{CardID: "threats", Answer: "tourism; trade", Verdict: quiz.Wrong, Duration: 11 * time.Second},
	})
}

// TestReportGolden compares the report in each format with
// testdata/report/class.*; -update rewrites them.
func TestReportGolden(t *testing.T) {
	dir := isolate(t)
	makeClass(t, dir)
	t.Chdir(dir)
	for _, format := range []string{"text", "csv", "json"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := runSteppe(t, "", "report", "alice.db", "bob.db", "--format", format)
			if code != 0 || errOut != "" {
				t.Fatalf("status %d: %s", code, errOut)
			}
			if format == "text" {
				for _, line := range strings.Split(out, "\n") {
					if w := len([]rune(line)); w > 80 {
						t.Errorf("line of %d columns: %q", w, line)
					}
				}
			}
			ext := map[string]string{"text": "txt", "csv": "csv", "json": "json"}[format]
			checkGolden(t, filepath.Join(reportGoldenDir, "class."+ext), out)
		})
	}
}

// reportGoldenDir is testdata/report, as an absolute path: the golden
// test leaves the package's folder by t.Chdir.
var reportGoldenDir = func() string {
	wd, _ := os.Getwd()
	return filepath.Join(wd, "testdata", "report")
}()

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update to rewrite it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// dirState is what the report must leave as it was: the folder's listing,
// and each file's bytes and modification time.
func dirState(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = st.ModTime().String() + "\x00" + string(data)
	}
	return out
}

func sameDirState(t *testing.T, before, after map[string]string) {
	t.Helper()
	var names []string
	for n := range before {
		names = append(names, n)
	}
	for n := range after {
		if _, ok := before[n]; !ok {
			t.Errorf("the report created %s", n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		a, ok := after[n]
		switch {
		case !ok:
			t.Errorf("the report removed %s", n)
		case a != before[n]:
			t.Errorf("the report changed %s", n)
		}
	}
}

// TestReportReadOnly: the report writes nothing and creates nothing beside
// the databases, whether they are closed (no -wal, no -shm) or open in a
// running drill (both there).
func TestReportReadOnly(t *testing.T) {
	dir := isolate(t)
	makeClass(t, dir)
	before := dirState(t, dir)
	if code, _, errOut := runSteppe(t, "", "report", filepath.Join(dir, "alice.db"), filepath.Join(dir, "bob.db")); code != 0 {
		t.Fatalf("status %d: %s", code, errOut)
	}
	sameDirState(t, before, dirState(t, dir))

	// A drill holds bob.db open, with answers in its WAL.
	live, err := store.Open(filepath.Join(dir, "bob.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	l, err := live.Profile("default")
	if err != nil {
		t.Fatal(err)
	}
	at := classT0.Add(72 * time.Hour)
	if err := l.Record(&quiz.ReviewLog{Deck: "geo", CardID: "rivers", Time: at, Rating: quiz.Again, Scheduler: "fsrs",
		After: quiz.Memory{State: quiz.Learning, Stability: 0.4, Difficulty: 5, LastReview: at}}); err != nil {
		t.Fatal(err)
	}
	before = dirState(t, dir)
	code, out, errOut := runSteppe(t, "", "report", filepath.Join(dir, "alice.db"), filepath.Join(dir, "bob.db"))
	if code != 0 {
		t.Fatalf("status %d: %s", code, errOut)
	}
	// The -shm is the running drill's shared memory, not data: every
	// reader of a live WAL file marks its place there.
	after := dirState(t, dir)
	after["bob.db-shm"] = before["bob.db-shm"]
	sameDirState(t, before, after)
	if strings.Contains(out, "Not reached by anyone: 1") || !strings.Contains(out, "Not reached by anyone: 0") {
		t.Errorf("the answer in the WAL was not read:\n%s", out)
	}
}

// TestReportBadInput: a file that is not a steppe database is named and
// skipped; with none readable the status is 1; a newer database refuses
// the report.
func TestReportBadInput(t *testing.T) {
	dir := isolate(t)
	makeClass(t, dir)
	alice, bob := filepath.Join(dir, "alice.db"), filepath.Join(dir, "bob.db")
	notes := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notes, []byte("not a database\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runSteppe(t, "", "report", notes, alice)
	if code != 0 || !strings.Contains(errOut, notes+" is not a steppe database") {
		t.Errorf("a bad file among good ones: status %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "1 learner,") || !strings.Contains(out, "Skipped: 1 file") {
		t.Errorf("report:\n%s", out)
	}
	// The same file twice counts once.
	code, out, errOut = runSteppe(t, "", "report", alice, filepath.Join(dir, ".", "alice.db"))
	if code != 0 || !strings.Contains(out, "1 learner,") || !strings.Contains(errOut, "alice.db again") {
		t.Errorf("one file twice: status %d, stderr %q\n%s", code, errOut, out)
	}
	code, out, errOut = runSteppe(t, "", "report", notes, filepath.Join(dir, "missing.db"))
	if code != 1 || out != "" || !strings.Contains(errOut, "no database could be read") ||
		!strings.Contains(errOut, "missing.db") {
		t.Errorf("no good file: status %d, stdout %q, stderr %q", code, out, errOut)
	}

	data, err := os.ReadFile(bob)
	if err != nil {
		t.Fatal(err)
	}
	binary.BigEndian.PutUint32(data[60:64], 99)
	if err := os.WriteFile(bob, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runSteppe(t, "", "report", alice, bob)
	if code != 1 || out != "" || !strings.Contains(errOut, bob+" was written by a newer steppe") {
		t.Errorf("newer database: status %d, stdout %q, stderr %q", code, out, errOut)
	}
	if after, _ := os.ReadFile(bob); !bytes.Equal(after, data) {
		t.Error("the report changed the newer database")
	}

	if code, _, errOut := runSteppe(t, "", "report", alice, "--deck", "nope"); code != 1 || !strings.Contains(errOut, `deck "nope"`) {
		t.Errorf("unknown deck: status %d, stderr %q", code, errOut)
	}
	if code, _, errOut := runSteppe(t, "", "report", alice, "--format", "xml"); code != 1 || !strings.Contains(errOut, "want text, csv or json") {
		t.Errorf("bad format: status %d, stderr %q", code, errOut)
	}
}

// TestProgressExport: the copy holds every answer, opens as a steppe
// database, and an existing file is replaced only with --force.
func TestProgressExport(t *testing.T) {
	dir := isolate(t)
	makeClass(t, dir)
	bob, out := filepath.Join(dir, "bob.db"), filepath.Join(dir, "copy.db")
	if code, _, errOut := runSteppe(t, "", "--db", bob, "progress", "export", "-o", out); code != 0 {
		t.Fatalf("status %d: %s", code, errOut)
	}
	code, rep, errOut := runSteppe(t, "", "report", out, "--format", "csv")
	if code != 0 || !strings.Contains(rep, "geo/csto,geo,csto,typed,1,copy.db:default,2,") {
		t.Errorf("report on the copy: status %d, %s\n%s", code, errOut, rep)
	}
	code, _, errOut = runSteppe(t, "", "--db", bob, "progress", "export", "-o", out)
	if code != 1 || !strings.Contains(errOut, "exists") {
		t.Errorf("over an existing file: status %d, %s", code, errOut)
	}
	if code, _, errOut := runSteppe(t, "", "--db", bob, "progress", "export", "-o", out, "--force"); code != 0 {
		t.Errorf("--force: status %d, %s", code, errOut)
	}
	if code, _, errOut := runSteppe(t, "", "--db", bob, "progress", "export", "-o", bob, "--force"); code != 1 ||
		!strings.Contains(errOut, "the database itself") {
		t.Errorf("over the database itself: status %d, %s", code, errOut)
	}
}

// TestBuildReportEdges: SM-2 memories are left out of the recall mean, a
// multi answer counts each wrong option in it, and an option holding "; "
// is matched whole.
func TestBuildReportEdges(t *testing.T) {
	now := classT0.Add(48 * time.Hour)
	in := &classInput{
		decks: []string{"d"},
		cards: []quiz.Card{
			{Deck: "d", ID: "m", Type: quiz.Multi, Question: "q", Answers: []string{"a", "b"}, Wrong: []string{"x; y", "z", "w"}},
			{Deck: "d", ID: "b", Type: quiz.Basic, Question: "q", Answer: "a"},
		},
		learners: []learnerInput{
			{name: "one.db:default", activity: []store.CardActivity{
				{Deck: "d", CardID: "m", Reviews: 2, Again: 2, Picks: map[string]int{"x; y": 1, "a; z; w": 1}},
				{Deck: "d", CardID: "b", Reviews: 1,
					Memory: quiz.Memory{State: quiz.Review, Stability: 10, Difficulty: 5, LastReview: classT0}},
			}},
			{name: "two.db:default", activity: []store.CardActivity{
				{Deck: "d", CardID: "m", QuizAnswers: 1, QuizWrong: 1, Picks: map[string]int{"z": 1}},
				// SM-2: an E-factor and no stability.
				{Deck: "d", CardID: "b", Reviews: 2, Memory: quiz.Memory{State: quiz.Review, Ease: 2.5, LastReview: classT0}},
				// A card no longer in the decks is ignored.
				{Deck: "d", CardID: "gone", Reviews: 5},
			}},
		},
	}
	rep := buildReport(in, now)
	m, b := rep.Cards[0], rep.Cards[1]
	want := []distractorPicks{{"z", 2}, {"x; y", 1}, {"w", 1}}
	if !slices.Equal(m.Distractors, want) {
		t.Errorf("distractors %v, want %v", m.Distractors, want)
	}
	if *m.FailRate != 1 || m.Learners != 2 || rep.Hardest[0] != "d/m" || m.HardestRank != 1 {
		t.Errorf("multi card: %+v, hardest %v", m, rep.Hardest)
	}
	if b.RetrievabilityLearners != 1 || b.Retrievability == nil || *b.Retrievability >= 1 || *b.Retrievability < 0.9 {
		t.Errorf("recall of the basic card: %v over %d learners", b.Retrievability, b.RetrievabilityLearners)
	}
	if b.FailRate == nil || *b.FailRate != 0 || slices.Contains(rep.Hardest, "d/b") {
		t.Errorf("a card never failed is not among the hardest: %v, %v", b.FailRate, rep.Hardest)
	}
	if rep.Learners[1].Reviews != 2 || len(rep.Unreached) != 0 {
		t.Errorf("learners %+v, unreached %v", rep.Learners, rep.Unreached)
	}
}

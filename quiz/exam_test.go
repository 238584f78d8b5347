package quiz

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// examDeck is a deck of every type: cards 0-6 in CardTypes order, then more
// auto-graded cards, and a second blank of the cloze sentence.
func examDeck() []Card {
	cards := []Card{
		{Deck: "d", ID: "basic", Type: Basic, Answer: "a", Section: "One", Tags: []string{"x"}},
		{Deck: "d", ID: "typed", Type: Typed, Answer: "Astana", Section: "One", Tags: []string{"geo"}},
		{Deck: "d", ID: "choice", Type: Choice, Answer: "2001", Wrong: []string{"1991"}, Section: "Two"},
		{Deck: "d", ID: "multi", Type: Multi, Answers: []string{"a", "b"}, Wrong: []string{"c"}, Section: "Two", Tags: []string{"geo", "sco"}},
		{Deck: "d", ID: "tf", Type: TrueFalse, Answer: "true", Section: "Three"},
		{Deck: "d", ID: "cloze.x", Type: Cloze, Answer: "x", Sibling: "cloze", Section: "Three"},
		{Deck: "d", ID: "order", Type: Order, Items: []string{"1", "2", "3"}, Section: "Three"},
		{Deck: "d", ID: "cloze.y", Type: Cloze, Answer: "y", Sibling: "cloze", Section: "Three"},
	}
	for i := range 12 {
		cards = append(cards, Card{Deck: "e", ID: fmt.Sprintf("c%d", i), Type: Choice, Answer: "r", Wrong: []string{"w"}, Section: "Four"})
	}
	return cards
}

func ids(cards []Card) []string {
	out := make([]string, len(cards))
	for i := range cards {
		out[i] = cards[i].Key()
	}
	return out
}

func sortedIDs(cards []Card) []string {
	out := ids(cards)
	slices.Sort(out)
	return out
}

func mustDraw(t *testing.T, cards []Card, f ExamFilter, n int, seed uint64) *Exam {
	t.Helper()
	e, err := DrawExam(cards, f, n, seed)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestDrawExamIsFixedBySeed(t *testing.T) {
	cards := examDeck()
	a := mustDraw(t, cards, ExamFilter{}, 10, 7)
	b := mustDraw(t, cards, ExamFilter{}, 10, 7)
	if !slices.Equal(ids(a.Questions), ids(b.Questions)) {
		t.Fatalf("same seed, different exams:\n%v\n%v", ids(a.Questions), ids(b.Questions))
	}
	if len(a.Questions) != 10 || a.Matching != 17 {
		t.Fatalf("%d questions of %d matching, want 10 of 17", len(a.Questions), a.Matching)
	}
	// The options are shuffled the same way too.
	if !slices.Equal(Options(&cards[3], a.Rand()), Options(&cards[3], b.Rand())) {
		t.Fatal("same seed, different option order")
	}
	differ := false
	for seed := uint64(8); seed < 20 && !differ; seed++ {
		c := mustDraw(t, cards, ExamFilter{}, 10, seed)
		differ = !slices.Equal(ids(a.Questions), ids(c.Questions))
	}
	if !differ {
		t.Fatal("every seed draws the same exam")
	}
	// Drawn across the decks, each card at most once.
	all := mustDraw(t, cards, ExamFilter{}, 0, 3)
	got := ids(all.Questions)
	slices.Sort(got)
	if len(got) != 17 || len(slices.Compact(got)) != 17 {
		t.Fatalf("all questions: %v", got)
	}
}

func TestDrawExamMoreThanThereAre(t *testing.T) {
	e := mustDraw(t, examDeck(), ExamFilter{}, 100, 1)
	if len(e.Questions) != 17 || e.Matching != 17 {
		t.Fatalf("%d questions, %d matching; want all 17", len(e.Questions), e.Matching)
	}
}

func TestDrawExamFilters(t *testing.T) {
	cards := examDeck()
	types := func(e *Exam) map[CardType]int { return TypeCounts(e.Questions) }

	// By default, only the types steppe grades.
	got := types(mustDraw(t, cards, ExamFilter{}, 0, 1))
	if got[Basic] != 0 || got[Cloze] != 0 || got[Typed] != 1 || got[Multi] != 1 || got[TrueFalse] != 1 || got[Order] != 1 || got[Choice] != 13 {
		t.Fatalf("default types: %v", got)
	}
	// Self-rated types when asked; one blank of the cloze sentence only.
	for seed := range uint64(20) {
		e := mustDraw(t, cards, ExamFilter{Types: []CardType{Basic, Cloze}}, 0, seed)
		if got := types(e); got[Basic] != 1 || got[Cloze] != 1 || len(e.Questions) != 2 || e.Matching != 2 {
			t.Fatalf("seed %d: basic and cloze: %v", seed, ids(e.Questions))
		}
	}
	// A card with any of the tags.
	e := mustDraw(t, cards, ExamFilter{Tags: []string{"geo"}}, 0, 1)
	if q := sortedIDs(e.Questions); !slices.Equal(q, []string{"d/multi", "d/typed"}) {
		t.Fatalf("tag geo: %v", q)
	}
	e = mustDraw(t, cards, ExamFilter{Types: CardTypes, Tags: []string{"x", "sco"}}, 0, 1)
	if q := sortedIDs(e.Questions); !slices.Equal(q, []string{"d/basic", "d/multi"}) {
		t.Fatalf("tags x, sco: %v", q)
	}
	// Types and tags that no card shares: no questions, and no error.
	e = mustDraw(t, cards, ExamFilter{Types: []CardType{Order}, Tags: []string{"geo"}}, 0, 1)
	if len(e.Questions) != 0 || e.Matching != 0 {
		t.Fatalf("order with tag geo: %v", ids(e.Questions))
	}
}

func TestDrawExamUnknownTag(t *testing.T) {
	_, err := DrawExam(examDeck(), ExamFilter{Tags: []string{"geo", "nosuch"}}, 5, 1)
	var ute *UnknownTagError
	if !errors.As(err, &ute) {
		t.Fatalf("err = %v, want an UnknownTagError", err)
	}
	if !slices.Equal(ute.Tags, []string{"nosuch"}) || !slices.Equal(ute.Known, []string{"geo", "sco", "x"}) {
		t.Fatalf("%+v", ute)
	}
	if want := `no card has the tag "nosuch"; the tags in these decks are: geo, sco, x`; err.Error() != want {
		t.Fatalf("message %q, want %q", err, want)
	}
	_, err = DrawExam([]Card{{Type: Typed}}, ExamFilter{Tags: []string{"a", "b"}}, 5, 1)
	if want := `no card has the tags "a", "b"; these decks have no tags`; err == nil || err.Error() != want {
		t.Fatalf("message %v, want %q", err, want)
	}
}

func TestParseCardTypes(t *testing.T) {
	got, err := ParseCardTypes([]string{"typed", " Choice", "typed", "cloze"})
	if err != nil || !slices.Equal(got, []CardType{Typed, Choice, Cloze}) {
		t.Fatalf("%v, %v", got, err)
	}
	_, err = ParseCardTypes([]string{"typed", "essay"})
	if err == nil || !strings.Contains(err.Error(), `"essay"`) ||
		!strings.HasSuffix(err.Error(), "basic, typed, choice, multi, truefalse, cloze, order") {
		t.Fatalf("err = %v, want the seven types listed", err)
	}
}

func TestPoints(t *testing.T) {
	multi := &Card{Type: Multi, Answers: []string{"a", "b"}, Wrong: []string{"c", "d"}}
	order := &Card{Type: Order, Items: []string{"1", "2", "3", "4"}}
	for _, c := range []struct {
		name string
		t    CardType
		g    Grade
		want float64
	}{
		{"correct", Choice, Grade{Verdict: Correct, Credit: 1}, 1},
		{"almost counts as right", Typed, Grade{Verdict: Almost}, 1},
		{"wrong", Typed, Grade{Verdict: Wrong}, 0},
		{"a typed answer has no partial credit", Typed, Grade{Verdict: Wrong, Credit: 0.5}, 0},
		{"partly right multi", Multi, CheckMulti(multi, []string{"a", "c"}), 0.5},
		{"a multi with a right option and all the wrong ones", Multi, CheckMulti(multi, []string{"a", "c", "d"}), 0.25},
		{"a multi with only wrong options chosen is not partly right", Multi, CheckMulti(multi, []string{"c"}), 0},
		{"a multi with nothing chosen is don't know", Multi, CheckMulti(multi, nil), 0},
		{"partly right order", Order, CheckOrder(order, []string{"1", "2", "4", "3"}), 0.5},
		{"credit is capped", Order, Grade{Verdict: Wrong, Credit: 3}, 1},
		{"self-rated, known", Basic, SelfGrade(&Card{Type: Basic}, Good), 1},
		{"self-rated, not known", Cloze, SelfGrade(&Card{Type: Cloze}, Again), 0},
	} {
		if got := Points(c.t, c.g); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		score float64
		n     int
		want  int
	}{{15.5, 20, 78}, {0, 20, 0}, {20, 20, 100}, {2.0 / 3, 1, 67}, {1, 3, 33}, {0.145, 1, 15}, {1, 0, 0}} {
		if got := Percent(c.score, c.n); got != c.want {
			t.Errorf("Percent(%v, %d) = %d, want %d", c.score, c.n, got, c.want)
		}
	}
}

// TestExamScoring answers a whole exam: right, almost, partly right and
// wrong, and checks the running score and the result.
func TestExamScoring(t *testing.T) {
	cards := examDeck()
	e := mustDraw(t, cards, ExamFilter{Types: []CardType{Typed, Multi, TrueFalse, Order, Basic}}, 0, 5)
	if len(e.Questions) != 5 {
		t.Fatalf("%d questions", len(e.Questions))
	}
	start := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	e.Begin(start, 0)
	grades := map[CardType]Grade{
		Typed:     {Verdict: Almost, Expected: "Astana"},
		Multi:     CheckMulti(&cards[3], []string{"a"}), // 2 of 3 options right
		TrueFalse: CheckTrueFalse(&cards[4], false),
		Order:     CheckOrder(&cards[6], []string{"1", "3", "2"}), // 1 of 3 in place
		Basic:     SelfGrade(&cards[0], Hard),
	}
	for i := range 5 {
		pos, c, ok := e.Next()
		if !ok || pos != i+1 {
			t.Fatalf("Next = %d, %v", pos, ok)
		}
		at := start.Add(time.Duration(i+1) * time.Minute)
		if _, err := e.Answer(grades[c.Type], "given", at, time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, ok := e.Next(); ok {
		t.Fatal("a sixth question")
	}
	if _, err := e.Answer(Grade{}, "", start, 0); err == nil {
		t.Fatal("an answer after the last question")
	}
	points, answered := e.Score()
	if answered != 5 || fmt.Sprintf("%.4f", points) != "3.0000" { // 1 + 2/3 + 0 + 1/3 + 1
		t.Fatalf("score %v of %d", points, answered)
	}
	r := e.Result()
	if r.Questions != 5 || r.Answered != 5 {
		t.Fatalf("%+v", r)
	}
	var missed, almost []string
	for _, a := range r.Missed {
		missed = append(missed, a.Card.ID)
	}
	for _, a := range r.Almost {
		almost = append(almost, a.Card.ID)
	}
	slices.Sort(missed)
	if !slices.Equal(missed, []string{"multi", "order", "tf"}) || !slices.Equal(almost, []string{"typed"}) {
		t.Fatalf("missed %v, almost %v", missed, almost)
	}
	for _, a := range r.Missed {
		if a.Partial() != (a.Card.ID != "tf") {
			t.Errorf("%s: partial = %v", a.Card.ID, a.Partial())
		}
	}
	// Sections in deck order, whatever order the questions came in.
	var secs []string
	for _, s := range r.Sections {
		secs = append(secs, fmt.Sprintf("%s %d %.2f", s.Section, s.Questions, s.Score))
	}
	if want := []string{"One 2 2.00", "Two 1 0.67", "Three 2 0.33"}; !slices.Equal(secs, want) {
		t.Fatalf("sections %v, want %v", secs, want)
	}
}

// TestExamDeadline: an answer after the deadline does not count; the ones
// before it do, and an exam without a limit never runs out.
func TestExamDeadline(t *testing.T) {
	e := mustDraw(t, examDeck(), ExamFilter{}, 3, 1)
	start := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	e.Begin(start, 10*time.Minute)
	if left, ok := e.Left(start.Add(time.Minute)); !ok || left != 9*time.Minute {
		t.Fatalf("left %v %v", left, ok)
	}
	right := Grade{Verdict: Correct, Credit: 1}
	if _, err := e.Answer(right, "r", start.Add(10*time.Minute), time.Minute); err != nil {
		t.Fatalf("an answer at the deadline: %v", err)
	}
	if _, err := e.Answer(right, "r", start.Add(10*time.Minute+time.Nanosecond), time.Minute); !errors.Is(err, ErrTimeUp) {
		t.Fatalf("an answer after the deadline: %v", err)
	}
	if !e.TimeUp(start.Add(11 * time.Minute)) {
		t.Fatal("not time up after the deadline")
	}
	if left, _ := e.Left(start.Add(time.Hour)); left != 0 {
		t.Fatalf("left %v after the deadline", left)
	}
	r := e.Result()
	if r.Answered != 1 || r.Score != 1 || r.Questions != 3 {
		t.Fatalf("%+v", r)
	}
	if pos, _, _ := e.Next(); pos != 2 {
		t.Fatalf("the late answer moved the exam on to question %d", pos+1)
	}

	e.Begin(start, 0)
	if e.TimeUp(start.Add(1000*time.Hour)) || !e.Deadline.IsZero() {
		t.Fatal("no limit, yet time is up")
	}
	if _, ok := e.Left(start); ok {
		t.Fatal("no limit, yet time left")
	}
}

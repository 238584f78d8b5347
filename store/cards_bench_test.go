package store_test

import (
	"database/sql"
	"testing"
	"time"

	"steppe/quiz"
	"steppe/quiz/fsrs"
)

// BenchmarkRecentDurations is what a drill reads once per card type: the
// latest 200 answer times of a type, in the 1,000,000-review database. Cloze
// has no answers there, the case a scan of the log would make slowest.
func BenchmarkRecentDurations(b *testing.B) {
	_, l := openBench(b, bigDatabase(b))
	for _, ct := range []quiz.CardType{quiz.Choice, quiz.Order, quiz.Cloze} {
		b.Run(ct.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := l.RecentDurations(ct, quiz.PaceWindow); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkQueueFiltered builds a session's queue in the 100,000-card
// database narrowed by a tag (2% of the cards) and by a section (1 in 14),
// beside the same queue unnarrowed.
func BenchmarkQueueFiltered(b *testing.B) {
	path := bigDatabase(b)
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE deck_cards SET tags = json_array('t' || (position % 50), 'all'),
		section = 'Section ' || (position % 14)`); err != nil {
		b.Fatal(err)
	}
	raw.Close()
	_, l := openBench(b, path)
	sched, err := fsrs.New(fsrs.DefaultParams())
	if err != nil {
		b.Fatal(err)
	}
	for _, tt := range []struct {
		name           string
		tags, sections []string
	}{
		{"none", nil, nil},
		{"tag", []string{"t7"}, nil},
		{"section", nil, []string{"Section 3"}},
		{"all", []string{"all"}, nil},
	} {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				_, err := quiz.NewSession(l, sched, quiz.SessionConfig{Decks: []string{"bench"},
					NewLimit: 20, ReviewLimit: 200, LearnAhead: 20 * time.Minute, Seed: 1,
					Tags: tt.tags, Sections: tt.sections}, benchNow)
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

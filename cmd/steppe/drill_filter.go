package main

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"steppe/store"
)

// drillFilter is what --tags and --section narrow a drill to, as the decks
// write the tags and section headings.
type drillFilter struct {
	tags     []string
	sections []string
}

// resolveFilter turns --tags and --section into the decks' own tags and
// headings. Tags match whole, in any case; a card with any of them is
// drilled. --section picks the heading equal to the text, in any case, or
// else every heading that contains it: "border" picks both "Cross-border
// security protocols" and "Preventing and Managing Border Conflicts in
// Central Asia". A tag or a text that matches nothing is an error that lists
// what the decks have.
func resolveFilter(db *store.DB, decks, tags []string, section string, sectionGiven bool) (drillFilter, error) {
	var f drillFilter
	if len(tags) > 0 {
		known, err := db.Tags(decks)
		if err != nil {
			return f, err
		}
		var unknown []string
		for _, t := range tags {
			t = strings.TrimSpace(t)
			if t == "" {
				continue
			}
			i := indexFold(known, t)
			if i < 0 {
				unknown = append(unknown, strconv.Quote(t))
			} else if !slices.Contains(f.tags, known[i]) {
				f.tags = append(f.tags, known[i])
			}
		}
		switch {
		case len(unknown) > 0 && len(known) == 0:
			return f, fmt.Errorf("no tag %s: the decks drilled have no tags", strings.Join(unknown, ", "))
		case len(unknown) > 0:
			return f, fmt.Errorf("no tag %s in the decks drilled; their tags are: %s", strings.Join(unknown, ", "), sanitize(strings.Join(known, ", ")))
		case len(f.tags) == 0:
			return f, errors.New("--tags is empty: give one or more tags, separated by commas")
		}
	}
	if text := strings.TrimSpace(section); sectionGiven {
		if text == "" {
			return f, errors.New("--section is empty: give a section heading, or a part of one")
		}
		known, err := db.Sections(decks)
		if err != nil {
			return f, err
		}
		if i := indexFold(known, text); i >= 0 {
			f.sections = []string{known[i]}
		} else {
			for _, s := range known {
				if strings.Contains(strings.ToLower(s), strings.ToLower(text)) {
					f.sections = append(f.sections, s)
				}
			}
		}
		if len(f.sections) == 0 {
			if len(known) == 0 {
				return f, fmt.Errorf("no section matches %q: the decks drilled name no sections", text)
			}
			return f, fmt.Errorf("no section matches %q; the sections of the decks drilled are:\n  %s", text, sanitize(strings.Join(known, "\n  ")))
		}
	}
	return f, nil
}

// describe says what the drill is narrowed to, for its first line; "" when
// it is not.
func (f drillFilter) describe() string {
	var parts []string
	if len(f.tags) > 0 {
		parts = append(parts, "tagged "+strings.Join(f.tags, " or "))
	}
	switch len(f.sections) {
	case 0:
	case 1:
		parts = append(parts, fmt.Sprintf("in the section %q", f.sections[0]))
	default:
		q := make([]string, len(f.sections))
		for i, s := range f.sections {
			q[i] = strconv.Quote(s)
		}
		parts = append(parts, "in the sections "+strings.Join(q, ", "))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Drilling only the cards " + strings.Join(parts, ", ") + "."
}

// indexFold is the index of the first of list equal to s in any case, or -1.
func indexFold(list []string, s string) int {
	for i, x := range list {
		if strings.EqualFold(x, s) {
			return i
		}
	}
	return -1
}

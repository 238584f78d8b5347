package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"
	"github.com/goccy/go-yaml/ast"
	yamlparser "github.com/goccy/go-yaml/parser"
	"github.com/spf13/cobra"

	"steppe/decks"
	"steppe/quiz"
)

func (a *app) deckNewCmd() *cobra.Command {
	var appendTo bool
	cmd := &cobra.Command{
		Use:   "new FILE",
		Short: "Write a deck, or add cards to one, with a wizard at the terminal",
		Long: `new asks for a deck's title and the like, then for its cards one at a time,
with the prompts each card type needs, and writes FILE in deck format 1. Each
card is checked as it is entered, as deck lint checks it; a card with an error
is asked again, so the file written always parses. An existing FILE is kept
unless --append, which adds the new cards to it and leaves its comments and
layout as they were. Ctrl-C stops the wizard and writes nothing.

new needs a terminal; without one, write the YAML by hand or use deck import.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !isTerminal(a.stdin) || !isTerminal(a.stdout) {
				return &exitError{code: 2, err: errors.New("deck new needs a terminal; write the YAML by hand (see README) or use steppe deck import")}
			}
			w, err := newWizard(args[0], appendTo)
			if err != nil {
				return err
			}
			w.out = a.stdout
			w.opts = []survey.AskOpt{
				survey.WithStdio(ctrlDQuits{a.stdin.(*os.File)}, a.stdout.(*os.File), a.stderr),
				survey.WithShowCursor(true),
			}
			return w.run()
		},
	}
	cmd.Flags().BoolVar(&appendTo, "append", false, "add the new cards to the existing deck FILE")
	return cmd
}

// errWizardInterrupted is Ctrl-C (or Ctrl-D) at a wizard prompt.
var errWizardInterrupted = errors.New("interrupted")

var reSlug = regexp.MustCompile(`^[a-z0-9-]+$`)

// deckWizard holds the deck being written: the text before the new cards
// (the deck's fields, or an existing file up to where its cards end), the
// new cards rendered so far, and the text after them.
type deckWizard struct {
	file   string
	append bool
	opts   []survey.AskOpt
	out    io.Writer

	head, tail []byte
	indent     string   // of a card's "- " in the cards list
	cards      []string // the new cards, rendered
	taken      map[string]bool
	mode       os.FileMode
}

func newWizard(file string, appendTo bool) (*deckWizard, error) {
	w := &deckWizard{file: file, append: appendTo, taken: map[string]bool{}, mode: 0o644}
	if !appendTo {
		if _, err := os.Stat(file); err == nil {
			return nil, fmt.Errorf("%s already exists; pass --append to add cards to it, or name another file", file)
		}
		return w, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("deck %s: %w", file, errors.Unwrap(err))
	}
	if fi, err := os.Stat(file); err == nil {
		w.mode = fi.Mode().Perm()
	}
	d, err := decks.Parse(file, data)
	if err != nil {
		return nil, fmt.Errorf("%s does not parse; fix it first (steppe deck lint %s):\n%w", file, file, err)
	}
	for _, e := range d.Entries {
		w.taken[e.ID] = true
	}
	at, indent, err := cardsEnd(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	w.head, w.tail, w.indent = data[:at:at], data[at:], indent
	if len(w.tail) == 0 && len(w.head) > 0 && w.head[len(w.head)-1] != '\n' {
		w.head = append(w.head, '\n')
	}
	return w, nil
}

// cardsEnd finds where new cards go in a deck file: the start of the line
// of the top-level key after "cards", or the end of the file. It also
// returns the indentation of the list's "- ". Only a block list of cards
// can be added to.
func cardsEnd(data []byte) (at int, indent string, err error) {
	f, err := yamlparser.ParseBytes(data, 0, yamlparser.AllowDuplicateMapKey())
	if err != nil || len(f.Docs) == 0 {
		return 0, "", fmt.Errorf("cannot read the YAML: %v", err)
	}
	var values []*ast.MappingValueNode
	switch n := f.Docs[0].Body.(type) {
	case *ast.MappingNode:
		values = n.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{n}
	}
	for i, v := range values {
		if v.Key == nil || v.Key.GetToken() == nil || v.Key.GetToken().Value != "cards" {
			continue
		}
		seq, ok := v.Value.(*ast.SequenceNode)
		if !ok || seq.IsFlowStyle || seq.Start == nil {
			return 0, "", errors.New("--append needs the cards written as a block list (\"- id: ...\" lines)")
		}
		indent = strings.Repeat(" ", max(0, seq.Start.Position.Column-1))
		if i+1 < len(values) {
			line := values[i+1].Key.GetToken().Position.Line
			return lineOffset(data, line), indent, nil
		}
		return len(data), indent, nil
	}
	return 0, "", errors.New("no cards list")
}

// lineOffset returns the byte offset at which 1-based line n starts.
func lineOffset(data []byte, n int) int {
	off := 0
	for l := 1; l < n; l++ {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return len(data)
		}
		off += i + 1
	}
	return off
}

// ask runs one survey prompt; Ctrl-C and Ctrl-D are errWizardInterrupted.
func (w *deckWizard) ask(p survey.Prompt, resp any, opts ...survey.AskOpt) error {
	err := survey.AskOne(p, resp, append(append([]survey.AskOpt(nil), w.opts...), opts...)...)
	if errors.Is(err, terminal.InterruptErr) || errors.Is(err, io.EOF) {
		return errWizardInterrupted
	}
	return err
}

func (w *deckWizard) input(msg, help, def string, required bool, check func(string) error) (string, error) {
	var s string
	var opts []survey.AskOpt
	opts = append(opts, survey.WithValidator(func(v any) error {
		t := strings.TrimSpace(v.(string))
		if required && t == "" {
			return errors.New("this cannot be empty")
		}
		if check != nil && t != "" && (required || t != "-") {
			return check(t)
		}
		return nil
	}))
	if !required && def != "" {
		help = strings.TrimSpace(help + " A single - clears it.")
	}
	err := w.ask(&survey.Input{Message: msg, Help: help, Default: def}, &s, opts...)
	s = strings.TrimSpace(s)
	if !required && s == "-" {
		s = "" // an optional field's default, given when a card is asked again, can be cleared
	}
	return s, err
}

func (w *deckWizard) list(msg, help string, def []string, min int) ([]string, error) {
	s, err := w.input(msg, help+" Separate them with commas.", strings.Join(def, ", "), min > 0, func(s string) error {
		if n := len(splitList(s)); n < min {
			return fmt.Errorf("give at least %d, separated by commas", min)
		}
		return nil
	})
	return splitList(s), err
}

// splitList splits a comma- or line-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func (w *deckWizard) run() error {
	err := w.wizard()
	if errors.Is(err, errWizardInterrupted) {
		if len(w.cards) > 0 {
			return fmt.Errorf("interrupted; nothing written to %s (%s not saved)", w.file, plural(len(w.cards), "card"))
		}
		return fmt.Errorf("interrupted; nothing written to %s", w.file)
	}
	return err
}

func (w *deckWizard) wizard() error {
	if w.append {
		fmt.Fprintf(w.out, "Adding cards to %s.\n", w.file)
	} else if err := w.askDeck(); err != nil {
		return err
	}
	for {
		if err := w.askCard(); err != nil {
			return err
		}
		more := true
		if err := w.ask(&survey.Confirm{Message: "Add another card?", Default: true}, &more); err != nil {
			return err
		}
		if !more {
			break
		}
	}
	return w.write()
}

func (w *deckWizard) askDeck() error {
	slug, err := w.input("Deck slug:", "Learner progress is keyed by it: lower-case letters, digits and dashes.",
		decks.SlugFromName(w.file), true, func(s string) error {
			if !reSlug.MatchString(s) {
				return errors.New("a slug has only a-z, 0-9 and -")
			}
			return nil
		})
	if err != nil {
		return err
	}
	title, err := w.input("Title:", "", "", true, nil)
	if err != nil {
		return err
	}
	desc, err := w.input("Description (optional):", "", "", false, nil)
	if err != nil {
		return err
	}
	srcTitle, err := w.input("Source title (optional):", "The text the cards are drawn from.", "", false, nil)
	if err != nil {
		return err
	}
	srcNote, err := w.input("Source note (optional):", "E.g. a caution about the text's reliability.", "", false, nil)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString("format: 1\n")
	fmt.Fprintf(&b, "deck: %s\n", slug)
	fmt.Fprintf(&b, "title: %s\n", yamlQuote(title))
	if desc != "" {
		fmt.Fprintf(&b, "description: %s\n", yamlQuote(desc))
	}
	if srcTitle != "" || srcNote != "" {
		b.WriteString("source:\n")
		if srcTitle != "" {
			fmt.Fprintf(&b, "  title: %s\n", yamlQuote(srcTitle))
		}
		if srcNote != "" {
			fmt.Fprintf(&b, "  note: %s\n", yamlQuote(srcNote))
		}
	}
	b.WriteString("cards:\n")
	w.head, w.indent = b.Bytes(), "  "
	return nil
}

// doc is the deck file with the new cards so far and extra after them.
func (w *deckWizard) doc(extra string) []byte {
	var b bytes.Buffer
	b.Write(w.head)
	for _, c := range w.cards {
		b.WriteString(c)
	}
	b.WriteString(extra)
	b.Write(w.tail)
	return b.Bytes()
}

// askCard asks for one card until it makes a valid deck, and adds it.
func (w *deckWizard) askCard() error {
	var prev *decks.Entry
	for {
		e, err := w.askEntry(prev)
		if err != nil {
			return err
		}
		text := renderEntry(&e, w.indent)
		startLine := bytes.Count(w.doc(""), []byte("\n")) - bytes.Count(w.tail, []byte("\n")) + 1
		d, err := decks.Parse(w.file, w.doc(text))
		if err != nil {
			fmt.Fprintf(w.out, "This card would make the deck invalid:\n")
			var list decks.ErrorList
			if errors.As(err, &list) {
				for _, dg := range list {
					fmt.Fprintln(w.out, sanitize(dg.String()))
				}
			} else {
				fmt.Fprintln(w.out, sanitize(err.Error()))
			}
			fmt.Fprintln(w.out, "Enter the card again (your answers are the defaults).")
			prev = &e
			continue
		}
		endLine := startLine + strings.Count(text, "\n")
		for _, dg := range decks.Lint(d, decks.LintOptions{}) {
			if dg.Line >= startLine && dg.Line < endLine {
				fmt.Fprintln(w.out, sanitize(dg.String()))
			}
		}
		w.cards = append(w.cards, text)
		w.taken[e.ID] = true
		fmt.Fprintf(w.out, "Card %q added.\n", e.ID)
		return nil
	}
}

// askEntry asks for a card's fields, with prev's as the defaults.
func (w *deckWizard) askEntry(prev *decks.Entry) (decks.Entry, error) {
	var e decks.Entry
	if prev == nil {
		prev = &decks.Entry{}
	}
	types := make([]string, len(quiz.CardTypes))
	for i, t := range quiz.CardTypes {
		types[i] = t.String()
	}
	var ti int
	sel := &survey.Select{Message: "Card type:", Options: types, Default: prev.Type.String(), PageSize: len(types)}
	if err := w.ask(sel, &ti); err != nil {
		return e, err
	}
	e.Type = quiz.CardTypes[ti]
	var err error
	qmsg, qhelp := "Question:", ""
	if e.Type == quiz.Cloze {
		qmsg, qhelp = "Text with {{blanks}}:", "Write each blank as {{text}}; each blank becomes a card."
	}
	if e.Q, err = w.input(qmsg, qhelp, prev.Q, true, func(s string) error {
		if e.Type == quiz.Cloze && !(strings.Contains(s, "{{") && strings.Contains(s, "}}")) {
			return errors.New("a cloze card needs at least one {{blank}}")
		}
		return nil
	}); err != nil {
		return e, err
	}
	switch e.Type {
	case quiz.Basic, quiz.Typed, quiz.Choice:
		if e.Answer, err = w.input("Answer:", "", prev.Answer, true, nil); err != nil {
			return e, err
		}
	}
	switch e.Type {
	case quiz.Typed:
		if e.Accept, err = w.list("Also accept (optional):", "Other answers that count as right.", prev.Accept, 0); err != nil {
			return e, err
		}
	case quiz.Multi:
		if e.Answers, err = w.list("Right options:", "Two or more.", prev.Answers, 2); err != nil {
			return e, err
		}
	case quiz.TrueFalse:
		var i int
		def := "True"
		if prev.Answer == "false" {
			def = "False"
		}
		if err := w.ask(&survey.Select{Message: "Answer:", Options: []string{"True", "False"}, Default: def}, &i); err != nil {
			return e, err
		}
		e.Answer = [2]string{"true", "false"}[i]
	case quiz.Order:
		if e.Items, err = w.list("Items, in the right order:", "Two or more.", prev.Items, 2); err != nil {
			return e, err
		}
	}
	if e.Type == quiz.Choice || e.Type == quiz.Multi {
		if e.Wrong, err = w.list("Wrong options:", "One or more; three or more make guessing harder.", prev.Wrong, 1); err != nil {
			return e, err
		}
	}
	if e.Explain, err = w.input("Explanation (optional):", "Shown after the answer.", prev.Explain, false, nil); err != nil {
		return e, err
	}
	if e.Section, err = w.input("Section (optional):", "A heading of the deck's source text.", prev.Section, false, nil); err != nil {
		return e, err
	}
	if e.Quote, err = w.input("Quote (optional):", "A verbatim excerpt of the source text that supports the answer.", prev.Quote, false, nil); err != nil {
		return e, err
	}
	if e.Tags, err = w.list("Tags (optional):", "", prev.Tags, 0); err != nil {
		return e, err
	}
	def := prev.ID
	if def == "" || w.taken[def] {
		def = w.proposeID(e.Q)
	}
	e.ID, err = w.input("Card id:", "Learner progress is keyed by it: a-z, 0-9 and -, unique in the deck.", def, true, func(s string) error {
		if !reSlug.MatchString(s) {
			return errors.New("an id has only a-z, 0-9 and -")
		}
		if w.taken[s] {
			return fmt.Errorf("the deck already has a card %q", s)
		}
		return nil
	})
	return e, err
}

// proposeID derives an id from a question, as deck import does: its words
// in the id alphabet, cut to 40 bytes at a dash, made unique with -2, -3...
func (w *deckWizard) proposeID(q string) string {
	id := decks.BlankID(q)
	if len(id) > 40 {
		cut := strings.LastIndexByte(id[:41], '-')
		if cut <= 0 {
			cut = 40
		}
		id = id[:cut]
	}
	if id == "" {
		id = "card"
	}
	out := id
	for n := 2; w.taken[out]; n++ {
		out = id + "-" + strconv.Itoa(n)
	}
	return out
}

// renderEntry writes a card as a YAML list item, its "- " at indent, its
// fields in a fixed order and every text double-quoted.
func renderEntry(e *decks.Entry, indent string) string {
	var b strings.Builder
	field := indent + "  "
	fmt.Fprintf(&b, "%s- id: %s\n", indent, e.ID)
	if e.Type != quiz.Basic {
		fmt.Fprintf(&b, "%stype: %s\n", field, e.Type)
	}
	fmt.Fprintf(&b, "%sq: %s\n", field, yamlQuote(e.Q))
	switch e.Type {
	case quiz.TrueFalse:
		fmt.Fprintf(&b, "%sanswer: %s\n", field, e.Answer)
	case quiz.Basic, quiz.Typed, quiz.Choice:
		fmt.Fprintf(&b, "%sanswer: %s\n", field, yamlQuote(e.Answer))
	}
	list := func(key string, items []string) {
		if len(items) == 0 {
			return
		}
		q := make([]string, len(items))
		for i, s := range items {
			q[i] = yamlQuote(s)
		}
		fmt.Fprintf(&b, "%s%s: [%s]\n", field, key, strings.Join(q, ", "))
	}
	text := func(key, s string) {
		if s != "" {
			fmt.Fprintf(&b, "%s%s: %s\n", field, key, yamlQuote(s))
		}
	}
	list("accept", e.Accept)
	list("answers", e.Answers)
	list("wrong", e.Wrong)
	list("items", e.Items)
	text("explain", e.Explain)
	text("section", e.Section)
	text("quote", e.Quote)
	list("tags", e.Tags)
	return b.String()
}

// yamlQuote quotes s as a YAML double-quoted scalar; JSON's string escapes
// are a subset of YAML's.
func yamlQuote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// write checks the whole deck once more and writes it atomically: a temp
// file beside FILE, renamed over it.
func (w *deckWizard) write() error {
	data := w.doc("")
	if _, err := decks.Parse(w.file, data); err != nil {
		return fmt.Errorf("the deck does not parse (a bug in deck new); nothing written: %w", err)
	}
	if !w.append {
		if _, err := os.Stat(w.file); err == nil {
			return fmt.Errorf("%s appeared while the wizard ran; nothing written", w.file)
		}
	}
	if err := writeFileAtomic(w.file, data, w.mode); err != nil {
		return err
	}
	verb := "wrote"
	if w.append {
		verb = "added"
	}
	fmt.Fprintf(w.out, "%s %s to %s; check it with `steppe deck lint %s`\n", verb, plural(len(w.cards), "card"), w.file, w.file)
	return nil
}

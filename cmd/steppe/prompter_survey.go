package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"

	"steppe/quiz"
)

// surveyPrompter drives an interactive terminal with survey: Select for
// choices and ratings, MultiSelect for multi, Input for typed answers. Ctrl-C
// ends the session quietly; the rating menu also offers the colon commands,
// which the Input prompts take as typed.
type surveyPrompter struct {
	opts []survey.AskOpt
	out  io.Writer
}

func newSurveyPrompter(in terminal.FileReader, out terminal.FileWriter, errOut io.Writer) *surveyPrompter {
	return &surveyPrompter{out: out, opts: []survey.AskOpt{
		survey.WithStdio(ctrlDQuits{in}, out, errOut),
		survey.WithShowCursor(true),
	}}
}

// ctrlDQuits turns Ctrl-D into Ctrl-C. Survey takes Ctrl-D as Enter, which
// would record an answer, or a rating, that the learner never chose; at a
// terminal, Ctrl-D means "I am done", and ends the session as end of input
// does in plain mode.
type ctrlDQuits struct{ terminal.FileReader }

func (r ctrlDQuits) Read(p []byte) (int, error) {
	n, err := r.FileReader.Read(p)
	for i, b := range p[:n] {
		if b == terminal.KeyEndTransmission {
			p[i] = terminal.KeyInterrupt
		}
	}
	return n, err
}

func (p *surveyPrompter) close() {}

// ask runs one survey prompt, turning Ctrl-C into :q.
func (p *surveyPrompter) ask(q survey.Prompt, resp any) (bool, error) {
	err := survey.AskOne(q, resp, p.opts...)
	if errors.Is(err, terminal.InterruptErr) || errors.Is(err, io.EOF) {
		return false, nil
	}
	return err == nil, err
}

func (p *surveyPrompter) input(msg, help string) (reply, error) {
	var s string
	ok, err := p.ask(&survey.Input{Message: msg, Help: help}, &s)
	if !ok {
		return reply{cmd: cmdQuit}, err
	}
	if c := parseCommand(s, true); c != cmdNone {
		return reply{cmd: c}, nil
	}
	return reply{text: s}, nil
}

func (p *surveyPrompter) reveal(msg string) (reply, error) {
	return p.input(msg+" (Enter)", commandHelp)
}

func (p *surveyPrompter) cont(msg string) (reply, error) {
	return p.input(msg+" (Enter)", commandHelp)
}

func (p *surveyPrompter) typed(msg string) (reply, error) {
	return p.input(msg, "Empty means you don't know. "+commandHelp)
}

func (p *surveyPrompter) choose(msg string, options []string) (reply, error) {
	var idx int
	ok, err := p.ask(&survey.Select{Message: msg, Options: menuText(options), PageSize: 12}, &idx)
	if !ok {
		return reply{cmd: cmdQuit}, err
	}
	return reply{index: idx}, nil
}

func (p *surveyPrompter) chooseMany(msg string, options []string) (reply, error) {
	var idx []int
	ok, err := p.ask(&survey.MultiSelect{Message: msg, Help: "Space marks an option, Enter when done. " + commandHelp,
		Options: menuText(options), PageSize: 12}, &idx)
	if !ok {
		return reply{cmd: cmdQuit}, err
	}
	return reply{indices: idx}, nil
}

func (p *surveyPrompter) trueFalse(msg string) (reply, error) {
	return p.choose(msg, []string{"True", "False"})
}

func (p *surveyPrompter) order(msg string, n int) (reply, error) {
	for {
		r, err := p.input(msg, "Type the item numbers in the right order, the first item's first. "+commandHelp)
		if err != nil || r.cmd != cmdNone {
			return r, err
		}
		idx, perr := numbers(r.text, n)
		if perr == nil && len(idx) == n && permutation(idx) {
			return reply{indices: idx}, nil
		}
		fmt.Fprintf(p.out, "type each of the numbers 1 to %d once, the first item's number first\n", n)
	}
}

// menuCommands follow the four ratings in the rating menu.
var menuCommands = []struct {
	label string
	cmd   command
}{
	{"Undo the last answer (:u)", cmdUndo},
	{"Suspend this card (:s)", cmdSuspend},
	{"Bury it until tomorrow (:b)", cmdBury},
	{"Where is it defined? (:e)", cmdWhere},
	{"Quit; answers are saved (:q)", cmdQuit},
}

func (p *surveyPrompter) rate(msg string, labels [4]string, def quiz.Rating) (reply, error) {
	opts := append([]string(nil), labels[:]...)
	for _, c := range menuCommands {
		opts = append(opts, c.label)
	}
	sel := &survey.Select{Message: msg, Options: opts, PageSize: len(opts)}
	if def != 0 {
		sel.Default = labels[def-1]
	} else {
		sel.Default = labels[quiz.Good-1]
	}
	var idx int
	ok, err := p.ask(sel, &idx)
	if !ok {
		return reply{cmd: cmdQuit}, err
	}
	if idx >= 4 {
		return reply{cmd: menuCommands[idx-4].cmd}, nil
	}
	return reply{rating: quiz.Rating(idx + 1)}, nil
}

// menuText makes option text safe for a menu line: sanitized and on one line.
func menuText(options []string) []string {
	out := make([]string, len(options))
	for i, o := range options {
		out[i] = strings.ReplaceAll(sanitize(o), "\n", " ")
	}
	return out
}

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"unicode"

	"steppe/quiz"
)

// errQuit ends a session at the learner's wish: :q, end of input or Ctrl-C.
var errQuit = errors.New("quit")

// command is a colon command typed at a prompt (DESIGN.md, plain mode).
type command byte

const (
	cmdNone    command = 0
	cmdQuit    command = 'q'
	cmdUndo    command = 'u'
	cmdSuspend command = 's'
	cmdBury    command = 'b'
	cmdWhere   command = 'e'
	cmdHelp    command = '?'
)

const commandHelp = `commands: :q quit (answers are saved), :u undo the last answer, :s suspend this card,
:b bury it until tomorrow, :e show where it is defined, :? this list`

// parseCommand reads ":q" and the like; where no free text is taken, the
// bare letters q, u, s, b and ? too.
func parseCommand(line string, freeText bool) command {
	l := strings.ToLower(strings.TrimSpace(line))
	if strings.HasPrefix(l, ":") && len(l) == 2 && strings.ContainsRune("qusbe?", rune(l[1])) {
		return command(l[1])
	}
	if !freeText && len(l) == 1 && strings.ContainsRune("qusb?", rune(l[0])) {
		return command(l[0])
	}
	return cmdNone
}

// reply is what a prompt got: a command, or the answer in the field that
// fits the prompt.
type reply struct {
	cmd     command
	index   int   // choice, truefalse (0 true, 1 false)
	indices []int // multi, order
	text    string
	rating  quiz.Rating
}

// prompter asks the learner one thing at a time. The plain prompter reads
// lines; the survey prompter drives a terminal.
type prompter interface {
	reveal(msg string) (reply, error)
	choose(msg string, options []string) (reply, error)
	chooseMany(msg string, options []string) (reply, error)
	trueFalse(msg string) (reply, error)
	typed(msg string) (reply, error)
	order(msg string, n int) (reply, error)
	rate(msg string, labels [4]string, def quiz.Rating) (reply, error)
	cont(msg string) (reply, error)
	close()
}

// plainPrompter is the line mode: one prompt per line ending in "> ", one
// answer read per line; an answer it cannot understand is asked again with a
// one-line hint.
type plainPrompter struct {
	out   io.Writer
	lines chan string
	sig   chan os.Signal
	// endLine ends the prompt's line after each answer, where no terminal
	// echoes the learner's Enter, so that what follows starts a line.
	endLine bool
}

func newPlainPrompter(in io.Reader, out io.Writer) *plainPrompter {
	p := &plainPrompter{out: out, lines: make(chan string), sig: make(chan os.Signal, 1), endLine: !isTerminal(in)}
	signal.Notify(p.sig, os.Interrupt)
	go func() {
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 4096), 1<<20)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	return p
}

func (p *plainPrompter) close() { signal.Stop(p.sig) }

// ask prints msg and reads one line; parse turns it into a reply or a hint.
func (p *plainPrompter) ask(msg string, freeText bool, parse func(string) (reply, string)) (reply, error) {
	for {
		fmt.Fprint(p.out, msg+"> ")
		var line string
		var ok bool
		select {
		case line, ok = <-p.lines:
		case <-p.sig:
			fmt.Fprintln(p.out)
			return reply{cmd: cmdQuit}, nil
		}
		if !ok {
			fmt.Fprintln(p.out)
			return reply{cmd: cmdQuit}, nil
		}
		if p.endLine {
			fmt.Fprintln(p.out)
		}
		if c := parseCommand(line, freeText); c != cmdNone {
			return reply{cmd: c}, nil
		}
		r, hint := parse(line)
		if hint == "" {
			return r, nil
		}
		fmt.Fprintln(p.out, hint)
	}
}

func (p *plainPrompter) reveal(msg string) (reply, error) {
	return p.ask(msg, false, func(string) (reply, string) { return reply{}, "" })
}

func (p *plainPrompter) cont(msg string) (reply, error) {
	return p.ask(msg, false, func(string) (reply, string) { return reply{}, "" })
}

func (p *plainPrompter) choose(msg string, options []string) (reply, error) {
	return p.ask(msg, false, func(line string) (reply, string) {
		idx, err := numbers(line, len(options))
		if err != nil || len(idx) != 1 {
			return reply{}, fmt.Sprintf("type one number from 1 to %d, or :? for commands", len(options))
		}
		return reply{index: idx[0]}, ""
	})
}

func (p *plainPrompter) chooseMany(msg string, options []string) (reply, error) {
	return p.ask(msg, false, func(line string) (reply, string) {
		idx, err := numbers(line, len(options))
		if err != nil || len(idx) == 0 {
			return reply{}, fmt.Sprintf("type the numbers of every right option, from 1 to %d, separated by spaces or commas", len(options))
		}
		return reply{indices: idx}, ""
	})
}

func (p *plainPrompter) trueFalse(msg string) (reply, error) {
	return p.ask(msg, false, func(line string) (reply, string) {
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "t", "true":
			return reply{index: 0}, ""
		case "f", "false":
			return reply{index: 1}, ""
		}
		return reply{}, "type t or f (true or false)"
	})
}

func (p *plainPrompter) typed(msg string) (reply, error) {
	return p.ask(msg, true, func(line string) (reply, string) { return reply{text: line}, "" })
}

func (p *plainPrompter) order(msg string, n int) (reply, error) {
	return p.ask(msg, false, func(line string) (reply, string) {
		idx, err := numbers(line, n)
		if err != nil || len(idx) != n || !permutation(idx) {
			return reply{}, fmt.Sprintf("type each of the numbers 1 to %d once, the first item's number first", n)
		}
		return reply{indices: idx}, ""
	})
}

func (p *plainPrompter) rate(msg string, labels [4]string, def quiz.Rating) (reply, error) {
	return p.ask(msg, false, func(line string) (reply, string) {
		if strings.TrimSpace(line) == "" && def != 0 {
			return reply{rating: def}, ""
		}
		r, err := quiz.ParseRating(line)
		if err != nil {
			return reply{}, "type 1 again, 2 hard, 3 good or 4 easy"
		}
		return reply{rating: r}, ""
	})
}

// numbers reads 1-based numbers separated by spaces or commas into 0-based
// indices below n.
func numbers(line string, n int) ([]int, error) {
	fields := strings.FieldsFunc(line, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	out := make([]int, 0, len(fields))
	for _, f := range fields {
		v, err := strconv.Atoi(f)
		if err != nil || v < 1 || v > n {
			return nil, fmt.Errorf("%q: want a number from 1 to %d", f, n)
		}
		out = append(out, v-1)
	}
	return out, nil
}

func permutation(idx []int) bool {
	seen := make([]bool, len(idx))
	for _, i := range idx {
		if i >= len(idx) || seen[i] {
			return false
		}
		seen[i] = true
	}
	return true
}

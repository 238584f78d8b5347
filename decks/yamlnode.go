package decks

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// This file turns goccy/go-yaml AST nodes into the plain values of a deck,
// reporting every misfit as a Diagnostic at the node's place. The deck is
// read from the AST rather than decoded into structs so that each value keeps
// its position, numbers keep the text they were written as ("3.10" stays
// "3.10"), and every problem of a file can be reported, not just the first.

// Pos is a place in a deck file: 1-based line and column (in characters).
type Pos struct{ Line, Col int }

// fieldPos records where a field's value (and each item of a list) was
// written, for diagnostics that come after parsing, such as Lint's.
type fieldPos struct {
	name  string
	pos   Pos
	items []Pos
}

// item is one text value of a list, with its place.
type item struct {
	text string
	pos  Pos
}

// parser holds the state of reading one file.
type parser struct {
	file    string
	lines   *lineIndex
	diags   []Diagnostic
	anchors map[string]ast.Node
}

func (p *parser) add(sev Severity, pos Pos, format string, args ...any) {
	p.diags = append(p.diags, Diagnostic{
		File:     p.file,
		Line:     pos.Line,
		Col:      pos.Col,
		Severity: sev,
		Msg:      fmt.Sprintf(format, args...),
		Excerpt:  p.lines.line(pos.Line),
	})
}

func (p *parser) errorf(pos Pos, format string, args ...any) {
	p.add(Error, pos, format, args...)
}

// posOf returns where n starts. A block mapping's own token is its first
// colon, so a mapping is placed at its first key instead.
func posOf(n ast.Node) Pos {
	switch v := n.(type) {
	case nil:
		return Pos{}
	case *ast.MappingNode:
		if len(v.Values) > 0 {
			return posOf(v.Values[0])
		}
	case *ast.MappingValueNode:
		return posOf(v.Key)
	}
	return tokenPos(n.GetToken())
}

func tokenPos(tk *token.Token) Pos {
	if tk == nil || tk.Position == nil {
		return Pos{}
	}
	return Pos{tk.Position.Line, tk.Position.Column}
}

// collectAnchors records every anchor of the document, so that aliases can
// be followed wherever they appear.
func (p *parser) collectAnchors(root ast.Node) {
	p.anchors = map[string]ast.Node{}
	ast.Walk(anchorVisitor(p.anchors), root)
}

type anchorVisitor map[string]ast.Node

func (v anchorVisitor) Visit(n ast.Node) ast.Visitor {
	if a, ok := n.(*ast.AnchorNode); ok && a.Name != nil {
		v[a.Name.GetToken().Value] = a.Value
	}
	return v
}

// resolve follows anchors and aliases to the node they stand for. It returns
// nil, after reporting why, for an alias to an unknown anchor.
func (p *parser) resolve(n ast.Node) ast.Node {
	for range 64 {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.AliasNode:
			name := v.Value.GetToken().Value
			target := p.anchors[name]
			if target == nil {
				p.errorf(posOf(v), "alias *%s names no anchor &%s", name, name)
				return nil
			}
			n = target
		default:
			return n
		}
	}
	p.errorf(posOf(n), "aliases nest too deeply")
	return nil
}

// text reads a text value. Any scalar counts as text, as written: a number
// (2001, 3.10, 1e3), a boolean (true) or a date is taken as its source text,
// so "answer: 2001" is the text "2001". A null (~, null, or nothing) is the
// empty text. Surrounding white space is trimmed, so a block scalar's final
// newline is dropped. ok is false, after an error is reported, when n is not
// a scalar.
func (p *parser) text(n ast.Node, what string) (s string, ok bool) {
	n = p.resolve(n)
	switch v := n.(type) {
	case nil:
		return "", false
	case *ast.StringNode:
		return strings.TrimSpace(v.Value), true
	case *ast.LiteralNode:
		return strings.TrimSpace(v.Value.Value), true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return v.GetToken().Value, true
	case *ast.NullNode:
		return "", true
	case *ast.TagNode:
		if v.Start.Value == "!!str" {
			return p.text(v.Value, what)
		}
		p.errorf(posOf(v), "YAML tag %s is not supported in deck files (only !!str)", v.Start.Value)
		return "", false
	case *ast.SequenceNode:
		p.errorf(posOf(v), "%s must be text, not a list", what)
	case *ast.MappingNode, *ast.MappingValueNode:
		p.errorf(posOf(v), "%s must be text, not a mapping", what)
	default:
		p.errorf(posOf(v), "%s must be text, not %s", what, n.Type())
	}
	return "", false
}

// list reads a list of text values. A null (the field written with nothing
// after it) is the empty list. Each item must be non-empty text.
func (p *parser) list(n ast.Node, what string) (items []item, ok bool) {
	n = p.resolve(n)
	switch v := n.(type) {
	case nil:
		return nil, false
	case *ast.NullNode:
		return nil, true
	case *ast.SequenceNode:
		ok = true
		for _, e := range v.Values {
			s, good := p.text(e, "each item of "+what)
			if !good {
				ok = false
				continue
			}
			if s == "" {
				p.errorf(posOf(e), "empty item in %s", what)
				ok = false
				continue
			}
			items = append(items, item{s, posOf(e)})
		}
		return items, ok
	}
	p.errorf(posOf(n), "%s must be a list, written [a, b] or as \"- \" lines", what)
	return nil, false
}

// field is one key and value of a mapping.
type field struct {
	key   string
	keyAt Pos
	value ast.Node
}

// fields reads a mapping's keys and values in order. Unknown keys, repeated
// keys and merge keys are reported; only the known, first-seen keys are
// returned. what names the mapping in messages; known lists its keys. typos
// holds the known keys suggested for unknown ones ("did you mean"), so that
// a misspelt field is not also reported as missing.
func (p *parser) fields(n ast.Node, what string, known []string) (fs []field, typos map[string]bool, ok bool) {
	n = p.resolve(n)
	var values []*ast.MappingValueNode
	switch v := n.(type) {
	case nil:
		return nil, nil, false
	case *ast.MappingNode:
		values = v.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{v}
	default:
		p.errorf(posOf(n), "%s must be a mapping of fields (%s)", what, strings.Join(known, ", "))
		return nil, nil, false
	}
	seen := make(map[string]Pos, len(values))
	for _, mv := range values {
		at := posOf(mv.Key)
		if mv.Key.IsMergeKey() {
			p.errorf(at, "merge keys (<<) are not supported in deck files")
			continue
		}
		key, good := p.text(mv.Key, "a field name")
		if !good {
			continue
		}
		if first, dup := seen[key]; dup {
			p.errorf(at, "duplicate field %q in %s (first at line %d)", key, what, first.Line)
			continue
		}
		seen[key] = at
		if !contains(known, key) {
			msg := fmt.Sprintf("unknown field %q in %s (known: %s)", key, what, strings.Join(known, ", "))
			if s := closest(key, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
				if typos == nil {
					typos = map[string]bool{}
				}
				typos[s] = true
			}
			p.errorf(at, "%s", msg)
			continue
		}
		fs = append(fs, field{key, at, mv.Value})
	}
	return fs, typos, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// closest returns the word of list nearest to s, if it is near enough to be a
// likely typo (edit distance at most 2, and less than half of s).
func closest(s string, list []string) string {
	best, bestD := "", 3
	for _, w := range list {
		if d := editDistance(strings.ToLower(s), w); d < bestD && 2*d < len([]rune(s)) {
			best, bestD = w, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

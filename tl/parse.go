package tl

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A SchemaError reports a malformed declaration or an id that does not match
// its declaration.
type SchemaError struct {
	Pos Pos
	Msg string
}

func (e *SchemaError) Error() string { return fmt.Sprintf("%s: %s", e.Pos, e.Msg) }

// ParseOptions control schema parsing.
type ParseOptions struct {
	// VerifyIDs makes every explicit #id that differs from the CRC32 of its
	// normalised declaration an error.
	VerifyIDs bool
}

// ParseFile parses one schema file; see Parse.
func ParseFile(path string, opts ParseOptions) (*Schema, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(filepath.Base(path), bytes.NewReader(data), opts)
}

// Parse reads a TL schema. All errors found are reported together (joined),
// each naming file:line and what was expected.
func Parse(name string, r io.Reader, opts ParseOptions) (*Schema, error) {
	p := &parser{file: name, opts: opts, s: &Schema{}}
	if err := p.run(r); err != nil {
		return nil, err
	}
	if len(p.errs) > 0 {
		return p.s, joinSchemaErrors(p.errs)
	}
	return p.s, nil
}

// A SchemaErrors lists every problem found in a schema.
type SchemaErrors []*SchemaError

func (e SchemaErrors) Error() string {
	var b strings.Builder
	for i, err := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(err.Error())
	}
	return b.String()
}

func joinSchemaErrors(errs []*SchemaError) error { return SchemaErrors(errs) }

type parser struct {
	file     string
	opts     ParseOptions
	s        *Schema
	errs     []*SchemaError
	function bool
	// the statement being accumulated
	stmt     strings.Builder
	stmtLine int
	comment  []string
}

func (p *parser) errorf(line int, format string, args ...any) {
	p.errs = append(p.errs, &SchemaError{Pos: Pos{p.file, line}, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) run(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		code, comment, hasComment := strings.Cut(text, "//")
		trimmed := strings.TrimSpace(code)
		if hasComment && trimmed == "" && p.stmt.Len() == 0 {
			c := strings.TrimSpace(comment)
			if l, ok := strings.CutPrefix(c, "LAYER "); ok {
				if n, err := strconv.Atoi(strings.TrimSpace(l)); err == nil {
					p.s.Layer = n
				}
			}
			p.comment = append(p.comment, c)
			continue
		}
		if trimmed == "" {
			if p.stmt.Len() == 0 {
				p.comment = p.comment[:0]
			}
			continue
		}
		if layer, ok := layerMarker(trimmed); ok { // "===8===" in old secret-chat schemas
			p.s.Layer = layer
			continue
		}
		switch trimmed {
		case "---functions---":
			p.function = true
			p.comment = p.comment[:0]
			continue
		case "---types---":
			p.function = false
			p.comment = p.comment[:0]
			continue
		}
		if strings.HasPrefix(trimmed, "---") {
			p.errorf(line, "unknown section %q, expected ---functions--- or ---types---", trimmed)
			continue
		}
		rest := trimmed
		for rest != "" {
			if p.stmt.Len() == 0 {
				p.stmtLine = line
			}
			before, after, found := strings.Cut(rest, ";")
			p.stmt.WriteString(before)
			p.stmt.WriteByte(' ')
			if !found {
				break
			}
			p.statement(p.stmt.String(), p.stmtLine)
			p.stmt.Reset()
			p.comment = p.comment[:0]
			rest = strings.TrimSpace(after)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("tl: reading %s: %w", p.file, err)
	}
	if strings.TrimSpace(p.stmt.String()) != "" {
		p.errorf(p.stmtLine, "declaration not terminated by ';'")
	}
	return nil
}

// builtinNames are declared in schemas but implemented by the codec.
var builtinNames = map[string]bool{
	"int": true, "long": true, "double": true, "string": true, "bytes": true,
	"int128": true, "int256": true, "vector": true, "int53": true,
}

func (p *parser) statement(text string, line int) {
	tokens := strings.Fields(text)
	if len(tokens) == 0 {
		return
	}
	eq := -1
	for i, t := range tokens {
		if t == "=" {
			eq = i
			break
		}
	}
	if eq < 1 || eq == len(tokens)-1 {
		p.errorf(line, "expected \"name params = Type\", got %q", strings.Join(tokens, " "))
		return
	}
	head := tokens[0]
	name, idText, hasID := strings.Cut(head, "#")
	if builtinNames[name] {
		return // int ? = Int; vector {t:Type} # [ t ] = Vector t; int128 4*[ int ] = Int128 ...
	}
	for _, t := range tokens[1:eq] {
		if t == "?" || strings.ContainsAny(t, "[]") {
			p.errorf(line, "unexpected %q in %s (only built-in types may use this syntax)", t, name)
			return
		}
	}
	if !validName(name) {
		p.errorf(line, "invalid combinator name %q", name)
		return
	}
	c := &Combinator{Name: name, Function: p.function, Pos: Pos{p.file, line}, Comment: strings.Join(p.comment, "\n")}
	if hasID {
		if len(idText) == 0 || len(idText) > 8 {
			p.errorf(line, "invalid constructor id %q for %s: expected 1 to 8 hex digits", idText, name)
			return
		}
		id, err := strconv.ParseUint(idText, 16, 32)
		if err != nil {
			p.errorf(line, "invalid constructor id %q for %s: expected hex digits", idText, name)
			return
		}
		c.ID, c.ExplicitID = uint32(id), true
	}
	for _, t := range tokens[1:eq] {
		if strings.HasPrefix(t, "{") {
			inner, ok := strings.CutSuffix(t[1:], "}")
			pn, pt, ok2 := strings.Cut(inner, ":")
			if !ok || !ok2 || pn == "" || pt != "Type" {
				p.errorf(line, "invalid type parameter %q in %s: expected {X:Type}", t, name)
				return
			}
			c.TypeParams = append(c.TypeParams, Param{Name: pn, Type: TypeRef{Name: pt}})
			continue
		}
		param, err := p.param(c, t)
		if err != "" {
			p.errorf(line, "%s: %s", name, err)
			return
		}
		c.Params = append(c.Params, param)
	}
	res := strings.Join(tokens[eq+1:], " ")
	rt, ok := parseType(res)
	if !ok || rt.Generic || rt.Name == "#" {
		p.errorf(line, "%s: invalid result type %q", name, res)
		return
	}
	if rt.Name != "" && !isUpper(rt.Name) && !c.isGenericName(rt.Name) {
		p.errorf(line, "%s: result type %q must be a boxed (capitalised) type", name, res)
		return
	}
	c.Result = rt
	c.Result.Bare = false
	if !c.ExplicitID {
		c.ID = c.ComputeID()
	} else if !c.idMatches() {
		m := &SchemaError{Pos: c.Pos, Msg: fmt.Sprintf("%s: explicit id #%08x does not match the computed id #%08x of %q",
			name, c.ID, c.ComputeID(), c.render(renderCRC))}
		p.s.Mismatches = append(p.s.Mismatches, m)
		if p.opts.VerifyIDs {
			p.errs = append(p.errs, m)
		}
	}
	if p.function {
		p.s.Functions = append(p.s.Functions, c)
	} else {
		p.s.Constructors = append(p.s.Constructors, c)
	}
}

// layerMarker recognises the "===N===" section lines MadelineProto's
// secret-chat schema uses to start the declarations of layer N.
func layerMarker(s string) (int, bool) {
	inner, ok := strings.CutPrefix(s, "===")
	if !ok {
		return 0, false
	}
	inner, ok = strings.CutSuffix(inner, "===")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(inner)
	return n, err == nil
}

func (c *Combinator) idMatches() bool {
	for _, id := range c.idCandidates() {
		if id == c.ID {
			return true
		}
	}
	return false
}

func (c *Combinator) isGenericName(n string) bool {
	for _, tp := range c.TypeParams {
		if tp.Name == n {
			return true
		}
	}
	return false
}

// param parses "name:type"; it returns a description of the problem, or "".
func (p *parser) param(c *Combinator, tok string) (Param, string) {
	pn, pt, ok := strings.Cut(tok, ":")
	if !ok || pn == "" || pt == "" {
		return Param{}, fmt.Sprintf("invalid argument %q: expected name:Type", tok)
	}
	if !validIdent(pn) {
		return Param{}, fmt.Sprintf("invalid argument name %q", pn)
	}
	param := Param{Name: pn}
	if cond, typ, ok := strings.Cut(pt, "?"); ok {
		field, bitText, ok := strings.Cut(cond, ".")
		bit, err := strconv.Atoi(bitText)
		if !ok || err != nil || bit < 0 || bit > 31 {
			return Param{}, fmt.Sprintf("invalid condition %q in %q: expected field.N? with N in 0..31", cond, tok)
		}
		found := false
		for _, prev := range c.Params {
			if prev.Name == field && prev.IsFlags() {
				found = true
			}
		}
		if !found {
			return Param{}, fmt.Sprintf("condition %q in %q refers to no earlier # field", cond, tok)
		}
		param.Flag = &FlagRef{Field: field, Bit: bit}
		pt = typ
	}
	t, ok := parseType(pt)
	if !ok {
		return Param{}, fmt.Sprintf("invalid type %q in %q", pt, tok)
	}
	if t.Generic && !c.isGenericName(t.Name) {
		return Param{}, fmt.Sprintf("%q refers to an undeclared type parameter", tok)
	}
	if t.Name == "#" && param.Flag != nil {
		return Param{}, fmt.Sprintf("# field %q cannot be conditional", pn)
	}
	param.Type = t
	return param, ""
}

// parseType parses Vector<T>, vector<T>, %T, !X, #, T and ns.T.
func parseType(s string) (TypeRef, bool) {
	if s == "" {
		return TypeRef{}, false
	}
	if s == "#" {
		return TypeRef{Name: "#", Bare: true}, true
	}
	if rest, ok := strings.CutPrefix(s, "!"); ok {
		if !validIdent(rest) {
			return TypeRef{}, false
		}
		return TypeRef{Name: rest, Generic: true}, true
	}
	bare := false
	if rest, ok := strings.CutPrefix(s, "%"); ok {
		s, bare = rest, true
	}
	if open := strings.IndexByte(s, '<'); open >= 0 {
		if !strings.HasSuffix(s, ">") {
			return TypeRef{}, false
		}
		outer := s[:open]
		if outer != "Vector" && outer != "vector" {
			return TypeRef{}, false
		}
		elem, ok := parseType(s[open+1 : len(s)-1])
		if !ok || elem.Generic || elem.Name == "#" {
			return TypeRef{}, false
		}
		return TypeRef{Name: outer, Bare: outer == "vector", Elem: &elem}, true
	}
	if sp := strings.IndexByte(s, ' '); sp >= 0 { // "Vector t" in results
		outer := s[:sp]
		if outer != "Vector" && outer != "vector" {
			return TypeRef{}, false
		}
		elem, ok := parseType(strings.TrimSpace(s[sp+1:]))
		if !ok {
			return TypeRef{}, false
		}
		return TypeRef{Name: outer, Bare: outer == "vector", Elem: &elem}, true
	}
	if !validName(s) {
		return TypeRef{}, false
	}
	return TypeRef{Name: s, Bare: bare || !isUpper(s)}, true
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, part := range strings.Split(s, ".") {
		if !validIdent(part) {
			return false
		}
	}
	return true
}

func validIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '_':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

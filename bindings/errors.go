package bindings

import (
	"strconv"
	"strings"

	"github.com/luagram/luagram/internal/editdist"
	lua "github.com/yuin/gopher-lua"
)

// An ArgError is a Lua value that does not convert: the method or type
// being converted, where in the value, and what was wrong. In Lua it is
// raised as its message.
type ArgError struct {
	Func string // "messages.sendMessage", or the type given to Check
	Path string // "peer", "entities[2].offset"; empty for the value itself
	Msg  string // "InputPeer expected, got number"
	Err  error  // the PeerResolver's error, if it failed
}

func (e *ArgError) Error() string {
	s := e.Msg
	if e.Path != "" {
		s = e.Path + ": " + s
	}
	if e.Func != "" {
		s = e.Func + ": " + s
	}
	return s
}

func (e *ArgError) Unwrap() error { return e.Err }

// describe names a Lua value in an error: its type, and for short scalars
// the value.
func describe(v lua.LValue) string {
	switch v := v.(type) {
	case lua.LNumber:
		return "number " + v.String()
	case lua.LString:
		if len(v) <= 40 {
			return "string " + strconv.Quote(string(v))
		}
		return "string of " + strconv.Itoa(len(v)) + " bytes"
	}
	return v.Type().String()
}

// expected reports a value of the wrong Lua type.
func expected(want string, v lua.LValue) error {
	return &ArgError{Msg: want + " expected, got " + v.Type().String()}
}

// badValue reports a value of the right Lua type that does not fit.
func badValue(want string, v lua.LValue, why string) error {
	return &ArgError{Msg: want + " expected, got " + describe(v) + " (" + why + ")"}
}

// at prefixes the path of err with the table key k.
func at(err error, k lua.LValue) error {
	switch k := k.(type) {
	case lua.LString:
		return prefix(err, string(k))
	case lua.LNumber:
		return prefix(err, "["+k.String()+"]")
	}
	return prefix(err, "["+k.Type().String()+"]")
}

// atIndex prefixes the path of err with the sequence index i.
func atIndex(err error, i int) error { return prefix(err, "["+strconv.Itoa(i)+"]") }

func prefix(err error, seg string) error {
	e, ok := err.(*ArgError)
	if !ok {
		e = &ArgError{Msg: err.Error(), Err: err}
	}
	switch {
	case e.Path == "":
		e.Path = seg
	case e.Path[0] == '[':
		e.Path = seg + e.Path
	default:
		e.Path = seg + "." + e.Path
	}
	return e
}

// fieldNames returns the names of "name:type" fields.
func fieldNames(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i], _, _ = strings.Cut(f, ":")
	}
	return out
}

// unknown reports a key that names no field.
func unknown(k lua.LValue, fields []string) error {
	names := fieldNames(fields)
	s, ok := k.(lua.LString)
	switch {
	case len(names) == 0:
		return &ArgError{Msg: "unknown field: this constructor has no fields"}
	case !ok:
		return &ArgError{Msg: "unexpected value: fields are named (" + strings.Join(names, ", ") + ")"}
	}
	if n := nearest(string(s), names); n != "" {
		return &ArgError{Msg: "unknown field (did you mean " + n + "?)"}
	}
	return &ArgError{Msg: "unknown field (fields: " + strings.Join(names, ", ") + ")"}
}

// missing reports the first required field not seen.
func missing(seen bits, d *desc) error {
	for i, f := range d.fields {
		if d.required.has(i) && !seen.has(i) {
			name, typ, _ := strings.Cut(f, ":")
			return &ArgError{Path: name, Msg: typ + " expected, got nil"}
		}
	}
	return nil
}

// check reports a group given in part, or a true-flag of it set without
// its values.
func (g group) check(seen bits, d *desc) error {
	given, absent := -1, -1
	for i := range d.fields {
		switch {
		case (g.values.has(i) || g.trues.has(i)) && seen.has(i):
			if given < 0 {
				given = i
			}
		case g.values.has(i):
			if absent < 0 {
				absent = i
			}
		}
	}
	if given < 0 || absent < 0 {
		return nil
	}
	name, typ, _ := strings.Cut(d.fields[absent], ":")
	other, _, _ := strings.Cut(d.fields[given], ":")
	return &ArgError{Path: name, Msg: typ + " expected, got nil (it goes with " + other + ": they share " + g.flag + ")"}
}

// notConstructor reports a "_" that names no constructor of typ.
func notConstructor(name, typ string) error {
	if typ == "" {
		msg := strconv.Quote(name) + " is not a constructor or method"
		if n := nearest(name, allNames()); n != "" {
			msg += " (did you mean " + n + "?)"
		}
		return &ArgError{Path: "_", Msg: msg}
	}
	msg := name + " is not a constructor of " + typ
	if n := nearest(name, constructorsOf(typ)); n != "" {
		msg += " (did you mean " + n + "?)"
	} else if cs := constructorsOf(typ); len(cs) <= 8 {
		msg += " (" + strings.Join(cs, ", ") + ")"
	}
	return &ArgError{Msg: msg}
}

// nearest returns the candidate closest to word: one equal but for case and
// underscores, else the one fewest edits away if that is close enough.
func nearest(word string, candidates []string) string {
	norm := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }
	w := norm(word)
	best, bestD := "", len(word)/3+2
	for _, c := range candidates {
		if norm(c) == w {
			return c
		}
		if d := editdist.Levenshtein(word, c, bestD); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

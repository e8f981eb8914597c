package tdconv

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// Push converts o to its Lua table in the tdcli convention; nil becomes
// nil.
func Push(L *lua.LState, o Object) lua.LValue {
	if o == nil {
		return lua.LNil
	}
	return o.pushTD(&pusher{L: L})
}

// Read converts a Lua table naming its constructor or function in ID to
// the object, accepting the loose forms old scripts pass (see the package
// comment). Errors are *ReadError values.
func Read(L *lua.LState, v lua.LValue) (Object, error) {
	r := &reader{L: L}
	o := r.object(v, "")
	if r.err != nil {
		return nil, r.err
	}
	if o == nil {
		return nil, &ReadError{Msg: "table with an ID expected, got nil"}
	}
	return o, nil
}

// A ReadError says which field of a request could not be read.
type ReadError struct {
	Field string // path of the field: input_message_content_.text_
	Msg   string
}

func (e *ReadError) Error() string {
	if e.Field == "" {
		return "tdconv: " + e.Msg
	}
	return "tdconv: " + e.Field + ": " + e.Msg
}

// A pusher builds Lua tables; the generated pushTD methods call it.
type pusher struct{ L *lua.LState }

// smallInts holds the Lua values of 0…255, which are frequent.
var smallInts = func() (a [256]lua.LValue) {
	for i := range a {
		a[i] = lua.LNumber(i)
	}
	return a
}()

// maxExact is the largest magnitude a Lua number holds exactly.
const maxExact = 1 << 53

func (p *pusher) table(id string, n int) *lua.LTable {
	t := p.L.CreateTable(0, n+1)
	t.RawSetString("ID", lua.LString(id))
	return t
}

// vec makes the table of a vector of n elements, 0-based.
func (p *pusher) vec(n int) *lua.LTable {
	if n == 0 {
		return p.L.CreateTable(0, 0)
	}
	return p.L.CreateTable(n-1, 1)
}

func (p *pusher) int(v int64) lua.LValue { return Long(v) }

func (p *pusher) long(v int64) lua.LValue { return Long(v) }

func (p *pusher) double(v float64) lua.LValue { return lua.LNumber(v) }
func (p *pusher) str(v string) lua.LValue     { return lua.LString(v) }
func (p *pusher) bytes(v []byte) lua.LValue   { return lua.LString(v) }
func (p *pusher) bool(v bool) lua.LValue      { return lua.LBool(v) }

// Long is the Lua value of a 64-bit integer: a number within ±2^53, a
// decimal string beyond.
func Long(v int64) lua.LValue {
	if uint64(v) < uint64(len(smallInts)) {
		return smallInts[v]
	}
	if v >= -maxExact && v <= maxExact {
		return lua.LNumber(v)
	}
	return lua.LString(strconv.FormatInt(v, 10))
}

// A reader converts Lua tables to objects; the generated readTD methods
// call it. It keeps the first error and the path to the field being read.
type reader struct {
	L    *lua.LState
	err  error
	path []string
}

func (r *reader) enter(field string) { r.path = append(r.path, field) }
func (r *reader) leave()             { r.path = r.path[:len(r.path)-1] }

func (r *reader) fail(field, format string, args ...any) {
	if r.err != nil {
		return
	}
	path := strings.Join(append(append([]string(nil), r.path...), field), ".")
	r.err = &ReadError{Field: strings.Trim(path, "."), Msg: fmt.Sprintf(format, args...)}
}

// int reads a value of the schema's int type. Those hold user, group and
// channel ids, which outgrew 32 bits since, so they are int64 here; a
// channel id written as a chat id (−100…) is taken as the bare id, which
// is what the schema's channel_id fields want.
func (r *reader) int(v lua.LValue, field string) int64 {
	n := r.long(v, field)
	if c, ok := channelFromChatID(n); ok {
		return c
	}
	return n
}

func (r *reader) long(v lua.LValue, field string) int64 {
	switch x := v.(type) {
	case *lua.LNilType:
		return 0
	case lua.LNumber:
		f := float64(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			r.fail(field, "number expected, got %v", f)
			return 0
		}
		return int64(f)
	case lua.LString:
		s := strings.TrimSpace(string(x))
		if s == "" {
			return 0
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return int64(f)
		}
		r.fail(field, "number expected, got %q", s)
	case lua.LBool:
		if x {
			return 1
		}
		return 0
	default:
		r.fail(field, "number expected, got %s", v.Type())
	}
	return 0
}

func (r *reader) double(v lua.LValue, field string) float64 {
	switch x := v.(type) {
	case *lua.LNilType:
		return 0
	case lua.LNumber:
		return float64(x)
	case lua.LString:
		s := strings.TrimSpace(string(x))
		if s == "" {
			return 0
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
		r.fail(field, "number expected, got %q", s)
	default:
		r.fail(field, "number expected, got %s", v.Type())
	}
	return 0
}

func (r *reader) str(v lua.LValue, field string) string {
	switch x := v.(type) {
	case *lua.LNilType:
		return ""
	case lua.LString:
		return string(x)
	case lua.LNumber:
		f := float64(x)
		if f == math.Trunc(f) && math.Abs(f) < 1e18 {
			return strconv.FormatInt(int64(f), 10)
		}
		return x.String()
	case lua.LBool:
		if x {
			return "true"
		}
		return "false"
	}
	r.fail(field, "string expected, got %s", v.Type())
	return ""
}

func (r *reader) bytes(v lua.LValue, field string) []byte {
	if v == lua.LNil {
		return nil
	}
	return []byte(r.str(v, field))
}

// bool reads a Bool: true/false, or a number (0 is false), or a string
// ("", "0" and "false" are false).
func (r *reader) bool(v lua.LValue, field string) bool {
	switch x := v.(type) {
	case *lua.LNilType:
		return false
	case lua.LBool:
		return bool(x)
	case lua.LNumber:
		return x != 0
	case lua.LString:
		s := strings.ToLower(strings.TrimSpace(string(x)))
		return s != "" && s != "0" && s != "false"
	}
	r.fail(field, "boolean expected, got %s", v.Type())
	return false
}

// elems returns the elements of a vector: a table from index 0 (tdcli's
// form) or 1 (Lua's) up to the first nil, or a single value standing for
// a vector of one.
func (r *reader) elems(v lua.LValue, field string) []lua.LValue {
	switch x := v.(type) {
	case *lua.LNilType:
		return nil
	case *lua.LTable:
		start := 0
		if index(x, 0) == lua.LNil {
			start = 1
		}
		var out []lua.LValue
		for i := start; ; i++ {
			e := index(x, i)
			if e == lua.LNil {
				break
			}
			out = append(out, e)
		}
		if out == nil {
			out = []lua.LValue{}
		}
		return out
	case lua.LNumber, lua.LString, lua.LBool:
		return []lua.LValue{v}
	}
	r.fail(field, "table expected, got %s", v.Type())
	return nil
}

// index returns t[i] (RawGetInt sees only the array part).
func index(t *lua.LTable, i int) lua.LValue {
	if i >= 1 {
		if v := t.RawGetInt(i); v != lua.LNil {
			return v
		}
	}
	return t.RawGetH(lua.LNumber(i))
}

func (r *reader) table(v lua.LValue, field string) *lua.LTable {
	switch x := v.(type) {
	case *lua.LNilType:
		return nil
	case *lua.LTable:
		return x
	}
	r.fail(field, "table expected, got %s", v.Type())
	return nil
}

// object reads a table naming its constructor in ID.
func (r *reader) object(v lua.LValue, field string) Object {
	t := r.table(v, field)
	if t == nil {
		return nil
	}
	id, _ := t.RawGetString("ID").(lua.LString)
	if id == "" {
		// MadelineProto's tdcli emulation names it in "_".
		id, _ = t.RawGetString("_").(lua.LString)
	}
	if id == "" {
		r.fail(field, "table without ID")
		return nil
	}
	o := New(string(id))
	if o == nil {
		if name := testFunction(string(id)); name != "" && field == "" {
			r.fail(field, "%s", notServedMessage(name, string(id)))
			return nil
		}
		r.fail(field, "unknown ID %q", string(id))
		return nil
	}
	if field != "" {
		r.enter(field)
		defer r.leave()
	}
	o.readTD(r, t)
	return o
}

func (r *reader) wrongClass(field string, o Object, class string) {
	r.fail(field, "%s is not a %s", o.TDID(), class)
}

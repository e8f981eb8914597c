package runtime

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"
)

// maxJSONDepth bounds the nesting json.encode and json.decode accept.
const maxJSONDepth = 1000

// exact is the largest integer a Lua number (a float64) holds exactly; as
// in bindings, integers beyond it are decimal strings.
const exact = 1 << 53

// jsonModule is the json module of one state:
//
//	json.encode(v [, indent]) -> string
//	json.decode(s) -> value
//	json.null, json.array(t), json.object(t)
//
// A table encodes as an array when its keys are exactly 1..n (n > 0), or
// when json.array marked it; otherwise as an object whose keys (strings or
// numbers) are sorted. An empty table is {} unless marked by json.array.
// json.null encodes as null and is what null decodes to, so arrays keep
// their length. Decoded arrays are marked as arrays and re-encode as
// arrays, empty ones included. Integers within ±2^53 decode to numbers,
// larger ones to decimal strings, as the bindings represent 64-bit ids;
// numbers encode as integers when they are. Strings are bytes: invalid
// UTF-8 encodes as U+FFFD.
type jsonModule struct {
	s        *Script
	null     *lua.LUserData
	arrayMT  *lua.LTable
	objectMT *lua.LTable
}

func openJSON(s *Script) (lua.LValue, error) {
	m := &jsonModule{s: s, null: s.L.NewUserData(), arrayMT: s.L.NewTable(), objectMT: s.L.NewTable()}
	m.arrayMT.RawSetString("__jsontype", lua.LString("array"))
	m.objectMT.RawSetString("__jsontype", lua.LString("object"))
	nullMT := s.L.NewTable()
	nullMT.RawSetString("__tostring", s.L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString("json.null"))
		return 1
	}))
	m.null.Metatable = nullMT
	t := s.L.CreateTable(0, 5)
	t.RawSetString("encode", s.L.NewFunction(m.encode))
	t.RawSetString("decode", s.L.NewFunction(m.decode))
	t.RawSetString("null", m.null)
	t.RawSetString("array", s.L.NewFunction(func(L *lua.LState) int { return m.mark(L, m.arrayMT) }))
	t.RawSetString("object", s.L.NewFunction(func(L *lua.LState) int { return m.mark(L, m.objectMT) }))
	return t, nil
}

func (m *jsonModule) mark(L *lua.LState, mt *lua.LTable) int {
	t := L.OptTable(1, nil)
	if t == nil {
		t = L.NewTable()
	}
	t.Metatable = mt
	L.Push(t)
	return 1
}

func (m *jsonModule) encode(L *lua.LState) int {
	e := &jsonEncoder{m: m, indent: L.OptString(2, ""), seen: map[*lua.LTable]bool{}}
	e.limit = maxString
	if lim := m.s.p.h.cfg.MemoryLimit; lim > 0 {
		e.limit = int(lim)
	}
	if err := e.value(L.Get(1), 0); err != nil {
		L.RaiseError("json.encode: %s", err.Error())
	}
	L.Push(lua.LString(e.b))
	return 1
}

type jsonEncoder struct {
	m      *jsonModule
	b      []byte
	indent string
	seen   map[*lua.LTable]bool
	limit  int
}

func (e *jsonEncoder) newline(depth int) {
	if e.indent != "" {
		e.b = append(e.b, '\n')
		for range depth {
			e.b = append(e.b, e.indent...)
		}
	}
}

func (e *jsonEncoder) value(v lua.LValue, depth int) error {
	if depth > maxJSONDepth {
		return errors.New("nested too deeply")
	}
	if len(e.b) > e.limit {
		return errors.New("result exceeds the script's memory limit")
	}
	switch v := v.(type) {
	case *lua.LNilType:
		e.b = append(e.b, "null"...)
	case lua.LBool:
		e.b = strconv.AppendBool(e.b, bool(v))
	case lua.LNumber:
		f := float64(v)
		switch {
		case math.IsNaN(f) || math.IsInf(f, 0):
			return fmt.Errorf("cannot encode %v", f)
		case f == math.Trunc(f) && math.Abs(f) < 1e18:
			e.b = strconv.AppendInt(e.b, int64(f), 10)
		default:
			e.b = strconv.AppendFloat(e.b, f, 'g', -1, 64)
		}
	case lua.LString:
		e.str(string(v))
	case *lua.LUserData:
		if v != e.m.null {
			return errors.New("cannot encode a userdata")
		}
		e.b = append(e.b, "null"...)
	case *lua.LTable:
		if e.seen[v] {
			return errors.New("cannot encode a table that contains itself")
		}
		e.seen[v] = true
		defer delete(e.seen, v)
		if n, ok := e.arrayLen(v); ok {
			return e.array(v, n, depth)
		}
		return e.object(v, depth)
	default:
		return fmt.Errorf("cannot encode a %s", v.Type())
	}
	return nil
}

// arrayLen reports whether t encodes as an array, and its length.
func (e *jsonEncoder) arrayLen(t *lua.LTable) (int, bool) {
	switch t.Metatable {
	case e.m.arrayMT:
		return t.MaxN(), true
	case e.m.objectMT:
		return 0, false
	}
	n, max := 0, 0
	isArray := true
	t.ForEach(func(k, _ lua.LValue) {
		n++
		i, ok := k.(lua.LNumber)
		if !ok || i < 1 || i != lua.LNumber(int(i)) {
			isArray = false
			return
		}
		max = int(math.Max(float64(max), float64(i)))
	})
	return n, isArray && n > 0 && max == n
}

func (e *jsonEncoder) array(t *lua.LTable, n, depth int) error {
	e.b = append(e.b, '[')
	for i := 1; i <= n; i++ {
		if i > 1 {
			e.b = append(e.b, ',')
		}
		e.newline(depth + 1)
		if err := e.value(t.RawGetInt(i), depth+1); err != nil {
			return fmt.Errorf("[%d]: %w", i, err)
		}
	}
	if n > 0 {
		e.newline(depth)
	}
	e.b = append(e.b, ']')
	return nil
}

func (e *jsonEncoder) object(t *lua.LTable, depth int) error {
	type field struct {
		key string
		v   lua.LValue
	}
	var fields []field
	var bad lua.LValue
	t.ForEach(func(k, v lua.LValue) {
		switch k := k.(type) {
		case lua.LString:
			fields = append(fields, field{string(k), v})
		case lua.LNumber:
			fields = append(fields, field{k.String(), v})
		default:
			bad = k
		}
	})
	if bad != nil {
		return fmt.Errorf("cannot encode a table key of type %s", bad.Type())
	}
	slices.SortFunc(fields, func(a, b field) int { return strings.Compare(a.key, b.key) })
	e.b = append(e.b, '{')
	for i, f := range fields {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.newline(depth + 1)
		e.str(f.key)
		e.b = append(e.b, ':')
		if e.indent != "" {
			e.b = append(e.b, ' ')
		}
		if err := e.value(f.v, depth+1); err != nil {
			return fmt.Errorf("%s: %w", f.key, err)
		}
	}
	if len(fields) > 0 {
		e.newline(depth)
	}
	e.b = append(e.b, '}')
	return nil
}

func (e *jsonEncoder) str(s string) {
	const hex = "0123456789abcdef"
	e.b = append(e.b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				e.b = append(e.b, '\\', c)
			case c == '\n':
				e.b = append(e.b, '\\', 'n')
			case c == '\r':
				e.b = append(e.b, '\\', 'r')
			case c == '\t':
				e.b = append(e.b, '\\', 't')
			case c < 0x20 || c == 0x7f:
				e.b = append(e.b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			default:
				e.b = append(e.b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			e.b = append(e.b, `\ufffd`...)
		} else {
			e.b = append(e.b, s[i:i+size]...)
		}
		i += size
	}
	e.b = append(e.b, '"')
}

func (m *jsonModule) decode(L *lua.LState) int {
	src := L.CheckString(1)
	d := &jsonDecoder{m: m, L: L, dec: json.NewDecoder(strings.NewReader(src))}
	d.dec.UseNumber()
	v, err := d.value(0)
	if err == nil {
		if _, terr := d.dec.Token(); terr == nil {
			err = errors.New("data after the value")
		}
	}
	if err != nil {
		L.RaiseError("json.decode: %s", err.Error())
	}
	L.Push(v)
	return 1
}

type jsonDecoder struct {
	m   *jsonModule
	L   *lua.LState
	dec *json.Decoder
}

func (d *jsonDecoder) value(depth int) (lua.LValue, error) {
	if depth > maxJSONDepth {
		return nil, errors.New("nested too deeply")
	}
	tok, err := d.dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '[':
			arr := d.L.NewTable()
			arr.Metatable = d.m.arrayMT
			for i := 1; d.dec.More(); i++ {
				v, err := d.value(depth + 1)
				if err != nil {
					return nil, err
				}
				arr.RawSetInt(i, v)
			}
			_, err := d.dec.Token()
			return arr, err
		case '{':
			obj := d.L.NewTable()
			for d.dec.More() {
				k, err := d.dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := d.value(depth + 1)
				if err != nil {
					return nil, err
				}
				obj.RawSetString(k.(string), v)
			}
			_, err := d.dec.Token()
			return obj, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case string:
		return lua.LString(t), nil
	case bool:
		return lua.LBool(t), nil
	case nil:
		return d.m.null, nil
	case json.Number:
		return number(string(t))
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// number converts a JSON number: integers beyond ±2^53 stay exact as
// decimal strings.
func number(s string) (lua.LValue, error) {
	if !strings.ContainsAny(s, ".eE") {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			if i >= -exact && i <= exact {
				return lua.LNumber(i), nil
			}
			return lua.LString(s), nil
		}
		return lua.LString(s), nil // beyond int64: keep every digit
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, err
	}
	return lua.LNumber(f), nil
}

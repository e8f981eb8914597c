package tdcli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"
)

// The JSON modules tdcli bots use, over one codec: dkjson
// (json.encode(v [, state]), json.decode(s [, pos [, null]]) → v, pos,
// err), cjson (cjson.encode, cjson.decode raising on bad input, cjson.null)
// and Jeffrey Friedl's JSON.lua (JSON:encode, JSON:encode_pretty,
// JSON:decode).

func init() {
	preloads["dkjson"] = openDKJSON
	preloads["cjson"] = func(m *module) (lua.LValue, error) { return openCJSON(m, false) }
	preloads["cjson.safe"] = func(m *module) (lua.LValue, error) { return openCJSON(m, true) }
	preloads["JSON"] = openFriedlJSON
}

// encodeOptions steer the encoder.
type encodeOptions struct {
	indent     bool
	emptyArray bool       // {} is [] (dkjson, JSON.lua) rather than {} (cjson)
	null       lua.LValue // the value that stands for null besides nil
}

var errCycle = errors.New("reference cycle")

// jsonEncode writes v as JSON.
func jsonEncode(L *lua.LState, v lua.LValue, o encodeOptions) (string, error) {
	var b bytes.Buffer
	err := encodeValue(L, &b, v, o, map[*lua.LTable]bool{}, 0)
	return b.String(), err
}

func encodeValue(L *lua.LState, b *bytes.Buffer, v lua.LValue, o encodeOptions, seen map[*lua.LTable]bool, depth int) error {
	if o.null != nil && v == o.null {
		b.WriteString("null")
		return nil
	}
	switch x := v.(type) {
	case *lua.LNilType:
		b.WriteString("null")
	case lua.LBool:
		b.WriteString(strconv.FormatBool(bool(x)))
	case lua.LNumber:
		f := float64(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("cannot encode %v as JSON", f)
		}
		if f == math.Trunc(f) && math.Abs(f) < 1e15 {
			b.WriteString(strconv.FormatInt(int64(f), 10))
		} else {
			b.WriteString(strconv.FormatFloat(f, 'g', 14, 64))
		}
	case lua.LString:
		writeJSONString(b, string(x))
	case *lua.LTable:
		return encodeTable(L, b, x, o, seen, depth)
	default:
		return fmt.Errorf("cannot encode a %s as JSON", v.Type())
	}
	return nil
}

func writeJSONString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(b, `\u%04x`, c)
		case c < utf8.RuneSelf:
			b.WriteByte(c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				fmt.Fprintf(b, `\u%04x`, c) // not UTF-8: keep the byte as a code point
			} else {
				b.WriteString(s[i : i+size])
			}
			i += size
			continue
		}
		i++
	}
	b.WriteByte('"')
}

func newline(b *bytes.Buffer, o encodeOptions, depth int) {
	if o.indent {
		b.WriteByte('\n')
		b.WriteString(strings.Repeat("  ", depth))
	}
}

// encodeTable writes a table as an array when its keys are 1…n (or its
// metatable's __jsontype says "array"), as an object otherwise.
func encodeTable(L *lua.LState, b *bytes.Buffer, t *lua.LTable, o encodeOptions, seen map[*lua.LTable]bool, depth int) error {
	if seen[t] {
		return errCycle
	}
	seen[t] = true
	defer delete(seen, t)
	kind := ""
	if mt, ok := L.GetMetatable(t).(*lua.LTable); ok {
		if k, ok := mt.RawGetString("__jsontype").(lua.LString); ok {
			kind = string(k)
		}
	}
	n, count := t.Len(), 0
	allInt := true
	t.ForEach(func(k, _ lua.LValue) {
		count++
		if f, ok := k.(lua.LNumber); !ok || float64(f) != math.Trunc(float64(f)) || f < 1 {
			allInt = false
		}
	})
	isArray := kind == "array" || kind == "" && (count == 0 && o.emptyArray || count > 0 && allInt && count == n)
	if isArray {
		b.WriteByte('[')
		for i := 1; i <= n; i++ {
			if i > 1 {
				b.WriteByte(',')
			}
			newline(b, o, depth+1)
			if err := encodeValue(L, b, t.RawGetInt(i), o, seen, depth+1); err != nil {
				return err
			}
		}
		if n > 0 {
			newline(b, o, depth)
		}
		b.WriteByte(']')
		return nil
	}
	type pair struct {
		k string
		v lua.LValue
	}
	var pairs []pair
	var err error
	t.ForEach(func(k, v lua.LValue) {
		switch kk := k.(type) {
		case lua.LString:
			pairs = append(pairs, pair{string(kk), v})
		case lua.LNumber:
			pairs = append(pairs, pair{kk.String(), v})
		default:
			if err == nil {
				err = fmt.Errorf("cannot encode a %s key as JSON", k.Type())
			}
		}
	})
	if err != nil {
		return err
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].k < pairs[j].k })
	b.WriteByte('{')
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte(',')
		}
		newline(b, o, depth+1)
		writeJSONString(b, p.k)
		b.WriteByte(':')
		if o.indent {
			b.WriteByte(' ')
		}
		if err := encodeValue(L, b, p.v, o, seen, depth+1); err != nil {
			return err
		}
	}
	if len(pairs) > 0 {
		newline(b, o, depth)
	}
	b.WriteByte('}')
	return nil
}

// jsonDecode parses JSON into Lua values; null becomes null (nil if
// null is nil). It returns the byte offset after the value.
func jsonDecode(L *lua.LState, s string, null lua.LValue) (lua.LValue, int, error) {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, int(d.InputOffset()), err
	}
	if null == nil {
		null = lua.LNil
	}
	return toLua(L, v, null), int(d.InputOffset()), nil
}

func toLua(L *lua.LState, v any, null lua.LValue) lua.LValue {
	switch x := v.(type) {
	case nil:
		return null
	case bool:
		return lua.LBool(x)
	case json.Number:
		f, _ := strconv.ParseFloat(string(x), 64)
		return lua.LNumber(f)
	case string:
		return lua.LString(x)
	case []any:
		t := L.CreateTable(len(x), 0)
		for i, e := range x {
			t.RawSetInt(i+1, toLua(L, e, null))
		}
		return t
	case map[string]any:
		t := L.CreateTable(0, len(x))
		for k, e := range x {
			t.RawSetString(k, toLua(L, e, null))
		}
		return t
	}
	return lua.LNil
}

// openDKJSON makes dkjson: encode(v [, state]) with state.indent, and
// decode(s [, pos [, null]]) returning the value, the position after it,
// or nil, the position and an error message.
func openDKJSON(m *module) (lua.LValue, error) {
	L := m.s.State()
	t := L.CreateTable(0, 4)
	null := L.NewTable()
	t.RawSetString("null", null)
	t.RawSetString("version", lua.LString("dkjson 2.5 (luagram)"))
	t.RawSetString("encode", L.NewFunction(func(L *lua.LState) int {
		o := encodeOptions{emptyArray: true, null: null}
		if st, ok := L.Get(2).(*lua.LTable); ok {
			o.indent = lua.LVAsBool(st.RawGetString("indent"))
		}
		s, err := jsonEncode(L, L.Get(1), o)
		if err != nil {
			L.RaiseError("%s", err.Error())
		}
		L.Push(lua.LString(s))
		return 1
	}))
	t.RawSetString("decode", L.NewFunction(func(L *lua.LState) int {
		s := L.CheckString(1)
		start := L.OptInt(2, 1)
		if start > 1 && start <= len(s)+1 {
			s = s[start-1:]
		} else {
			start = 1
		}
		var nv lua.LValue = lua.LNil
		if L.GetTop() >= 3 {
			nv = L.Get(3)
		}
		v, end, err := jsonDecode(L, s, nv)
		if err != nil {
			L.Push(lua.LNil)
			L.Push(lua.LNumber(start + end))
			L.Push(lua.LString(err.Error()))
			return 3
		}
		L.Push(v)
		L.Push(lua.LNumber(start + end))
		return 2
	}))
	return t, nil
}

// openCJSON makes cjson (errors raised) or cjson.safe (nil and a message).
func openCJSON(m *module, safe bool) (lua.LValue, error) {
	L := m.s.State()
	t := L.CreateTable(0, 6)
	null := L.NewUserData()
	t.RawSetString("null", null)
	emptyArray := false
	t.RawSetString("encode_empty_table_as_object", L.NewFunction(func(L *lua.LState) int {
		emptyArray = !lua.LVAsBool(L.Get(1))
		return 0
	}))
	fail := func(L *lua.LState, err error) int {
		if !safe {
			L.RaiseError("%s", err.Error())
		}
		L.Push(lua.LNil)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	t.RawSetString("encode", L.NewFunction(func(L *lua.LState) int {
		s, err := jsonEncode(L, L.Get(1), encodeOptions{emptyArray: emptyArray, null: null})
		if err != nil {
			return fail(L, fmt.Errorf("Cannot serialise: %w", err))
		}
		L.Push(lua.LString(s))
		return 1
	}))
	t.RawSetString("decode", L.NewFunction(func(L *lua.LState) int {
		v, _, err := jsonDecode(L, L.CheckString(1), null)
		if err != nil {
			return fail(L, fmt.Errorf("Expected value but found invalid token: %w", err))
		}
		L.Push(v)
		return 1
	}))
	return t, nil
}

// openFriedlJSON makes JSON.lua's object: JSON:encode(v), JSON:encode_pretty(v),
// JSON:decode(s); decoding errors call JSON:onDecodeError(message, text),
// which raises unless the script replaced it.
func openFriedlJSON(m *module) (lua.LValue, error) {
	L := m.s.State()
	t := L.CreateTable(0, 6)
	enc := func(indent bool) lua.LGFunction {
		return func(L *lua.LState) int {
			s, err := jsonEncode(L, L.Get(2), encodeOptions{emptyArray: true, indent: indent})
			if err != nil {
				L.RaiseError("JSON:encode: %s", err.Error())
			}
			L.Push(lua.LString(s))
			return 1
		}
	}
	t.RawSetString("encode", L.NewFunction(enc(false)))
	t.RawSetString("encode_pretty", L.NewFunction(enc(true)))
	t.RawSetString("onDecodeError", L.NewFunction(func(L *lua.LState) int {
		L.RaiseError("%s", L.OptString(2, "JSON decode error"))
		return 0
	}))
	t.RawSetString("decode", L.NewFunction(func(L *lua.LState) int {
		self := L.CheckTable(1)
		s := L.CheckString(2)
		v, _, err := jsonDecode(L, s, nil)
		if err != nil {
			L.Push(self.RawGetString("onDecodeError"))
			L.Push(self)
			L.Push(lua.LString(err.Error()))
			L.Push(lua.LString(s))
			L.Call(3, 1)
			return 1
		}
		L.Push(v)
		return 1
	}))
	t.RawSetString("new", L.NewFunction(func(L *lua.LState) int {
		L.Push(t)
		return 1
	}))
	return t, nil
}

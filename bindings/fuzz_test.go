package bindings

import (
	"bytes"
	"math"
	"sort"
	"sync"
	"testing"

	"github.com/luagram/luagram/internal/tltest"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
	lua "github.com/yuin/gopher-lua"
)

// vocabulary is what fuzzed tables are made of: every constructor and
// method name, every field name (collected by pushing filled values) and
// the type names Check is asked for.
var vocabulary = sync.OnceValue(func() (v struct{ names, fields, types []string }) {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	fields := map[string]bool{}
	var walk func(lua.LValue)
	walk = func(lv lua.LValue) {
		if t, ok := lv.(*lua.LTable); ok {
			for k, e := t.Next(lua.LNil); k != lua.LNil; k, e = t.Next(k) {
				if s, ok := k.(lua.LString); ok {
					fields[string(s)] = true
				}
				walk(e)
			}
		}
	}
	f := tltest.NewFiller(1, api.Types)
	types := map[string]bool{"": true}
	for _, ti := range api.Types.All() {
		x := api.Types.New(ti.ID)
		f.Fill(x)
		walk(Push(L, x))
		v.names = append(v.names, ti.Name)
		types[ti.Type] = true
		if ti.Function {
			types[ti.Name] = true
		}
	}
	for k := range fields {
		v.fields = append(v.fields, k)
	}
	for k := range types {
		v.types = append(v.types, k)
	}
	sort.Strings(v.fields)
	sort.Strings(v.types)
	return v
})

// A fuzzReader builds Lua values from fuzz bytes.
type fuzzReader struct {
	p      []byte
	L      *lua.LState
	tables []*lua.LTable
}

func (r *fuzzReader) byte() byte {
	if len(r.p) == 0 {
		return 0
	}
	b := r.p[0]
	r.p = r.p[1:]
	return b
}

func (r *fuzzReader) uint16() int { return int(r.byte())<<8 | int(r.byte()) }

func (r *fuzzReader) pick(s []string) string { return s[r.uint16()%len(s)] }

var specialNumbers = []float64{0, 1, -1, 1 << 31, -1 << 31, 1<<31 - 1, 1 << 53, -1 << 53, 1<<53 + 2, 1 << 63,
	0.5, -2.5, math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), math.MaxFloat64, math.SmallestNonzeroFloat64}

var specialStrings = []string{"", "@durov", "0", "-1", "9007199254740993", "9223372036854775807", "-9223372036854775808",
	"9223372036854775808", "0x10", " 1", "1.5", "\x00", "0123456789abcdef", "0123456789abcdef0123456789abcdef", "_"}

func (r *fuzzReader) value(depth int) lua.LValue {
	if depth > 8 {
		return lua.LNumber(r.byte())
	}
	switch op := r.byte(); op % 10 {
	case 0:
		return lua.LNil
	case 1:
		return lua.LNumber(int16(r.uint16()))
	case 2:
		return lua.LNumber(specialNumbers[int(r.byte())%len(specialNumbers)])
	case 3:
		return lua.LString(specialStrings[int(r.byte())%len(specialStrings)])
	case 4:
		n := int(r.byte() % 40)
		if n > len(r.p) {
			n = len(r.p)
		}
		s := lua.LString(r.p[:n])
		r.p = r.p[n:]
		return s
	case 5:
		return lua.LBool(op&0x10 != 0)
	case 6, 7: // an object: "_" and named fields
		t := r.L.CreateTable(0, 4)
		r.tables = append(r.tables, t)
		if op&0x10 == 0 {
			t.RawSetString("_", lua.LString(r.pick(vocabulary().names)))
		}
		for n := int(r.byte() % 8); n > 0 && len(r.p) > 0; n-- {
			t.RawSetString(r.pick(vocabulary().fields), r.value(depth+1))
		}
		return t
	case 8: // a sequence, maybe with a stray key
		t := r.L.CreateTable(4, 0)
		r.tables = append(r.tables, t)
		for i, n := 1, int(r.byte()%6); i <= n; i++ {
			t.RawSetInt(i, r.value(depth+1))
		}
		if op&0x10 != 0 {
			t.RawSet(r.value(depth+1), lua.LTrue)
		}
		return t
	default: // a table seen before: shares and cycles
		if len(r.tables) == 0 {
			return lua.LNil
		}
		return r.tables[int(r.byte())%len(r.tables)]
	}
}

// fuzzResolver is a set of hooks: it resolves strings and numbers to fixed
// peers and fails on the rest, bolds the whole text in parse mode "html",
// and turns any table into a replyKeyboardHide.
type fuzzResolver struct{}

func (fuzzResolver) InputPeer(L *lua.LState, v lua.LValue) (api.InputPeerClass, error) {
	if _, ok := v.(*lua.LTable); ok {
		return nil, errNoSuchUser
	}
	return &api.InputPeerSelf{}, nil
}

func (fuzzResolver) InputUser(L *lua.LState, v lua.LValue) (api.InputUserClass, error) {
	if v.Type() == lua.LTString {
		return &api.InputUserSelf{}, nil
	}
	return nil, nil
}

func (fuzzResolver) InputChannel(L *lua.LState, v lua.LValue) (api.InputChannelClass, error) {
	return &api.InputChannel{ChannelID: 1}, nil
}

func (fuzzResolver) ParseMode(L *lua.LState, mode, text string) (string, []api.MessageEntityClass, error) {
	if mode != "html" {
		return "", nil, errNoSuchUser
	}
	return text, []api.MessageEntityClass{&api.MessageEntityBold{Length: int32(len(text))}}, nil
}

func (fuzzResolver) ReplyMarkup(L *lua.LState, v lua.LValue) (api.ReplyMarkupClass, error) {
	if v.Type() == lua.LTTable {
		return &api.ReplyKeyboardHide{}, nil
	}
	return nil, nil
}

// FuzzCheck builds Lua values (tables of constructor and field names,
// sequences, odd numbers and strings, shared and cyclic tables) from the
// input and converts them to a type the input also picks. Check must never
// panic; when it succeeds the value must encode, and pushing and checking
// it again must give the same encoding.
func FuzzCheck(f *testing.F) {
	f.Add([]byte{6, 0, 0, 1, 0, 0, 1, 0, 0})
	f.Add([]byte("\x06\x10\x03\x00\x00\x00\x00\x01\x00\x05"))
	f.Add([]byte("\x07\x02\x40\x04\x01\x00\x08\x03\x06\x00\x10\x02\x00\x00\x09\x00"))
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	vocabulary()
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &fuzzReader{p: data, L: L}
		b := r.byte()
		typ := vocabulary().types[r.uint16()%len(vocabulary().types)]
		if b&1 != 0 {
			SetHooks(L, Hooks{Peers: fuzzResolver{}, ParseMode: fuzzResolver{}, Markup: fuzzResolver{}})
		} else {
			SetHooks(L, Hooks{})
		}
		v := r.value(0)
		o, err := Check(L, v, typ)
		if err != nil {
			if o != nil {
				t.Fatalf("Check(%q) returned %v with the error %v", typ, o, err)
			}
			if _, ok := err.(*ArgError); !ok {
				t.Fatalf("Check(%q): %T is not an *ArgError: %v", typ, err, err)
			}
			return
		}
		enc, err := tl.Encode(o)
		if err != nil {
			t.Fatalf("Check(%q) accepted %v, which does not encode: %v", typ, o, err)
		}
		o2, err := Check(L, Push(L, o), "")
		if err != nil {
			t.Fatalf("%v: pushed and checked again: %v", o, err)
		}
		enc2, _ := tl.Encode(o2)
		if !bytes.Equal(enc, enc2) {
			t.Fatalf("%v: pushed and checked again: %v", o, o2)
		}
	})
}

package bindings

import (
	"testing"

	"github.com/luagram/luagram/tl"
	lua "github.com/yuin/gopher-lua"
)

// fakeCaller records the requests and answers each with the encoding of
// reply (if set), converted by the method's ResultFunc, without yielding.
type fakeCaller struct {
	t     testing.TB
	reqs  []tl.Object
	reply tl.Object
	raw   []byte // used when reply is nil
}

func (f *fakeCaller) Call(L *lua.LState, req tl.Object, conv ResultFunc) int {
	f.reqs = append(f.reqs, req)
	data := f.raw
	if f.reply != nil {
		var err error
		if data, err = tl.Encode(f.reply); err != nil {
			f.t.Fatalf("encoding the reply: %v", err)
		}
	}
	if data == nil {
		return 0
	}
	v, err := conv(L, tl.NewDecoder(data))
	if err != nil {
		L.RaiseError("decoding the result: %v", err)
	}
	L.Push(v)
	return 1
}

// newState returns a state with the bindings open, closed at the end of the
// test.
func newState(t testing.TB, c Caller) *lua.LState {
	t.Helper()
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	for _, lib := range []struct {
		name string
		fn   lua.LGFunction
	}{{lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable}, {lua.StringLibName, lua.OpenString}, {lua.MathLibName, lua.OpenMath}} {
		L.Push(L.NewFunction(lib.fn))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	if c != nil {
		if err := Open(L, c); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(L.Close)
	return L
}

// run runs a Lua chunk and returns its error, if any.
func run(L *lua.LState, src string) error { return L.DoString(src) }

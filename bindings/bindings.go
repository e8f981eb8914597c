package bindings

import (
	"errors"
	"strings"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
	lua "github.com/yuin/gopher-lua"
)

// A Caller performs the RPC of a method function. The script host (package
// runtime) implements it: Call encodes req, hands it to the client and
// yields the running coroutine (return L.Yield(…)); when the answer comes,
// the host resumes the coroutine with what conv makes of the result, or
// raises the RPC error. Call runs on the script's goroutine; conv must too.
type Caller interface {
	Call(L *lua.LState, req tl.Object, conv ResultFunc) int
}

// A ResultFunc reads one boxed result of a method from d and converts it to
// Lua. It does not require d to end after the result.
type ResultFunc func(L *lua.LState, d *tl.Decoder) (lua.LValue, error)

// A method is one function of the schema; the generated table methods
// lists them all.
type method struct {
	id     uint32
	result ResultFunc // nil: the result of the wrapped query
}

// rootTable is the table of the methods without a namespace.
const rootTable = "tl"

// Open installs the method functions of every namespace as globals of L
// (messages, users, help, …, and tl for the methods without a namespace),
// each calling c. Tables that exist already are extended; a global of that
// name that is not a table is an error. tl.methods lists the method names,
// sorted, and tl.layer is the API layer.
//
// The hooks of L (SetHooks) apply to the method functions and to Check;
// if c also implements PeerResolver, ParseModer or MarkupConverter, it
// replaces that hook.
func Open(L *lua.LState, c Caller) error {
	if c == nil {
		return errors.New("bindings: Open with a nil Caller")
	}
	h := hooksOf(L)
	if p, ok := c.(PeerResolver); ok {
		h.Peers = p
	}
	if p, ok := c.(ParseModer); ok {
		h.ParseMode = p
	}
	if m, ok := c.(MarkupConverter); ok {
		h.Markup = m
	}
	SetHooks(L, h)
	tables := map[string]*lua.LTable{}
	table := func(name string) (*lua.LTable, error) {
		if t := tables[name]; t != nil {
			return t, nil
		}
		var t *lua.LTable
		switch v := L.GetGlobal(name).(type) {
		case *lua.LTable:
			t = v
		case *lua.LNilType:
			t = L.CreateTable(0, 32)
			L.SetGlobal(name, t)
		default:
			return nil, errors.New("bindings: global " + name + " is a " + v.Type().String() + ", not a table")
		}
		tables[name] = t
		return t, nil
	}
	root, err := table(rootTable)
	if err != nil {
		return err
	}
	for i := range methodTable {
		m := &methodTable[i]
		info, _ := api.Types.ByID(m.id)
		ns, short, ok := strings.Cut(info.Name, ".")
		name := info.Name
		if !ok {
			ns, short, name = rootTable, info.Name, rootTable+"."+info.Name
		}
		t, err := table(ns)
		if err != nil {
			return err
		}
		fn := &function{name: name, m: m, ns: t, c: c, h: h}
		t.RawSetString(short, L.NewFunction(fn.call))
	}
	names := Methods()
	list := L.CreateTable(len(names), 0)
	for i, n := range names {
		list.RawSetInt(i+1, lua.LString(n))
	}
	root.RawSetString("methods", list)
	root.RawSetString("layer", lua.LNumber(Layer))
	return nil
}

// A function is one method as installed by Open.
type function struct {
	name string
	m    *method
	ns   *lua.LTable // its namespace table, to recognize ns:method{…}
	c    Caller
	h    Hooks
}

func (f *function) call(L *lua.LState) int {
	arg := L.Get(1)
	if arg == f.ns {
		L.RaiseError("%s: called with a colon; write %s{…}", f.name, f.name)
	}
	if top := L.GetTop(); top > 1 {
		L.RaiseError("bad argument #2 to %s (no value expected, got %s)", f.name, L.Get(2).Type())
	}
	req := api.Types.New(f.m.id)
	c := cx{L: L, h: f.h}
	var err error
	switch arg.(type) {
	case *lua.LTable:
		err = checkAny(&c, arg, req)
	case *lua.LNilType: // f() or f(nil): fine when nothing is required
		if checkAny(&c, L.CreateTable(0, 0), req) != nil {
			L.RaiseError("bad argument #1 to %s (table expected, got nil)", f.name)
		}
	default:
		L.RaiseError("bad argument #1 to %s (table expected, got %s)", f.name, arg.Type())
	}
	if err != nil {
		if e, ok := err.(*ArgError); ok {
			e.Func = f.name
		}
		L.RaiseError("%s", err.Error())
	}
	conv := f.m.result
	if conv == nil {
		if conv = ResultOf(req); conv == nil {
			q := req
			for innerQuery(q) != nil {
				q = innerQuery(q)
			}
			L.RaiseError("%s: query: method call expected, got %s", f.name, q.TypeName())
		}
	}
	return f.c.Call(L, req, conv)
}

// ResultOf returns the converter of the result of req, a request of the
// API; for wrappers such as invokeWithLayer, that of the query they wrap.
// It returns nil for anything else.
func ResultOf(req tl.Object) ResultFunc {
	for req != nil {
		m := theIndex().byID[req.TypeID()]
		if m == nil {
			return nil
		}
		if m.result != nil {
			return m.result
		}
		req = innerQuery(req)
	}
	return nil
}

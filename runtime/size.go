package runtime

import (
	"reflect"
	"sync"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// Estimated sizes, in bytes, of gopher-lua's objects on a 64-bit machine,
// calibrated against the Go heap (TestSizeEstimate). They are round: the
// walk estimates what a state holds, it does not account for every byte.
const (
	sizeTable      = 96   // LTable
	sizeSlot       = 16   // one LValue in a slice (array part, key list)
	sizeMap        = 48   // a Go map's header
	slotStrdict    = 33   // one slot of a map[string]LValue, with its control byte
	slotDict       = 33   // one slot of a map[LValue]LValue
	slotK2i        = 25   // one slot of a map[LValue]int
	sizeHashEntry  = 120  // one hash entry, when the table's layout is unknown
	sizeString     = 16   // string header; the bytes come on top
	sizeNumber     = 16   // a boxed LNumber
	sizeFunction   = 96   // LFunction
	sizeUpvalue    = 48   // one upvalue
	sizeProto      = 200  // FunctionProto without its code
	sizeUserData   = 64   // LUserData
	sizeThread     = 2048 // LState, its allocator and call stack; the value stack comes on top
	sharedStrBytes = 256  // strings this long are counted once
)

// mapBytes estimates a Go map of n entries with slots of the given size:
// one group of 8 slots at least, two thirds full on average beyond.
func mapBytes(n int, slot int64) int64 {
	if n == 0 {
		return 0
	}
	slots := max(8, int64(n)*3/2)
	return sizeMap + slots*slot
}

// ltable is gopher-lua's LTable layout as the walk reads it: the field
// indices of its array, maps and key list. The walk reads lengths and
// capacities only (reflect allows that on unexported fields); if a
// gopher-lua version changes the layout, ok is false and the walk counts
// entries instead.
var ltable = sync.OnceValue(func() (l struct {
	ok                              bool
	array, dict, strdict, keys, k2i int
}) {
	typ := reflect.TypeOf(lua.LTable{})
	want := map[string]reflect.Kind{"array": reflect.Slice, "dict": reflect.Map, "strdict": reflect.Map, "keys": reflect.Slice, "k2i": reflect.Map}
	idx := map[string]int{}
	for name, kind := range want {
		f, ok := typ.FieldByName(name)
		if !ok || f.Type.Kind() != kind || len(f.Index) != 1 {
			return l
		}
		idx[name] = f.Index[0]
	}
	l.ok = true
	l.array, l.dict, l.strdict, l.keys, l.k2i = idx["array"], idx["dict"], idx["strdict"], idx["keys"], idx["k2i"]
	return l
})

// A sizer walks the objects reachable from a state and adds up their
// estimated sizes. It stops once the total passes limit.
type sizer struct {
	seen  map[unsafe.Pointer]struct{}
	stack []lua.LValue
	total int64
	limit int64
	regs  int // initial value-stack size of a thread
}

func newSizer(limit int64, regs int) *sizer {
	return &sizer{seen: make(map[unsafe.Pointer]struct{}), limit: limit, regs: regs}
}

func (z *sizer) over() bool { return z.limit > 0 && z.total > z.limit }

// mark reports whether p is seen for the first time.
func (z *sizer) mark(p unsafe.Pointer) bool {
	if _, ok := z.seen[p]; ok {
		return false
	}
	z.seen[p] = struct{}{}
	return true
}

// add counts v and queues what it refers to.
func (z *sizer) add(v lua.LValue) {
	switch v := v.(type) {
	case lua.LString:
		z.str(string(v))
	case lua.LNumber:
		z.total += sizeNumber
	case *lua.LTable:
		if z.mark(unsafe.Pointer(v)) {
			z.stack = append(z.stack, v)
		}
	case *lua.LFunction:
		if z.mark(unsafe.Pointer(v)) {
			z.stack = append(z.stack, v)
		}
	case *lua.LUserData:
		if z.mark(unsafe.Pointer(v)) {
			z.stack = append(z.stack, v)
		}
	case *lua.LState:
		if z.mark(unsafe.Pointer(v)) {
			z.stack = append(z.stack, v)
		}
	}
}

func (z *sizer) str(s string) {
	if len(s) >= sharedStrBytes && !z.mark(unsafe.Pointer(unsafe.StringData(s))) {
		return
	}
	z.total += sizeString + int64(len(s))
}

// run walks everything queued and returns the total.
func (z *sizer) run() int64 {
	for len(z.stack) > 0 && !z.over() {
		v := z.stack[len(z.stack)-1]
		z.stack = z.stack[:len(z.stack)-1]
		switch v := v.(type) {
		case *lua.LTable:
			z.table(v)
		case *lua.LFunction:
			z.function(v)
		case *lua.LUserData:
			z.total += sizeUserData
			z.add(v.Metatable)
			z.add(v.Env)
		case *lua.LState:
			z.thread(v)
		}
	}
	return z.total
}

func (z *sizer) table(t *lua.LTable) {
	z.total += sizeTable
	z.add(t.Metatable)
	l := ltable()
	if l.ok {
		// Capacities and lengths, including the keys gopher-lua keeps in
		// its key list after they are deleted.
		v := reflect.ValueOf(t).Elem()
		z.total += sizeSlot * int64(v.Field(l.array).Cap()+v.Field(l.keys).Cap())
		z.total += mapBytes(v.Field(l.strdict).Len(), slotStrdict) +
			mapBytes(v.Field(l.dict).Len(), slotDict) +
			mapBytes(v.Field(l.k2i).Len(), slotK2i)
	}
	t.ForEach(func(k, v lua.LValue) {
		if i, ok := k.(lua.LNumber); ok && i >= 1 && i == lua.LNumber(int64(i)) {
			if !l.ok {
				z.total += sizeSlot
			}
		} else {
			if !l.ok {
				z.total += sizeHashEntry
			}
			if s, ok := k.(lua.LString); ok {
				z.total += int64(len(s)) // the header is in the map's slot
			} else {
				z.add(k)
			}
		}
		z.add(v)
	})
}

func (z *sizer) function(f *lua.LFunction) {
	z.total += sizeFunction + sizeUpvalue*int64(len(f.Upvalues))
	z.add(f.Env)
	for _, uv := range f.Upvalues {
		if uv != nil {
			z.add(uv.Value())
		}
	}
	if f.Proto != nil {
		z.proto(f.Proto)
	}
}

func (z *sizer) proto(p *lua.FunctionProto) {
	if !z.mark(unsafe.Pointer(p)) {
		return
	}
	z.total += sizeProto + 8*int64(len(p.Code)) + 16*int64(len(p.Constants))
	for _, c := range p.Constants {
		z.add(c)
	}
	for _, q := range p.FunctionPrototypes {
		z.proto(q)
	}
}

// lstate is where gopher-lua keeps a thread's value stack: the field
// indices of LState.reg and of its array, read as ltable is. ok is false if
// the layout changed; the walk then assumes the initial size.
var lstate = sync.OnceValue(func() (l struct {
	ok         bool
	reg, array int
}) {
	reg, ok := reflect.TypeOf(lua.LState{}).FieldByName("reg")
	if !ok || reg.Type.Kind() != reflect.Pointer || reg.Type.Elem().Kind() != reflect.Struct || len(reg.Index) != 1 {
		return l
	}
	array, ok := reg.Type.Elem().FieldByName("array")
	if !ok || array.Type.Kind() != reflect.Slice || len(array.Index) != 1 {
		return l
	}
	l.ok, l.reg, l.array = true, reg.Index[0], array.Index[0]
	return l
})

// stackSlots returns the capacity of th's value stack.
func (z *sizer) stackSlots(th *lua.LState) int {
	if l := lstate(); l.ok {
		if reg := reflect.ValueOf(th).Elem().Field(l.reg); !reg.IsNil() {
			return reg.Elem().Field(l.array).Cap()
		}
	}
	return z.regs
}

// thread counts a coroutine: its fixed cost and the values its frames hold
// in named locals and at the top of its stack. Temporaries of outer frames
// are not visible through gopher-lua's API and are not counted.
func (z *sizer) thread(th *lua.LState) {
	z.total += sizeThread + sizeSlot*int64(z.stackSlots(th))
	for level := 0; ; level++ {
		dbg, ok := th.GetStack(level)
		if !ok {
			break
		}
		if fn, err := th.GetInfo("f", dbg, lua.LNil); err == nil {
			z.add(fn)
		}
		for i := 1; ; i++ {
			name, v := th.GetLocal(dbg, i)
			if name == "" {
				break
			}
			z.add(v)
		}
	}
	for i := 1; i <= th.GetTop(); i++ {
		z.add(th.Get(i))
	}
}

// size estimates the bytes of Lua data s holds, stopping past limit (0: no
// limit): what its globals, registry, metatables, handlers, timers and
// waiting coroutines reach.
func (s *Script) size(limit int64) int64 {
	z := newSizer(limit, registrySize)
	z.add(s.L.G.Global)
	z.add(s.L.G.Registry)
	for _, v := range []lua.LValue{lua.LString(""), lua.LNumber(0), lua.LTrue, lua.LNil} {
		z.add(s.L.GetMetatable(v))
	}
	for _, list := range s.handlers {
		for _, h := range list {
			z.add(h.fn)
		}
	}
	for t := range s.timers {
		z.add(t.fn)
	}
	for t := range s.tasks {
		z.add(t.th)
	}
	if t := s.running; t != nil {
		z.add(t.th)
	}
	z.add(s.pre.loaded)
	return z.run()
}

package runtime

import (
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// Estimated sizes, in bytes, of gopher-lua's objects on a 64-bit machine.
// They are deliberately round: the walk estimates what a state holds, it
// does not account for every byte.
const (
	sizeTable      = 120 // LTable and its maps' headers
	sizeArraySlot  = 16  // one value of a table's array part
	sizeHashEntry  = 80  // one key/value of a table's hash part (map entry, key list, index)
	sizeString     = 16  // string header; the bytes come on top
	sizeNumber     = 8   // a boxed LNumber
	sizeFunction   = 80  // LFunction
	sizeUpvalue    = 48  // one upvalue
	sizeProto      = 200 // FunctionProto without its code
	sizeUserData   = 64
	sizeThread     = 2048 // LState, its allocator and call stack
	sizeValueSlot  = 16   // one slot of a thread's value stack
	sharedStrBytes = 256  // strings this long are counted once
)

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
	n := int64(0)
	t.ForEach(func(k, v lua.LValue) {
		if i, ok := k.(lua.LNumber); ok && i >= 1 && i == lua.LNumber(int64(i)) {
			z.total += sizeArraySlot
		} else {
			z.total += sizeHashEntry
			z.add(k)
		}
		z.add(v)
		n++
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

// thread counts a coroutine: its fixed cost and the values its frames hold
// in named locals and at the top of its stack. Temporaries of outer frames
// are not visible through gopher-lua's API and are not counted.
func (z *sizer) thread(th *lua.LState) {
	z.total += sizeThread + sizeValueSlot*int64(z.regs)
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

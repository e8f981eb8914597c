package runtime

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// openLibs opens the standard libraries a script may use: base (without
// dofile, loadfile and the collector; print goes to the script's log),
// table (table.concat without gopher-lua's stack bound), string
// (string.rep bounded), math, os (time, clock, date,
// difftime only), coroutine (rebuilt by the prelude) and debug.traceback.
// io, the rest of debug,
// package and gopher-lua's channel library are not available; require is
// the host's (require.go).
func openLibs(s *Script) {
	L := s.L
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath},
		{lua.OsLibName, lua.OpenOs},
		{lua.CoroutineLibName, lua.OpenCoroutine},
	} {
		L.Push(L.NewFunction(lib.open))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	g := L.G.Global
	for _, name := range []string{"dofile", "loadfile", "_printregs", "module"} {
		g.RawSetString(name, lua.LNil)
	}
	g.RawSetString("print", L.NewFunction(s.print))
	g.RawSetString("collectgarbage", L.NewFunction(s.collectGarbage))

	os := L.GetGlobal(lua.OsLibName).(*lua.LTable)
	safe := L.CreateTable(0, 4)
	for _, name := range []string{"time", "clock", "date", "difftime"} {
		safe.RawSetString(name, os.RawGetString(name))
	}
	L.SetGlobal(lua.OsLibName, safe)

	str := L.GetGlobal(lua.StringLibName).(*lua.LTable)
	str.RawSetString("rep", L.NewFunction(s.strRep))
	tab := L.GetGlobal(lua.TabLibName).(*lua.LTable)
	tab.RawSetString("concat", L.NewFunction(s.tableConcat))

	// Of the debug library only traceback, which scripts use with xpcall
	// and in error messages; the rest would reach into other coroutines
	// and the host.
	dbg := L.CreateTable(0, 1)
	dbg.RawSetString("traceback", L.NewFunction(s.debugTraceback))
	L.SetGlobal("debug", dbg)
	str.RawSetString("dump", lua.LNil)
}

// maxString is the longest string string.rep makes when the script has no
// memory limit.
const maxString = 1 << 30

// strRep is string.rep, refusing results longer than the memory limit: one
// call could otherwise allocate gigabytes before the guard's next check.
func (s *Script) strRep(L *lua.LState) int {
	str := L.CheckString(1)
	n := L.CheckInt(2)
	if n <= 0 || str == "" {
		L.Push(lua.LString(""))
		return 1
	}
	if limit := s.resultLimit(); int64(len(str))*int64(n) > limit {
		L.RaiseError("string.rep: result of %d bytes exceeds the script's memory limit", int64(len(str))*int64(n))
	}
	L.Push(lua.LString(strings.Repeat(str, n)))
	return 1
}

// resultLimit is the longest string a builtin makes for the script: its
// memory limit, or maxString.
func (s *Script) resultLimit() int64 {
	if m := s.p.h.cfg.MemoryLimit; m > 0 {
		return m
	}
	return maxString
}

// tableConcat is table.concat(list [, sep [, i [, j]]]) as Lua 5.1 defines
// it. gopher-lua's pushes every element on the value stack, so a list of
// more than about 32,000 strings failed with "registry overflow"; this one
// builds the string directly, and refuses results longer than the memory
// limit as string.rep does.
func (s *Script) tableConcat(L *lua.LState) int {
	tbl := L.CheckTable(1)
	sep := L.OptString(2, "")
	i := L.OptInt(3, 1)
	j := L.OptInt(4, tbl.Len())
	var b strings.Builder
	limit := s.resultLimit()
	for k := i; k <= j; k++ {
		var part string
		switch v := tbl.RawGetInt(k).(type) {
		case lua.LString:
			part = string(v)
		case lua.LNumber:
			part = v.String()
		default:
			L.RaiseError("invalid value (at index %d) in table for concat", k)
		}
		if int64(b.Len())+int64(len(part))+int64(len(sep)) > limit {
			L.RaiseError("table.concat: result exceeds the script's memory limit of %d bytes", limit)
		}
		b.WriteString(part)
		if k < j {
			b.WriteString(sep)
		}
	}
	L.Push(lua.LString(b.String()))
	return 1
}

// print logs its arguments, converted with tostring and separated by tabs,
// at level info.
func (s *Script) print(L *lua.LState) int {
	parts := make([]string, L.GetTop())
	for i := range parts {
		parts[i] = L.ToStringMeta(L.Get(i + 1)).String()
	}
	s.log.Info(strings.Join(parts, "\t"))
	return 0
}

// collectGarbage answers "count" with the estimated size of the state's
// data in kilobytes (as the memory guard measures it), and does nothing
// else: a script must not run the process-wide collector.
func (s *Script) collectGarbage(L *lua.LState) int {
	if L.OptString(1, "collect") == "count" {
		L.Push(lua.LNumber(float64(s.size(0)) / 1024))
		return 1
	}
	L.Push(lua.LNumber(0))
	return 1
}

// debugTraceback is debug.traceback([msg]): msg (converted as tostring
// does; a non-string, non-nil msg is returned as is, as Lua 5.1 does)
// followed by a stack traceback without the host's frames. Given the error
// a pcall or xpcall just caught — as xpcall(f, debug.traceback) does — it
// shows the stack where that error was raised (the failed thread keeps its
// frames); otherwise the calling coroutine's.
func (s *Script) debugTraceback(L *lua.LState) int {
	msg := L.Get(1)
	switch msg.(type) {
	case lua.LString, *lua.LNilType, lua.LNumber:
	default:
		L.Push(msg)
		return 1
	}
	var tb string
	if e := s.lastError; e.th != nil && msg != lua.LNil && e.obj == msg {
		tb = traceback(e.th)
		s.lastError = caughtError{}
	} else {
		tb = traceback(L)
	}
	if msg != lua.LNil {
		tb = msg.String() + "\n" + tb
	}
	L.Push(lua.LString(tb))
	return 1
}

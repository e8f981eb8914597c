package runtime

import (
	lua "github.com/yuin/gopher-lua"
)

// openHostGlobals installs the host's functions: on, on_update, sleep,
// timer, every, stop and get_updates, and the modules log, json and kv.
// Functions that may wait are wrapped by Func.
func (s *Script) openHostGlobals() {
	L := s.L
	for name, fn := range map[string]lua.LGFunction{
		"on":        s.on,
		"on_update": s.onUpdate,
		"timer":     s.timer,
		"every":     s.every,
		"stop":      s.stop,
	} {
		L.SetGlobal(name, L.NewFunction(fn))
	}
	for name, fn := range map[string]lua.LGFunction{
		"sleep":       s.sleep,
		"get_updates": s.getUpdates,
	} {
		L.SetGlobal(name, s.Func(fn))
	}
	for _, m := range []struct {
		name string
		open funcModule
	}{{"log", openLog}, {"json", openJSON}, {"kv", openKV}} {
		// Built-in modules cannot fail to open.
		_ = s.openModule(m.name, m.open)
	}
}

// stop() ends the script: no more handlers, timers or waits; the coroutine
// that called it unwinds at once (pcall does not catch it). In a version
// replaced by a reload, it only ends that version.
func (s *Script) stop(L *lua.LState) int {
	s.stopping = true
	s.g.trip(errStopped)
	return 0
}

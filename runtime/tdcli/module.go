package tdcli

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/runtime"
)

// module is the tdcli environment in one Lua state.
type module struct {
	e *Env
	s *runtime.Script
	r []*redisClient // connections the state opened

	redisCommands *lua.LTable // redis.commands, which scripts may extend
}

// Open installs tdcli_function and the Lua 5.1/5.2 world, keeps the
// script running (a tdcli script waits for updates until it stops), and
// makes the state receive updates once its main chunk has run.
func (m *module) Open(s *runtime.Script) (lua.LValue, error) {
	m.s = s
	e := m.e
	L := s.State()
	e.open(s)
	L.SetGlobal("tdcli_function", L.NewFunction(e.tdcliFunction))
	if err := m.openCompat(); err != nil {
		return nil, err
	}
	if on, ok := L.GetGlobal("on").(*lua.LFunction); ok {
		// A handler for a name no update has keeps the state alive.
		noop := L.NewFunction(func(*lua.LState) int { return 0 })
		if err := L.CallByParam(lua.P{Fn: on, NRet: 0, Protect: true}, lua.LString("tdcli: waiting for updates"), noop); err != nil {
			return nil, err
		}
	}
	// The host queues the main chunk after Open (a reload runs it right
	// after): what this posts runs before it, what that posts after it.
	s.Post(func() { s.Post(func() { e.goLive(s) }) })
	return nil, nil
}

// Close forgets the state and closes its Redis connections.
func (m *module) Close() error {
	if m.s != nil {
		m.e.closed(m.s)
	}
	for _, c := range m.r {
		c.close()
	}
	m.r = nil
	return nil
}

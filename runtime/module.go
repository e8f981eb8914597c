package runtime

import (
	lua "github.com/yuin/gopher-lua"
)

// A Module is a Lua library: one instance per Lua state. Open returns the
// module's value, which becomes the global of the module's name and what
// require(name) returns (nil installs nothing, for modules that set their
// own globals). Close releases what Open acquired; it is called once when
// the state closes, also after a failed Open, as Caddy calls Cleanup after
// a failed Provision.
//
// Open runs on the script's goroutine before the main chunk. Lua functions
// of the module that wait (Script.Await) must be made with Script.Func.
type Module interface {
	Open(s *Script) (lua.LValue, error)
	Close() error
}

// A moduleEntry is a module added to the host.
type moduleEntry struct {
	name string
	new  func() Module
}

// A globalEntry is a function added to the host.
type globalEntry struct {
	name string
	fn   lua.LGFunction
}

// funcModule adapts a function to Module.
type funcModule func(s *Script) (lua.LValue, error)

func (f funcModule) Open(s *Script) (lua.LValue, error) { return f(s) }
func (funcModule) Close() error                         { return nil }

package tdcli

import (
	_ "embed"
	"sync"

	lua "github.com/yuin/gopher-lua"
)

// The modules written in Lua, compiled once and run per state on require.

//go:embed serpent.lua
var serpentSource string

//go:embed ltn12.lua
var ltn12Source string

// lgiSource is a stand-in for lgi (GObject introspection), which bots used
// for desktop notifications: every field and every call gives the stub
// back, so notify.Notification.new(…):show() does nothing.
const lgiSource = `
local stub
stub = setmetatable({}, {
	__index = function() return stub end,
	__call = function() return stub end,
	__tostring = function() return "lgi stub (luagram)" end,
})
return stub
`

var luaModules = map[string]*luaModule{
	"serpent": {src: serpentSource},
	"ltn12":   {src: ltn12Source},
	"lgi":     {src: lgiSource},
}

type luaModule struct {
	src   string
	once  sync.Once
	proto *lua.FunctionProto
}

func init() {
	for name, lm := range luaModules {
		lm := lm
		chunk := "[" + name + "]"
		preloads[name] = func(m *module) (lua.LValue, error) {
			lm.once.Do(func() { lm.proto = mustCompile(lm.src, chunk) })
			L := m.s.State()
			if err := L.CallByParam(lua.P{Fn: L.NewFunctionFromProto(lm.proto), NRet: 1, Protect: true}); err != nil {
				return nil, err
			}
			v := L.Get(-1)
			L.Pop(1)
			return v, nil
		}
	}
	preloads["Notify"] = preloads["lgi"]
}

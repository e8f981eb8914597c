package bindings

import (
	"github.com/luagram/luagram/tl/api"
	lua "github.com/yuin/gopher-lua"
)

// A PeerResolver turns what a script passes for a peer — "@username", a
// bot-API id (number or decimal string: -100… for channels), a peer, user
// or chat table from a result — into an input peer. The client implements
// it from its peer cache. It is called on the script's goroutine, during
// the conversion of a method's parameters, for each such value; it must not
// touch L beyond reading v.
//
// A table whose "_" names a constructor of the expected type never reaches
// the resolver. Without a resolver, only such tables are accepted.
type PeerResolver interface {
	InputPeer(L *lua.LState, v lua.LValue) (api.InputPeerClass, error)
	InputUser(L *lua.LState, v lua.LValue) (api.InputUserClass, error)
	InputChannel(L *lua.LState, v lua.LValue) (api.InputChannelClass, error)
}

// resolverKey is where SetPeerResolver keeps the resolver of a state, in
// its registry.
const resolverKey = "luagram.bindings.resolver"

// SetPeerResolver makes Check (and the methods Open installs after it,
// unless their Caller resolves peers itself) use r; nil removes it.
func SetPeerResolver(L *lua.LState, r PeerResolver) {
	if r == nil {
		L.G.Registry.RawSetString(resolverKey, lua.LNil)
		return
	}
	ud := L.NewUserData()
	ud.Value = r
	L.G.Registry.RawSetString(resolverKey, ud)
}

func resolverOf(L *lua.LState) PeerResolver {
	if ud, ok := L.G.Registry.RawGetString(resolverKey).(*lua.LUserData); ok {
		r, _ := ud.Value.(PeerResolver)
		return r
	}
	return nil
}

// isConstructorOf reports whether v is a table whose "_" names a
// constructor of typ.
func isConstructorOf(v lua.LValue, typ string) bool {
	t, ok := v.(*lua.LTable)
	if !ok {
		return false
	}
	name, ok := t.RawGetString("_").(lua.LString)
	if !ok {
		return false
	}
	info, ok := api.Types.ByName(string(name))
	return ok && !info.Function && info.Type == typ
}

// resolveErr wraps a resolver's failure.
func resolveErr(typ string, v lua.LValue, err error) error {
	if err == nil {
		return &ArgError{Msg: typ + " expected, got " + describe(v) + " (the peer resolver returned nothing)"}
	}
	if _, ok := err.(*ArgError); ok {
		return err
	}
	return &ArgError{Msg: "resolving " + describe(v) + " to " + typ + ": " + err.Error(), Err: err}
}

func inputPeer(c *cx, v lua.LValue) (api.InputPeerClass, error) {
	if isConstructorOf(v, "InputPeer") || c.r == nil {
		return class[api.InputPeerClass](c, v, "InputPeer")
	}
	p, err := c.r.InputPeer(c.L, v)
	if err != nil || p == nil {
		return nil, resolveErr("InputPeer", v, err)
	}
	return p, nil
}

func inputUser(c *cx, v lua.LValue) (api.InputUserClass, error) {
	if isConstructorOf(v, "InputUser") || c.r == nil {
		return class[api.InputUserClass](c, v, "InputUser")
	}
	p, err := c.r.InputUser(c.L, v)
	if err != nil || p == nil {
		return nil, resolveErr("InputUser", v, err)
	}
	return p, nil
}

func inputChannel(c *cx, v lua.LValue) (api.InputChannelClass, error) {
	if isConstructorOf(v, "InputChannel") || c.r == nil {
		return class[api.InputChannelClass](c, v, "InputChannel")
	}
	p, err := c.r.InputChannel(c.L, v)
	if err != nil || p == nil {
		return nil, resolveErr("InputChannel", v, err)
	}
	return p, nil
}

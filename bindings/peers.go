package bindings

import (
	"github.com/luagram/luagram/tl"
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

// resolvable converts v if it is a table naming a constructor of typ, or
// if there is no resolver (and then fails on anything else); otherwise it
// says to resolve v.
func (c *cx) resolvable(v lua.LValue, typ string) (o tl.Object, resolve bool, err error) {
	if c.r == nil {
		o, err = c.boxed(v, typ)
		return o, false, err
	}
	if t, ok := v.(*lua.LTable); ok {
		if o, k, err := newByName(t, typ); err == nil {
			return o, false, k.check(c, t, o)
		}
	}
	return nil, true, nil
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
	o, resolve, err := c.resolvable(v, "InputPeer")
	if !resolve {
		x, _ := o.(api.InputPeerClass)
		return x, err
	}
	p, err := c.r.InputPeer(c.L, v)
	if err != nil || p == nil {
		return nil, resolveErr("InputPeer", v, err)
	}
	return p, nil
}

func inputUser(c *cx, v lua.LValue) (api.InputUserClass, error) {
	o, resolve, err := c.resolvable(v, "InputUser")
	if !resolve {
		x, _ := o.(api.InputUserClass)
		return x, err
	}
	p, err := c.r.InputUser(c.L, v)
	if err != nil || p == nil {
		return nil, resolveErr("InputUser", v, err)
	}
	return p, nil
}

func inputChannel(c *cx, v lua.LValue) (api.InputChannelClass, error) {
	o, resolve, err := c.resolvable(v, "InputChannel")
	if !resolve {
		x, _ := o.(api.InputChannelClass)
		return x, err
	}
	p, err := c.r.InputChannel(c.L, v)
	if err != nil || p == nil {
		return nil, resolveErr("InputChannel", v, err)
	}
	return p, nil
}

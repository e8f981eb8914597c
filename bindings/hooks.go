package bindings

import (
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
	lua "github.com/yuin/gopher-lua"
)

// Hooks are the MadelineProto conveniences, which other packages provide:
// the client resolves peers, client/parsemode parses text. A nil hook is
// off, and then only what the schema says is accepted.
//
// Hooks are called on the script's goroutine while a method's parameters
// are converted, once per value they apply to; they must not touch L
// beyond reading the value they are given.
type Hooks struct {
	Peers     PeerResolver
	ParseMode ParseModer
	Markup    MarkupConverter
}

// A PeerResolver turns what a script passes for a peer — "@username", a
// bot-API id (number or decimal string: -100… for channels), a peer, user
// or chat table from a result — into an input peer, for every parameter of
// type InputPeer, InputUser or InputChannel. A table whose "_" names a
// constructor of the expected type never reaches the resolver.
type PeerResolver interface {
	InputPeer(L *lua.LState, v lua.LValue) (api.InputPeerClass, error)
	InputUser(L *lua.LState, v lua.LValue) (api.InputUserClass, error)
	InputChannel(L *lua.LState, v lua.LValue) (api.InputChannelClass, error)
}

// A ParseModer formats text for the parse_mode parameter that every method
// and Input* constructor with message (or caption) and entities also takes:
//
//	messages.sendMessage{peer = p, message = "<b>hi</b>", parse_mode = "html"}
//
// It returns the plain text and its entities, which replace message and
// entities; giving both entities and parse_mode is an error. mode is the
// script's string as is ("html", "HTML", "markdown", "MarkdownV2", …).
type ParseModer interface {
	ParseMode(L *lua.LState, mode, text string) (string, []api.MessageEntityClass, error)
}

// A MarkupConverter turns a reply_markup that is not a ReplyMarkup table —
// typically a bot-API one, {inline_keyboard = {{{text = "OK",
// callback_data = "ok"}}}} — into a ReplyMarkup.
type MarkupConverter interface {
	ReplyMarkup(L *lua.LState, v lua.LValue) (api.ReplyMarkupClass, error)
}

// hooksKey is where SetHooks keeps the hooks of a state, in its registry.
const hooksKey = "luagram.bindings.hooks"

// SetHooks makes Check, and the method functions Open installs after it,
// use h. (Open also takes the hooks its Caller implements.)
func SetHooks(L *lua.LState, h Hooks) {
	ud := L.NewUserData()
	ud.Value = h
	L.G.Registry.RawSetString(hooksKey, ud)
}

func hooksOf(L *lua.LState) Hooks {
	if ud, ok := L.G.Registry.RawGetString(hooksKey).(*lua.LUserData); ok {
		h, _ := ud.Value.(Hooks)
		return h
	}
	return Hooks{}
}

// hookable converts v if it is a table naming a constructor of typ, or if
// there is no hook (and then fails on anything else); otherwise it says to
// hand v to the hook.
func (c *cx) hookable(v lua.LValue, typ string, hook bool) (o tl.Object, call bool, err error) {
	if !hook {
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

// hookErr wraps a hook's failure.
func hookErr(hook, typ string, v lua.LValue, err error) error {
	if err == nil {
		return &ArgError{Msg: typ + " expected, got " + describe(v) + " (the " + hook + " returned nothing)"}
	}
	if _, ok := err.(*ArgError); ok {
		return err
	}
	return &ArgError{Msg: "converting " + describe(v) + " to " + typ + ": " + err.Error(), Err: err}
}

func inputPeer(c *cx, v lua.LValue) (api.InputPeerClass, error) {
	o, call, err := c.hookable(v, "InputPeer", c.h.Peers != nil)
	if !call {
		x, _ := o.(api.InputPeerClass)
		return x, err
	}
	p, err := c.h.Peers.InputPeer(c.L, v)
	if err != nil || p == nil {
		return nil, hookErr("peer resolver", "InputPeer", v, err)
	}
	return p, nil
}

func inputUser(c *cx, v lua.LValue) (api.InputUserClass, error) {
	o, call, err := c.hookable(v, "InputUser", c.h.Peers != nil)
	if !call {
		x, _ := o.(api.InputUserClass)
		return x, err
	}
	p, err := c.h.Peers.InputUser(c.L, v)
	if err != nil || p == nil {
		return nil, hookErr("peer resolver", "InputUser", v, err)
	}
	return p, nil
}

func inputChannel(c *cx, v lua.LValue) (api.InputChannelClass, error) {
	o, call, err := c.hookable(v, "InputChannel", c.h.Peers != nil)
	if !call {
		x, _ := o.(api.InputChannelClass)
		return x, err
	}
	p, err := c.h.Peers.InputChannel(c.L, v)
	if err != nil || p == nil {
		return nil, hookErr("peer resolver", "InputChannel", v, err)
	}
	return p, nil
}

func replyMarkup(c *cx, v lua.LValue) (api.ReplyMarkupClass, error) {
	o, call, err := c.hookable(v, "ReplyMarkup", c.h.Markup != nil)
	if !call {
		x, _ := o.(api.ReplyMarkupClass)
		return x, err
	}
	m, err := c.h.Markup.ReplyMarkup(c.L, v)
	if err != nil || m == nil {
		return nil, hookErr("markup converter", "ReplyMarkup", v, err)
	}
	return m, nil
}

// A parse locates the fields parse_mode rewrites.
type parse struct{ text, entities int }

// parseMode applies the ParseModer to the text of t (field p.text of d) and
// sets text and entities.
func (c *cx) parseMode(mode lua.LValue, t *lua.LTable, d *desc, set setter, o tl.Object, seen *bits) error {
	p := d.parse
	m, ok := mode.(lua.LString)
	switch {
	case !ok:
		return &ArgError{Path: "parse_mode", Msg: "string expected, got " + mode.Type().String()}
	case c.h.ParseMode == nil:
		return &ArgError{Path: "parse_mode", Msg: "parse modes unavailable (no hook): pass entities"}
	case seen.has(p.entities):
		return &ArgError{Path: "parse_mode", Msg: "give entities or parse_mode, not both"}
	}
	name := fieldNames(d.fields[p.text : p.text+1])[0]
	text, ok := t.RawGetString(name).(lua.LString)
	if !ok {
		return nil // nothing to format (the type of a present text was checked)
	}
	plain, ents, err := c.h.ParseMode.ParseMode(c.L, string(m), string(text))
	if err != nil {
		return &ArgError{Path: name, Msg: "parse_mode " + string(m) + ": " + err.Error(), Err: err}
	}
	if err := set(c, p.text, lua.LString(plain), o); err != nil {
		return at(err, lua.LString(name))
	}
	if err := set(c, p.entities, objectsOf(c.L, ents), o); err != nil {
		return at(err, lua.LString("entities"))
	}
	seen.add(p.entities)
	return nil
}

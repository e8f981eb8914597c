package tdconv

import (
	"context"
	"sort"
)

// A handler serves one TD function.
type handler func(s *Layer, ctx context.Context, fn Function) (Object, error)

// functions holds the handlers by schema name; each fn_*.go file adds its
// own in init.
var functions = map[string]handler{}

func register[F Function](name string, f func(*Layer, context.Context, F) (Object, error)) {
	if constructors[name] == nil {
		panic("tdconv: register: no function " + name + " in the schema")
	}
	functions[name] = func(s *Layer, ctx context.Context, fn Function) (Object, error) {
		return f(s, ctx, fn.(F))
	}
}

// Call serves one tdcli_function request and returns its result: the
// object of the function's result type, Ok, or an Error. A function
// without an MTProto counterpart answers an Error naming it.
func (s *Layer) Call(ctx context.Context, fn Function) Object {
	if fn == nil {
		return &Error{Code: 400, Message: "Request is empty"}
	}
	h := functions[fn.TDName()]
	if h == nil {
		return &Error{Code: 400, Message: notServedMessage(fn.TDName(), fn.TDID())}
	}
	o, err := h(s, ctx, fn)
	if err != nil {
		return errorOf(err)
	}
	if o == nil {
		return &Error{Code: 404, Message: "Not Found"}
	}
	return o
}

// Functions returns the IDs of the functions Call serves, sorted.
func Functions() []string {
	out := make([]string, 0, len(functions))
	for name := range functions {
		out = append(out, New(name).TDID())
	}
	sort.Strings(out)
	return out
}

// noteMessage records a message as its chat's latest if it is, and
// reports whether the chat's top message changed. Call with s.mu held.
func (s *Layer) noteMessage(m *Message, incoming bool) bool {
	if m == nil || m.ChatID == 0 {
		return false
	}
	d := s.dialog(m.ChatID)
	if incoming {
		d.unread++
	}
	if d.top != nil && ServerMessageID(m.ID) < ServerMessageID(d.top.ID) {
		return false
	}
	d.top = m
	d.order = order(int32(m.Date), ServerMessageID(m.ID))
	return true
}

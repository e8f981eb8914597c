package runtime

import (
	"errors"
	"strconv"

	lua "github.com/yuin/gopher-lua"
)

// An RPCError is what the runtime recognizes as a Telegram error: a value
// in the error's chain with Code and Type methods, optionally Argument (the
// X of FLOOD_WAIT_X) and Message (the error as sent), or with the
// RPCParts method of mtproto/session's *RPCError (whose fields take the
// method names; runtime may not import mtproto).
type RPCError interface {
	error
	Code() int
	Type() string
}

// rpcParts is the method mtproto/session's *RPCError has.
type rpcParts interface {
	RPCParts() (code int, typ, message string, argument int)
}

// rpcFields holds the parts of an RPC error.
type rpcFields struct {
	code     int
	typ, msg string
	arg      int
}

// rpcErrorOf finds an RPC error in err's chain.
func rpcErrorOf(err error) (rpcFields, bool) {
	var f rpcFields
	found := false
	walkErrors(err, func(e error) bool {
		switch r := e.(type) {
		case rpcParts:
			f.code, f.typ, f.msg, f.arg = r.RPCParts()
			if f.typ == "" {
				return false // a nil *RPCError
			}
			if f.msg == "" {
				f.msg = f.typ
			}
		case RPCError:
			f = rpcFields{code: r.Code(), typ: r.Type(), msg: r.Type()}
			if a, ok := e.(interface{ Argument() int }); ok {
				f.arg = a.Argument()
			}
			if m, ok := e.(interface{ Message() string }); ok {
				f.msg = m.Message()
			}
		default:
			return false
		}
		found = true
		return true
	})
	return f, found
}

// walkErrors calls fn on err and the errors it wraps, depth first, until fn
// returns true.
func walkErrors(err error, fn func(error) bool) bool {
	for err != nil {
		if fn(err) {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if walkErrors(e, fn) {
					return true
				}
			}
			return false
		default:
			err = errors.Unwrap(err)
		}
	}
	return false
}

// errorValue converts the error of a wait for what into the Lua value it
// raises: an RPC error becomes a table
//
//	{code = 420, type = "FLOOD_WAIT", argument = 30, message = "FLOOD_WAIT_30", method = "messages.sendMessage"}
//
// whose tostring is "rpc error 420: FLOOD_WAIT_30 (messages.sendMessage)";
// any other error becomes the string "what: error".
func (s *Script) errorValue(what string, err error) lua.LValue {
	f, ok := rpcErrorOf(err)
	if !ok {
		return lua.LString(what + ": " + err.Error())
	}
	t := s.L.CreateTable(0, 6)
	t.RawSetString("code", lua.LNumber(f.code))
	t.RawSetString("type", lua.LString(f.typ))
	t.RawSetString("argument", lua.LNumber(f.arg))
	t.RawSetString("message", lua.LString(f.msg))
	t.RawSetString("method", lua.LString(what))
	t.Metatable = s.rpcErrMT
	return t
}

func (s *Script) newRPCErrorMeta() *lua.LTable {
	mt := s.L.CreateTable(0, 2)
	mt.RawSetString("__name", lua.LString("rpc_error"))
	mt.RawSetString("__tostring", s.L.NewFunction(func(L *lua.LState) int {
		t := L.CheckTable(1)
		str := "rpc error " + strconv.Itoa(int(lua.LVAsNumber(t.RawGetString("code")))) + ": " +
			lua.LVAsString(t.RawGetString("message"))
		if m := lua.LVAsString(t.RawGetString("method")); m != "" {
			str += " (" + m + ")"
		}
		L.Push(lua.LString(str))
		return 1
	}))
	return mt
}

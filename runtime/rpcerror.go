package runtime

import (
	"errors"
	"reflect"
	"strconv"

	lua "github.com/yuin/gopher-lua"
)

// An RPCError is what the runtime recognizes as a Telegram error: a value
// in the error's chain with Code and Type methods, optionally Argument (the
// X of FLOOD_WAIT_X) and Message (the error as sent). The session's
// *RPCError, which holds these as fields, is recognized as well.
type RPCError interface {
	error
	Code() int
	Type() string
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
		if r, ok := e.(RPCError); ok {
			f = rpcFields{code: r.Code(), typ: r.Type(), msg: r.Type()}
			if a, ok := e.(interface{ Argument() int }); ok {
				f.arg = a.Argument()
			}
			if m, ok := e.(interface{ Message() string }); ok {
				f.msg = m.Message()
			}
			found = true
			return true
		}
		if g, ok := fieldsOf(e); ok {
			f, found = g, true
			return true
		}
		return false
	})
	return f, found
}

// fieldsOf reads an error struct with the fields Code int, Type string and
// optionally Message string and Argument int — mtproto/session's RPCError,
// which runtime may not import (the dependency table keeps it away from
// mtproto).
func fieldsOf(e error) (rpcFields, bool) {
	v := reflect.ValueOf(e)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return rpcFields{}, false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return rpcFields{}, false
	}
	code, typ := v.FieldByName("Code"), v.FieldByName("Type")
	if !code.IsValid() || !typ.IsValid() || !code.CanInt() || typ.Kind() != reflect.String {
		return rpcFields{}, false
	}
	f := rpcFields{code: int(code.Int()), typ: typ.String(), msg: typ.String()}
	if m := v.FieldByName("Message"); m.IsValid() && m.Kind() == reflect.String && m.String() != "" {
		f.msg = m.String()
	}
	if a := v.FieldByName("Argument"); a.IsValid() && a.CanInt() {
		f.arg = int(a.Int())
	}
	return f, true
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

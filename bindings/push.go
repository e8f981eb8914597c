package bindings

import (
	"strconv"

	"github.com/luagram/luagram/tl"
	lua "github.com/yuin/gopher-lua"
)

// named returns a new table for an object whose "_" is name; n is the
// number of other fields expected.
func named(L *lua.LState, name lua.LValue, n int) *lua.LTable {
	t := L.CreateTable(0, n+1)
	t.RawSetString("_", name)
	return t
}

// smallInts holds the Lua values of 0…255, which are common (lengths,
// offsets, counts): converting a number to a lua.LValue allocates
// otherwise.
var smallInts = func() (a [256]lua.LValue) {
	for i := range a {
		a[i] = lua.LNumber(i)
	}
	return a
}()

// number converts an integer.
func number(v int64) lua.LValue {
	if uint64(v) < uint64(len(smallInts)) {
		return smallInts[v]
	}
	return lua.LNumber(v)
}

// long converts a long: a number within ±2^53, else a decimal string, so
// no bit is lost (see the package comment).
func long(v int64) lua.LValue {
	if v >= -maxExact && v <= maxExact {
		return number(v)
	}
	return lua.LString(strconv.FormatInt(v, 10))
}

// The setters write one field of a pushed table; the Opt variants and
// setTrue leave absent fields out, setValue leaves out nil. Generated
// pushers call one per field. They are kept out of line: inlined into
// 2,500 generated functions they would only make the package slower to
// compile, for no measurable gain next to the table insertion.

//go:noinline
func setInt(t *lua.LTable, k string, v int32) { t.RawSetString(k, number(int64(v))) }

//go:noinline
func setLong(t *lua.LTable, k string, v int64) { t.RawSetString(k, long(v)) }

//go:noinline
func setDouble(t *lua.LTable, k string, v float64) { t.RawSetString(k, lua.LNumber(v)) }

//go:noinline
func setString(t *lua.LTable, k string, v string) { t.RawSetString(k, lua.LString(v)) }

//go:noinline
func setBytes(t *lua.LTable, k string, v []byte) { t.RawSetString(k, lua.LString(v)) }

//go:noinline
func setInt128(t *lua.LTable, k string, v tl.Int128) { t.RawSetString(k, lua.LString(v[:])) }

//go:noinline
func setInt256(t *lua.LTable, k string, v tl.Int256) { t.RawSetString(k, lua.LString(v[:])) }

//go:noinline
func setBool(t *lua.LTable, k string, v bool) { t.RawSetString(k, lua.LBool(v)) }

//go:noinline
func setTrue(t *lua.LTable, k string, v bool) {
	if v {
		t.RawSetString(k, lua.LTrue)
	}
}

//go:noinline
func setOptInt(t *lua.LTable, k string, v tl.Opt[int32]) {
	if v.Set {
		t.RawSetString(k, number(int64(v.Value)))
	}
}

//go:noinline
func setOptLong(t *lua.LTable, k string, v tl.Opt[int64]) {
	if v.Set {
		t.RawSetString(k, long(v.Value))
	}
}

//go:noinline
func setOptDouble(t *lua.LTable, k string, v tl.Opt[float64]) {
	if v.Set {
		t.RawSetString(k, lua.LNumber(v.Value))
	}
}

//go:noinline
func setOptString(t *lua.LTable, k string, v tl.Opt[string]) {
	if v.Set {
		t.RawSetString(k, lua.LString(v.Value))
	}
}

//go:noinline
func setOptBytes(t *lua.LTable, k string, v []byte) {
	if v != nil {
		t.RawSetString(k, lua.LString(v))
	}
}

//go:noinline
func setOptInt128(t *lua.LTable, k string, v tl.Opt[tl.Int128]) {
	if v.Set {
		t.RawSetString(k, lua.LString(v.Value[:]))
	}
}

//go:noinline
func setOptInt256(t *lua.LTable, k string, v tl.Opt[tl.Int256]) {
	if v.Set {
		t.RawSetString(k, lua.LString(v.Value[:]))
	}
}

//go:noinline
func setOptBool(t *lua.LTable, k string, v tl.Opt[bool]) {
	if v.Set {
		t.RawSetString(k, lua.LBool(v.Value))
	}
}

//go:noinline
func setValue(t *lua.LTable, k string, v lua.LValue) {
	if v != lua.LNil {
		t.RawSetString(k, v)
	}
}

// Element converters of vectors of scalars.
func elemInt(_ *lua.LState, v int32) lua.LValue        { return number(int64(v)) }
func elemLong(_ *lua.LState, v int64) lua.LValue       { return long(v) }
func elemDouble(_ *lua.LState, v float64) lua.LValue   { return lua.LNumber(v) }
func elemString(_ *lua.LState, v string) lua.LValue    { return lua.LString(v) }
func elemBytes(_ *lua.LState, v []byte) lua.LValue     { return lua.LString(v) }
func elemInt128(_ *lua.LState, v tl.Int128) lua.LValue { return lua.LString(v[:]) }
func elemInt256(_ *lua.LState, v tl.Int256) lua.LValue { return lua.LString(v[:]) }
func elemBool(_ *lua.LState, v bool) lua.LValue        { return lua.LBool(v) }

// listOf converts a vector element by element.
func listOf[T any](L *lua.LState, s []T, f func(*lua.LState, T) lua.LValue) lua.LValue {
	t := L.CreateTable(len(s), 0)
	for i, v := range s {
		t.RawSetInt(i+1, f(L, v))
	}
	return t
}

// objectsOf converts a vector of boxed objects.
func objectsOf[T tl.Object](L *lua.LState, s []T) lua.LValue {
	t := L.CreateTable(len(s), 0)
	for i, v := range s {
		t.RawSetInt(i+1, pushAny(L, v))
	}
	return t
}

// structsOf converts a vector of objects held by value.
func structsOf[T any, PT interface {
	*T
	tl.Object
}](L *lua.LState, s []T, f func(*lua.LState, tl.Object) lua.LValue) lua.LValue {
	t := L.CreateTable(len(s), 0)
	for i := range s {
		t.RawSetInt(i+1, f(L, PT(&s[i])))
	}
	return t
}

// A conv holds the converters of one constructor or function; the
// generated convs lists them all, sorted by id.
type conv struct {
	id   uint32
	push func(*lua.LState, tl.Object) lua.LValue
	set  setter // nil if it has no fields
	desc *desc
}

// A setter sets field i (as numbered by the desc) of o from v. The
// generated check<Name> functions are the setters.
type setter func(c *cx, i int, v lua.LValue, o tl.Object) error

// check fills o, a zero value of the conv's type, from the table lv.
func (k *conv) check(c *cx, lv lua.LValue, o tl.Object) error { return c.fields(lv, k.desc, k.set, o) }

// The generated tables, as the converters see them. The converters refer
// to the tables through these variables, set by init, because referring to
// convs from the functions convs lists would be an initialization cycle.
var (
	convTable   []conv
	methodTable []method
)

func init() { convTable, methodTable = convs[:], methods[:] }

// convOf returns the converters of the type id, or nil.
func convOf(id uint32) *conv {
	lo, hi := 0, len(convTable)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if convTable[m].id < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(convTable) && convTable[lo].id == id {
		return &convTable[lo]
	}
	return nil
}

// pushAny converts any value of the API to Lua; nil is nil. Objects of
// other schemas (tl/mt, tl/e2e), which the bindings do not know, become a
// table holding only their name.
func pushAny(L *lua.LState, o tl.Object) lua.LValue {
	if o == nil {
		return lua.LNil
	}
	if c := convOf(o.TypeID()); c != nil {
		return c.push(L, o)
	}
	return named(L, lua.LString(o.TypeName()), 0)
}

// checkAny fills o, a zero value of the API, from the Lua table lv.
func checkAny(c *cx, lv lua.LValue, o tl.Object) error {
	if k := convOf(o.TypeID()); k != nil {
		return k.check(c, lv, o)
	}
	return &ArgError{Msg: o.TypeName() + " is not a type of the Telegram API"}
}

package bindings

import (
	"math/rand/v2"

	lua "github.com/yuin/gopher-lua"
)

// value returns the Lua value a missing random_id is filled with: random
// ids need to be unique per chat, not secret. They are drawn from
// [1, 2^53] (int: [1, 2^31-1]), where a Lua number holds them exactly.
func (f fill) value(L *lua.LState, t *lua.LTable, d *desc) lua.LValue {
	switch f.kind {
	case fillInt:
		return lua.LNumber(1 + rand.Int32N(1<<31-1))
	case fillLong:
		return lua.LNumber(1 + rand.Int64N(maxExact))
	}
	n := 0
	if ids, ok := t.RawGetString(fieldNames(d.fields[f.ids : f.ids+1])[0]).(*lua.LTable); ok {
		n = ids.Len()
	}
	out := L.CreateTable(n, 0)
	for i := 1; i <= n; i++ {
		out.RawSetInt(i, lua.LNumber(1+rand.Int64N(maxExact)))
	}
	return out
}

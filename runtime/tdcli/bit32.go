package tdcli

import (
	"math"

	lua "github.com/yuin/gopher-lua"
)

func init() {
	preloads["bit32"] = func(m *module) (lua.LValue, error) { return m.s.State().GetGlobal("bit32"), nil }
}

// openBit32 makes Lua 5.2's bit32 library: operations on numbers taken
// modulo 2^32.
func openBit32(L *lua.LState) (*lua.LTable, error) {
	arg := func(L *lua.LState, n int) uint32 {
		f := float64(L.CheckNumber(n))
		f = math.Mod(math.Floor(f), 4294967296)
		if f < 0 {
			f += 4294967296
		}
		return uint32(f)
	}
	all := func(L *lua.LState, start uint32, op func(a, b uint32) uint32) uint32 {
		r := start
		for i := 1; i <= L.GetTop(); i++ {
			r = op(r, arg(L, i))
		}
		return r
	}
	ret := func(L *lua.LState, v uint32) int {
		L.Push(lua.LNumber(v))
		return 1
	}
	field := func(L *lua.LState, fi, wi int) (uint, uint) {
		f := L.CheckInt(fi)
		w := L.OptInt(wi, 1)
		if f < 0 || w <= 0 || f+w > 32 {
			L.RaiseError("bit32: trying to access non-existent bits")
		}
		return uint(f), uint(w)
	}
	shift := func(v uint32, n int) uint32 {
		switch {
		case n <= -32 || n >= 32:
			return 0
		case n >= 0:
			return v << uint(n)
		}
		return v >> uint(-n)
	}
	fns := map[string]lua.LGFunction{
		"band": func(L *lua.LState) int { return ret(L, all(L, 0xffffffff, func(a, b uint32) uint32 { return a & b })) },
		"bor":  func(L *lua.LState) int { return ret(L, all(L, 0, func(a, b uint32) uint32 { return a | b })) },
		"bxor": func(L *lua.LState) int { return ret(L, all(L, 0, func(a, b uint32) uint32 { return a ^ b })) },
		"btest": func(L *lua.LState) int {
			L.Push(lua.LBool(all(L, 0xffffffff, func(a, b uint32) uint32 { return a & b }) != 0))
			return 1
		},
		"bnot":   func(L *lua.LState) int { return ret(L, ^arg(L, 1)) },
		"lshift": func(L *lua.LState) int { return ret(L, shift(arg(L, 1), L.CheckInt(2))) },
		"rshift": func(L *lua.LState) int { return ret(L, shift(arg(L, 1), -L.CheckInt(2))) },
		"arshift": func(L *lua.LState) int {
			v, n := int32(arg(L, 1)), L.CheckInt(2)
			switch {
			case n >= 32:
				if v < 0 {
					return ret(L, 0xffffffff)
				}
				return ret(L, 0)
			case n >= 0:
				return ret(L, uint32(v>>uint(n)))
			}
			return ret(L, shift(uint32(v), -n))
		},
		"lrotate": func(L *lua.LState) int {
			v, n := arg(L, 1), uint(L.CheckInt(2)&31)
			return ret(L, v<<n|v>>(32-n))
		},
		"rrotate": func(L *lua.LState) int {
			v, n := arg(L, 1), uint(L.CheckInt(2)&31)
			return ret(L, v>>n|v<<(32-n))
		},
		"extract": func(L *lua.LState) int {
			v := arg(L, 1)
			f, w := field(L, 2, 3)
			return ret(L, v>>f&(1<<w-1))
		},
		"replace": func(L *lua.LState) int {
			v, x := arg(L, 1), arg(L, 2)
			f, w := field(L, 3, 4)
			mask := uint32(1<<w-1) << f
			return ret(L, v&^mask|x<<f&mask)
		},
	}
	t := L.CreateTable(0, len(fns))
	for name, fn := range fns {
		t.RawSetString(name, L.NewFunction(fn))
	}
	return t, nil
}

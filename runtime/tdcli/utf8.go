package tdcli

import (
	"strings"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"
)

func init() {
	preloads["utf8"] = openUTF8
	preloads["lua-utf8"] = openUTF8
}

// openUTF8 makes the utf8 module: Lua 5.3's utf8 library (char,
// charpattern, codepoint, len, offset, codes) plus the functions of the
// luautf8 rock bots use with it — sub, upper, lower, reverse, and find,
// match, gmatch and gsub, which work on bytes as string's do.
func openUTF8(m *module) (lua.LValue, error) {
	L := m.s.State()
	t := L.CreateTable(0, 16)
	t.RawSetString("charpattern", lua.LString("[\x00-\x7F\xC2-\xF4][\x80-\xBF]*"))
	// pos converts a Lua byte position (negative: from the end).
	pos := func(i, n int) int {
		if i < 0 {
			i = n + i + 1
		}
		return i
	}
	fns := map[string]lua.LGFunction{
		"char": func(L *lua.LState) int {
			var b strings.Builder
			for i := 1; i <= L.GetTop(); i++ {
				b.WriteRune(rune(L.CheckInt(i)))
			}
			L.Push(lua.LString(b.String()))
			return 1
		},
		"len": func(L *lua.LState) int {
			s := L.CheckString(1)
			i, j := pos(L.OptInt(2, 1), len(s)), pos(L.OptInt(3, -1), len(s))
			n := 0
			for p := i - 1; p < j && p < len(s); {
				if p < 0 {
					p = 0
				}
				r, size := utf8.DecodeRuneInString(s[p:])
				if r == utf8.RuneError && size <= 1 {
					L.Push(lua.LNil)
					L.Push(lua.LNumber(p + 1))
					return 2
				}
				n++
				p += size
			}
			L.Push(lua.LNumber(n))
			return 1
		},
		"codepoint": func(L *lua.LState) int {
			s := L.CheckString(1)
			i := pos(L.OptInt(2, 1), len(s))
			j := pos(L.OptInt(3, i), len(s))
			n := 0
			for p := i - 1; p < j && p < len(s) && p >= 0; {
				r, size := utf8.DecodeRuneInString(s[p:])
				if r == utf8.RuneError && size <= 1 {
					L.RaiseError("invalid UTF-8 code")
				}
				L.Push(lua.LNumber(r))
				n++
				p += size
			}
			return n
		},
		"offset": func(L *lua.LState) int {
			s := L.CheckString(1)
			n := L.CheckInt(2)
			def := 1
			if n < 0 {
				def = len(s) + 1
			}
			i := pos(L.OptInt(3, def), len(s)) - 1
			cont := func(p int) bool { return p < len(s) && p >= 0 && s[p]&0xC0 == 0x80 }
			switch {
			case n > 0:
				for n--; n > 0 && i < len(s); n-- {
					i++
					for cont(i) {
						i++
					}
				}
				if n > 0 {
					L.Push(lua.LNil)
					return 1
				}
			case n < 0:
				for ; n < 0 && i > 0; n++ {
					i--
					for i > 0 && cont(i) {
						i--
					}
				}
				if n < 0 {
					L.Push(lua.LNil)
					return 1
				}
			default:
				for i > 0 && cont(i) {
					i--
				}
			}
			L.Push(lua.LNumber(i + 1))
			return 1
		},
		"codes": func(L *lua.LState) int {
			s := L.CheckString(1)
			L.Push(L.NewFunction(func(L *lua.LState) int {
				p := L.CheckInt(2)
				if p > 0 {
					_, size := utf8.DecodeRuneInString(s[p-1:])
					p += size
				} else {
					p = 1
				}
				if p > len(s) {
					return 0
				}
				r, _ := utf8.DecodeRuneInString(s[p-1:])
				L.Push(lua.LNumber(p))
				L.Push(lua.LNumber(r))
				return 2
			}))
			L.Push(lua.LString(s))
			L.Push(lua.LNumber(0))
			return 3
		},
		"sub": func(L *lua.LState) int {
			rs := []rune(L.CheckString(1))
			n := len(rs)
			i, j := pos(L.OptInt(2, 1), n), pos(L.OptInt(3, -1), n)
			i = max(i, 1)
			j = min(j, n)
			if i > j {
				L.Push(lua.LString(""))
				return 1
			}
			L.Push(lua.LString(string(rs[i-1 : j])))
			return 1
		},
		"upper": func(L *lua.LState) int { L.Push(lua.LString(strings.ToUpper(L.CheckString(1)))); return 1 },
		"lower": func(L *lua.LState) int { L.Push(lua.LString(strings.ToLower(L.CheckString(1)))); return 1 },
		"reverse": func(L *lua.LState) int {
			rs := []rune(L.CheckString(1))
			for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
				rs[i], rs[j] = rs[j], rs[i]
			}
			L.Push(lua.LString(string(rs)))
			return 1
		},
	}
	for name, fn := range fns {
		t.RawSetString(name, L.NewFunction(fn))
	}
	str := L.GetGlobal("string").(*lua.LTable)
	for _, name := range []string{"find", "match", "gmatch", "gsub", "byte", "format", "rep"} {
		t.RawSetString(name, str.RawGetString(name))
	}
	return t, nil
}

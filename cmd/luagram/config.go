package main

import (
	"fmt"
	"os"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/settings"
)

// loadSettings reads a Lua settings file: a chunk returning a table with
// only what differs from the defaults. The chunk may read environment
// variables with os.getenv (for secrets) and nothing else of the system.
// path "" means the defaults.
func loadSettings(path string) (*settings.Settings, error) {
	if path == "" {
		return settings.Decode(nil)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{{lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable}, {lua.StringLibName, lua.OpenString}, {lua.MathLibName, lua.OpenMath}} {
		L.Push(L.NewFunction(lib.open))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	for _, name := range []string{"dofile", "loadfile", "load", "loadstring", "require", "module"} {
		L.SetGlobal(name, lua.LNil)
	}
	osTable := L.NewTable()
	osTable.RawSetString("getenv", L.NewFunction(func(L *lua.LState) int {
		if v, ok := os.LookupEnv(L.CheckString(1)); ok {
			L.Push(lua.LString(v))
		} else {
			L.Push(lua.LNil)
		}
		return 1
	}))
	L.SetGlobal("os", osTable)
	fn, err := L.Load(strings.NewReader(string(src)), "@"+path)
	if err != nil {
		return nil, fmt.Errorf("settings file %s: %w", path, err)
	}
	L.Push(fn)
	if err := L.PCall(0, 1, nil); err != nil {
		return nil, fmt.Errorf("settings file %s: %w", path, err)
	}
	ret := L.Get(-1)
	t, ok := ret.(*lua.LTable)
	if !ok {
		return nil, fmt.Errorf("settings file %s: must return a table (return { ... }), got %s", path, ret.Type())
	}
	tree, ok := luaToGo(t).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("settings file %s: the returned table must have named keys", path)
	}
	s, err := settings.Decode(tree)
	if err != nil {
		return nil, fmt.Errorf("settings file %s: %w", path, err)
	}
	return s, nil
}

// luaToGo converts a Lua value to the tree settings.Decode reads: tables
// with string keys become map[string]any, sequences []any, other tables
// map[any]any.
func luaToGo(v lua.LValue) any {
	switch x := v.(type) {
	case lua.LString:
		return string(x)
	case lua.LNumber:
		return float64(x)
	case lua.LBool:
		return bool(x)
	case *lua.LTable:
		n := x.Len()
		count := 0
		allStrings := true
		x.ForEach(func(k, _ lua.LValue) {
			count++
			if _, ok := k.(lua.LString); !ok {
				allStrings = false
			}
		})
		switch {
		case count == 0:
			return map[string]any{}
		case allStrings:
			m := make(map[string]any, count)
			x.ForEach(func(k, val lua.LValue) { m[string(k.(lua.LString))] = luaToGo(val) })
			return m
		case n == count:
			list := make([]any, 0, n)
			for i := 1; i <= n; i++ {
				list = append(list, luaToGo(x.RawGetInt(i)))
			}
			return list
		default:
			m := make(map[any]any, count)
			x.ForEach(func(k, val lua.LValue) { m[luaToGo(k)] = luaToGo(val) })
			return m
		}
	}
	return nil
}

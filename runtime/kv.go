package runtime

import (
	"slices"
	"sync"

	lua "github.com/yuin/gopher-lua"
)

// A KV is the persistent key-value store of scripts; *storage.KV
// implements it. Each script uses the namespace of its name, so values
// survive reloads and restarts.
type KV interface {
	Get(ns, key string) ([]byte, bool)
	Set(ns, key string, value []byte) error
	Delete(ns, key string) error
	Keys(ns string) []string
}

// openKV makes the kv module: kv.get(key) returns the string stored under
// key or nil; kv.set(key, value) stores a string (numbers are converted;
// nil deletes); kv.delete(key); kv.keys() returns the keys, sorted.
func openKV(s *Script) (lua.LValue, error) {
	store, ns := s.p.h.cfg.KV, s.p.name
	t := s.L.CreateTable(0, 4)
	t.RawSetString("get", s.L.NewFunction(func(L *lua.LState) int {
		v, ok := store.Get(ns, L.CheckString(1))
		if !ok {
			L.Push(lua.LNil)
			return 1
		}
		L.Push(lua.LString(v))
		return 1
	}))
	t.RawSetString("set", s.L.NewFunction(func(L *lua.LState) int {
		key := L.CheckString(1)
		var err error
		switch v := L.Get(2).(type) {
		case *lua.LNilType:
			err = store.Delete(ns, key)
		case lua.LString, lua.LNumber:
			err = store.Set(ns, key, []byte(v.String()))
		default:
			L.ArgError(2, "string expected, got "+v.Type().String())
		}
		if err != nil {
			L.RaiseError("kv.set: %s", err.Error())
		}
		return 0
	}))
	t.RawSetString("delete", s.L.NewFunction(func(L *lua.LState) int {
		if err := store.Delete(ns, L.CheckString(1)); err != nil {
			L.RaiseError("kv.delete: %s", err.Error())
		}
		return 0
	}))
	t.RawSetString("keys", s.L.NewFunction(func(L *lua.LState) int {
		keys := store.Keys(ns)
		slices.Sort(keys)
		list := L.CreateTable(len(keys), 0)
		for i, k := range keys {
			list.RawSetInt(i+1, lua.LString(k))
		}
		L.Push(list)
		return 1
	}))
	return t, nil
}

// MemKV is a KV in memory, the default of Config.KV.
type MemKV struct {
	mu sync.Mutex
	m  map[string]map[string][]byte
}

// Get returns a copy of the value of key in ns.
func (kv *MemKV) Get(ns, key string) ([]byte, bool) {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	v, ok := kv.m[ns][key]
	return slices.Clone(v), ok
}

// Set stores a copy of value.
func (kv *MemKV) Set(ns, key string, value []byte) error {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if kv.m == nil {
		kv.m = map[string]map[string][]byte{}
	}
	if kv.m[ns] == nil {
		kv.m[ns] = map[string][]byte{}
	}
	kv.m[ns][key] = append([]byte{}, value...)
	return nil
}

// Delete removes key from ns.
func (kv *MemKV) Delete(ns, key string) error {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	delete(kv.m[ns], key)
	return nil
}

// Keys returns the keys of ns, in no particular order.
func (kv *MemKV) Keys(ns string) []string {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	keys := make([]string, 0, len(kv.m[ns]))
	for k := range kv.m[ns] {
		keys = append(keys, k)
	}
	return keys
}

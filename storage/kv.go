package storage

import (
	"bytes"
	"maps"
	"slices"
)

// KV is the scripts' persistent key-value store: values under string keys
// in string namespaces (a script's name, say). Values survive script
// reloads and, once saved, restarts. Get returns copies and Set stores
// copies, so callers may reuse their slices.
type KV struct{ s *Store }

// Get returns the value of key in namespace ns.
func (kv *KV) Get(ns, key string) ([]byte, bool) {
	kv.s.mu.RLock()
	defer kv.s.mu.RUnlock()
	v, ok := kv.s.kv[ns][key]
	if !ok {
		return nil, false
	}
	return append([]byte{}, v...), true
}

// Set stores value under key in namespace ns.
func (kv *KV) Set(ns, key string, value []byte) error {
	if err := checkKV(ns, key, value); err != nil {
		return err
	}
	s := kv.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if old, ok := s.kv[ns][key]; ok && bytes.Equal(old, value) {
		return nil
	}
	v := make([]byte, len(value))
	copy(v, value)
	s.setKV(ns, key, v)
	s.kvDirty[kvKey{ns, key}] = struct{}{}
	return nil
}

// Delete removes key from namespace ns; deleting a missing key is not an
// error.
func (kv *KV) Delete(ns, key string) error {
	s := kv.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if _, ok := s.kv[ns][key]; ok {
		s.deleteKV(ns, key)
		s.kvDirty[kvKey{ns, key}] = struct{}{}
	}
	return nil
}

// DeleteNamespace removes every key of namespace ns.
func (kv *KV) DeleteNamespace(ns string) error {
	s := kv.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	for key := range s.kv[ns] {
		s.kvDirty[kvKey{ns, key}] = struct{}{}
	}
	delete(s.kv, ns)
	return nil
}

// Keys returns the keys of namespace ns, sorted.
func (kv *KV) Keys(ns string) []string {
	kv.s.mu.RLock()
	defer kv.s.mu.RUnlock()
	return slices.Sorted(maps.Keys(kv.s.kv[ns]))
}

// Namespaces returns the namespaces that have keys, sorted.
func (kv *KV) Namespaces() []string {
	kv.s.mu.RLock()
	defer kv.s.mu.RUnlock()
	return slices.Sorted(maps.Keys(kv.s.kv))
}

func checkKV(ns, key string, value []byte) error {
	switch {
	case len(ns) > MaxKeySize:
		return invalidf("namespace of %d bytes, limit %d", len(ns), MaxKeySize)
	case len(key) > MaxKeySize:
		return invalidf("key of %d bytes, limit %d", len(key), MaxKeySize)
	case len(value) > MaxBlobSize:
		return invalidf("value of %d bytes, limit %d", len(value), MaxBlobSize)
	}
	return nil
}

// setKV and deleteKV change the map; the caller holds s.mu.
func (s *Store) setKV(ns, key string, v []byte) {
	m := s.kv[ns]
	if m == nil {
		m = make(map[string][]byte)
		s.kv[ns] = m
	}
	m[key] = v
}

func (s *Store) deleteKV(ns, key string) {
	m := s.kv[ns]
	delete(m, key)
	if len(m) == 0 {
		delete(s.kv, ns)
	}
}

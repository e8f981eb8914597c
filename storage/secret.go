package storage

import (
	"bytes"
	"maps"
	"slices"
)

// SecretChats keeps the state of each secret chat as an opaque blob that
// the client encodes (keys, sequence numbers, layer), by chat id.
type SecretChats struct{ s *Store }

// Get returns the data of secret chat id.
func (sc *SecretChats) Get(id int32) ([]byte, bool) {
	sc.s.mu.RLock()
	defer sc.s.mu.RUnlock()
	v, ok := sc.s.secrets[id]
	if !ok {
		return nil, false
	}
	return append([]byte{}, v...), true
}

// Set stores the data of secret chat id.
func (sc *SecretChats) Set(id int32, data []byte) error {
	if len(data) > MaxBlobSize {
		return invalidf("secret chat %d is %d bytes, limit %d", id, len(data), MaxBlobSize)
	}
	s := sc.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if old, ok := s.secrets[id]; ok && bytes.Equal(old, data) {
		return nil
	}
	v := make([]byte, len(data))
	copy(v, data)
	s.secrets[id] = v
	s.secretsDirty[id] = struct{}{}
	return nil
}

// Delete removes secret chat id; deleting a missing chat is not an error.
func (sc *SecretChats) Delete(id int32) error {
	s := sc.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if _, ok := s.secrets[id]; ok {
		delete(s.secrets, id)
		s.secretsDirty[id] = struct{}{}
	}
	return nil
}

// IDs returns the ids of the stored secret chats, sorted.
func (sc *SecretChats) IDs() []int32 {
	sc.s.mu.RLock()
	defer sc.s.mu.RUnlock()
	return slices.Sorted(maps.Keys(sc.s.secrets))
}

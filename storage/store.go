package storage

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"slices"
	"sync"
)

// A Store is one account's session: the State, the peer database, the
// script key-value store and the secret chats, all held in memory and
// saved to a Backend. It is safe for concurrent use.
//
// Changes are kept in memory until Save (or Close) makes them durable;
// callers save after changes that must survive a crash (a new auth key, a
// login) and periodically otherwise. A Save writes only what changed since
// the previous one.
type Store struct {
	saveMu sync.Mutex // serializes Save and Close

	mu           sync.RWMutex // guards the fields below
	backend      Backend
	state        State
	stateDirty   bool
	kv           map[string]map[string][]byte
	kvDirty      map[kvKey]struct{}
	secrets      map[int32][]byte
	secretsDirty map[int32]struct{}
	closed       bool

	peers *PeerDB
	kvAPI KV
	scAPI SecretChats
}

type kvKey struct{ ns, key string }

// Open opens the session file at path with default options, creating it
// (mode 0600) if it does not exist. See OpenFile for the errors.
func Open(path string) (*Store, error) {
	f, err := OpenFile(path, FileOptions{})
	if err != nil {
		return nil, err
	}
	s, err := New(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}

// New loads a Store from b. The Store owns b from then on and closes it in
// Close; if New fails, the caller closes b.
func New(b Backend) (*Store, error) {
	s := &Store{
		backend:      b,
		kv:           make(map[string]map[string][]byte),
		kvDirty:      make(map[kvKey]struct{}),
		secrets:      make(map[int32][]byte),
		secretsDirty: make(map[int32]struct{}),
		peers:        NewPeerDB(),
	}
	s.kvAPI.s = s
	s.scAPI.s = s
	var err error
	if rl, ok := b.(rawLoader); ok {
		err = rl.loadRaw(s.apply)
	} else {
		err = b.Load(s.apply)
	}
	if err != nil {
		return nil, err
	}
	s.peers.trim()
	return s, nil
}

// apply applies loaded changes.
func (s *Store) apply(c *Changes) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.State != nil {
		st := c.State.Clone()
		st.normalize()
		if err := st.validate(); err != nil {
			return fmt.Errorf("storage: loading state: %w", err)
		}
		s.state = st
	}
	if len(c.Peers) > 0 || len(c.raw) > 0 {
		s.peers.mu.Lock()
		defer s.peers.mu.Unlock()
		for i := range c.Peers {
			if err := s.peers.load(&c.Peers[i]); err != nil {
				return fmt.Errorf("storage: loading peers: %w", err)
			}
		}
		size := 0
		for i := range c.raw {
			size += len(c.raw[i].block)
		}
		s.peers.reserve(len(c.raw), size)
		for i := range c.raw {
			if err := s.peers.set(&c.raw[i].h, c.raw[i].block, false); err != nil {
				return fmt.Errorf("storage: loading peers: %w", err)
			}
		}
	}
	for _, ch := range c.KV {
		if ch.Delete {
			s.deleteKV(ch.NS, ch.Key)
			continue
		}
		if err := checkKV(ch.NS, ch.Key, ch.Value); err != nil {
			return fmt.Errorf("storage: loading key-value store: %w", err)
		}
		s.setKV(ch.NS, ch.Key, append([]byte{}, ch.Value...))
	}
	for _, ch := range c.SecretChats {
		if ch.Delete {
			delete(s.secrets, ch.ID)
			continue
		}
		if len(ch.Data) > MaxBlobSize {
			return fmt.Errorf("storage: loading secret chat %d: %w", ch.ID, invalidf("%d bytes", len(ch.Data)))
		}
		s.secrets[ch.ID] = append([]byte{}, ch.Data...)
	}
	return nil
}

// Snapshot returns a copy of the State.
func (s *Store) Snapshot() State {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.state.Clone()
}

// Update calls fn with a copy of the State and, if fn returns nil and the
// result is valid, makes it the State. fn runs under the Store's lock and
// must not call the Store.
func (s *Store) Update(fn func(*State) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	st := s.state.Clone()
	if err := fn(&st); err != nil {
		return err
	}
	st.normalize()
	if err := st.validate(); err != nil {
		return err
	}
	s.state = st
	s.stateDirty = true
	return nil
}

// Peers returns the peer database.
func (s *Store) Peers() *PeerDB { return s.peers }

// KV returns the scripts' key-value store.
func (s *Store) KV() *KV { return &s.kvAPI }

// SecretChats returns the secret chat store.
func (s *Store) SecretChats() *SecretChats { return &s.scAPI }

// Backend returns the backend the Store saves to.
func (s *Store) Backend() Backend { return s.backend }

// Recovered reports damage that loading worked around, such as a damaged
// header slot of a session file, as a *CorruptError; nil if there was none
// or the backend does not say.
func (s *Store) Recovered() error {
	if r, ok := s.backend.(interface{ Recovered() error }); ok {
		return r.Recovered()
	}
	return nil
}

// Save makes every change made so far durable.
func (s *Store) Save() error {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	return s.save()
}

func (s *Store) save() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	// Take everything under both locks, so that the batch is one instant of
	// the session: a State saved with pts N comes with every peer Put
	// before the Update that set N.
	var c Changes
	if s.stateDirty {
		st := s.state.Clone()
		c.State = &st
		s.stateDirty = false
	}
	s.peers.mu.Lock()
	var taken []uint32
	c.Peers, taken = s.peers.takeDirty(nil)
	s.peers.mu.Unlock()
	for k := range s.kvDirty {
		v, ok := s.kv[k.ns][k.key]
		c.KV = append(c.KV, KVChange{NS: k.ns, Key: k.key, Value: v, Delete: !ok})
	}
	clear(s.kvDirty)
	slices.SortFunc(c.KV, func(a, b KVChange) int {
		return cmp.Or(cmp.Compare(a.NS, b.NS), cmp.Compare(a.Key, b.Key))
	})
	for id := range s.secretsDirty {
		v, ok := s.secrets[id]
		c.SecretChats = append(c.SecretChats, SecretChatChange{ID: id, Data: v, Delete: !ok})
	}
	clear(s.secretsDirty)
	slices.SortFunc(c.SecretChats, func(a, b SecretChatChange) int { return cmp.Compare(a.ID, b.ID) })
	s.mu.Unlock()

	// Stored values are never modified in place (setters store copies),
	// so c may share them while the lock is released.
	err := s.backend.Commit(&c, s.all())
	if err != nil {
		s.mu.Lock()
		if c.State != nil {
			s.stateDirty = true
		}
		for _, ch := range c.KV {
			s.kvDirty[kvKey{ch.NS, ch.Key}] = struct{}{}
		}
		for _, ch := range c.SecretChats {
			s.secretsDirty[ch.ID] = struct{}{}
		}
		s.mu.Unlock()
		s.peers.putDirty(taken)
	}
	return err
}

// Chunk sizes of the full image.
const (
	imagePeers = 4096
	imageBytes = 1 << 20
)

// all returns the whole session as Changes, holding the read locks while
// the backend consumes it.
func (s *Store) all() iter.Seq[*Changes] {
	return func(yield func(*Changes) bool) {
		s.mu.RLock()
		defer s.mu.RUnlock()
		st := s.state
		if !yield(&Changes{State: &st}) {
			return
		}
		_, raw := s.backend.(rawLoader)
		if !s.peers.chunks(yield, raw) {
			return
		}
		var c Changes
		size := 0
		for _, ns := range slices.Sorted(maps.Keys(s.kv)) {
			m := s.kv[ns]
			for _, k := range slices.Sorted(maps.Keys(m)) {
				c.KV = append(c.KV, KVChange{NS: ns, Key: k, Value: m[k]})
				size += len(ns) + len(k) + len(m[k])
				if size >= imageBytes {
					if !yield(&c) {
						return
					}
					c.KV, size = c.KV[:0], 0
				}
			}
		}
		for _, id := range slices.Sorted(maps.Keys(s.secrets)) {
			c.SecretChats = append(c.SecretChats, SecretChatChange{ID: id, Data: s.secrets[id]})
			size += len(s.secrets[id])
			if size >= imageBytes {
				if !yield(&c) {
					return
				}
				c.KV, c.SecretChats, size = c.KV[:0], c.SecretChats[:0], 0
			}
		}
		if len(c.KV) > 0 || len(c.SecretChats) > 0 {
			yield(&c)
		}
	}
}

// chunks yields every peer in Changes of imagePeers, under the read lock,
// as Peers or, for backends of this package, as raw records. It reports
// whether yield asked for more.
func (db *PeerDB) chunks(yield func(*Changes) bool, raw bool) bool {
	db.mu.RLock()
	defer db.mu.RUnlock()
	var c Changes
	n := min(imagePeers, len(db.recs))
	if raw {
		c.raw = make([]rawPeer, 0, n)
	} else {
		c.Peers = make([]Peer, 0, n)
	}
	for i := range db.recs {
		if raw {
			r := &db.recs[i]
			c.raw = append(c.raw, rawPeer{db.headAt(uint32(i)), db.block(r)})
		} else {
			c.Peers = append(c.Peers, db.peerAt(uint32(i)))
		}
		if len(c.Peers)+len(c.raw) == imagePeers {
			if !yield(&c) {
				return false
			}
			c.Peers, c.raw = c.Peers[:0], c.raw[:0]
		}
	}
	if len(c.Peers)+len(c.raw) > 0 {
		return yield(&c)
	}
	return true
}

// Close saves and closes the Store and its backend. The PeerDB refuses
// Put from then on but still answers lookups.
func (s *Store) Close() error {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	err := s.save()
	if err == ErrClosed {
		return err
	}
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.peers.mu.Lock()
	s.peers.closed = true
	s.peers.mu.Unlock()
	if cerr := s.backend.Close(); err == nil {
		err = cerr
	}
	return err
}

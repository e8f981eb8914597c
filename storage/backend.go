package storage

import "iter"

// A Backend keeps one account's session durable. A Store holds everything
// in memory and hands the backend what changed at each Save; *File is the
// embedded implementation, and a Redis or PostgreSQL backend serving a
// fleet of accounts would implement the same three methods.
//
// A Store calls a Backend from one goroutine at a time.
type Backend interface {
	// Load delivers everything stored, in order, as a series of Changes
	// to apply; applying them all in turn rebuilds the session. A new,
	// empty backend calls apply never or with empty Changes. The Changes
	// are valid only during the call to apply.
	Load(apply func(*Changes) error) error

	// Commit makes c durable atomically: after a crash at any moment,
	// Load delivers the session either with all of c applied or with none
	// of it. When it prefers to rewrite everything (to compact an
	// append-only log, say), it may range over all, which yields the whole
	// current session as Changes that apply to an empty session, the State
	// first; all includes c. Both c and the yielded Changes are read-only
	// and valid only during the call.
	Commit(c *Changes, all iter.Seq[*Changes]) error

	// Close releases the backend. It does not save.
	Close() error
}

// Changes is a batch of changes to a session. In a full image (Backend.Load
// and the all sequence of Backend.Commit) the State arrives in the first
// batch.
type Changes struct {
	// State is the whole new State, or nil if it did not change.
	State *State
	// Peers are added or changed peers, each replacing any stored peer of
	// the same kind and id.
	Peers []Peer
	// KV are set or deleted script keys.
	KV []KVChange
	// SecretChats are set or deleted secret chats.
	SecretChats []SecretChatChange

	// raw are peers as stored, from the file format's own loader, which
	// spares the Store from building and re-encoding a Peer for each.
	raw []rawPeer
}

// rawPeer is a decoded, checked peer record; block aliases the record.
type rawPeer struct {
	h     peerHead
	block []byte
}

// rawLoader is implemented by backends that can deliver peers as raw
// records (Changes.raw) rather than as Peers.
type rawLoader interface {
	loadRaw(apply func(*Changes) error) error
}

func (c *Changes) empty() bool {
	return c.State == nil && len(c.Peers) == 0 && len(c.KV) == 0 && len(c.SecretChats) == 0
}

// KVChange sets NS/Key to Value, or deletes it.
type KVChange struct {
	NS, Key string
	Value   []byte
	Delete  bool
}

// SecretChatChange sets the data of secret chat ID, or deletes it.
type SecretChatChange struct {
	ID     int32
	Data   []byte
	Delete bool
}

package storage

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"iter"
	"math"
	"sync"
	"time"
)

// A PeerDB is the peer database: every user, chat and channel the account
// has seen, looked up by kind and id or by username. It is safe for
// concurrent use.
//
// It is built for a million peers: each peer is a 32-byte record in one
// slice, its strings are packed in one byte arena, and the two indexes are
// open-addressing tables of record numbers, so a peer costs about 85 bytes
// of heap (BenchmarkPeerDBMemory) and no pointers for the garbage
// collector. A lookup reads an index slot, a record and its strings.
// Peers are never removed.
type PeerDB struct {
	mu      sync.RWMutex
	recs    []peerRec
	arena   []byte // strings blocks; offset 0 is a never-used byte
	garbage int    // arena bytes no record refers to
	ids     idIndex
	names   nameIndex
	seed    maphash.Seed
	dirty   []uint32 // records with recDirty set, for the next save
	scratch []byte
	closed  bool
	now     func() time.Time
}

// peerRec is one peer, 32 bytes.
type peerRec struct {
	key        uint64 // id<<2 | kind
	accessHash int64
	strs       uint32 // arena offset of the strings block
	strsLen    uint32
	updated    uint32 // Unix seconds
	flags      uint32 // the stored flags word, plus recDirty
}

// recDirty marks a record changed since the last save.
const recDirty = 1 << 31

func peerKey(k PeerKind, id int64) uint64 { return uint64(id)<<2 | uint64(k) }

// NewPeerDB returns an empty peer database. Stores make their own; this is
// for using the database on its own.
func NewPeerDB() *PeerDB {
	db := &PeerDB{
		arena: []byte{0},
		seed:  maphash.MakeSeed(),
		now:   time.Now,
	}
	db.ids.seed = maphash.Comparable(db.seed, uint64(0x6c7561677261))
	return db
}

// Len returns the number of peers.
func (db *PeerDB) Len() int {
	db.mu.RLock()
	defer db.mu.RUnlock()
	return len(db.recs)
}

// ByID returns the peer of kind k with the given id.
func (db *PeerDB) ByID(k PeerKind, id int64) (Peer, bool) {
	if !k.valid() || id <= 0 || id > maxPeerID {
		return Peer{}, false
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	i, ok := db.ids.find(peerKey(k, id), db.recs)
	if !ok {
		return Peer{}, false
	}
	return db.peerAt(i), true
}

// ByMarkedID returns the peer with the given Bot API id (see MarkedID).
func (db *PeerDB) ByMarkedID(marked int64) (Peer, bool) {
	return db.ByID(UnmarkID(marked))
}

// ByUsername returns the peer that has name among its usernames, ignoring
// ASCII case and a leading '@'.
func (db *PeerDB) ByUsername(name string) (Peer, bool) {
	if len(name) > 0 && name[0] == '@' {
		name = name[1:]
	}
	if name == "" || len(name) > MaxUsername {
		return Peer{}, false
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	i, ok := db.findName(db.hashName(name), name)
	if !ok {
		return Peer{}, false
	}
	return db.peerAt(i), true
}

// All returns an iterator over the peers, in insertion order. Each step
// takes the read lock on its own, so the loop body may call any method;
// peers added during the loop may or may not be seen.
func (db *PeerDB) All() iter.Seq[Peer] {
	return func(yield func(Peer) bool) {
		for i := 0; ; i++ {
			db.mu.RLock()
			if i >= len(db.recs) {
				db.mu.RUnlock()
				return
			}
			p := db.peerAt(uint32(i))
			db.mu.RUnlock()
			if !yield(p) {
				return
			}
		}
	}
}

// Put adds p or updates the stored peer of the same kind and id.
//
// When p.Min is set and the stored peer is not min, the stored AccessHash
// and Phone are kept and the entry stays non-min; the other fields are
// replaced (https://core.telegram.org/api/min). A username that p takes
// from another peer is removed from that peer. Updated is set to now when
// zero and something changed; a Put that changes nothing is a no-op.
func (db *PeerDB) Put(p Peer) error {
	if err := p.validate(); err != nil {
		return err
	}
	p.Updated = roundTime(p.Updated)
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return ErrClosed
	}
	key := peerKey(p.Kind, p.ID)
	i, exists := db.ids.find(key, db.recs)
	var r *peerRec
	if exists {
		r = &db.recs[i]
		if p.Min && r.flags&storedMin == 0 {
			p.Min = false
			p.AccessHash = r.accessHash
			p.Phone = phoneOf(db.block(r))
		}
	}
	h := peerHead{id: p.ID, kind: p.Kind, accessHash: p.AccessHash, flags: peerFlagsWord(&p), updated: uint32(unixTime(p.Updated))}
	db.scratch = appendPeerStrings(db.scratch[:0], &p)
	if exists {
		same := r.accessHash == h.accessHash && r.flags&^recDirty == h.flags && bytes.Equal(db.block(r), db.scratch)
		if p.Updated.IsZero() {
			if same {
				return nil
			}
		} else if same && r.updated == h.updated {
			return nil
		}
	}
	if p.Updated.IsZero() {
		h.updated = uint32(db.now().Unix())
	}
	return db.set(&h, db.scratch, true)
}

// set stores a peer exactly as given and updates the indexes; markDirty
// queues it for the next save. The caller holds mu for writing.
func (db *PeerDB) set(h *peerHead, block []byte, markDirty bool) error {
	key := peerKey(h.kind, h.id)
	i, exists := db.ids.find(key, db.recs)
	if !exists {
		if len(db.recs) >= math.MaxUint32-1 {
			return invalidf("peer database is full")
		}
		off, err := db.appendArena(block)
		if err != nil {
			return err
		}
		i = uint32(len(db.recs))
		db.recs = append(db.recs, peerRec{key: key, strs: off, strsLen: uint32(len(block))})
		db.ids.add(i, db.recs)
		db.indexNames(i, block, markDirty)
	} else if old := db.block(&db.recs[i]); !bytes.Equal(old, block) {
		db.unindexNames(i, old, block)
		off, err := db.appendArena(block)
		if err != nil {
			return err
		}
		r := &db.recs[i]
		db.garbage += int(r.strsLen)
		r.strs, r.strsLen = off, uint32(len(block))
		db.indexNames(i, block, markDirty)
	}
	r := &db.recs[i]
	r.accessHash = h.accessHash
	r.updated = h.updated
	r.flags = h.flags | r.flags&recDirty
	if markDirty {
		db.markDirty(i)
	}
	return nil
}

func (db *PeerDB) markDirty(i uint32) {
	if db.recs[i].flags&recDirty == 0 {
		db.recs[i].flags |= recDirty
		db.dirty = append(db.dirty, i)
	}
}

// appendArena copies block into the arena, compacting it first when it is
// mostly garbage or would outgrow 32-bit offsets.
func (db *PeerDB) appendArena(block []byte) (uint32, error) {
	if db.garbage > 1<<20 && db.garbage*2 > len(db.arena) || len(db.arena)+len(block) > math.MaxUint32 {
		db.compactArena()
		if len(db.arena)+len(block) > math.MaxUint32 {
			return 0, invalidf("peer strings exceed 4 GiB")
		}
	}
	off := uint32(len(db.arena))
	db.arena = append(db.arena, block...)
	return off, nil
}

// compactArena copies every live strings block to a new arena.
func (db *PeerDB) compactArena() {
	arena := make([]byte, 1, len(db.arena)-db.garbage+len(db.arena)/8)
	for i := range db.recs {
		r := &db.recs[i]
		off := uint32(len(arena))
		arena = append(arena, db.block(r)...)
		r.strs = off
	}
	db.arena = arena
	db.garbage = 0
}

func (db *PeerDB) block(r *peerRec) []byte {
	return db.arena[r.strs : r.strs+r.strsLen : r.strs+r.strsLen]
}

func (db *PeerDB) peerAt(i uint32) Peer {
	h := db.headAt(i)
	return peerFromStored(&h, db.block(&db.recs[i]))
}

func (db *PeerDB) headAt(i uint32) peerHead {
	r := &db.recs[i]
	return peerHead{
		id:         int64(r.key >> 2),
		kind:       PeerKind(r.key & 3),
		accessHash: r.accessHash,
		flags:      r.flags &^ recDirty,
		updated:    r.updated,
	}
}

// hashName hashes the ASCII-lower-cased name.
func (db *PeerDB) hashName(name string) uint32 {
	var buf [MaxUsername]byte
	b := buf[:len(name)]
	for i := 0; i < len(name); i++ {
		b[i] = lowerASCII(name[i])
	}
	h := maphash.Bytes(db.seed, b)
	return uint32(h) ^ uint32(h>>32)
}

// findName returns the record that has username name with hash h.
func (db *PeerDB) findName(h uint32, name string) (uint32, bool) {
	t := &db.names
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := uint32(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if uint32(s>>32) == h {
			rec := uint32(s) - 1
			if hasUsername(db.block(&db.recs[rec]), name) {
				return rec, true
			}
		}
	}
}

// indexNames points every username of block, record i's new strings, at
// i, taking each from any other record that has it.
func (db *PeerDB) indexNames(i uint32, block []byte, markDirty bool) {
	for it := usernamesOf(block); it.next(); {
		name := string(it.name) // does not escape: findName and hashName only read it
		h := db.hashName(name)
		owner, ok := db.findName(h, name)
		switch {
		case !ok:
			db.names.add(h, i)
		case owner != i:
			db.dropUsername(owner, name, markDirty)
			db.names.remove(h, owner)
			db.names.add(h, i)
		}
	}
}

// unindexNames removes from the index the usernames of old, record i's
// strings, that are not in its new strings.
func (db *PeerDB) unindexNames(i uint32, old, block []byte) {
	for it := usernamesOf(old); it.next(); {
		name := string(it.name)
		if !hasUsername(block, name) {
			db.names.remove(db.hashName(name), i)
		}
	}
}

// dropUsername rewrites record i's strings without username name.
func (db *PeerDB) dropUsername(i uint32, name string, markDirty bool) {
	r := &db.recs[i]
	old := db.block(r)
	it := usernamesOf(old)
	var nb []byte
	nb = appendUvarint(nb, uint64(it.n-1))
	for it.next() {
		if !equalFoldASCII(it.name, name) {
			nb = appendBytes(nb, it.name)
		}
	}
	nb = append(nb, old[it.off:]...)
	off, err := db.appendArena(nb)
	if err != nil {
		return // keeps the stale username; the index no longer points here
	}
	r = &db.recs[i]
	db.garbage += int(r.strsLen)
	r.strs, r.strsLen = off, uint32(len(nb))
	if markDirty {
		db.markDirty(i)
	}
}

// nameIter walks the usernames of a strings block.
type nameIter struct {
	b    []byte
	n    int // usernames in the block
	left int
	off  int
	name []byte
}

func usernamesOf(block []byte) nameIter {
	n, k := binary.Uvarint(block)
	return nameIter{b: block, n: int(n), left: int(n), off: k}
}

func (it *nameIter) next() bool {
	if it.left == 0 {
		return false
	}
	it.left--
	l, k := binary.Uvarint(it.b[it.off:])
	it.off += k
	it.name = it.b[it.off : it.off+int(l)]
	it.off += int(l)
	return true
}

func hasUsername(block []byte, name string) bool {
	for it := usernamesOf(block); it.next(); {
		if equalFoldASCII(it.name, name) {
			return true
		}
	}
	return false
}

// phoneOf returns the phone number of a strings block.
func phoneOf(block []byte) string {
	it := usernamesOf(block)
	for it.next() {
	}
	l, k := binary.Uvarint(block[it.off:])
	return string(block[it.off+k : it.off+k+int(l)])
}

// takeDirty appends the changed peers to dst and clears their marks. It
// returns the record numbers too, for putDirty if the save fails. The
// caller holds mu for writing.
func (db *PeerDB) takeDirty(dst []Peer) ([]Peer, []uint32) {
	taken := db.dirty
	for _, i := range taken {
		db.recs[i].flags &^= recDirty
		dst = append(dst, db.peerAt(i))
	}
	db.dirty = nil
	return dst, taken
}

// putDirty marks records changed again after a failed save.
func (db *PeerDB) putDirty(recs []uint32) {
	db.mu.Lock()
	defer db.mu.Unlock()
	for _, i := range recs {
		db.markDirty(i)
	}
}

// load stores a peer read from a backend: no merging, not dirty.
func (db *PeerDB) load(p *Peer) error {
	if err := p.validate(); err != nil {
		return err
	}
	h := peerHead{id: p.ID, kind: p.Kind, accessHash: p.AccessHash, flags: peerFlagsWord(p), updated: uint32(unixTime(p.Updated))}
	db.scratch = appendPeerStrings(db.scratch[:0], p)
	return db.set(&h, db.scratch, false)
}

// reserve makes room for n more peers with strings of about size bytes,
// growing by doubling: loading a million peers would otherwise copy the
// records and arena over and over. trim gives back the excess after.
func (db *PeerDB) reserve(n, size int) {
	if need := len(db.recs) + n; need > cap(db.recs) {
		recs := make([]peerRec, len(db.recs), max(need, 2*cap(db.recs)))
		copy(recs, db.recs)
		db.recs = recs
	}
	if need := len(db.arena) + size; need > cap(db.arena) {
		arena := make([]byte, len(db.arena), max(need, 2*cap(db.arena)))
		copy(arena, db.arena)
		db.arena = arena
	}
}

// trim shrinks the records and arena to their length plus an eighth.
func (db *PeerDB) trim() {
	if n := len(db.recs); cap(db.recs) > n+n/8+16 {
		db.recs = append(make([]peerRec, 0, n+n/8), db.recs...)
	}
	if n := len(db.arena); cap(db.arena) > n+n/8+256 {
		db.arena = append(make([]byte, 0, n+n/8), db.arena...)
	}
}

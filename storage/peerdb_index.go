package storage

import "math/bits"

// The two indexes of a PeerDB are open-addressing hash tables with linear
// probing that hold record numbers and 32 bits of hash, not keys: the key
// is read back from the record. That keeps them at 8 bytes a slot, with no
// pointers for the garbage collector to scan. Tables grow at a load factor
// of 3/4.

// idIndex maps a peer key (id<<2 | kind) to a record number. A slot holds
// the upper half of the key's hash <<32 | (record number + 1); 0 is empty.
// The stored hash lets a probe pass over other keys' slots without reading
// their records, so a lookup reads one record. Peers are never removed,
// so it has no delete.
type idIndex struct {
	slots []uint64
	n     int
	seed  uint64
}

// mix64 is the MurmurHash3 finalizer.
func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

func (t *idIndex) find(key uint64, recs []peerRec) (uint32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	h := mix64(key ^ t.seed)
	tag := h >> 32
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if s>>32 == tag && recs[uint32(s)-1].key == key {
			return uint32(s) - 1, true
		}
	}
}

// add indexes record rec, which must be recs[len(recs)-1] and absent from
// the table.
func (t *idIndex) add(rec uint32, recs []peerRec) {
	t.n++
	if t.n*4 > len(t.slots)*3 {
		t.rebuild(recs)
		return
	}
	t.place(rec, recs[rec].key)
}

func (t *idIndex) place(rec uint32, key uint64) {
	h := mix64(key ^ t.seed)
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = h>>32<<32 | uint64(rec+1)
}

// rebuild sizes the table for recs and indexes all of them.
func (t *idIndex) rebuild(recs []peerRec) {
	t.n = len(recs)
	t.slots = make([]uint64, tableSize(t.n))
	for i := range recs {
		t.place(uint32(i), recs[i].key)
	}
}

// tableSize is the smallest power of two, at least 16, that holds n
// entries under the 3/4 load factor, with room to grow by a quarter.
func tableSize(n int) int {
	need := n + n/4
	need = need*4/3 + 1
	if need < 16 {
		return 16
	}
	return 1 << bits.Len(uint(need-1))
}

// nameIndex maps the hash of a lower-cased username to record numbers.
// A slot holds hash<<32 | (record number + 1); 0 is empty. The hash picks
// the home slot and, stored, lets probes skip most records without reading
// them. Each username of a record has its own slot.
type nameIndex struct {
	slots []uint64
	n     int
}

func nameSlot(h uint32, rec uint32) uint64 { return uint64(h)<<32 | uint64(rec+1) }

func (t *nameIndex) add(h uint32, rec uint32) {
	t.n++
	if t.n*4 > len(t.slots)*3 {
		t.grow()
	}
	t.place(nameSlot(h, rec))
}

func (t *nameIndex) place(s uint64) {
	mask := uint32(len(t.slots) - 1)
	i := uint32(s>>32) & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
}

func (t *nameIndex) grow() {
	old := t.slots
	t.slots = make([]uint64, tableSize(t.n))
	for _, s := range old {
		if s != 0 {
			t.place(s)
		}
	}
}

// remove deletes the slot of (h, rec) if present, shifting later entries
// of the probe run back so that no tombstones are needed.
func (t *nameIndex) remove(h uint32, rec uint32) {
	if len(t.slots) == 0 {
		return
	}
	want := nameSlot(h, rec)
	mask := uint32(len(t.slots) - 1)
	i := h & mask
	for {
		s := t.slots[i]
		if s == 0 {
			return
		}
		if s == want {
			break
		}
		i = (i + 1) & mask
	}
	t.n--
	for {
		t.slots[i] = 0
		j := i
		for {
			j = (j + 1) & mask
			s := t.slots[j]
			if s == 0 {
				return
			}
			home := uint32(s>>32) & mask
			// s may move to the hole at i unless its home lies in (i, j].
			if i <= j && (home <= i || home > j) || i > j && home <= i && home > j {
				t.slots[i] = s
				i = j
				break
			}
		}
	}
}

package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// FormatVersion is the session file format this build writes.
const FormatVersion = 1

// The header is frozen across format versions: whatever else changes, a
// session file starts with two 64-byte slots laid out as below, so every
// build can tell a newer file from a damaged one.
const (
	headerSize = 2 * slotSize
	slotSize   = 64
	magic      = "\x89LGS\r\n\x1a\n" // PNG-style: catches 7-bit and newline mangling

	recHeaderSize = 9
	maxRecordSize = 64 << 20 // payload bytes
)

// Record types.
const (
	recState   = 1 // the whole State
	recPeers   = 2 // uvarint count, then peers
	recKV      = 3 // uvarint count, then key-value operations
	recSecrets = 4 // uvarint count, then secret chat operations
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// slot is one header slot: a commit. The newest valid slot says where
// the committed log ends; bytes after end are an interrupted save.
type slot struct {
	version uint32
	seq     uint64 // commit number; the slot used is seq%2
	end     uint64 // file offset just past the last committed record
	base    uint64 // file offset just past the last full rewrite
}

// Slot layout:
//
//	[0:8]   magic
//	[8:12]  format version, uint32 LE
//	[12:16] flags, 0
//	[16:24] seq, uint64 LE
//	[24:32] end, uint64 LE
//	[32:40] base, uint64 LE
//	[40:60] zero
//	[60:64] CRC-32C of [0:60]
func (s *slot) encode() []byte {
	b := make([]byte, slotSize)
	copy(b, magic)
	binary.LittleEndian.PutUint32(b[8:], s.version)
	binary.LittleEndian.PutUint64(b[16:], s.seq)
	binary.LittleEndian.PutUint64(b[24:], s.end)
	binary.LittleEndian.PutUint64(b[32:], s.base)
	binary.LittleEndian.PutUint32(b[60:], crc32.Checksum(b[:60], castagnoli))
	return b
}

// decodeSlot returns the slot in b or why it is invalid.
func decodeSlot(b []byte) (slot, string) {
	if string(b[:8]) != magic {
		return slot{}, "bad magic: not a luagram session file"
	}
	if crc32.Checksum(b[:60], castagnoli) != binary.LittleEndian.Uint32(b[60:]) {
		return slot{}, "header checksum mismatch"
	}
	s := slot{
		version: binary.LittleEndian.Uint32(b[8:]),
		seq:     binary.LittleEndian.Uint64(b[16:]),
		end:     binary.LittleEndian.Uint64(b[24:]),
		base:    binary.LittleEndian.Uint64(b[32:]),
	}
	switch {
	case binary.LittleEndian.Uint32(b[12:]) != 0 || !allZero(b[40:60]):
		return slot{}, "reserved header bytes are set"
	case s.base < headerSize || s.end < s.base || s.end > 1<<62:
		return slot{}, fmt.Sprintf("header offsets base %d, end %d out of range", s.base, s.end)
	}
	return s, ""
}

func allZero(b []byte) bool { return bytes.Count(b, []byte{0}) == len(b) }

// pickSlot chooses the commit to load from a file's first headerSize
// bytes. A damaged slot next to a valid one is what a crash while writing
// it leaves, or a flipped bit; the valid one is used and the damage is
// returned as recovered.
func pickSlot(hdr []byte) (s slot, recovered, err *CorruptError) {
	s0, why0 := decodeSlot(hdr[:slotSize])
	s1, why1 := decodeSlot(hdr[slotSize:])
	switch {
	case why0 != "" && why1 != "":
		if why0 == why1 {
			return slot{}, nil, &CorruptError{Offset: 0, Reason: why0}
		}
		return slot{}, nil, &CorruptError{Offset: 0, Reason: fmt.Sprintf("slot 0: %s; slot 1: %s", why0, why1)}
	case why0 != "":
		return s1, &CorruptError{Offset: 0, Reason: fmt.Sprintf("header slot 0: %s; loaded commit %d of slot 1", why0, s1.seq)}, nil
	case why1 != "":
		return s0, &CorruptError{Offset: slotSize, Reason: fmt.Sprintf("header slot 1: %s; loaded commit %d of slot 0", why1, s0.seq)}, nil
	case s0.seq == s1.seq:
		if s0 != s1 {
			return slot{}, nil, &CorruptError{Offset: 0, Reason: fmt.Sprintf("header slots disagree on commit %d", s0.seq)}
		}
		return s0, nil, nil
	case s1.seq > s0.seq:
		return s1, nil, nil
	}
	return s0, nil, nil
}

// appendRecord frames payload as a record: CRC-32C of what follows, payload
// length, type, payload.
func appendRecord(b []byte, typ byte, payload []byte) []byte {
	start := len(b)
	b = append(b, 0, 0, 0, 0)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(payload)))
	b = append(b, typ)
	b = append(b, payload...)
	binary.LittleEndian.PutUint32(b[start:], crc32.Checksum(b[start+4:], castagnoli))
	return b
}

// recordWriter encodes Changes as records.
type recordWriter struct {
	out   []byte // framed records
	items []byte // payload items of the record being built
	n     int    // items in it
}

// changes appends the records of c to w.out: the State, then the peers,
// key-value and secret chat operations in records of up to imagePeers
// peers or about imageBytes bytes.
func (w *recordWriter) changes(c *Changes) {
	if c.State != nil {
		w.items = appendState(w.items[:0], c.State)
		w.out = appendRecord(w.out, recState, w.items)
		w.items = w.items[:0]
	}
	for i := range c.Peers {
		w.items = appendPeer(w.items, &c.Peers[i])
		w.n++
		if w.n == imagePeers || len(w.items) >= imageBytes {
			w.flush(recPeers)
		}
	}
	for i := range c.raw {
		w.items = append(appendPeerHead(w.items, &c.raw[i].h), c.raw[i].block...)
		w.n++
		if w.n == imagePeers || len(w.items) >= imageBytes {
			w.flush(recPeers)
		}
	}
	w.flush(recPeers)
	for i := range c.KV {
		w.items = appendKVChange(w.items, &c.KV[i])
		w.n++
		if len(w.items) >= imageBytes {
			w.flush(recKV)
		}
	}
	w.flush(recKV)
	for i := range c.SecretChats {
		w.items = appendSecretChange(w.items, &c.SecretChats[i])
		w.n++
		if len(w.items) >= imageBytes {
			w.flush(recSecrets)
		}
	}
	w.flush(recSecrets)
}

func (w *recordWriter) flush(typ byte) {
	if w.n == 0 {
		return
	}
	var cnt [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(cnt[:], uint64(w.n))
	start := len(w.out)
	w.out = append(w.out, 0, 0, 0, 0)
	w.out = binary.LittleEndian.AppendUint32(w.out, uint32(k+len(w.items)))
	w.out = append(w.out, typ)
	w.out = append(w.out, cnt[:k]...)
	w.out = append(w.out, w.items...)
	binary.LittleEndian.PutUint32(w.out[start:], crc32.Checksum(w.out[start+4:], castagnoli))
	w.items, w.n = w.items[:0], 0
}

// Minimum encoded sizes, to bound counts before allocating.
const (
	minPeerSize   = 1 + 1 + 8 + 1 + 1 + 5
	minKVSize     = 1 + 1 + 1
	minSecretSize = 1 + 1
)

// recordDecoders decodes record payloads, one function per format version
// this build reads. Files of an older version are read through its decoder
// and rewritten in FormatVersion at the next save: that is the migration.
// A format change adds a decoder here and keeps the old ones.
var recordDecoders = map[uint32]func(typ byte, d *decoder, c *Changes){
	1: decodeRecordV1,
}

func decodeRecordV1(typ byte, d *decoder, c *Changes) {
	switch typ {
	case recState:
		st := decodeState(d)
		c.State = &st
	case recPeers:
		n := d.count("peers", minPeerSize)
		for range n {
			h, block := decodePeer(d)
			if d.err != nil {
				return
			}
			c.raw = append(c.raw, rawPeer{h, block})
		}
	case recKV:
		n := d.count("key-value operations", minKVSize)
		for range n {
			c.KV = append(c.KV, decodeKVChange(d))
		}
	case recSecrets:
		n := d.count("secret chat operations", minSecretSize)
		for range n {
			c.SecretChats = append(c.SecretChats, decodeSecretChange(d))
		}
	default:
		d.off = -1 // the type byte precedes the payload
		d.failf("unknown record type %d", typ)
		return
	}
	d.end()
}

package storage

import (
	"encoding/binary"
	"maps"
	"math"
	"slices"
	"time"
)

// This file encodes the payloads of the four record types. Each encoding is
// canonical: maps are written in key order and varints minimally, and the
// decoders reject anything else, so decode(encode(x)) == x and
// encode(decode(b)) == b for every b that decodes.

// appendState encodes s (already validated).
func appendState(b []byte, s *State) []byte {
	b = appendUvarint(b, uint64(s.HomeDC))
	b = appendVarint(b, s.Self.UserID)
	b = appendBool(b, s.Self.Bot)
	ids := slices.Sorted(maps.Keys(s.DCs))
	b = appendUvarint(b, uint64(len(ids)))
	for _, id := range ids {
		dc := s.DCs[id]
		b = appendUvarint(b, uint64(id))
		b = appendBytes(b, dc.AuthKey)
		b = appendBytes(b, dc.TempAuthKey)
		b = appendVarint(b, unixTime(dc.TempAuthKeyExpiresAt))
		b = appendBool(b, dc.TempAuthKeyBound)
		b = binary.LittleEndian.AppendUint64(b, uint64(dc.ServerSalt))
		b = appendVarint(b, int64(dc.TimeOffset))
		b = appendUvarint(b, uint64(len(dc.FutureSalts)))
		for _, salt := range dc.FutureSalts {
			b = appendVarint(b, unixTime(salt.ValidSince))
			b = appendVarint(b, unixTime(salt.ValidUntil))
			b = binary.LittleEndian.AppendUint64(b, uint64(salt.Salt))
		}
	}
	u := &s.Updates
	for _, v := range [...]int32{u.Pts, u.Qts, u.Seq, u.Date} {
		b = appendVarint(b, int64(v))
	}
	chans := slices.Sorted(maps.Keys(u.Channels))
	b = appendUvarint(b, uint64(len(chans)))
	for _, id := range chans {
		b = appendVarint(b, id)
		b = appendVarint(b, int64(u.Channels[id]))
	}
	return appendBytes(b, s.Settings)
}

func decodeState(d *decoder) State {
	var s State
	s.HomeDC = int(d.uint("home DC", math.MaxInt32))
	s.Self.UserID = d.varint()
	s.Self.Bot = d.bool()
	n := d.count("DCs", 15)
	prev := 0
	for range n {
		at := d.off
		id := int(d.uint("DC id", math.MaxInt32))
		if d.err == nil && id <= prev {
			d.off = at
			d.failf("DC id %d out of order", id)
		}
		prev = id
		dc := new(DC)
		dc.AuthKey = d.key("auth key")
		dc.TempAuthKey = d.key("temporary auth key")
		dc.TempAuthKeyExpiresAt = fromUnix(d.varint())
		dc.TempAuthKeyBound = d.bool()
		dc.ServerSalt = int64(d.uint64le())
		dc.TimeOffset = time.Duration(d.varint())
		ns := d.count("future salts", 10)
		if ns > maxSalts {
			d.failf("%d future salts, limit %d", ns, maxSalts)
		}
		if ns > 0 {
			dc.FutureSalts = make([]Salt, ns)
		}
		for i := range dc.FutureSalts {
			dc.FutureSalts[i].ValidSince = fromUnix(d.varint())
			dc.FutureSalts[i].ValidUntil = fromUnix(d.varint())
			dc.FutureSalts[i].Salt = int64(d.uint64le())
		}
		if d.err != nil {
			return State{}
		}
		if s.DCs == nil {
			s.DCs = make(map[int]*DC, n)
		}
		s.DCs[id] = dc
	}
	s.Updates.Pts = d.int32()
	s.Updates.Qts = d.int32()
	s.Updates.Seq = d.int32()
	s.Updates.Date = d.int32()
	nc := d.count("channels", 2)
	if nc > maxChannelPts {
		d.failf("%d channels, limit %d", nc, maxChannelPts)
	}
	if nc > 0 {
		s.Updates.Channels = make(map[int64]int32, nc)
	}
	var last int64
	for i := range nc {
		at := d.off
		id := d.varint()
		pts := d.int32()
		if d.err != nil {
			break
		}
		if i > 0 && id <= last {
			d.off = at
			d.failf("channel %d out of order", id)
			break
		}
		last = id
		s.Updates.Channels[id] = pts
	}
	s.Settings = d.blob("settings", MaxBlobSize)
	return s
}

// key reads an auth key: empty or AuthKeySize bytes.
func (d *decoder) key(what string) []byte {
	at := d.off
	k := d.blob(what, AuthKeySize)
	if len(k) != 0 && len(k) != AuthKeySize {
		d.off = at
		d.failf("%s is %d bytes, want %d", what, len(k), AuthKeySize)
		return nil
	}
	return k
}

// Peer flag bits of the stored flags word, above the PeerFlags.
const (
	storedMin   = 1 << 16
	storedBot   = 1 << 17
	storedFlags = 1<<18 - 1 // every defined bit
)

func peerFlagsWord(p *Peer) uint32 {
	w := uint32(p.Flags)
	if p.Min {
		w |= storedMin
	}
	if p.Bot {
		w |= storedBot
	}
	return w
}

// appendPeer encodes p (already validated): id, kind, access hash, flags,
// updated, then the strings block that the in-memory arena keeps as is.
func appendPeer(b []byte, p *Peer) []byte {
	h := peerHead{id: p.ID, kind: p.Kind, accessHash: p.AccessHash, flags: peerFlagsWord(p), updated: uint32(unixTime(p.Updated))}
	return appendPeerStrings(appendPeerHead(b, &h), p)
}

func appendPeerHead(b []byte, h *peerHead) []byte {
	b = appendUvarint(b, uint64(h.id))
	b = append(b, byte(h.kind))
	b = binary.LittleEndian.AppendUint64(b, uint64(h.accessHash))
	b = appendUvarint(b, uint64(h.flags))
	return appendUvarint(b, uint64(h.updated))
}

// appendPeerStrings encodes the strings block: the usernames, then phone,
// first name, last name and title.
func appendPeerStrings(b []byte, p *Peer) []byte {
	b = appendUvarint(b, uint64(len(p.Usernames)))
	for _, u := range p.Usernames {
		b = appendString(b, u)
	}
	b = appendString(b, p.Phone)
	b = appendString(b, p.FirstName)
	b = appendString(b, p.LastName)
	return appendString(b, p.Title)
}

// peerHead is a stored peer without its strings.
type peerHead struct {
	id         int64
	kind       PeerKind
	accessHash int64
	flags      uint32
	updated    uint32
}

// decodePeer reads a peer; strings is the raw strings block, checked.
func decodePeer(d *decoder) (h peerHead, strings []byte) {
	at := d.off
	h.id = int64(d.uint("peer id", maxPeerID))
	if d.err == nil && h.id == 0 {
		d.off = at
		d.failf("peer id 0")
	}
	at = d.off
	h.kind = PeerKind(d.byte1())
	if d.err == nil && !h.kind.valid() {
		d.off = at
		d.failf("peer kind %d", h.kind)
	}
	h.accessHash = int64(d.uint64le())
	h.flags = uint32(d.uint("peer flags", storedFlags))
	h.updated = uint32(d.uint("peer update time", math.MaxUint32))
	start := d.off
	skipPeerStrings(d)
	if d.err != nil {
		return peerHead{}, nil
	}
	return h, d.b[start:d.off:d.off]
}

// skipPeerStrings checks a strings block against the limits Put enforces,
// including the rules validate applies to usernames.
func skipPeerStrings(d *decoder) {
	n := d.count("usernames", 2)
	if n > MaxUsernames {
		d.failf("%d usernames, limit %d", n, MaxUsernames)
		return
	}
	var names [MaxUsernames][]byte
	for i := range n {
		at := d.off
		u := d.bytes("username", MaxUsername)
		if d.err != nil {
			return
		}
		if len(u) == 0 || u[0] == '@' {
			d.off = at
			d.failf("username %q", u)
			return
		}
		for _, v := range names[:i] {
			if equalFoldASCII(u, string(v)) {
				d.off = at
				d.failf("duplicate username %q", u)
				return
			}
		}
		names[i] = u
	}
	d.bytes("phone", MaxPhoneSize)
	d.bytes("first name", MaxNameSize)
	d.bytes("last name", MaxNameSize)
	d.bytes("title", MaxNameSize)
}

// peerFromStored builds a Peer from its head and a checked strings block.
// The strings share one allocation.
func peerFromStored(h *peerHead, block []byte) Peer {
	p := Peer{
		ID:         h.id,
		Kind:       h.kind,
		AccessHash: h.accessHash,
		Min:        h.flags&storedMin != 0,
		Bot:        h.flags&storedBot != 0,
		Flags:      PeerFlags(h.flags),
		Updated:    fromUnix(int64(h.updated)),
	}
	s := string(block)
	r := stringsReader{s: s}
	if n := r.uvarint(); n > 0 {
		p.Usernames = make([]string, n)
		for i := range p.Usernames {
			p.Usernames[i] = r.str()
		}
	}
	p.Phone = r.str()
	p.FirstName = r.str()
	p.LastName = r.str()
	p.Title = r.str()
	return p
}

// stringsReader walks a strings block already checked by skipPeerStrings.
type stringsReader struct {
	s   string
	off int
}

func (r *stringsReader) uvarint() int {
	var v, shift int
	for {
		c := r.s[r.off]
		r.off++
		v |= int(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
		shift += 7
	}
}

func (r *stringsReader) str() string {
	n := r.uvarint()
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

// KV and secret chat records hold a list of operations.
const (
	opSet    = 1
	opDelete = 2
)

func appendKVChange(b []byte, c *KVChange) []byte {
	if c.Delete {
		b = append(b, opDelete)
	} else {
		b = append(b, opSet)
	}
	b = appendString(b, c.NS)
	b = appendString(b, c.Key)
	if !c.Delete {
		b = appendBytes(b, c.Value)
	}
	return b
}

func decodeKVChange(d *decoder) KVChange {
	var c KVChange
	at := d.off
	switch op := d.byte1(); op {
	case opSet:
	case opDelete:
		c.Delete = true
	default:
		d.off = at
		d.failf("key-value operation %d", op)
	}
	c.NS = d.string("namespace", MaxKeySize)
	c.Key = d.string("key", MaxKeySize)
	if !c.Delete {
		c.Value = d.blob("value", MaxBlobSize)
		if c.Value == nil && d.err == nil {
			c.Value = []byte{}
		}
	}
	return c
}

func appendSecretChange(b []byte, c *SecretChatChange) []byte {
	if c.Delete {
		b = append(b, opDelete)
	} else {
		b = append(b, opSet)
	}
	b = appendVarint(b, int64(c.ID))
	if !c.Delete {
		b = appendBytes(b, c.Data)
	}
	return b
}

func decodeSecretChange(d *decoder) SecretChatChange {
	var c SecretChatChange
	at := d.off
	switch op := d.byte1(); op {
	case opSet:
	case opDelete:
		c.Delete = true
	default:
		d.off = at
		d.failf("secret chat operation %d", op)
	}
	c.ID = d.int32()
	if !c.Delete {
		c.Data = d.blob("secret chat", MaxBlobSize)
	}
	return c
}

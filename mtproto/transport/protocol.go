package transport

// Protocol is an MTProto transport framing.
type Protocol uint8

// The four TCP framings of core.telegram.org/mtproto/mtproto-transports.
const (
	Abridged           Protocol = iota + 1 // 1- or 4-byte length in words; tag 0xef
	Intermediate                           // 4-byte length; tag 0xeeeeeeee
	PaddedIntermediate                     // intermediate plus 0..15 random bytes; tag 0xdddddddd
	Full                                   // length, sequence number and CRC32; no tag
)

// String returns the protocol's name.
func (p Protocol) String() string {
	switch p {
	case Abridged:
		return "abridged"
	case Intermediate:
		return "intermediate"
	case PaddedIntermediate:
		return "padded intermediate"
	case Full:
		return "full"
	}
	return "unknown protocol"
}

// Tag returns the bytes a client sends before its first frame on a plain
// connection: ef, eeeeeeee or dddddddd. Full has no tag and returns nil.
func (p Protocol) Tag() []byte {
	switch p {
	case Abridged:
		return []byte{0xef}
	case Intermediate:
		return []byte{0xee, 0xee, 0xee, 0xee}
	case PaddedIntermediate:
		return []byte{0xdd, 0xdd, 0xdd, 0xdd}
	}
	return nil
}

// obfuscatedTag returns the protocol identifier stored at offset 56 of an
// obfuscated2 header: the tag repeated to four bytes. Full has none.
func (p Protocol) obfuscatedTag() (tag [4]byte, ok bool) {
	t := p.Tag()
	if t == nil {
		return tag, false
	}
	for i := range tag {
		tag[i] = t[i%len(t)]
	}
	return tag, true
}

// protocolOfTag is the inverse of obfuscatedTag.
func protocolOfTag(tag [4]byte) (Protocol, bool) {
	for _, p := range []Protocol{Abridged, Intermediate, PaddedIntermediate} {
		if t, _ := p.obfuscatedTag(); t == tag {
			return p, true
		}
	}
	return 0, false
}

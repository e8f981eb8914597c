package transport

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// fuzzMax keeps the fuzzers' allocations small.
const fuzzMax = 1 << 16

// knownReadError reports whether err is one ReadFrame documents.
func knownReadError(err error) bool {
	var (
		fe *FrameSizeError
		ce *CRCError
		se *SeqError
		pe *ProtocolError
	)
	return err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, ErrBadLength) ||
		errors.As(err, &fe) || errors.As(err, &ce) || errors.As(err, &se) || errors.As(err, &pe)
}

// fuzzRead decodes data with p on both sides and with both alignment
// rules. Every frame or transport error read is encoded again by the peer
// and decoded again, and must come back the same (gotd's decode, encode,
// compare).
func fuzzRead(t *testing.T, p Protocol, data []byte) {
	for _, server := range []bool{false, true} {
		for _, unaligned := range []bool{false, true} {
			r := testCodec(t, p, server, false, bytes.NewReader(data), io.Discard, Options{MaxFrameSize: fuzzMax, Unaligned: unaligned})
			buf := make([]byte, 0, 64)
			for range 64 {
				f, err := r.ReadFrame(buf)
				if err != nil && !knownReadError(err) {
					t.Fatalf("server=%v: undocumented error %v", server, err)
				}
				var pe *ProtocolError
				if err != nil && !errors.As(err, &pe) {
					break
				}
				if len(f.Payload) > fuzzMax+maxPadding {
					t.Fatalf("server=%v: %d-byte payload over the limit", server, len(f.Payload))
				}
				f2, err2 := reencode(t, p, server, f, pe)
				if (pe == nil) != (err2 == nil) {
					t.Fatalf("server=%v: read %+v, %v; again %+v, %v", server, f, err, f2, err2)
				}
				var pe2 *ProtocolError
				switch {
				case pe != nil:
					if !errors.As(err2, &pe2) || pe2.Code != pe.Code {
						t.Fatalf("server=%v: error %v came back as %v", server, pe, err2)
					}
				case f.QuickAck:
					if !f2.QuickAck || f2.Token != f.Token|1<<31 {
						t.Fatalf("server=%v: quick ack %#x came back as %+v", server, f.Token, f2)
					}
				default:
					if !bytes.Equal(f2.Payload, f.Payload) || f2.AckRequested != f.AckRequested || f2.QuickAck {
						t.Fatalf("server=%v: frame %+v came back as %+v", server, f, f2)
					}
				}
				buf = f.Payload
			}
		}
	}
}

// reencode writes what was read with the peer's writer and reads it back.
func reencode(t *testing.T, p Protocol, server bool, f Frame, pe *ProtocolError) (Frame, error) {
	var wire bytes.Buffer
	opts := Options{MaxFrameSize: fuzzMax + maxPadding + 1, Unaligned: true, Rand: zeroReader{}}
	w := testCodec(t, p, !server, false, nil, &wire, opts)
	var err error
	switch {
	case pe != nil:
		err = w.WriteError(pe.Code)
	case f.QuickAck:
		err = w.WriteQuickAck(f.Token)
	case f.AckRequested:
		err = w.WriteFrameQuickAck(f.Payload)
	default:
		err = w.WriteFrame(f.Payload)
	}
	if err != nil {
		t.Fatalf("server=%v: encoding %+v: %v", server, f, err)
	}
	opts.MaxFrameSize = fuzzMax + maxPadding
	return testCodec(t, p, server, false, &wire, io.Discard, opts).ReadFrame(nil)
}

func FuzzAbridgedRead(f *testing.F) {
	for _, s := range []string{"016cfeffff", "0161626364", "8badf00d", "817f000000", "7f01000061626364", "ff7fffff"} {
		f.Add(unhex(f, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, Abridged, data) })
}

func FuzzIntermediateRead(f *testing.F) {
	for _, s := range []string{"040000006cfeffff", "050000000501020304", "0df0ad8b", "0400008061626364", "ffffff7f"} {
		f.Add(unhex(f, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, Intermediate, data) })
}

func FuzzPaddedRead(f *testing.F) {
	for _, s := range []string{"0a0000006cfeffff29afd26df40f", "08000000ffffffff0df0ad8b", "0600008061626364aaaa"} {
		f.Add(unhex(f, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, PaddedIntermediate, data) })
}

func FuzzFullRead(f *testing.F) {
	for _, s := range []string{"0c0000000000000026ca8d32", "0f000000010000006162634ed66d94", "6cfeffff"} {
		f.Add(unhex(f, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, Full, data) })
}

// fuzzSecret is the MTProxy secret of the FuzzServerAccept seeds.
var fuzzSecret = Secret{Kind: SecretSimple, Key: [16]byte{0x52, 0xa4, 0x93, 0xbd, 0xfb, 0x90, 0xee, 0xa5, 0x57, 0x39, 0xea, 0xbf, 0xf2, 0xd9, 0x2a, 0x14}}

// FuzzServerAccept runs detection and the obfuscated2 header on arbitrary
// openings, as a plain server and as an MTProxy, then reads frames.
func FuzzServerAccept(f *testing.F) {
	for _, s := range []string{"ef0161626364", "eeeeeeee0400000061626364", "dddddddd0400000061626364",
		"1000000000000000616263641cf4b1ab", "474554202f20485454502f312e310d0a"} {
		f.Add(unhex(f, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, srv := range []Server{{}, {Secret: &fuzzSecret}} {
			srv.MaxFrameSize = fuzzMax
			c, err := srv.Accept(newBufConn(data))
			if err != nil {
				if !errors.Is(err, ErrUnknownTransport) && !errors.Is(err, ErrObfuscationRequired) && !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Fatalf("undocumented Accept error %v", err)
				}
				continue
			}
			if !c.Obfuscated() {
				tag := c.Protocol().Tag()
				if c.Protocol() == Full {
					tag = []byte{}
				}
				if !bytes.HasPrefix(data, tag) {
					t.Fatalf("accepted %s from %x", c.Protocol(), data[:min(len(data), 8)])
				}
			}
			for range 16 {
				fr, err := c.ReadFrame(nil)
				if err != nil {
					if !knownReadError(err) {
						t.Fatalf("undocumented ReadFrame error %v", err)
					}
					break
				}
				if len(fr.Payload) > fuzzMax+maxPadding || fr.QuickAck {
					t.Fatalf("server read %+v", fr)
				}
			}
		}
	})
}

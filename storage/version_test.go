package storage

import (
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"
)

// setVersion rewrites the format version in both header slots.
func setVersion(data []byte, v uint32) {
	for off := 0; off < headerSize; off += slotSize {
		s, why := decodeSlot(data[off : off+slotSize])
		if why != "" {
			panic(why)
		}
		s.version = v
		copy(data[off:], s.encode())
	}
}

func TestNewerVersionRefused(t *testing.T) {
	path := sessionPath(t)
	s := mustOpen(t, path)
	fill(t, s)
	s.Close()
	data := readAll(t, path)
	setVersion(data, FormatVersion+1)
	os.WriteFile(path, data, 0o600)
	_, err := Open(path)
	var ve *VersionError
	if !errors.As(err, &ve) || ve.Version != FormatVersion+1 || ve.Supported != FormatVersion {
		t.Fatalf("Open: %v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "newer than this luagram supports") || !strings.Contains(msg, "upgrade luagram") {
		t.Errorf("message %q does not say what to do", msg)
	}
	if got := readAll(t, path); string(got) != string(data) {
		t.Error("refusing the file changed it")
	}
	// The lock is released after a failed Open.
	setVersion(data, FormatVersion)
	os.WriteFile(path, data, 0o600)
	s = mustOpen(t, path)
	s.Close()
}

func TestUnknownOldVersionRefused(t *testing.T) {
	path := sessionPath(t)
	mustOpen(t, path).Close()
	data := readAll(t, path)
	setVersion(data, 0)
	os.WriteFile(path, data, 0o600)
	_, err := Open(path)
	var ve *VersionError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "can no longer migrate") {
		t.Fatalf("Open: %v", err)
	}
}

// TestMigration registers a decoder for a made-up version 0, whose peer
// records lack the strings block (so its peers are nameless), and checks
// that such a file is read through it and rewritten as FormatVersion at
// the first save.
func TestMigration(t *testing.T) {
	recordDecoders[0] = func(typ byte, d *decoder, c *Changes) {
		if typ != recPeers {
			decodeRecordV1(typ, d, c)
			return
		}
		for range d.count("peers", 10) {
			id := int64(d.uvarint())
			kind := PeerKind(d.byte1())
			hash := int64(d.uint64le())
			c.Peers = append(c.Peers, Peer{ID: id, Kind: kind, AccessHash: hash})
		}
		d.end()
	}
	defer delete(recordDecoders, 0)

	// Build a version 0 file by hand: a state record and a v0 peers record.
	st := fullState()
	var w recordWriter
	w.out = make([]byte, headerSize)
	w.changes(&Changes{State: &st})
	payload := []byte{2}
	for _, p := range []Peer{{ID: 10, Kind: PeerUser, AccessHash: 1}, {ID: 11, Kind: PeerChannel, AccessHash: -2}} {
		payload = binary.AppendUvarint(payload, uint64(p.ID))
		payload = append(payload, byte(p.Kind))
		payload = binary.LittleEndian.AppendUint64(payload, uint64(p.AccessHash))
	}
	w.out = appendRecord(w.out, recPeers, payload)
	sl := slot{version: 0, seq: 1, end: uint64(len(w.out)), base: uint64(len(w.out))}
	copy(w.out, sl.encode())
	copy(w.out[slotSize:], sl.encode())
	path := sessionPath(t)
	os.WriteFile(path, w.out, 0o600)

	s := mustOpen(t, path)
	want := imageOf(s)
	if p, ok := s.Peers().ByID(PeerChannel, 11); !ok || p.AccessHash != -2 {
		t.Fatalf("migrated peer: %+v %v", p, ok)
	}
	s.Close()
	data := readAll(t, path)
	if v := binary.LittleEndian.Uint32(data[8:]); v != FormatVersion {
		t.Fatalf("file still at version %d after a save", v)
	}
	delete(recordDecoders, 0) // the current format must not need it
	s = mustOpen(t, path)
	defer s.Close()
	diffImages(t, imageOf(s), want)
}

package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

// smallSession writes a session with two commits (a rewrite, then an
// appended save) and returns the file bytes with the images of both.
func smallSession(t *testing.T, path string) (data []byte, first, second image) {
	t.Helper()
	f, err := OpenFile(path, FileOptions{CompactMin: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(f)
	if err != nil {
		t.Fatal(err)
	}
	s.Update(func(st *State) error { st.HomeDC = 2; st.DC(2).AuthKey = key(7); st.Updates.Pts = 1; return nil })
	s.Peers().Put(Peer{ID: 5, Kind: PeerUser, AccessHash: 55, Usernames: []string{"five"}, FirstName: "Five"})
	s.KV().Set("s", "k", []byte("v1"))
	s.SecretChats().Set(3, []byte("secret"))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	first = imageOf(s)
	s.Update(func(st *State) error { st.Updates.Pts = 2; return nil })
	s.Peers().Put(Peer{ID: 6, Kind: PeerChannel, AccessHash: 66, Title: "Six"})
	s.KV().Set("s", "k", []byte("v2"))
	second = imageOf(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return readAll(t, path), first, second
}

// openBytes writes data to path and opens it, returning the image or the
// error, and whether recovery happened.
func openBytes(t *testing.T, path string, data []byte) (image, bool, error) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := OpenFile(path, FileOptions{})
	if err != nil {
		return image{}, false, err
	}
	defer f.Close() // not the Store's Close: keep the damaged file as it is
	s, err := New(f)
	if err != nil {
		return image{}, false, err
	}
	return imageOf(s), s.Recovered() != nil, nil
}

// loadBytes is openBytes without the disk: the same header and record
// decoding, through memBackend.
func loadBytes(data []byte) (image, bool, error) {
	_, rec, err := readCommit(bytes.NewReader(data), int64(len(data)), "mem")
	if err != nil {
		return image{}, false, err
	}
	s, err := New(&memBackend{data: data})
	if err != nil {
		return image{}, false, err
	}
	return imageOf(s), rec != nil, nil
}

func wantCorrupt(t *testing.T, what string, err error, path string) {
	t.Helper()
	var ce *CorruptError
	if !errors.As(err, &ce) {
		t.Fatalf("%s: got %v (%T), want *CorruptError", what, err, err)
	}
	if ce.Path != path || ce.Reason == "" || ce.Offset < 0 {
		t.Fatalf("%s: incomplete error %+v", what, ce)
	}
	if !strings.HasPrefix(err.Error(), "storage: session file ") {
		t.Fatalf("%s: message %q", what, err)
	}
}

func TestTruncatedEveryOffset(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/s"
	data, _, _ := smallSession(t, path)
	t.Logf("session file: %d bytes", len(data))
	for n := range len(data) {
		_, _, err := openBytes(t, path, data[:n])
		wantCorrupt(t, "truncated to "+strconv.Itoa(n), err, path)
	}
}

func TestBitFlipsEveryBit(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/s"
	data, first, second := smallSession(t, path)
	recovered := 0
	for i := range len(data) * 8 {
		bad := append([]byte(nil), data...)
		bad[i/8] ^= 1 << (i % 8)
		got, rec, err := loadBytes(bad)
		if err != nil {
			wantCorrupt(t, "bit "+strconv.Itoa(i), err, "mem")
			continue
		}
		// Only a flip in a header slot may load, from the other slot, and
		// it must say so.
		if i/8 >= headerSize || !rec {
			t.Fatalf("bit %d (byte %d) flipped: loaded without an error (recovered %v)", i, i/8, rec)
		}
		recovered++
		if i/8 < slotSize { // slot 0 holds the older commit here
			diffImages(t, got, second)
		} else {
			diffImages(t, got, first)
		}
	}
	t.Logf("%d bit flips: %d recovered from the other header slot, the rest reported", len(data)*8, recovered)
}

func TestBitFlipsLargeFile(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/s"
	s := mustOpen(t, path)
	fill(t, s)
	for i := range 3000 {
		s.Peers().Put(Peer{ID: int64(i + 100), Kind: PeerUser, AccessHash: int64(i), FirstName: "peer", Usernames: []string{"u" + strconv.Itoa(i)}})
	}
	s.Close()
	data := readAll(t, path)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		bad := append([]byte(nil), data...)
		for range 1 + rng.IntN(3) {
			i := headerSize + rng.IntN(len(data)-headerSize)
			bad[i] ^= 1 << rng.IntN(8)
		}
		_, _, err := loadBytes(bad)
		wantCorrupt(t, "random flips", err, "mem")
	}
}

func TestCorruptErrors(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/s"
	data, _, _ := smallSession(t, path)
	for _, tc := range []struct {
		name   string
		change func([]byte) []byte
		offset int64
		reason string
	}{
		{"empty", func(b []byte) []byte { return nil }, 0, "shorter than its 128-byte header"},
		{"not a session", func(b []byte) []byte { return []byte(strings.Repeat("hello world\n", 20)) }, 0, "bad magic"},
		{"record checksum", func(b []byte) []byte { b[headerSize+4] ^= 1; return b }, headerSize, "record checksum mismatch"},
		{"record length", func(b []byte) []byte { b[headerSize+7] = 0x7f; return b }, headerSize + 4, "runs past the committed end"},
		{"truncated", func(b []byte) []byte { return b[:len(b)-1] }, int64(len(data) - 1), "truncated"},
		{"both slots", func(b []byte) []byte { b[20] ^= 1; b[slotSize+20] ^= 1; return b }, 0, "header checksum mismatch"},
	} {
		_, _, err := openBytes(t, path, tc.change(append([]byte(nil), data...)))
		wantCorrupt(t, tc.name, err, path)
		ce := err.(*CorruptError)
		if ce.Offset != tc.offset || !strings.Contains(ce.Reason, tc.reason) {
			t.Errorf("%s: got offset %d reason %q, want %d, %q", tc.name, ce.Offset, ce.Reason, tc.offset, tc.reason)
		}
	}
}

// Bytes after the committed end are an interrupted save: ignored.
func TestUncommittedTail(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/s"
	data, _, second := smallSession(t, path)
	tail := appendRecord(nil, recKV, []byte{1, 1, 1, 's', 1, 'k', 2, 'v', '3'})
	for n := range len(tail) + 1 {
		got, rec, err := openBytes(t, path, append(append([]byte(nil), data...), tail[:n]...))
		if err != nil || rec {
			t.Fatalf("tail of %d bytes: %v (recovered %v)", n, err, rec)
		}
		diffImages(t, got, second)
	}
	// The next save writes over the tail.
	os.WriteFile(path, append(append([]byte(nil), data...), tail...), 0o600)
	s := mustOpen(t, path)
	s.KV().Set("s", "k2", []byte("x"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, path)
	defer s.Close()
	if v, _ := s.KV().Get("s", "k"); string(v) != "v2" {
		t.Errorf("uncommitted tail was applied: k = %q", v)
	}
	if v, _ := s.KV().Get("s", "k2"); string(v) != "x" {
		t.Errorf("k2 = %q", v)
	}
}

// A recovered file is rewritten at the next save, restoring both slots.
func TestRecoveryRewrites(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/s"
	data, _, second := smallSession(t, path)
	data[slotSize+3] ^= 0x10 // slot 1 holds the newer commit: fall back to slot 0
	os.WriteFile(path, data, 0o600)
	s := mustOpen(t, path)
	if err := s.Recovered(); err == nil || !strings.Contains(err.Error(), "header slot 1") {
		t.Fatalf("Recovered() = %v", err)
	}
	s.Close()
	s = mustOpen(t, path)
	defer s.Close()
	if s.Recovered() != nil {
		t.Error("still recovering after a save")
	}
	got := readAll(t, path)
	if string(got[:slotSize]) != string(got[slotSize:headerSize]) {
		t.Error("slots differ after the rewrite")
	}
	_ = second
	if binary.LittleEndian.Uint32(got[8:]) != FormatVersion {
		t.Error("version")
	}
}

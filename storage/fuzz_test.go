package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"hash/crc32"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

var updateSeeds = flag.Bool("update-seeds", false, "rewrite testdata/fuzz/FuzzLoad")

// FuzzLoad loads arbitrary bytes as a session file. Loading must fail with
// *CorruptError or *VersionError, or succeed; a loaded session, written
// out again, must load to the same session and the same bytes.
//
// With fix set, the checksums are made right first, so that mutations
// reach the record decoders instead of stopping at a CRC mismatch.
func FuzzLoad(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, fix bool) {
		if data == nil {
			data = []byte{} // nil would mean a new session to memBackend
		}
		if fix {
			fixChecksums(data)
		}
		s, err := New(&memBackend{data: data})
		if err != nil {
			var ce *CorruptError
			var ve *VersionError
			if !errors.As(err, &ce) && !errors.As(err, &ve) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		b1 := encodeImage(s.all(), 1)
		s2, err := New(&memBackend{data: b1})
		if err != nil {
			t.Fatalf("reloading the re-encoded session: %v", err)
		}
		if b2 := encodeImage(s2.all(), 1); !bytes.Equal(b1, b2) {
			t.Fatalf("re-encoding is not stable:\n%q\n%q", b1, b2)
		}
		diffImages(t, imageOf(s2), imageOf(s))
	})
}

// TestFuzzSeeds writes the seed corpus with -update-seeds: session files
// of each shape the loader meets.
func TestFuzzSeeds(t *testing.T) {
	if !*updateSeeds {
		t.Skip("run with -update-seeds to rewrite testdata/fuzz/FuzzLoad")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzLoad")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		for _, fix := range []bool{false, true} {
			body := "go test fuzz v1\n[]byte(" + strconv.Quote(string(data)) + ")\nbool(" + strconv.FormatBool(fix) + ")\n"
			file := name
			if fix {
				file += "_fixed"
			}
			if err := os.WriteFile(filepath.Join(dir, file), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tmp := t.TempDir()

	path := filepath.Join(tmp, "new")
	mustOpen(t, path).Close()
	write("new", readAll(t, path))

	path = filepath.Join(tmp, "full")
	s := mustOpen(t, path)
	fill(t, s)
	s.Close()
	full := readAll(t, path)
	write("full", full)

	path = filepath.Join(tmp, "small")
	small, _, _ := smallSession(t, path)
	write("two_commits", small)
	write("uncommitted_tail", append(append([]byte(nil), small...), appendRecord(nil, recKV, []byte{1, 1, 1, 's', 1, 'k', 1, 'v'})...))
	damaged := append([]byte(nil), small...)
	damaged[slotSize+30] ^= 4
	write("damaged_slot", damaged)
	write("truncated", small[:len(small)-5])
	bad := append([]byte(nil), full...)
	bad[len(bad)-3] ^= 0x40
	write("bad_checksum", bad)
	newer := append([]byte(nil), small...)
	setVersion(newer, FormatVersion+1)
	write("newer_version", newer)

	path = filepath.Join(tmp, "peers")
	f, err := OpenFile(path, FileOptions{CompactMin: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	s, _ = New(f)
	for i := range 60 {
		s.Peers().Put(crashPeer(int64(i%20+1), i))
		if i%10 == 9 {
			s.Save()
		}
	}
	s.Close()
	write("incremental_peers", readAll(t, path))
}

// fixChecksums recomputes the CRCs of both header slots and of every record
// whose framing fits in the file.
func fixChecksums(data []byte) {
	if len(data) < headerSize {
		return
	}
	for off := 0; off < headerSize; off += slotSize {
		sl := data[off : off+slotSize]
		binary.LittleEndian.PutUint32(sl[60:], crc32.Checksum(sl[:60], castagnoli))
	}
	for off := headerSize; off+recHeaderSize <= len(data); {
		n := int(binary.LittleEndian.Uint32(data[off+4:]))
		if n > len(data)-off-recHeaderSize {
			return
		}
		binary.LittleEndian.PutUint32(data[off:], crc32.Checksum(data[off+4:off+recHeaderSize+n], castagnoli))
		off += recHeaderSize + n
	}
}

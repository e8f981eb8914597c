package storage

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// childEnv selects a child-process mode of the test binary (see TestMain);
// childPath is the session it works on.
const (
	childEnv  = "LUAGRAM_STORAGE_CHILD"
	childPath = "LUAGRAM_STORAGE_PATH"
)

func TestMain(m *testing.M) {
	switch mode := os.Getenv(childEnv); mode {
	case "":
		os.Exit(m.Run())
	case "hold":
		childHold(os.Getenv(childPath))
	case "crash":
		childCrash(os.Getenv(childPath))
	default:
		fmt.Fprintf(os.Stderr, "unknown %s=%q\n", childEnv, mode)
		os.Exit(2)
	}
}

func sessionPath(t testing.TB) string { return filepath.Join(t.TempDir(), "account.session") }

func mustOpen(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func key(b byte) []byte { return bytes.Repeat([]byte{b}, AuthKeySize) }

// fullState sets every field of State.
func fullState() State {
	var st State
	st.HomeDC = 4
	dc := st.DC(2)
	dc.AuthKey = key(0xa2)
	dc.TempAuthKey = key(0xb2)
	dc.TempAuthKeyExpiresAt = time.Unix(1_900_000_000, 0)
	dc.TempAuthKeyBound = true
	dc.ServerSalt = -0x1122334455667788
	dc.FutureSalts = []Salt{
		{ValidSince: time.Unix(1_800_000_000, 0), ValidUntil: time.Unix(1_800_001_800, 0), Salt: 1},
		{ValidSince: time.Unix(1_800_001_800, 0), ValidUntil: time.Unix(1_800_003_600, 0), Salt: -2},
	}
	dc.TimeOffset = -1500 * time.Millisecond
	st.DC(4).AuthKey = key(0xa4)
	st.DC(4).TimeOffset = 42 * time.Second
	st.DC(5).ServerSalt = 5 // a DC without keys
	st.Self = Self{UserID: 1_234_567_890_123, Bot: true}
	st.Updates = UpdateState{Pts: 100, Qts: -3, Seq: 7, Date: 1_700_000_000,
		Channels: map[int64]int32{1: 1, 1_000_000_000_000: 99, 42: -5}}
	st.Settings = []byte("settings \x00\xff blob")
	return st
}

// fullPeers covers every field and flag of Peer.
func fullPeers() []Peer {
	return []Peer{
		{ID: 1, Kind: PeerUser, AccessHash: -1, Bot: true, Flags: FlagVerified | FlagPremium | FlagSupport | FlagContact,
			Usernames: []string{"MainName", "second_name", "x3"}, Phone: "+99966123456", FirstName: "Первый", LastName: "Last",
			Updated: time.Unix(1_700_000_001, 0)},
		{ID: 1, Kind: PeerChat, Title: "a chat with id 1", Flags: FlagCreator | FlagLeft, Updated: time.Unix(1_700_000_002, 0)},
		{ID: 1, Kind: PeerChannel, AccessHash: 1 << 62, Flags: FlagMegagroup | FlagForum | FlagGigagroup | FlagRestricted,
			Usernames: []string{"chan"}, Title: "Channel", Updated: time.Unix(1_700_000_003, 0)},
		{ID: maxPeerID, Kind: PeerChannel, Min: true, AccessHash: 77, Flags: FlagBroadcast | FlagScam | FlagFake,
			Updated: time.Unix(1, 0)},
		{ID: 77, Kind: PeerUser, Min: true, Flags: FlagDeleted, FirstName: "min", Updated: time.Unix(1<<32-1, 0)},
	}
}

// image is everything a Store holds, for comparisons.
type image struct {
	State   State
	Peers   map[uint64]Peer
	KV      map[string]map[string][]byte
	Secrets map[int32][]byte
}

func imageOf(s *Store) image {
	im := image{State: s.Snapshot(), Peers: map[uint64]Peer{}, KV: map[string]map[string][]byte{}, Secrets: map[int32][]byte{}}
	for p := range s.Peers().All() {
		im.Peers[peerKey(p.Kind, p.ID)] = p
	}
	for _, ns := range s.KV().Namespaces() {
		im.KV[ns] = map[string][]byte{}
		for _, k := range s.KV().Keys(ns) {
			im.KV[ns][k], _ = s.KV().Get(ns, k)
		}
	}
	for _, id := range s.SecretChats().IDs() {
		im.Secrets[id], _ = s.SecretChats().Get(id)
	}
	return im
}

func diffImages(t testing.TB, got, want image) {
	t.Helper()
	if !reflect.DeepEqual(got.State, want.State) {
		t.Errorf("state:\ngot  %s\nwant %s", dumpState(got.State), dumpState(want.State))
	}
	for k, w := range want.Peers {
		if g, ok := got.Peers[k]; !ok || !reflect.DeepEqual(g, w) {
			t.Errorf("peer %d:\ngot  %+v\nwant %+v", k, g, w)
		}
	}
	if len(got.Peers) != len(want.Peers) {
		t.Errorf("got %d peers, want %d", len(got.Peers), len(want.Peers))
	}
	if !reflect.DeepEqual(got.KV, want.KV) {
		t.Errorf("kv:\ngot  %q\nwant %q", got.KV, want.KV)
	}
	if !reflect.DeepEqual(got.Secrets, want.Secrets) {
		t.Errorf("secret chats:\ngot  %q\nwant %q", got.Secrets, want.Secrets)
	}
}

func dumpState(st State) string {
	s := fmt.Sprintf("%+v", st)
	for id, dc := range st.DCs {
		s += fmt.Sprintf("\n  DC %d: %+v", id, *dc)
	}
	return s
}

// memBackend keeps a session as file bytes in memory, through the same
// encoding as File. It shows the Backend contract on its own and lets
// tests and the fuzz target load bytes without touching the disk.
type memBackend struct {
	data []byte
	cur  slot
	w    recordWriter
}

func (m *memBackend) Load(apply func(*Changes) error) error {
	return m.loadRaw(withPeers(apply))
}

func (m *memBackend) loadRaw(apply func(*Changes) error) error {
	if m.data == nil {
		return nil
	}
	s, _, err := readCommit(bytes.NewReader(m.data), int64(len(m.data)), "mem")
	if err != nil {
		return err
	}
	m.cur = s
	return loadRecords(bytes.NewReader(m.data), "mem", s, apply)
}

func (m *memBackend) Commit(c *Changes, all iter.Seq[*Changes]) error {
	m.data = encodeImage(all, m.cur.seq+1)
	m.cur, _, _ = readCommit(bytes.NewReader(m.data), int64(len(m.data)), "mem")
	return nil
}

func (m *memBackend) Close() error { return nil }

// encodeImage writes a whole session file as File.rewrite does.
func encodeImage(all iter.Seq[*Changes], seq uint64) []byte {
	var w recordWriter
	w.out = make([]byte, headerSize)
	for c := range all {
		w.changes(c)
	}
	s := slot{version: FormatVersion, seq: seq, end: uint64(len(w.out)), base: uint64(len(w.out))}
	copy(w.out, s.encode())
	copy(w.out[slotSize:], s.encode())
	return w.out
}

func readAll(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var _ io.ReaderAt = (*bytes.Reader)(nil)

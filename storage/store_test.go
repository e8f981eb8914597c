package storage

import (
	"errors"
	"iter"
	"os"
	"reflect"
	"testing"
)

// fill puts fullState, fullPeers, keys and secret chats into s.
func fill(t testing.TB, s *Store) {
	t.Helper()
	st := fullState()
	if err := s.Update(func(x *State) error { *x = st.Clone(); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, p := range fullPeers() {
		if err := s.Peers().Put(p); err != nil {
			t.Fatal(err)
		}
	}
	kv := s.KV()
	for _, c := range []struct{ ns, key, value string }{
		{"script.lua", "counter", "42"},
		{"script.lua", "", "empty key"},
		{"script.lua", "empty value", ""},
		{"", "empty namespace", "\x00\x01"},
		{"other", "k", "v"},
	} {
		if err := kv.Set(c.ns, c.key, []byte(c.value)); err != nil {
			t.Fatal(err)
		}
	}
	sc := s.SecretChats()
	sc.Set(-7, []byte("negative id"))
	sc.Set(123456, []byte("chat"))
	sc.Set(0, nil)
}

func TestRoundTripEveryField(t *testing.T) {
	for _, tc := range []struct {
		name       string
		compactMin int64
	}{
		{"appended", 1 << 30}, // the first save appends to the new, empty file
		{"rewritten", 1},      // every save rewrites
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := sessionPath(t)
			f, err := OpenFile(path, FileOptions{CompactMin: tc.compactMin})
			if err != nil {
				t.Fatal(err)
			}
			s, err := New(f)
			if err != nil {
				t.Fatal(err)
			}
			fill(t, s)
			want := imageOf(s)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s = mustOpen(t, path)
			defer s.Close()
			got := imageOf(s)
			diffImages(t, got, want)
			if got.State.DCs[2].AuthKey[0] != 0xa2 || got.Secrets[0] == nil && len(got.Secrets) != 3 {
				t.Errorf("sanity: %+v", got)
			}
			if p, _ := s.Peers().ByID(PeerUser, 1); p.Phone != "+99966123456" || !p.Bot || p.Flags != FlagVerified|FlagPremium|FlagSupport|FlagContact {
				t.Errorf("user 1 = %+v", p)
			}
			if v, ok := s.KV().Get("script.lua", "empty value"); !ok || len(v) != 0 {
				t.Errorf("empty value = %q, %v", v, ok)
			}
		})
	}
}

// Every save mode must give the same file contents for the same session:
// replaying the appended records equals the rewritten image.
func TestIncrementalSavesReplay(t *testing.T) {
	path := sessionPath(t)
	f, err := OpenFile(path, FileOptions{CompactMin: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(f)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, s)
	saves := 0
	save := func() {
		t.Helper()
		if err := s.Save(); err != nil {
			t.Fatal(err)
		}
		saves++
	}
	save()
	size1 := len(readAll(t, path))
	// Change a bit of everything, saving in between.
	s.Update(func(st *State) error { st.Updates.Pts++; delete(st.Updates.Channels, 42); return nil })
	save()
	s.Peers().Put(Peer{ID: 1, Kind: PeerUser, AccessHash: 5, Usernames: []string{"renamed"}})
	s.Peers().Put(Peer{ID: 2, Kind: PeerUser, Usernames: []string{"chan"}}) // takes channel 1's name
	save()
	s.KV().Delete("script.lua", "counter")
	s.KV().Set("script.lua", "new", []byte("n"))
	s.KV().DeleteNamespace("other")
	s.SecretChats().Delete(-7)
	s.SecretChats().Set(123456, []byte("chat v2"))
	save()
	save() // nothing changed: nothing written
	size2 := len(readAll(t, path))
	if size2 <= size1 {
		t.Errorf("file did not grow by appending: %d then %d bytes", size1, size2)
	}
	s.Update(func(st *State) error { st.Updates.Pts++; return nil })
	before := len(readAll(t, path))
	save()
	if grew := len(readAll(t, path)) - before; grew > 2000 {
		t.Errorf("saving a changed State appended %d bytes", grew)
	}
	want := imageOf(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := want.KV["other"]; ok {
		t.Fatal("DeleteNamespace left keys")
	}
	if p := want.Peers[peerKey(PeerChannel, 1)]; len(p.Usernames) != 0 {
		t.Fatalf("channel 1 kept its username: %+v", p)
	}

	s = mustOpen(t, path)
	diffImages(t, imageOf(s), want)
	s.Close()

	// The same session rewritten in one go reads the same.
	f, err = OpenFile(path, FileOptions{CompactMin: 1})
	if err != nil {
		t.Fatal(err)
	}
	s, err = New(f)
	if err != nil {
		t.Fatal(err)
	}
	s.Update(func(*State) error { return nil })
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if n := len(readAll(t, path)); n >= size2 {
		t.Errorf("rewrite did not shrink the file: %d bytes, %d before", n, size2)
	}
	s = mustOpen(t, path)
	defer s.Close()
	diffImages(t, imageOf(s), want)
}

func TestUpdateValidation(t *testing.T) {
	s, err := New(&memBackend{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		fn   func(*State)
	}{
		{"short auth key", func(st *State) { st.DC(2).AuthKey = make([]byte, 255) }},
		{"long temp key", func(st *State) { st.DC(2).TempAuthKey = make([]byte, 257) }},
		{"DC 0", func(st *State) { st.DC(0) }},
		{"negative home DC", func(st *State) { st.HomeDC = -1 }},
		{"huge settings", func(st *State) { st.Settings = make([]byte, MaxBlobSize+1) }},
	} {
		err := s.Update(func(st *State) error { tc.fn(st); return nil })
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: got %v, want ErrInvalid", tc.name, err)
		}
	}
	sentinel := errors.New("no")
	if err := s.Update(func(st *State) error { st.HomeDC = 3; return sentinel }); err != sentinel {
		t.Errorf("Update returned %v, want fn's error", err)
	}
	if st := s.Snapshot(); !reflect.DeepEqual(st, State{}) {
		t.Errorf("failed Updates changed the state: %+v", st)
	}
	// Snapshots are copies.
	s.Update(func(st *State) error { st.DC(1).AuthKey = key(1); st.Settings = []byte("a"); return nil })
	snap := s.Snapshot()
	snap.DCs[1].AuthKey[0] = 9
	snap.Settings[0] = 'b'
	if st := s.Snapshot(); st.DCs[1].AuthKey[0] != 1 || st.Settings[0] != 'a' {
		t.Error("changing a snapshot changed the store")
	}
}

func TestKVLimitsAndCopies(t *testing.T) {
	s, _ := New(&memBackend{})
	if err := s.KV().Set("ns", string(make([]byte, MaxKeySize+1)), nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("long key: %v", err)
	}
	v := []byte("abc")
	s.KV().Set("ns", "k", v)
	v[0] = 'X'
	got, _ := s.KV().Get("ns", "k")
	got[1] = 'Y'
	if again, _ := s.KV().Get("ns", "k"); string(again) != "abc" {
		t.Errorf("value aliased a caller's slice: %q", again)
	}
	if err := s.SecretChats().Set(1, make([]byte, MaxBlobSize+1)); !errors.Is(err, ErrInvalid) {
		t.Errorf("huge secret chat: %v", err)
	}
}

func TestClosed(t *testing.T) {
	path := sessionPath(t)
	s := mustOpen(t, path)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != ErrClosed {
		t.Errorf("second Close: %v", err)
	}
	if err := s.Save(); err != ErrClosed {
		t.Errorf("Save after Close: %v", err)
	}
	if err := s.Update(func(*State) error { return nil }); err != ErrClosed {
		t.Errorf("Update after Close: %v", err)
	}
	if err := s.Peers().Put(Peer{ID: 1, Kind: PeerUser}); err != ErrClosed {
		t.Errorf("Put after Close: %v", err)
	}
	if err := s.KV().Set("a", "b", nil); err != ErrClosed {
		t.Errorf("Set after Close: %v", err)
	}
}

func TestFileMode(t *testing.T) {
	path := sessionPath(t)
	s := mustOpen(t, path)
	fill(t, s)
	s.Close()
	for _, p := range []string{path, path + ".lock"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", p, st.Mode().Perm())
		}
	}
	os.Chmod(path, 0o644)
	s = mustOpen(t, path)
	s.Close()
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("Open left mode %v", st.Mode().Perm())
	}
}

// A save that cannot write must leave the changes pending for the next.
func TestFailedSaveKeepsChanges(t *testing.T) {
	b := &failingBackend{}
	s, err := New(b)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, s)
	b.fail = true
	if err := s.Save(); err == nil {
		t.Fatal("Save succeeded")
	}
	b.fail = false
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	c := b.last
	if c.State == nil || len(c.Peers) != len(fullPeers()) || len(c.KV) != 5 || len(c.SecretChats) != 3 {
		t.Errorf("second save got State %v, %d peers, %d keys, %d secret chats", c.State != nil, len(c.Peers), len(c.KV), len(c.SecretChats))
	}
}

type failingBackend struct {
	fail bool
	last Changes
}

func (b *failingBackend) Load(func(*Changes) error) error { return nil }
func (b *failingBackend) Close() error                    { return nil }
func (b *failingBackend) Commit(c *Changes, _ iter.Seq[*Changes]) error {
	if b.fail {
		return errors.New("disk full")
	}
	b.last = *c
	return nil
}

package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// TestConcurrent exercises every method from several goroutines while
// saves run; run it with -race.
func TestConcurrent(t *testing.T) {
	path := sessionPath(t)
	f, err := OpenFile(path, FileOptions{CompactMin: 4 << 10}) // rewrites often
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(f)
	if err != nil {
		t.Fatal(err)
	}
	const workers, steps = 4, 400
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range steps {
				id := int64(w*steps + i + 1)
				name := fmt.Sprintf("w%d_%d", w, i)
				if err := s.Peers().Put(Peer{ID: id, Kind: PeerUser, AccessHash: id, Usernames: []string{name}}); err != nil {
					t.Error(err)
					return
				}
				if p, ok := s.Peers().ByUsername(name); !ok || p.ID != id {
					t.Errorf("ByUsername(%s) = %v, %v", name, p.ID, ok)
				}
				if _, ok := s.Peers().ByID(PeerUser, id); !ok {
					t.Errorf("ByID(%d) missing", id)
				}
				s.KV().Set(strconv.Itoa(w), strconv.Itoa(i%10), []byte(name))
				s.KV().Get(strconv.Itoa(w), "1")
				s.SecretChats().Set(int32(w), []byte(name))
				s.Update(func(st *State) error { st.Updates.Pts++; return nil })
				_ = s.Snapshot()
				if i%50 == 0 {
					if err := s.Save(); err != nil {
						t.Error(err)
					}
					for range s.Peers().All() {
						break
					}
				}
			}
		}()
	}
	wg.Wait()
	want := imageOf(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if want.State.Updates.Pts != workers*steps || len(want.Peers) != workers*steps {
		t.Fatalf("pts %d, %d peers", want.State.Updates.Pts, len(want.Peers))
	}
	s = mustOpen(t, path)
	defer s.Close()
	diffImages(t, imageOf(s), want)
}

func TestSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.session")
	link := filepath.Join(dir, "link.session")
	mustOpen(t, real).Close()
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	s := mustOpen(t, link)
	if _, err := Open(real); err == nil {
		t.Fatal("opened the same session through its link and its name")
	}
	s.KV().Set("a", "b", []byte("c"))
	s.Close()
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v", err)
	}
	s = mustOpen(t, real)
	defer s.Close()
	if v, _ := s.KV().Get("a", "b"); string(v) != "c" {
		t.Errorf("saved through the link: %q", v)
	}
}

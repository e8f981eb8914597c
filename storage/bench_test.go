package storage

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

// benchPeer is peer i of a plausible account: a user with a first and
// usually a last name, most with a username, some with a phone; every
// tenth a channel with a title.
func benchPeer(i int) Peer {
	r := rand.New(rand.NewPCG(uint64(i), 99))
	p := Peer{ID: int64(i)*7 + 1_000_000, Kind: PeerUser, AccessHash: r.Int64(), Updated: time.Unix(1_700_000_000+int64(i), 0)}
	if i%10 == 9 {
		p.Kind = PeerChannel
		p.Flags = FlagMegagroup
		p.Title = "Channel title " + strconv.Itoa(i)
	} else {
		p.FirstName = []string{"Alice", "Bob", "Carol", "Dmitry", "Eve", "Fatima"}[r.IntN(6)]
		if r.IntN(4) != 0 {
			p.LastName = []string{"Smith", "Ivanov", "Garcia", "Nakamura"}[r.IntN(4)]
		}
		if r.IntN(10) == 0 {
			p.Phone = "99966" + strconv.Itoa(10000+r.IntN(90000))
		}
	}
	if r.IntN(10) < 7 {
		p.Usernames = []string{"user_" + strconv.FormatInt(int64(i), 36) + "_x"}
	}
	return p
}

// BenchmarkPeerDBMemory reports the heap used per peer by a PeerDB of a
// million peers (after a save: no dirty list), and how it splits.
func BenchmarkPeerDBMemory(b *testing.B) {
	const n = 1_000_000
	for b.Loop() {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		db := NewPeerDB()
		for i := range n {
			if err := db.Put(benchPeer(i)); err != nil {
				b.Fatal(err)
			}
		}
		db.dirty = nil
		db.scratch = nil
		runtime.GC()
		runtime.ReadMemStats(&m1)
		b.ReportMetric(float64(m1.HeapAlloc-m0.HeapAlloc)/n, "heap-B/peer")
		b.ReportMetric(float64(cap(db.recs)*32)/n, "records-B/peer")
		b.ReportMetric(float64(cap(db.arena))/n, "arena-B/peer")
		b.ReportMetric(float64(len(db.ids.slots)*8+len(db.names.slots)*8)/n, "index-B/peer")
		runtime.KeepAlive(db)
	}
}

var (
	lookupOnce sync.Once
	lookupDB   *PeerDB
)

func millionPeers(b *testing.B) *PeerDB {
	lookupOnce.Do(func() {
		lookupDB = NewPeerDB()
		for i := range 1_000_000 {
			lookupDB.Put(benchPeer(i))
		}
	})
	return lookupDB
}

func BenchmarkByID(b *testing.B) {
	db := millionPeers(b)
	ids := make([]int64, 4096)
	for i := range ids {
		ids[i] = benchPeer(rand.IntN(1_000_000) / 10 * 10).ID // users
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ok := db.ByID(PeerUser, ids[i%len(ids)]); !ok {
			b.Fatal("miss")
		}
		i++
	}
}

func BenchmarkByUsername(b *testing.B) {
	db := millionPeers(b)
	var names []string
	for len(names) < 4096 {
		if u := benchPeer(rand.IntN(1_000_000)).Username(); u != "" {
			names = append(names, toUpperASCII(u[:3])+u[3:])
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ok := db.ByUsername(names[i%len(names)]); !ok {
			b.Fatal("miss")
		}
		i++
	}
}

func BenchmarkByUsernameMiss(b *testing.B) {
	db := millionPeers(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := db.ByUsername("no_such_user_name"); ok {
			b.Fatal("hit")
		}
	}
}

// session100k returns an open session file with 100,000 saved peers.
func session100k(b *testing.B) (*Store, *File, string) {
	path := sessionPath(b)
	f, err := OpenFile(path, FileOptions{})
	if err != nil {
		b.Fatal(err)
	}
	s, err := New(f)
	if err != nil {
		b.Fatal(err)
	}
	fill(b, s)
	for i := range 100_000 {
		s.Peers().Put(benchPeer(i))
	}
	if err := s.Save(); err != nil {
		b.Fatal(err)
	}
	return s, f, path
}

// BenchmarkSaveFull is a save that rewrites the whole file of 100,000
// peers (temporary file, fsync, rename, directory fsync); it reports the
// file's bytes per peer.
func BenchmarkSaveFull100k(b *testing.B) {
	s, f, path := session100k(b)
	defer s.Close()
	for b.Loop() {
		f.compact = true
		if err := s.Save(); err != nil {
			b.Fatal(err)
		}
	}
	st, _ := os.Stat(path)
	b.ReportMetric(float64(st.Size())/100_000, "disk-B/peer")
}

// BenchmarkSaveIncremental is a typical periodic save with 100,000 peers
// stored: 100 changed peers, the update state and a script key, appended
// and committed with two fsyncs; every few hundred saves it rewrites the
// file, which the average includes.
func BenchmarkSaveIncremental100k(b *testing.B) {
	s, _, _ := session100k(b)
	defer s.Close()
	i := 0
	for b.Loop() {
		for j := range 100 {
			p := benchPeer((i*100 + j) % 100_000)
			p.FirstName = fmt.Sprint("changed ", i)
			s.Peers().Put(p)
		}
		s.Update(func(st *State) error { st.Updates.Pts++; return nil })
		s.KV().Set("bench", "i", []byte(strconv.Itoa(i)))
		if err := s.Save(); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkOpen100k loads a session file of 100,000 peers.
func BenchmarkOpen100k(b *testing.B) {
	s, _, path := session100k(b)
	s.Close()
	for b.Loop() {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		s.backend.Close() // no save
	}
}

package storage

import (
	"iter"
	"testing"
)

// logBackend is a Backend written against the interface alone, the way a
// Redis or PostgreSQL backend would be: it keeps deep copies of the
// committed Changes and replays them; every third Commit it compacts by
// replacing the log with the full image from all.
type logBackend struct {
	log     []Changes
	commits int
	images  int
}

func copyChanges(c *Changes) Changes {
	var d Changes
	if c.State != nil {
		st := c.State.Clone()
		d.State = &st
	}
	for _, p := range c.Peers {
		p.Usernames = append([]string(nil), p.Usernames...)
		d.Peers = append(d.Peers, p)
	}
	for _, kv := range c.KV {
		kv.Value = append([]byte(nil), kv.Value...)
		d.KV = append(d.KV, kv)
	}
	for _, sc := range c.SecretChats {
		sc.Data = append([]byte(nil), sc.Data...)
		d.SecretChats = append(d.SecretChats, sc)
	}
	if len(c.raw) > 0 {
		panic("raw peers reached a foreign backend")
	}
	return d
}

func (b *logBackend) Load(apply func(*Changes) error) error {
	for i := range b.log {
		c := copyChanges(&b.log[i])
		if err := apply(&c); err != nil {
			return err
		}
	}
	return nil
}

func (b *logBackend) Commit(c *Changes, all iter.Seq[*Changes]) error {
	b.commits++
	if b.commits%3 != 0 {
		b.log = append(b.log, copyChanges(c))
		return nil
	}
	b.images++
	b.log = nil
	first := true
	for c := range all {
		if first && c.State == nil {
			panic("image does not start with the State")
		}
		first = false
		b.log = append(b.log, copyChanges(c))
	}
	return nil
}

func (b *logBackend) Close() error { return nil }

func TestForeignBackend(t *testing.T) {
	b := &logBackend{}
	s, err := New(b)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, s)
	for i := range 5000 {
		s.Peers().Put(benchPeer(i))
	}
	for round := range 5 {
		s.Peers().Put(Peer{ID: 1, Kind: PeerUser, FirstName: "round", AccessHash: int64(round)})
		s.KV().Set("ns", "round", []byte{byte(round)})
		s.Update(func(st *State) error { st.Updates.Seq = int32(round); return nil })
		if err := s.Save(); err != nil {
			t.Fatal(err)
		}
	}
	want := imageOf(s)
	s.Close()
	if b.images == 0 || b.commits < 5 {
		t.Fatalf("%d commits, %d images", b.commits, b.images)
	}
	s, err = New(b)
	if err != nil {
		t.Fatal(err)
	}
	diffImages(t, imageOf(s), want)
}

// File.Load, for callers other than a Store, delivers Peers.
func TestFileLoadPeers(t *testing.T) {
	path := sessionPath(t)
	s := mustOpen(t, path)
	fill(t, s)
	want := imageOf(s)
	s.Close()
	f, err := OpenFile(path, FileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := &logBackend{}
	if err := f.Load(func(c *Changes) error { b.log = append(b.log, copyChanges(c)); return nil }); err != nil {
		t.Fatal(err)
	}
	s, err = New(b)
	if err != nil {
		t.Fatal(err)
	}
	diffImages(t, imageOf(s), want)
}

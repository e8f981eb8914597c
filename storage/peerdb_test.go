package storage

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func mustPut(t testing.TB, db *PeerDB, p Peer) {
	t.Helper()
	if err := db.Put(p); err != nil {
		t.Fatalf("Put(%+v): %v", p, err)
	}
}

func TestMinMerge(t *testing.T) {
	full := Peer{ID: 10, Kind: PeerUser, AccessHash: 111, Phone: "123", FirstName: "Full", Usernames: []string{"u"}}
	min := Peer{ID: 10, Kind: PeerUser, AccessHash: 222, Min: true, FirstName: "Min", Usernames: []string{"v"}}
	for _, tc := range []struct {
		name  string
		puts  []Peer
		check func(Peer) string
	}{
		{"min over full keeps access hash, phone and fullness", []Peer{full, min}, func(p Peer) string {
			if p.AccessHash != 111 || p.Min || p.Phone != "123" {
				return "lost full data"
			}
			if p.FirstName != "Min" || p.Username() != "v" {
				return "did not take the other fields"
			}
			return ""
		}},
		{"min with hash 0 over full", []Peer{full, {ID: 10, Kind: PeerUser, Min: true}}, func(p Peer) string {
			if p.AccessHash != 111 || p.Min {
				return "lost the access hash"
			}
			return ""
		}},
		{"full over min replaces", []Peer{min, full}, func(p Peer) string {
			if !reflect.DeepEqual(p.Usernames, full.Usernames) || p.AccessHash != 111 || p.Min {
				return "not replaced"
			}
			return ""
		}},
		{"min over min replaces", []Peer{min, {ID: 10, Kind: PeerUser, Min: true, AccessHash: 333}}, func(p Peer) string {
			if p.AccessHash != 333 || !p.Min {
				return "not replaced"
			}
			return ""
		}},
		{"full over full replaces", []Peer{full, {ID: 10, Kind: PeerUser, AccessHash: 444}}, func(p Peer) string {
			if p.AccessHash != 444 || p.Phone != "" {
				return "not replaced"
			}
			return ""
		}},
		{"min alone is stored as min", []Peer{min}, func(p Peer) string {
			if p.AccessHash != 222 || !p.Min {
				return "changed"
			}
			return ""
		}},
		{"min of another kind does not touch a full user", []Peer{full, {ID: 10, Kind: PeerChannel, Min: true, AccessHash: 9}}, func(p Peer) string {
			if p.AccessHash != 111 {
				return "user changed"
			}
			return ""
		}},
	} {
		db := NewPeerDB()
		for _, p := range tc.puts {
			mustPut(t, db, p)
		}
		p, ok := db.ByID(PeerUser, 10)
		if !ok {
			t.Errorf("%s: not found", tc.name)
			continue
		}
		if msg := tc.check(p); msg != "" {
			t.Errorf("%s: %s: %+v", tc.name, msg, p)
		}
	}
}

func TestUsernames(t *testing.T) {
	db := NewPeerDB()
	mustPut(t, db, Peer{ID: 1, Kind: PeerUser, Usernames: []string{"@Durov", "durov_2", "DUROV"}}) // '@' and a duplicate dropped
	for _, name := range []string{"durov", "DUROV", "@dUrOv", "Durov_2"} {
		if p, ok := db.ByUsername(name); !ok || p.ID != 1 {
			t.Errorf("ByUsername(%q) = %v, %v", name, p.ID, ok)
		}
	}
	if p, _ := db.ByID(PeerUser, 1); !reflect.DeepEqual(p.Usernames, []string{"Durov", "durov_2"}) {
		t.Errorf("usernames stored as %q", p.Usernames)
	}
	for _, name := range []string{"", "@", "durov_", "durov_22", "дуров"} {
		if _, ok := db.ByUsername(name); ok {
			t.Errorf("ByUsername(%q) found a peer", name)
		}
	}

	// A change of username: the old one no longer resolves.
	mustPut(t, db, Peer{ID: 1, Kind: PeerUser, Usernames: []string{"pavel"}})
	if _, ok := db.ByUsername("durov"); ok {
		t.Error("old username still resolves")
	}
	if _, ok := db.ByUsername("durov_2"); ok {
		t.Error("old second username still resolves")
	}
	if p, ok := db.ByUsername("PAVEL"); !ok || p.ID != 1 {
		t.Error("new username does not resolve")
	}
	// Only the case changes.
	mustPut(t, db, Peer{ID: 1, Kind: PeerUser, Usernames: []string{"Pavel"}})
	if p, ok := db.ByUsername("pavel"); !ok || p.Username() != "Pavel" {
		t.Errorf("after a case change: %+v, %v", p, ok)
	}
	// Another peer takes the name: the first loses it.
	mustPut(t, db, Peer{ID: 5, Kind: PeerChannel, Usernames: []string{"pavel"}})
	if p, ok := db.ByUsername("Pavel"); !ok || p.Kind != PeerChannel {
		t.Errorf("taken name resolves to %+v", p)
	}
	if p, _ := db.ByID(PeerUser, 1); len(p.Usernames) != 0 {
		t.Errorf("previous owner kept %q", p.Usernames)
	}
	// Removing all usernames.
	mustPut(t, db, Peer{ID: 5, Kind: PeerChannel})
	if _, ok := db.ByUsername("pavel"); ok {
		t.Error("removed username resolves")
	}
	for _, bad := range [][]string{{""}, {"@@x"}, {string(make([]byte, MaxUsername+1))}, make([]string, MaxUsernames+1)} {
		if err := db.Put(Peer{ID: 9, Kind: PeerUser, Usernames: bad}); !errors.Is(err, ErrInvalid) {
			t.Errorf("Put with usernames %q: %v", bad, err)
		}
	}
}

func TestPutValidation(t *testing.T) {
	db := NewPeerDB()
	for _, p := range []Peer{
		{ID: 0, Kind: PeerUser},
		{ID: -1, Kind: PeerUser},
		{ID: maxPeerID + 1, Kind: PeerUser},
		{ID: 1, Kind: 0},
		{ID: 1, Kind: 4},
		{ID: 1, Kind: PeerUser, Phone: string(make([]byte, MaxPhoneSize+1))},
		{ID: 1, Kind: PeerUser, Title: string(make([]byte, MaxNameSize+1))},
		{ID: 1, Kind: PeerUser, Updated: time.Unix(1<<32, 0)},
	} {
		if err := db.Put(p); !errors.Is(err, ErrInvalid) {
			t.Errorf("Put(%+v) = %v, want ErrInvalid", p, err)
		}
	}
	if db.Len() != 0 {
		t.Errorf("Len = %d", db.Len())
	}
}

func TestPutUpdatedAndDirty(t *testing.T) {
	db := NewPeerDB()
	now := time.Unix(1_700_000_000, 0)
	db.now = func() time.Time { return now }
	mustPut(t, db, Peer{ID: 1, Kind: PeerUser, FirstName: "a"})
	if p, _ := db.ByID(PeerUser, 1); !p.Updated.Equal(now) {
		t.Errorf("Updated = %v, want now", p.Updated)
	}
	db.takeDirty(nil)
	now = now.Add(time.Hour)
	mustPut(t, db, Peer{ID: 1, Kind: PeerUser, FirstName: "a"}) // no change
	if p, _ := db.ByID(PeerUser, 1); !p.Updated.Equal(now.Add(-time.Hour)) {
		t.Errorf("a Put without changes moved Updated to %v", p.Updated)
	}
	if len(db.dirty) != 0 {
		t.Error("a Put without changes marked the peer dirty")
	}
	mustPut(t, db, Peer{ID: 1, Kind: PeerUser, FirstName: "b"})
	if p, _ := db.ByID(PeerUser, 1); !p.Updated.Equal(now) {
		t.Errorf("Updated = %v after a change", p.Updated)
	}
	mustPut(t, db, Peer{ID: 1, Kind: PeerUser, FirstName: "b", Updated: time.Unix(5, 0)})
	if p, _ := db.ByID(PeerUser, 1); p.Updated.Unix() != 5 {
		t.Errorf("explicit Updated not kept: %v", p.Updated)
	}
}

func TestMarkedID(t *testing.T) {
	for _, tc := range []struct {
		k      PeerKind
		id     int64
		marked int64
	}{
		{PeerUser, 777, 777},
		{PeerChat, 123, -123},
		{PeerChannel, 1234567890, -1001234567890},
		{PeerChat, 999_999_999_999, -999_999_999_999},
	} {
		if got := MarkedID(tc.k, tc.id); got != tc.marked {
			t.Errorf("MarkedID(%v, %d) = %d, want %d", tc.k, tc.id, got, tc.marked)
		}
		if k, id := UnmarkID(tc.marked); k != tc.k || id != tc.id {
			t.Errorf("UnmarkID(%d) = %v, %d", tc.marked, k, id)
		}
	}
	db := NewPeerDB()
	mustPut(t, db, Peer{ID: 1234567890, Kind: PeerChannel, Title: "c"})
	if p, ok := db.ByMarkedID(-1001234567890); !ok || p.Title != "c" {
		t.Errorf("ByMarkedID: %+v, %v", p, ok)
	}
}

// TestPeerDBModel runs random Puts against a simple model of the rules and
// compares every lookup, through index growth and arena compaction.
func TestPeerDBModel(t *testing.T) {
	n := 100000
	if testing.Short() {
		n = 20000
	}
	rng := rand.New(rand.NewPCG(1, 2))
	db := NewPeerDB()
	m := &peerModel{peers: map[uint64]Peer{}, owner: map[string]uint64{}}
	model := m.peers
	names := make([]string, 500)
	for i := range names {
		names[i] = fmt.Sprintf("User%d_x", i)
	}
	for i := range n {
		p := Peer{ID: rng.Int64N(3000) + 1, Kind: PeerKind(rng.IntN(3) + 1), AccessHash: rng.Int64(), Min: rng.IntN(4) == 0,
			FirstName: fmt.Sprintf("name %d", i), Updated: time.Unix(int64(i+1), 0)}
		for range rng.IntN(3) {
			u := names[rng.IntN(len(names))]
			if rng.IntN(2) == 0 {
				u = toUpperASCII(u)
			}
			p.Usernames = append(p.Usernames, u)
		}
		if rng.IntN(5) == 0 {
			p.Phone = fmt.Sprint(rng.IntN(1e9))
		}
		mustPut(t, db, p)
		m.put(p)
	}
	if db.Len() != len(model) {
		t.Fatalf("Len = %d, model has %d", db.Len(), len(model))
	}
	for k, want := range model {
		got, ok := db.ByID(PeerKind(k&3), int64(k>>2))
		if !ok || !reflect.DeepEqual(got, want) {
			t.Fatalf("ByID(%d):\ngot  %+v\nwant %+v", k, got, want)
		}
	}
	for _, name := range names {
		var owner *Peer
		if k, ok := m.owner[strings.ToLower(name)]; ok {
			p := model[k]
			owner = &p
		}
		got, ok := db.ByUsername(toUpperASCII(name))
		switch {
		case owner == nil && ok:
			t.Errorf("ByUsername(%q) = %d, want none", name, got.ID)
		case owner != nil && (!ok || got.ID != owner.ID || got.Kind != owner.Kind):
			t.Errorf("ByUsername(%q) = %d/%v %v, want %d/%v", name, got.ID, got.Kind, ok, owner.ID, owner.Kind)
		}
	}
	if db.names.n != countNames(model) {
		t.Errorf("name index holds %d entries, model %d", db.names.n, countNames(model))
	}
}

func countNames(model map[uint64]Peer) int {
	n := 0
	for _, p := range model {
		n += len(p.Usernames)
	}
	return n
}

// peerModel is Put's contract, written plainly.
type peerModel struct {
	peers map[uint64]Peer
	owner map[string]uint64 // lower-cased username -> peer key
}

func (m *peerModel) put(p Peer) {
	var names []string
	for _, u := range p.Usernames {
		if !slices.ContainsFunc(names, func(v string) bool { return equalFoldASCII(u, v) }) {
			names = append(names, u)
		}
	}
	p.Usernames = names
	k := peerKey(p.Kind, p.ID)
	old, exists := m.peers[k]
	if exists && p.Min && !old.Min {
		p.Min, p.AccessHash, p.Phone = false, old.AccessHash, old.Phone
	}
	for _, u := range old.Usernames {
		delete(m.owner, strings.ToLower(u))
	}
	for _, u := range names {
		lu := strings.ToLower(u)
		if prev, ok := m.owner[lu]; ok && prev != k {
			op := m.peers[prev]
			op.Usernames = slices.DeleteFunc(slices.Clone(op.Usernames), func(v string) bool { return strings.ToLower(v) == lu })
			if len(op.Usernames) == 0 {
				op.Usernames = nil
			}
			m.peers[prev] = op
		}
		m.owner[lu] = k
	}
	m.peers[k] = p
}

func toUpperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func TestArenaCompaction(t *testing.T) {
	db := NewPeerDB()
	for round := range 40 {
		for id := int64(1); id <= 2000; id++ {
			mustPut(t, db, Peer{ID: id, Kind: PeerUser, Usernames: []string{fmt.Sprintf("u%d_%d", id, round)},
				FirstName: fmt.Sprintf("a fairly long first name %d %d", id, round)})
		}
	}
	if len(db.arena) > 1<<20+db.garbage+200_000 || db.garbage > len(db.arena) {
		t.Errorf("arena %d bytes with %d garbage: not compacted", len(db.arena), db.garbage)
	}
	for id := int64(1); id <= 2000; id++ {
		p, ok := db.ByUsername(fmt.Sprintf("U%d_39", id))
		if !ok || p.ID != id || p.FirstName != fmt.Sprintf("a fairly long first name %d 39", id) {
			t.Fatalf("peer %d after compaction: %+v", id, p)
		}
		if _, ok := db.ByUsername(fmt.Sprintf("u%d_38", id)); ok {
			t.Fatalf("old name of %d resolves", id)
		}
	}
}

func TestNameIndexRemove(t *testing.T) {
	// Collide everything into few home slots to exercise backward shifts.
	var tab nameIndex
	rng := rand.New(rand.NewPCG(3, 4))
	live := map[uint64]bool{}
	for i := range 20000 {
		h := uint32(rng.IntN(8)) << 28 // few distinct hashes
		rec := uint32(rng.IntN(500))
		s := nameSlot(h, rec)
		if live[s] {
			tab.remove(h, rec)
			delete(live, s)
		} else {
			tab.add(h, rec)
			live[s] = true
		}
		if i%1000 == 0 || i == 19999 {
			for s := range live {
				if !tab.contains(s) {
					t.Fatalf("step %d: lost %x", i, s)
				}
			}
			if tab.n != len(live) {
				t.Fatalf("n = %d, want %d", tab.n, len(live))
			}
		}
	}
}

// contains reports whether s is reachable from its home slot.
func (t *nameIndex) contains(s uint64) bool {
	mask := uint32(len(t.slots) - 1)
	for i := uint32(s>>32) & mask; t.slots[i] != 0; i = (i + 1) & mask {
		if t.slots[i] == s {
			return true
		}
	}
	return false
}

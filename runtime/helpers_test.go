package runtime

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/luagram/luagram/tl/api"
	lua "github.com/yuin/gopher-lua"
)

// writeScript writes src to name in dir and returns the path.
func writeScript(t testing.TB, dir, name, src string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// newMessage returns an updateNewMessage whose message has id and text.
func newMessage(id int, text string) Update {
	return Update{Name: "updateNewMessage", Object: &api.UpdateNewMessage{
		Message: &api.Message{ID: int32(id), Message: text, PeerID: &api.PeerUser{UserID: 1}},
		Pts:     int32(id), PtsCount: 1,
	}}
}

// A recorder collects record(tag, n) calls of scripts.
type recorder struct {
	mu    sync.Mutex
	recs  []record
	added chan struct{}
}

type record struct {
	tag string
	n   int
	at  time.Time
}

func newRecorder(h *Host) *recorder {
	r := &recorder{added: make(chan struct{}, 1)}
	h.AddGlobal("record", func(L *lua.LState) int {
		r.mu.Lock()
		r.recs = append(r.recs, record{L.CheckString(1), L.CheckInt(2), time.Now()})
		r.mu.Unlock()
		select {
		case r.added <- struct{}{}:
		default:
		}
		return 0
	})
	return r
}

func (r *recorder) all() []record {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]record(nil), r.recs...)
}

// count returns how many records have tag.
func (r *recorder) count(tag string) int {
	n := 0
	for _, rec := range r.all() {
		if rec.tag == tag {
			n++
		}
	}
	return n
}

// waitFor polls cond until it holds or d passes.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

package sandbox_test

import (
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// TestCopiesOfSameSecond: two private messages with the same text sent in
// the same second (the sandbox's clock stands still) are told apart: an
// edit and a revoking delete of one reach the recipient's copy of that
// one, not of its twin.
func TestCopiesOfSameSecond(t *testing.T) {
	var mu sync.Mutex
	now := time.Now().Truncate(time.Second)
	sb, err := sandbox.New(sandbox.Config{Listen: "127.0.0.1:0", DCs: 1, Now: func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	alice, err := sb.CreateUser("9996610401", "Alice", "", "copies_alice", "")
	if err != nil {
		t.Fatal(err)
	}
	bob, err := sb.CreateUser("9996610402", "Bob", "", "copies_bob", "")
	if err != nil {
		t.Fatal(err)
	}
	a := loginWatched(t, sb, alice, nil)
	b := loginWatched(t, sb, bob, nil)
	ctx := testCtx(t)
	_, toBob := resolve(t, a, "copies_bob")
	_, toAlice := resolve(t, b, "copies_alice")
	var sent []int32
	for range 2 {
		res, err := dcs.Call(ctx, a, &api.MessagesSendMessageRequest{Peer: toBob, Message: "same", RandomID: rand.Int64()})
		if err != nil {
			t.Fatal(err)
		}
		s, ok := res.(*api.UpdateShortSentMessage)
		if !ok {
			t.Fatalf("send answered %T", res)
		}
		sent = append(sent, s.ID)
	}
	bobSees := func() map[int32]string {
		t.Helper()
		h, err := dcs.Call(ctx, b, &api.MessagesGetHistoryRequest{Peer: toAlice, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		out := map[int32]string{}
		for _, m := range api.MessagesOf(h) {
			if m, ok := m.(*api.Message); ok {
				out[m.ID] = m.Message
			}
		}
		return out
	}
	before := bobSees()
	var ids []int32 // Bob's copies, in order
	for id, text := range before {
		if text == "same" {
			ids = append(ids, id)
		}
	}
	if len(ids) != 2 {
		t.Fatalf("Bob sees %v, want two messages \"same\"", before)
	}
	if ids[0] > ids[1] {
		ids[0], ids[1] = ids[1], ids[0]
	}
	if _, err := dcs.Call(ctx, a, &api.MessagesEditMessageRequest{Peer: toBob, ID: sent[1], Message: tl.Some("edited")}); err != nil {
		t.Fatal(err)
	}
	if got := bobSees(); got[ids[0]] != "same" || got[ids[1]] != "edited" {
		t.Fatalf("after editing the second: Bob sees %v, want %d same, %d edited", got, ids[0], ids[1])
	}
	if _, err := dcs.Call(ctx, a, &api.MessagesDeleteMessagesRequest{Revoke: true, ID: []int32{sent[0]}}); err != nil {
		t.Fatal(err)
	}
	if got := bobSees(); len(got) != 1 || got[ids[1]] != "edited" {
		t.Fatalf("after deleting the first: Bob sees %v, want only %d edited", got, ids[1])
	}
}

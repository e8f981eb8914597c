package sandbox

import (
	"context"
	"crypto/rsa"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// A closed sandbox is garbage: nothing global keeps it (its files, its
// sessions' answers) after Close, even once an account has logged in.
func TestClosedSandboxIsCollected(t *testing.T) {
	var collected atomic.Bool
	func() {
		sb, err := New(Config{Listen: "127.0.0.1:0", DCs: 1})
		if err != nil {
			t.Fatal(err)
		}
		c, err := dcs.New(dcs.Config{DCs: []dcs.Address{{ID: 1, Addr: sb.DC(1).Addr()}}, PublicKeys: []*rsa.PublicKey{sb.PublicKey()},
			TestMode: true, HomeDC: 1, TempKeyLifetime: -1})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		info, err := sb.CreateUser("9996610499", "F", "", "", "")
		if err != nil {
			t.Fatal(err)
		}
		sent, err := dcs.Call(ctx, c, &api.AuthSendCodeRequest{PhoneNumber: "9996610499", APIID: 1, APIHash: "x", Settings: api.CodeSettings{}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := dcs.Call(ctx, c, &api.AuthSignInRequest{PhoneNumber: "9996610499", PhoneCodeHash: sent.(*api.AuthSentCode).PhoneCodeHash,
			PhoneCode: tl.Some(info.Code)}); err != nil {
			t.Fatal(err)
		}
		c.Close()
		sb.Close()
		runtime.AddCleanup(sb, func(*atomic.Bool) { collected.Store(true) }, &collected)
	}()
	for range 50 {
		runtime.GC()
		if collected.Load() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("a closed sandbox is still reachable")
}

package dcs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/mtproto/transport"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl/api"
)

func TestGetConfigOverEveryTransport(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	secret, err := transport.NewSecret([]byte("0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	_ = secret
	cases := []struct {
		name string
		tc   transport.ClientConfig
		pfs  bool
	}{
		{"abridged", transport.ClientConfig{Protocol: transport.Abridged}, false},
		{"intermediate", transport.ClientConfig{Protocol: transport.Intermediate}, false},
		{"padded intermediate", transport.ClientConfig{Protocol: transport.PaddedIntermediate}, false},
		{"full", transport.ClientConfig{Protocol: transport.Full}, false},
		{"obfuscated abridged", transport.ClientConfig{Protocol: transport.Abridged, Obfuscated: true}, false},
		{"obfuscated intermediate", transport.ClientConfig{Protocol: transport.Intermediate, Obfuscated: true}, false},
		{"obfuscated padded", transport.ClientConfig{Protocol: transport.PaddedIntermediate, Obfuscated: true}, false},
		{"abridged, temporary key bound", transport.ClientConfig{Protocol: transport.Abridged}, true},
		{"full, temporary key bound", transport.ClientConfig{Protocol: transport.Full}, true},
		{"obfuscated padded, temporary key bound", transport.ClientConfig{Protocol: transport.PaddedIntermediate, Obfuscated: true}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := sandboxtest.ClientConfig(sb)
			cfg.Transport = tc.tc
			if !tc.pfs {
				cfg.TempKeyLifetime = -1
			} else {
				cfg.TempKeyLifetime = time.Hour
			}
			store := &dcs.MemoryStore{}
			cfg.Store = store
			c, err := dcs.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			conf, err := dcs.Call(ctx, c, &api.HelpGetConfigRequest{})
			if err != nil {
				t.Fatal(err)
			}
			// Three DCs and a CDN DC.
			if conf.ThisDC != 1 || len(conf.DCOptions) != 4 || conf.DCOptions[1].IPAddress != "127.0.0.1" || !conf.DCOptions[3].CDN {
				t.Fatalf("config %v", conf)
			}
			ks, ok := store.LoadKeys(1)
			if !ok || len(ks.Perm) != 256 {
				t.Fatal("permanent key not stored")
			}
			if tc.pfs {
				if len(ks.Temp) != 256 || !ks.Bound {
					t.Fatalf("temporary key: %d bytes, bound %v", len(ks.Temp), ks.Bound)
				}
				// The sandbox itself must record the binding.
				var tempID [8]byte
				k, _ := cryptoKey(ks.Temp)
				tempID = k.ID()
				info, ok := sb.DC(1).Keys().Get(tempID, time.Now())
				if !ok || info.Perm == nil || string(info.Perm.Bytes()) != string(ks.Perm) {
					t.Fatal("the sandbox does not hold the temporary key bound to the permanent one")
				}
			}
			near, err := dcs.Call(ctx, c, &api.HelpGetNearestDCRequest{})
			if err != nil || near.ThisDC != 1 {
				t.Fatalf("nearestDc %v %v", near, err)
			}
		})
	}
}

func TestUnknownMethod(t *testing.T) {
	sb := sandboxtest.Start(t, 1)
	cfg := sandboxtest.ClientConfig(sb)
	c, err := dcs.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err = c.Invoke(ctx, []byte{0x74, 0x65, 0x73, 0x74}) // "test"
	var rpcErr *session.RPCError
	if !errors.As(err, &rpcErr) || rpcErr.Code != 400 || rpcErr.Type != "INPUT_METHOD_INVALID" || rpcErr.Argument != 1953719668 {
		t.Fatalf("got %v, want 400 INPUT_METHOD_INVALID_1953719668", err)
	}
}

package dcs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func wantRPCError(t *testing.T, what string, err error, typ string) {
	t.Helper()
	var rpcErr *session.RPCError
	if !errors.As(err, &rpcErr) || rpcErr.Message != typ {
		t.Errorf("%s: got %v, want %s", what, err, typ)
	}
}

// A CDN DC is found through help.getConfig, opened with the key of
// help.getCdnConfig, with or without PFS for the other DCs, and its keys
// stay out of the store.
func TestCDNDC(t *testing.T) {
	sb := sandboxtest.Start(t, 2)
	for _, pfs := range []bool{false, true} {
		cfg := sandboxtest.ClientConfig(sb)
		if !pfs {
			cfg.TempKeyLifetime = -1
		}
		store := &dcs.MemoryStore{}
		cfg.Store = store
		c, err := dcs.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		for conn := range 3 {
			var b tl.Buffer
			b.Object(&api.UploadGetCDNFileRequest{FileToken: []byte("unknown"), Offset: 0, Limit: 4096}, "upload.getCdnFile")
			_, err := c.InvokeCDN(ctx, 201, conn, b.Buf)
			wantRPCError(t, "getCdnFile with an unknown token", err, "FILE_TOKEN_INVALID")
		}
		if n := c.CDNConns(201); n != 3 {
			t.Errorf("pfs %v: %d connections to the CDN DC, want 3", pfs, n)
		}
		if n := c.FileConns(201); n != 0 {
			t.Errorf("pfs %v: the CDN DC counted as a DC", pfs)
		}
		var b tl.Buffer
		b.Object(&api.HelpGetConfigRequest{}, "help.getConfig")
		_, err = c.InvokeCDN(ctx, 201, 0, b.Buf)
		wantRPCError(t, "help.getConfig on the CDN DC", err, "CDN_METHOD_INVALID")
		if _, ok := store.LoadKeys(201); ok {
			t.Errorf("pfs %v: the CDN DC's key went to the store", pfs)
		}
		if _, err := c.InvokeCDN(ctx, 202, 0, b.Buf); err == nil {
			t.Error("a CDN DC the configuration does not list was used")
		}
		if _, err := c.InvokeCDN(ctx, 201, dcs.MaxFileConns, b.Buf); err == nil {
			t.Error("CDN connection out of range accepted")
		}
		cancel()
		c.Close()
		if n := c.CDNConns(201); n != 0 {
			t.Errorf("pfs %v: %d CDN connections left after Close", pfs, n)
		}
	}
}

// Without CDN DCs, InvokeCDN fails cleanly.
func TestCDNNone(t *testing.T) {
	sb, err := sandbox.New(sandbox.Config{Listen: "127.0.0.1:0", DCs: 1, CDNDCs: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	c, err := dcs.New(sandboxtest.ClientConfig(sb))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := c.InvokeCDN(ctx, 201, 0, nil); err == nil {
		t.Fatal("InvokeCDN without CDN DCs succeeded")
	}
}

package dcs_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl/api"
)

func TestFileConnections(t *testing.T) {
	sb := sandboxtest.Start(t, 2)
	for _, pfs := range []bool{false, true} {
		cfg := sandboxtest.ClientConfig(sb)
		if !pfs {
			cfg.TempKeyLifetime = -1
		}
		c, err := dcs.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		var wg sync.WaitGroup
		for conn := range 4 {
			for dc := 1; dc <= 2; dc++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					conf, err := dcs.CallFile(ctx, c, dc, conn, &api.HelpGetConfigRequest{})
					if err != nil || int(conf.ThisDC) != dc {
						t.Errorf("pfs %v, DC %d, connection %d: %v %v", pfs, dc, conn, conf, err)
					}
				}()
			}
		}
		wg.Wait()
		for dc := 1; dc <= 2; dc++ {
			if n := c.FileConns(dc); n != 4 {
				t.Errorf("pfs %v: DC %d has %d file connections, want 4", pfs, dc, n)
			}
		}
		// The file connections are sessions of their own on the DC's key.
		if _, err := c.InvokeFile(ctx, 1, dcs.MaxFileConns, nil); err == nil {
			t.Error("file connection out of range accepted")
		}
		cancel()
		c.Close()
		if n := c.FileConns(1); n != 0 {
			t.Errorf("pfs %v: %d file connections left after Close", pfs, n)
		}
	}
}

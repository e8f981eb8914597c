// Package sandboxtest starts a sandbox for a test, like httptest: on
// 127.0.0.1 port 0, closed in t.Cleanup, and gives the client settings that
// point at it.
package sandboxtest

import (
	"crypto/rsa"
	"log/slog"
	"os"
	"testing"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/sandbox"
)

// Start runs a sandbox with the given number of DCs (0: 3) until the test
// ends. Set LUAGRAM_SANDBOX_LOG=debug to see its log.
func Start(t testing.TB, numDCs int) *sandbox.Sandbox {
	t.Helper()
	cfg := sandbox.Config{Listen: "127.0.0.1:0", DCs: numDCs}
	if os.Getenv("LUAGRAM_SANDBOX_LOG") == "debug" {
		cfg.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	sb, err := sandbox.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	return sb
}

// ClientConfig returns a dcs configuration for the sandbox: its DC table
// and its key, test mode (as the sandbox reports), home DC 1.
func ClientConfig(sb *sandbox.Sandbox) dcs.Config {
	var table []dcs.Address
	for _, dc := range sb.DCs() {
		table = append(table, dcs.Address{ID: dc.ID, Addr: dc.Addr()})
	}
	return dcs.Config{DCs: table, PublicKeys: []*rsa.PublicKey{sb.PublicKey()}, TestMode: true, HomeDC: 1}
}

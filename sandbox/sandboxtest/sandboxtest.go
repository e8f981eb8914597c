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
	"github.com/luagram/luagram/settings"
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

// Settings returns luagram settings pointing at the sandbox (what
// `luagram sandbox --config-out` writes), with a test api_id.
func Settings(sb *sandbox.Sandbox) *settings.Settings {
	s := settings.Defaults()
	s.Connection.TestMode = true
	s.Connection.DefaultDC = 1
	s.Connection.DC = map[int]string{}
	for _, dc := range sb.DCs() {
		s.Connection.DC[dc.ID] = dc.Addr()
	}
	s.Authorization.RSAKeys = []string{string(sandbox.PublicKeyPEM(sb.PublicKey()))}
	s.AppInfo.APIID, s.AppInfo.APIHash = 17349, "sandbox-api-hash"
	s.Serialization.SerializationInterval = 1
	return s
}

package interop

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/mtproto/handshake"
	"github.com/luagram/luagram/mtproto/transport"
	"github.com/luagram/luagram/tl/api"
)

// TestLuagramClientAgainstTgtest connects luagram's dcs client to DC 2
// served by gotd's tgtest over every transport both speak, creates an auth
// key and calls help.getConfig, then help.getNearestDc on the same session.
// Layers 170 (gotd) and 228 (luagram) share config#cc1a241e, dcOption,
// nearestDc, initConnection and invokeWithLayer, so luagram's layer-228
// api types read gotd's layer-170 answers as they are.
//
// tgtest serves obfuscated2 only without a secret (gotd's
// ObfuscatedListener), on a listener of its own; full has no obfuscated
// form. Padded intermediate runs with luagram padding at most 3 bytes,
// because gotd's reader keeps longer padding (see gotdpadded_test.go).
func TestLuagramClientAgainstTgtest(t *testing.T) {
	const dc = 2
	plain := startGotdServer(t, dc, false)
	obfuscated := startGotdServer(t, dc, true)
	gotdPadding := transport.Options{Rand: gotdPaddingRand{}}
	tests := []struct {
		name string
		srv  *gotdServer
		cfg  transport.ClientConfig
	}{
		{"abridged", plain, transport.ClientConfig{Protocol: transport.Abridged}},
		{"intermediate", plain, transport.ClientConfig{Protocol: transport.Intermediate}},
		{"padded", plain, transport.ClientConfig{Protocol: transport.PaddedIntermediate, Options: gotdPadding}},
		{"full", plain, transport.ClientConfig{Protocol: transport.Full}},
		{"obfuscated abridged", obfuscated, transport.ClientConfig{Protocol: transport.Abridged, Obfuscated: true}},
		{"obfuscated intermediate", obfuscated, transport.ClientConfig{Protocol: transport.Intermediate, Obfuscated: true}},
		{"obfuscated padded", obfuscated, transport.ClientConfig{Protocol: transport.PaddedIntermediate, Obfuscated: true, Options: gotdPadding}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			newClient := func() (*dcs.Client, error) {
				return dcs.New(dcs.Config{
					DCs:        []dcs.Address{{ID: tt.srv.DC, Addr: tt.srv.Addr}},
					PublicKeys: []*rsa.PublicKey{tt.srv.Key},
					HomeDC:     tt.srv.DC,
					// gotd has no auth.bindTempAuthKey: no PFS.
					TempKeyLifetime: -1,
					Transport:       tt.cfg,
				})
			}
			c, cfg, err := luagramConnect(ctx, t, newClient)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if cfg.ThisDC != dc {
				t.Errorf("this_dc = %d, want %d", cfg.ThisDC, dc)
			}
			var got []string
			for _, o := range cfg.DCOptions {
				got = append(got, fmt.Sprintf("%d %s:%d", o.ID, o.IPAddress, o.Port))
			}
			if want := []string{fmt.Sprintf("%d %s", dc, tt.srv.Addr)}; fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("dc_options = %v, want %v", got, want)
			}
			near, err := dcs.Call(ctx, c, &api.HelpGetNearestDCRequest{})
			if err != nil {
				t.Fatalf("help.getNearestDc: %v", err)
			}
			if near.ThisDC != dc || near.NearestDC != dc || near.Country != "XX" {
				t.Errorf("help.getNearestDc = %v", near)
			}
		})
	}
}

// luagramConnect makes a dcs client with newClient and calls
// help.getConfig, which creates the auth key. When the key exchange fails
// its security checks it starts over with a new client: gotd's server
// derives the temporary AES key wrongly for nonces starting with a zero
// byte (see connectAttempts), and dcs rightly never retries a failed check
// against the same server.
func luagramConnect(ctx context.Context, t testing.TB, newClient func() (*dcs.Client, error)) (*dcs.Client, *api.Config, error) {
	t.Helper()
	for attempt := 1; ; attempt++ {
		c, err := newClient()
		if err != nil {
			return nil, nil, err
		}
		cfg, err := dcs.Call(ctx, c, &api.HelpGetConfigRequest{})
		if err == nil {
			return c, cfg, nil
		}
		c.Close()
		if !errors.Is(err, handshake.ErrSecurity) || attempt == connectAttempts || ctx.Err() != nil {
			return nil, nil, fmt.Errorf("help.getConfig: %w", err)
		}
		t.Logf("key exchange with gotd's server failed (attempt %d of %d; gotd's leading-zero nonce bug, see connectAttempts): %v", attempt, connectAttempts, err)
	}
}

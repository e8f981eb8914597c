package interop

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/gotd/td/telegram"
	"github.com/gotd/td/telegram/dcs"
	gotdtransport "github.com/gotd/td/transport"

	"github.com/luagram/luagram/mtproto/transport"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/sandbox/sandboxtest"
)

// TestGotdClientAgainstSandbox connects gotd's telegram.Client to the
// sandbox over every transport both speak, creates an auth key and calls
// help.getConfig: the answer must name DC 1 and list the sandbox's DCs.
//
// Plain abridged, intermediate, padded intermediate and full go straight to
// the sandbox. gotd obfuscates only with an MTProxy secret, so the
// obfuscated2 cases (abridged, intermediate, padded intermediate; full has
// no obfuscated form) go through mtproxy, whose accepting side is
// luagram's transport.Server with that secret. Both padded cases work
// around a gotd bug; see gotdpadded_test.go.
func TestGotdClientAgainstSandbox(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	plain := []struct {
		name  string
		proto gotdtransport.Protocol
	}{
		{"abridged", gotdtransport.Abridged},
		{"intermediate", gotdtransport.Intermediate},
		// gotd's own padded codec cannot read the sandbox's padding; see
		// gotdpadded_test.go.
		{"padded", gotdTrimmedPadded},
		{"full", gotdtransport.Full},
	}
	for _, tt := range plain {
		t.Run(tt.name, func(t *testing.T) {
			checkGotdGetConfig(t, sb, dcs.Plain(dcs.PlainOptions{Protocol: tt.proto}))
		})
	}

	var key [16]byte
	for i := range key {
		key[i] = byte(0xa0 + i)
	}
	proxy := startMTProxy(t, sb, transport.Secret{Kind: transport.SecretSimple, Key: key})
	obfuscated := []struct {
		name string
		tag  []byte // the secret's prefix, which picks gotd's framing
		want transport.Protocol
	}{
		{"obfuscated abridged", []byte{0xef}, transport.Abridged},
		{"obfuscated intermediate", []byte{0xee}, transport.Intermediate},
		{"obfuscated padded (dd secret)", []byte{0xdd}, transport.PaddedIntermediate},
		{"obfuscated padded (simple secret)", nil, transport.PaddedIntermediate},
	}
	for _, tt := range obfuscated {
		t.Run(tt.name, func(t *testing.T) {
			_, before, _ := proxy.seen()
			secret := append(append([]byte(nil), tt.tag...), key[:]...)
			r, err := dcs.MTProxy(proxy.Addr(), secret, dcs.MTProxyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkGotdGetConfig(t, sb, r)
			dcIDs, protos, errs := proxy.seen()
			if len(errs) > 0 {
				t.Errorf("the proxy refused connections: %v", errs)
			}
			for i := len(before); i < len(protos); i++ {
				if protos[i] != tt.want || dcIDs[i] != 1 {
					t.Errorf("connection %d: got %v to DC %d, want %v to DC 1", i, protos[i], dcIDs[i], tt.want)
				}
			}
			if len(protos) == len(before) {
				t.Error("no connection went through the proxy")
			}
		})
	}
}

// checkGotdGetConfig makes a new gotd client with resolver r, which creates
// an auth key with DC 1, and checks its help.getConfig.
func checkGotdGetConfig(t *testing.T, sb *sandbox.Sandbox, r dcs.Resolver) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	newClient := func() *telegram.Client { return newGotdClient(t, sb, gotdConfig{Resolver: r}) }
	_, err := runGotd(ctx, t, newClient, func(ctx context.Context, c *telegram.Client) error {
		cfg, err := c.API().HelpGetConfig(ctx)
		if err != nil {
			return fmt.Errorf("help.getConfig: %w", err)
		}
		if cfg.ThisDC != 1 {
			t.Errorf("this_dc = %d, want 1", cfg.ThisDC)
		}
		var got, want []string
		for _, o := range cfg.DCOptions {
			got = append(got, fmt.Sprintf("%d %s:%d", o.ID, o.IPAddress, o.Port))
		}
		for _, dc := range sb.DCs() {
			want = append(want, fmt.Sprintf("%d %s", dc.ID, dc.Addr()))
		}
		for _, dc := range sb.CDNDCs() {
			want = append(want, fmt.Sprintf("%d %s", dc.ID, dc.Addr()))
		}
		sort.Strings(got)
		sort.Strings(want)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("dc_options\ngot  %v\nwant %v", got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestGotdPingAgainstSandbox sends gotd's ping. gotd sends ping,
// ping_delay_disconnect and get_future_salts as messages that are not
// content-related, with an even seq_no (internal/mtproto/ping.go:26 and
// 67, salt.go:43, through write.go:13-16), and Telegram answers them; so
// must the sandbox (it once refused them with bad_msg_notification, which
// made gotd's keep-alive time out).
func TestGotdPingAgainstSandbox(t *testing.T) {
	sb := sandboxtest.Start(t, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var pingErr error
	_, err := runGotd(ctx, t, func() *telegram.Client { return newGotdClient(t, sb, gotdConfig{}) },
		func(ctx context.Context, c *telegram.Client) error {
			pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			pingErr = c.Ping(pingCtx)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if pingErr != nil {
		t.Fatal(pingErr)
	}
}

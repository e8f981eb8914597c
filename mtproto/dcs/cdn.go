package dcs

import (
	"context"
	"crypto/rsa"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/tl/api"
)

// CDN DCs (core.telegram.org/cdn) are not trusted: a client connects to
// one only to fetch encrypted parts with upload.getCdnFile. Its address
// comes from help.getConfig (a dcOption with the cdn flag) and the RSA
// keys it may make auth keys with from help.getCdnConfig; those keys are
// trusted for that CDN DC only, and the DCs' own keys never for a CDN DC.
// A CDN DC gets a permanent key kept in memory (the CDN may drop it at any
// moment: -404 makes a new one), no temporary key, no exported
// authorization, an initConnection without the device's details, and its
// updates are ignored (it has only file connections, which deliver none).

// cdnRefetch bounds how often the CDN configuration is fetched again when
// a redirect names a CDN DC it does not list.
const cdnRefetch = time.Minute

// cdnConfig is what help.getConfig and help.getCdnConfig said of the CDN
// DCs, fetched on the first redirect to one.
type cdnConfig struct {
	mu      sync.Mutex // held while fetching
	fetched time.Time
	addrs   map[int]Address
	keys    map[int][]*rsa.PublicKey
}

// A cdnInfo makes a dc a CDN DC.
type cdnInfo struct {
	addr  Address
	keys  []*rsa.PublicKey
	store MemoryStore
}

// InvokeCDN sends a query (upload.getCdnFile) to CDN DC id over its file
// connection conn (0 ≤ conn < MaxFileConns) and returns the encoded
// result. The first use of any CDN DC fetches help.getCdnConfig and
// help.getConfig from the home DC; the first use of this one makes an
// auth key with its RSA key.
func (c *Client) InvokeCDN(ctx context.Context, id, conn int, query []byte) ([]byte, error) {
	return c.invokeFile(ctx, conn, query, func() (*dc, error) { return c.cdnDC(ctx, id) })
}

// cdnDC returns CDN DC id, creating it.
func (c *Client) cdnDC(ctx context.Context, id int) (*dc, error) {
	c.mu.Lock()
	d, closed := c.cdns[id], c.closed
	c.mu.Unlock()
	if closed {
		return nil, session.ErrClosed
	}
	if d != nil {
		return d, nil
	}
	addr, keys, err := c.lookupCDN(ctx, id)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, session.ErrClosed
	}
	if d := c.cdns[id]; d != nil {
		return d, nil
	}
	if c.cdns == nil {
		c.cdns = map[int]*dc{}
	}
	d = &dc{client: c, id: id, cdn: &cdnInfo{addr: addr, keys: keys}}
	c.cdns[id] = d
	return d, nil
}

// lookupCDN returns the address and keys of CDN DC id, fetching the CDN
// configuration the first time (and again, at most every cdnRefetch, for
// a DC it did not list).
func (c *Client) lookupCDN(ctx context.Context, id int) (Address, []*rsa.PublicKey, error) {
	cc := &c.cdnCfg
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if a, ok := cc.addrs[id]; ok && len(cc.keys[id]) > 0 {
		return a, cc.keys[id], nil
	}
	now := c.cfg.Now()
	if cc.fetched.IsZero() || now.Sub(cc.fetched) >= cdnRefetch {
		if err := c.fetchCDNConfig(ctx, cc); err != nil {
			return Address{}, nil, err
		}
		cc.fetched = now
	}
	a, ok := cc.addrs[id]
	switch {
	case !ok:
		return Address{}, nil, fmt.Errorf("dcs: help.getConfig lists no CDN DC %d", id)
	case len(cc.keys[id]) == 0:
		return Address{}, nil, fmt.Errorf("dcs: help.getCdnConfig has no key for CDN DC %d", id)
	}
	return a, cc.keys[id], nil
}

// fetchCDNConfig asks the home DC for the CDN keys and addresses.
func (c *Client) fetchCDNConfig(ctx context.Context, cc *cdnConfig) error {
	keys, err := Call(ctx, c, &api.HelpGetCDNConfigRequest{})
	if err != nil {
		return fmt.Errorf("dcs: help.getCdnConfig: %w", err)
	}
	conf, err := Call(ctx, c, &api.HelpGetConfigRequest{})
	if err != nil {
		return fmt.Errorf("dcs: help.getConfig: %w", err)
	}
	cc.keys, cc.addrs = cdnKeys(keys, c.cfg.Logger.Warn), cdnAddresses(conf.DCOptions)
	return nil
}

// cdnKeys parses the keys of help.getCdnConfig by CDN DC; a key that does
// not parse is reported and skipped.
func cdnKeys(conf *api.CDNConfig, warn func(msg string, args ...any)) map[int][]*rsa.PublicKey {
	out := map[int][]*rsa.PublicKey{}
	for _, pk := range conf.PublicKeys {
		k, err := crypto.ParseRSAPublicKey([]byte(pk.PublicKey))
		if err != nil {
			warn("dcs: skipping a CDN key that does not parse", "dc", pk.DCID, "err", err)
			continue
		}
		out[int(pk.DCID)] = append(out[int(pk.DCID)], k)
	}
	return out
}

// cdnAddresses picks an address for each CDN DC of help.getConfig: IPv4
// over IPv6, skipping options only for TCPObfuscated proxies.
func cdnAddresses(opts []api.DCOption) map[int]Address {
	out := map[int]Address{}
	v6 := map[int]bool{}
	for _, o := range opts {
		if !o.CDN || o.TcpoOnly || o.Port <= 0 {
			continue
		}
		id := int(o.ID)
		if _, have := out[id]; have && (o.IPv6 || !v6[id]) {
			continue // keep the first, or the first IPv4
		}
		out[id] = Address{ID: id, Addr: net.JoinHostPort(o.IPAddress, strconv.Itoa(int(o.Port)))}
		v6[id] = o.IPv6
	}
	return out
}

// cdnAppInfo is what initConnection tells a CDN DC: "Clients must not send
// private user info that is passed in initConnection to the CDNs" — the
// api_id and app version, not the device, system or languages.
func cdnAppInfo(app AppInfo) AppInfo {
	return AppInfo{APIID: app.APIID, DeviceModel: "n/a", SystemVersion: "n/a", AppVersion: app.AppVersion,
		SystemLangCode: "en", LangCode: "en"}
}

// permKey makes the CDN DC's permanent auth key if it has none.
func (d *dc) permKey(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.keyState().Perm) > 0 {
		return nil
	}
	k, err := d.exchange(ctx, 0)
	if err != nil {
		return err
	}
	d.setKeyState(KeyState{Perm: k.AuthKey.Bytes(), Salt: k.ServerSalt, TimeOffset: k.TimeOffset})
	return nil
}

// CDNConns returns how many file connections CDN DC id has open.
func (c *Client) CDNConns(id int) int {
	c.mu.Lock()
	d := c.cdns[id]
	c.mu.Unlock()
	return d.openFileConns()
}

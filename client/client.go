// Package client is what a user means by "a Telegram client", in Go and
// without Lua: login (code, 2FA, signup, bot token, QR, logout), the peer
// database and the resolution of @usernames and bot-API ids, the updates
// state machine (pts/qts/seq, getDifference, getChannelDifference), the
// session file, and typed calls of every API method.
package client

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/mtproto/transport"
	"github.com/luagram/luagram/settings"
	"github.com/luagram/luagram/storage"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Config configures a Client.
type Config struct {
	// Settings are the settings in effect; nil means the defaults.
	Settings *settings.Settings
	// Store is the account's session; nil keeps everything in memory. The
	// client owns it and closes it in Close.
	Store *storage.Store
	// Handler receives updates, in order, once each. Nil drops them (the
	// state still advances).
	Handler UpdateHandler
	Logger  *slog.Logger
	// Now is the clock (tests).
	Now func() time.Time
}

// A Client is one account.
type Client struct {
	cfg   Config
	set   *settings.Settings
	store *storage.Store
	dcs   *dcs.Client
	log   *slog.Logger
	peers *storage.PeerDB

	mu      sync.Mutex
	self    *api.User
	updates *updateState
	closed  bool
	stop    chan struct{}
	wg      sync.WaitGroup
	full    map[int64]cachedFull
	login   *login
}

// New returns a client; nothing connects until the first call.
func New(cfg Config) (*Client, error) {
	set := cfg.Settings
	if set == nil {
		set = settings.Defaults()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	store := cfg.Store
	if store == nil {
		var err error
		if store, err = NewMemoryStore(); err != nil {
			return nil, err
		}
	}
	c := &Client{cfg: cfg, set: set, store: store, log: cfg.Logger, peers: store.Peers(), stop: make(chan struct{}),
		full: map[int64]cachedFull{}}
	dcfg, err := DCConfig(set)
	if err != nil {
		return nil, err
	}
	dcfg.Store = storeAdapter{store}
	dcfg.Logger = cfg.Logger
	dcfg.Now = cfg.Now
	dcfg.OnUpdates = c.onUpdates
	dcfg.OnNewSession = func(int) { c.updates.kick() }
	st := store.Snapshot()
	if st.HomeDC != 0 {
		dcfg.HomeDC = st.HomeDC
	}
	if c.dcs, err = dcs.New(dcfg); err != nil {
		return nil, err
	}
	if st.Self.UserID != 0 {
		c.dcs.SetAuthorized(true)
	}
	c.updates = newUpdateState(c)
	c.wg.Add(1)
	go func() { defer c.wg.Done(); c.saveLoop() }()
	return c, nil
}

// DCConfig turns settings into the DC layer's configuration.
func DCConfig(s *settings.Settings) (dcs.Config, error) {
	cfg := dcs.Config{
		TestMode: s.Connection.TestMode,
		HomeDC:   s.Connection.DefaultDC,
		App: dcs.AppInfo{APIID: int32(s.AppInfo.APIID), DeviceModel: s.AppInfo.DeviceModel,
			SystemVersion: s.AppInfo.SystemVersion, AppVersion: s.AppInfo.AppVersion,
			SystemLangCode: s.AppInfo.SystemLangCode, LangPack: s.AppInfo.LangPack, LangCode: s.AppInfo.LangCode},
		FloodWaitLimit: time.Duration(s.FloodTimeout.WaitIfLt) * time.Second,
		MaxTries:       s.MaxTries.Query,
	}
	if !s.ConnectionSettings.PFS {
		cfg.TempKeyLifetime = -1
	} else {
		cfg.TempKeyLifetime = time.Duration(s.Authorization.DefaultTempAuthKeyExpiresIn) * time.Second
	}
	if len(s.Connection.DC) > 0 {
		ids := make([]int, 0, len(s.Connection.DC))
		for id := range s.Connection.DC {
			ids = append(ids, id)
		}
		sort.Ints(ids)
		for _, id := range ids {
			cfg.DCs = append(cfg.DCs, dcs.Address{ID: id, Addr: s.Connection.DC[id]})
		}
		if _, ok := s.Connection.DC[cfg.HomeDC]; !ok {
			cfg.HomeDC = ids[0]
		}
	}
	for _, pem := range s.Authorization.RSAKeys {
		k, err := crypto.ParseRSAPublicKey([]byte(pem))
		if err != nil {
			return cfg, fmt.Errorf("settings: authorization.rsa_keys: %w", err)
		}
		cfg.PublicKeys = append(cfg.PublicKeys, k)
	}
	switch s.ConnectionSettings.Protocol {
	case "abridged":
		cfg.Transport.Protocol = transport.Abridged
	case "padded_intermediate":
		cfg.Transport.Protocol = transport.PaddedIntermediate
	case "full":
		cfg.Transport.Protocol = transport.Full
	default:
		cfg.Transport.Protocol = transport.Intermediate
	}
	cfg.Transport.Obfuscated = s.ConnectionSettings.Obfuscated
	if s.ConnectionSettings.Proxy != "" {
		d, secret, err := ParseProxy(s.ConnectionSettings.Proxy)
		if err != nil {
			return cfg, err
		}
		cfg.Dialer, cfg.Transport.Secret = d, secret
	}
	return cfg, nil
}

// Close saves the session and disconnects.
func (c *Client) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	close(c.stop)
	c.mu.Unlock()
	c.updates.close()
	c.dcs.Close()
	c.wg.Wait()
	return c.store.Close() // saves
}

// Store returns the session store.
func (c *Client) Store() *storage.Store { return c.store }

// Settings returns the settings in effect.
func (c *Client) Settings() *settings.Settings { return c.set }

// DCs returns the DC layer (for file transfers on other DCs).
func (c *Client) DCs() *dcs.Client { return c.dcs }

// saveLoop saves the session every serialization_interval seconds.
func (c *Client) saveLoop() {
	every := time.Duration(c.set.Serialization.SerializationInterval) * time.Second
	if every <= 0 {
		every = 30 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			if err := c.store.Save(); err != nil {
				c.log.Warn("client: saving the session", "err", err)
			}
		}
	}
}

// Serialize saves the session now.
func (c *Client) Serialize() error { return c.store.Save() }

// Invoke sends an encoded query to the home DC and returns the encoded
// result. Users and chats in the result feed the peer database; updates in
// it feed the updates state machine.
func (c *Client) Invoke(ctx context.Context, query []byte) ([]byte, error) {
	res, err := c.dcs.Invoke(ctx, query)
	if err != nil {
		return nil, err
	}
	c.absorbResult(res)
	return res, nil
}

// Call invokes m and decodes its result.
func Call[R any](ctx context.Context, c *Client, m tl.Method[R]) (R, error) {
	var zero R
	var b tl.Buffer
	b.Object(m, m.TypeName())
	if err := b.Err(); err != nil {
		return zero, err
	}
	body, err := c.dcs.Invoke(ctx, b.Buf)
	if err != nil {
		return zero, err
	}
	d := tl.NewDecoder(body)
	r := m.DecodeResult(d)
	if err := d.End(); err != nil {
		return zero, fmt.Errorf("client: decoding the result of %s: %w", m.TypeName(), err)
	}
	c.absorb(any(r))
	return r, nil
}

// absorbResult decodes a raw result far enough to learn its peers and
// updates.
func (c *Client) absorbResult(body []byte) {
	d := tl.NewDecoder(body)
	if o := tl.DecodeObject(d); d.Err() == nil {
		c.absorb(o)
	}
}

// absorb feeds peers and updates found in a result, including updates
// nested in it (messages.invitedUsers carries an Updates).
func (c *Client) absorb(o any) {
	c.rememberPeers(o)
	if u, ok := o.(api.UpdatesClass); ok {
		c.updates.fromResult(u)
		return
	}
	if u := nestedUpdates(o); u != nil {
		c.absorb(u)
	}
}

// ErrNotLoggedIn is returned by calls that need an account.
var ErrNotLoggedIn = errors.New("client: not logged in")

// storeAdapter keeps dcs key state in the session file.
type storeAdapter struct{ s *storage.Store }

func (a storeAdapter) LoadKeys(dc int) (dcs.KeyState, bool) {
	st := a.s.Snapshot()
	d, ok := st.DCs[dc]
	if !ok || d == nil || len(d.AuthKey) == 0 {
		return dcs.KeyState{}, false
	}
	return dcs.KeyState{Perm: d.AuthKey, Temp: d.TempAuthKey, TempExpires: d.TempAuthKeyExpiresAt,
		Bound: d.TempAuthKeyBound, Salt: d.ServerSalt, TimeOffset: d.TimeOffset}, true
}

func (a storeAdapter) SaveKeys(dc int, ks dcs.KeyState) error {
	return a.s.Update(func(st *storage.State) error {
		d := st.DC(dc)
		d.AuthKey, d.TempAuthKey, d.TempAuthKeyExpiresAt = ks.Perm, ks.Temp, ks.TempExpires
		d.TempAuthKeyBound, d.ServerSalt, d.TimeOffset = ks.Bound, ks.Salt, ks.TimeOffset
		return nil
	})
}

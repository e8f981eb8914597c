// Package dcs manages the connections of one account to Telegram's data
// centers: the DC table, an auth key per DC (created on first use, and
// temporary keys bound to it for Perfect Forward Secrecy, renewed before
// they expire), one session per DC wrapped in invokeWithLayer(initConnection)
// on every new connection, the home DC and the *_MIGRATE_X errors that move
// it, and auth.exportAuthorization/importAuthorization so a logged-in
// account can use every DC. CDN DCs, which serve encrypted file parts and
// are not trusted, are reached with InvokeCDN (cdn.go).
package dcs

import (
	"context"
	cryptorand "crypto/rand"
	"crypto/rsa"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/mtproto/transport"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// An Address is where a DC listens.
type Address struct {
	ID    int
	Addr  string // host:port
	Media bool   // media-only DC, used for file transfers
}

// AppInfo is what initConnection tells the server about the app.
type AppInfo struct {
	APIID          int32
	DeviceModel    string
	SystemVersion  string
	AppVersion     string
	SystemLangCode string
	LangPack       string
	LangCode       string
}

// KeyState is what a DC needs to resume without a new key exchange.
type KeyState struct {
	Perm        []byte // permanent auth key (256 bytes)
	Temp        []byte // temporary auth key, if PFS is on
	TempExpires time.Time
	Bound       bool // Temp is bound to Perm
	Salt        int64
	TimeOffset  time.Duration
}

// A Store keeps KeyStates across restarts (the session file).
type Store interface {
	LoadKeys(dc int) (KeyState, bool)
	SaveKeys(dc int, ks KeyState) error
}

// MemoryStore is a Store that keeps nothing beyond the process.
type MemoryStore struct {
	mu   sync.Mutex
	keys map[int]KeyState
}

// LoadKeys implements Store.
func (m *MemoryStore) LoadKeys(dc int) (KeyState, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	ks, ok := m.keys[dc]
	return ks, ok
}

// SaveKeys implements Store.
func (m *MemoryStore) SaveKeys(dc int, ks KeyState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.keys == nil {
		m.keys = map[int]KeyState{}
	}
	m.keys[dc] = ks
	return nil
}

// Config configures a Client.
type Config struct {
	// DCs is the DC table; nil means ProductionDCs (or TestDCs in test mode).
	DCs []Address
	// PublicKeys are the trusted server keys; nil means the published key
	// of the chosen environment.
	PublicKeys []*rsa.PublicKey
	// TestMode uses test DCs: ids are sent as id+10000 in the key exchange.
	TestMode bool
	// Transport and Dialer choose framing, obfuscation and proxies.
	Transport transport.ClientConfig
	Dialer    transport.Dialer
	// HomeDC is the DC queries go to first (0: the first of DCs).
	HomeDC int
	// TempKeyLifetime turns on Perfect Forward Secrecy: traffic is
	// encrypted with temporary keys of this lifetime, bound to the
	// permanent key and renewed before they expire. 0 means one day;
	// negative turns PFS off.
	TempKeyLifetime time.Duration
	App             AppInfo
	// Layer is the API layer announced with invokeWithLayer (0: api.Layer).
	Layer int
	Store Store
	// OnUpdates receives every update message of every DC, raw.
	OnUpdates func(dc int, body []byte)
	// OnNewSession is called when a DC reports a new session (updates may
	// have been missed).
	OnNewSession func(dc int)
	// Session tuning, passed to each session.
	FloodWaitLimit time.Duration
	MaxTries       int
	PingInterval   time.Duration
	Logger         *slog.Logger
	Random         io.Reader
	Now            func() time.Time
}

// A Client is an account's view of all DCs.
type Client struct {
	cfg    Config
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu         sync.Mutex
	home       int
	dcs        map[int]*dc
	cdns       map[int]*dc // CDN DCs (cdn.go)
	authorized bool
	closed     bool

	cdnCfg cdnConfig
}

// New returns a client; connections are made when first needed.
func New(cfg Config) (*Client, error) {
	if cfg.DCs == nil {
		cfg.DCs = ProductionDCs
		if cfg.TestMode {
			cfg.DCs = TestDCs
		}
	}
	if len(cfg.DCs) == 0 {
		return nil, errors.New("dcs: empty DC table")
	}
	if cfg.PublicKeys == nil {
		pem := ProductionKey
		if cfg.TestMode {
			pem = TestKey
		}
		k, err := crypto.ParseRSAPublicKey([]byte(pem))
		if err != nil {
			return nil, err
		}
		cfg.PublicKeys = []*rsa.PublicKey{k}
	}
	if cfg.HomeDC == 0 {
		cfg.HomeDC = cfg.DCs[0].ID
	}
	if cfg.TempKeyLifetime == 0 {
		cfg.TempKeyLifetime = 24 * time.Hour
	}
	if cfg.Layer == 0 {
		cfg.Layer = api.Layer
	}
	if cfg.Store == nil {
		cfg.Store = &MemoryStore{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Random == nil {
		cfg.Random = cryptorand.Reader
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.App.DeviceModel == "" {
		cfg.App.DeviceModel = "luagram"
	}
	if cfg.App.SystemVersion == "" {
		cfg.App.SystemVersion = "Go"
	}
	if cfg.App.AppVersion == "" {
		cfg.App.AppVersion = "0.1"
	}
	for _, s := range []*string{&cfg.App.SystemLangCode, &cfg.App.LangCode} {
		if *s == "" {
			*s = "en"
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Client{cfg: cfg, ctx: ctx, cancel: cancel, home: cfg.HomeDC, dcs: map[int]*dc{}}, nil
}

// Close ends every session.
func (c *Client) Close() error {
	c.mu.Lock()
	c.closed = true
	dcs := make([]*dc, 0, len(c.dcs)+len(c.cdns))
	for _, d := range c.dcs {
		dcs = append(dcs, d)
	}
	for _, d := range c.cdns {
		dcs = append(dcs, d)
	}
	c.mu.Unlock()
	c.cancel()
	for _, d := range dcs {
		d.close()
	}
	c.wg.Wait()
	return nil
}

// Home returns the home DC.
func (c *Client) Home() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.home
}

// SetHome moves the home DC (after a *_MIGRATE_X error, or from a session
// file).
func (c *Client) SetHome(id int) {
	c.mu.Lock()
	c.home = id
	c.mu.Unlock()
}

// SetAuthorized records that the account is logged in on the home DC, so
// other DCs get the authorization exported to them before use.
func (c *Client) SetAuthorized(v bool) {
	c.mu.Lock()
	c.authorized = v
	c.mu.Unlock()
}

func (c *Client) address(id int) (Address, bool) {
	for _, a := range c.cfg.DCs {
		if a.ID == id && !a.Media {
			return a, true
		}
	}
	for _, a := range c.cfg.DCs {
		if a.ID == id {
			return a, true
		}
	}
	return Address{}, false
}

// SetDCs replaces the DC table (from help.getConfig).
func (c *Client) SetDCs(table []Address) {
	c.mu.Lock()
	c.cfg.DCs = table
	c.mu.Unlock()
}

// Invoke sends a query to the home DC and returns its encoded result.
// PHONE_MIGRATE_X, NETWORK_MIGRATE_X and USER_MIGRATE_X move the home DC and
// resend; FILE_MIGRATE_X and STATS_MIGRATE_X resend to that DC.
func (c *Client) Invoke(ctx context.Context, query []byte) ([]byte, error) {
	target := c.Home()
	for range 5 {
		res, err := c.InvokeDC(ctx, target, query)
		var rpcErr *session.RPCError
		if !errors.As(err, &rpcErr) {
			return res, err
		}
		to, ok := rpcErr.Migrate()
		if !ok {
			return res, err
		}
		switch rpcErr.Type {
		case "PHONE_MIGRATE", "NETWORK_MIGRATE", "USER_MIGRATE":
			c.cfg.Logger.Info("dcs: home DC moves", "from", target, "to", to, "reason", rpcErr.Type)
			c.SetHome(to)
		}
		target = to
	}
	return nil, errors.New("dcs: too many DC migrations")
}

// InvokeDC sends a query to one DC. On a DC other than home, a logged-in
// account's authorization is exported there first.
func (c *Client) InvokeDC(ctx context.Context, id int, query []byte) ([]byte, error) {
	for attempt := 0; ; attempt++ {
		d, err := c.dc(id)
		if err != nil {
			return nil, err
		}
		s, err := d.session(ctx)
		if err != nil {
			return nil, err
		}
		if err := c.importAuthorization(ctx, d); err != nil {
			return nil, err
		}
		res, err := s.Invoke(ctx, query)
		if errors.Is(err, session.ErrAuthKeyUnknown) && attempt < 2 {
			// The server forgot our key: the query was not executed. Start
			// over with a new key.
			d.forgetKeys()
			continue
		}
		return res, err
	}
}

// InvokeObject encodes and sends a query to the home DC.
func (c *Client) InvokeObject(ctx context.Context, q tl.Object) ([]byte, error) {
	var b tl.Buffer
	b.Object(q, q.TypeName())
	if err := b.Err(); err != nil {
		return nil, err
	}
	return c.Invoke(ctx, b.Buf)
}

// Call invokes m on the home DC and decodes its result.
func Call[R any](ctx context.Context, c *Client, m tl.Method[R]) (R, error) {
	var zero R
	body, err := c.InvokeObject(ctx, m)
	if err != nil {
		return zero, err
	}
	return decodeResult(m, body)
}

// CallDC invokes m on DC id and decodes its result.
func CallDC[R any](ctx context.Context, c *Client, id int, m tl.Method[R]) (R, error) {
	var zero R
	var b tl.Buffer
	b.Object(m, m.TypeName())
	if err := b.Err(); err != nil {
		return zero, err
	}
	body, err := c.InvokeDC(ctx, id, b.Buf)
	if err != nil {
		return zero, err
	}
	return decodeResult(m, body)
}

func decodeResult[R any](m tl.Method[R], body []byte) (R, error) {
	var zero R
	d := tl.NewDecoder(body)
	r := m.DecodeResult(d)
	if err := d.End(); err != nil {
		return zero, fmt.Errorf("dcs: decoding the result of %s: %w", m.TypeName(), err)
	}
	return r, nil
}

// dc returns the state of DC id, creating it.
func (c *Client) dc(id int) (*dc, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, session.ErrClosed
	}
	if d, ok := c.dcs[id]; ok {
		return d, nil
	}
	if _, ok := c.address(id); !ok {
		return nil, fmt.Errorf("dcs: no address for DC %d", id)
	}
	d := &dc{client: c, id: id}
	c.dcs[id] = d
	return d, nil
}

// importAuthorization makes a logged-in account usable on DC d.
func (c *Client) importAuthorization(ctx context.Context, d *dc) error {
	c.mu.Lock()
	need := c.authorized && d.id != c.home
	home := c.home
	c.mu.Unlock()
	if !need {
		return nil
	}
	d.authMu.Lock()
	defer d.authMu.Unlock()
	if d.imported {
		return nil
	}
	exp, err := CallDC(ctx, c, home, &api.AuthExportAuthorizationRequest{DCID: int32(d.id)})
	if err != nil {
		return fmt.Errorf("dcs: exporting the authorization to DC %d: %w", d.id, err)
	}
	s, err := d.session(ctx)
	if err != nil {
		return err
	}
	var b tl.Buffer
	b.Object(&api.AuthImportAuthorizationRequest{ID: exp.ID, Bytes: exp.Bytes}, "auth.importAuthorization")
	if _, err := s.Invoke(ctx, b.Buf); err != nil {
		return fmt.Errorf("dcs: importing the authorization on DC %d: %w", d.id, err)
	}
	d.imported = true
	return nil
}

func randomInt64(r io.Reader) int64 {
	var b [8]byte
	io.ReadFull(r, b[:])
	return int64(binary.LittleEndian.Uint64(b[:]))
}

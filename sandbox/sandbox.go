package sandbox

import (
	"crypto/rsa"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/luagram/luagram/mtproto/handshake"
	"github.com/luagram/luagram/mtproto/session"
)

// Config configures a sandbox.
type Config struct {
	// Listen is the address of DC 1; DC n listens on the next ports. Port 0
	// lets each DC pick a free port.
	Listen string
	// DCs is the number of DCs (0 means 3).
	DCs int
	// DataDir keeps the RSA key between starts; "" generates a new key.
	DataDir string
	// MaxTempKeyLifetime bounds temporary auth keys (0: 1 day... clients
	// ask for less).
	MaxTempKeyLifetime time.Duration
	// CDNDCs is the number of CDN DCs (0 means 1, negative none). CDN DC
	// k has id 200+k and listens on the port after the last DC's (see
	// cdn.go).
	CDNDCs int
	// CDN decides which files upload.getFile sends to a CDN DC; the zero
	// value is the default policy (see CDNPolicy).
	CDN    CDNPolicy
	Logger *slog.Logger
	Now    func() time.Time
}

// A Sandbox is a running set of DCs.
type Sandbox struct {
	cfg    Config
	key    *rsa.PrivateKey
	cdnKey *rsa.PrivateKey // the CDN DCs' key (cdn.go)
	dcs    []*DC
	cdns   []*DC // CDN DCs (cdn.go)
	world  *world
	files  *fileStore // files.go
	cdn    *cdnStore  // files_cdn.go
	once   sync.Once
}

// New starts the DCs and returns once every one listens.
func New(cfg Config) (*Sandbox, error) {
	if cfg.DCs <= 0 {
		cfg.DCs = 3
	}
	if cfg.Listen == "" {
		cfg.Listen = "127.0.0.1:0"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxTempKeyLifetime == 0 {
		cfg.MaxTempKeyLifetime = 7 * 24 * time.Hour
	}
	key, err := loadOrCreateKey(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	host, portText, err := net.SplitHostPort(cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("sandbox: listen address %q: %w", cfg.Listen, err)
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return nil, fmt.Errorf("sandbox: listen address %q: bad port", cfg.Listen)
	}
	if cfg.CDNDCs == 0 {
		cfg.CDNDCs = 1
	}
	sb := &Sandbox{cfg: cfg, key: key, world: newWorld(), files: newFileStore(cfg.Now), cdn: newCDNStore(cfg.CDN)}
	for i := 1; i <= cfg.DCs; i++ {
		p := 0
		if port != 0 {
			p = port + i - 1
		}
		l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(p)))
		if err != nil {
			sb.Close()
			return nil, fmt.Errorf("sandbox: DC %d: %w", i, err)
		}
		sb.dcs = append(sb.dcs, newDC(sb, i, l, key, false))
	}
	if err := sb.startCDNs(host, port); err != nil {
		sb.Close()
		return nil, err
	}
	for _, dc := range sb.dcs {
		go dc.srv.Serve(dc.listener)
	}
	for _, dc := range sb.cdns {
		go dc.srv.Serve(dc.listener)
	}
	return sb, nil
}

// Close stops every DC.
func (sb *Sandbox) Close() error {
	sb.once.Do(func() {
		for _, dc := range slices.Concat(sb.dcs, sb.cdns) {
			dc.listener.Close()
			dc.srv.Shutdown()
		}
		sb.files.close()
		sb.world.forgetTD()
	})
	return nil
}

// DC returns DC id (1-based), or nil.
func (sb *Sandbox) DC(id int) *DC {
	if id < 1 || id > len(sb.dcs) {
		return nil
	}
	return sb.dcs[id-1]
}

// DCs returns every DC, in id order.
func (sb *Sandbox) DCs() []*DC { return sb.dcs }

// PublicKey returns the server's RSA public key.
func (sb *Sandbox) PublicKey() *rsa.PublicKey { return &sb.key.PublicKey }

// ReadyLine is the line `luagram sandbox` prints once every DC listens:
// "ready dc=1 addr=127.0.0.1:PORT dc=2 addr=...".
func (sb *Sandbox) ReadyLine() string {
	var b strings.Builder
	b.WriteString("ready")
	for _, dc := range sb.dcs {
		fmt.Fprintf(&b, " dc=%d addr=%s", dc.ID, dc.Addr())
	}
	return b.String()
}

// A DC is one data center of the sandbox.
type DC struct {
	ID       int
	CDN      bool // a CDN DC (cdn.go)
	sb       *Sandbox
	listener net.Listener
	srv      *session.Server
}

// newDC makes DC id, listening on l, whose auth keys are made with key
// (the CDN key for a CDN DC).
func newDC(sb *Sandbox, id int, l net.Listener, key *rsa.PrivateKey, cdn bool) *DC {
	dc := &DC{ID: id, CDN: cdn, sb: sb, listener: l}
	dc.srv = session.NewServer(session.ServerConfig{
		Handshake: handshake.ServerConfig{Keys: []*rsa.PrivateKey{key}, DC: id, MaxExpiresIn: sb.cfg.MaxTempKeyLifetime},
		Handler:   session.HandlerFunc(dc.serveRPC),
		Now:       sb.cfg.Now,
		Logger:    sb.cfg.Logger.With("dc", id),
	})
	return dc
}

// Addr returns the DC's listening address.
func (dc *DC) Addr() string { return dc.listener.Addr().String() }

// Faults returns the DC's fault-injection switches.
func (dc *DC) Faults() *session.Faults { return dc.srv.Faults() }

// Salts returns the DC's salt schedule.
func (dc *DC) Salts() *session.SaltSchedule { return dc.srv.Salts() }

// Keys returns the DC's auth keys.
func (dc *DC) Keys() *session.KeyStore { return dc.srv.Keys() }

// Restart drops every connection of the DC, as a DC restart does; keys and
// sessions survive (they live in the DC's storage).
func (dc *DC) Restart() { dc.srv.CloseConns() }

package dcs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/mtproto/transport"
	"github.com/luagram/luagram/tl"
)

// MaxFileConns bounds the file connections of one DC.
const MaxFileConns = 16

// fileIdle is how long an unused file connection stays open.
const fileIdle = 2 * time.Minute

// A filePool holds the file connections of one DC: sessions of their own,
// each on its own TCP connection, that share the DC's auth key (and so its
// authorization) but not its session, so that the parts of a transfer
// travel in parallel and never queue behind other queries. Connection i is
// opened on first use and closed after fileIdle without use; a new auth
// key (a renewed temporary key) replaces them all.
type filePool struct {
	mu    sync.Mutex
	key   []byte // the auth key the connections were made with
	conns [MaxFileConns]*fileConn
}

// A fileConn is one file connection.
type fileConn struct {
	sess     *session.Session
	cancel   context.CancelFunc
	done     chan struct{} // closed when the session stops
	inFlight int
	idle     *time.Timer
	// ready is closed once the first query, which carries
	// initConnection, is answered: the server must have seen it before
	// the queries that follow (claimed says whether it was sent).
	ready   chan struct{}
	claimed bool
}

// InvokeFile sends a query to DC id over its file connection conn
// (0 ≤ conn < MaxFileConns), opened on first use, and returns the encoded
// result. A transfer that runs n parts at a time uses connections 0 to n-1,
// one part in flight on each. A logged-in account's authorization is
// exported to a DC other than home first. FILE_MIGRATE_X is returned to the
// caller, who knows which DC the file lives on from then on.
func (c *Client) InvokeFile(ctx context.Context, id, conn int, query []byte) ([]byte, error) {
	return c.invokeFile(ctx, conn, query, func() (*dc, error) { return c.dc(id) })
}

// invokeFile sends a query over file connection conn of the DC find
// returns.
func (c *Client) invokeFile(ctx context.Context, conn int, query []byte, find func() (*dc, error)) ([]byte, error) {
	if conn < 0 || conn >= MaxFileConns {
		return nil, fmt.Errorf("dcs: file connection %d out of range [0, %d)", conn, MaxFileConns)
	}
	for attempt := 0; ; attempt++ {
		d, err := find()
		if err != nil {
			return nil, err
		}
		if err := d.ready(ctx); err != nil {
			return nil, err
		}
		fc, first, err := d.fileConn(conn)
		if errors.Is(err, errNoKey) && attempt < 2 {
			continue // the key was dropped meanwhile; make a new one
		}
		if err != nil {
			return nil, err
		}
		if !first {
			select {
			case <-fc.ready:
			case <-ctx.Done():
				d.releaseFileConn(conn, fc)
				return nil, ctx.Err()
			}
		}
		res, err := fc.sess.Invoke(ctx, query)
		if first {
			close(fc.ready)
		}
		d.releaseFileConn(conn, fc)
		if (errors.Is(err, session.ErrAuthKeyUnknown) || errors.Is(err, session.ErrClosed) && c.ctx.Err() == nil) && attempt < 2 {
			// The server forgot the key (the query was not executed), or
			// the connection was replaced under us: start over.
			if errors.Is(err, session.ErrAuthKeyUnknown) {
				d.forgetKeys()
			}
			continue
		}
		return res, err
	}
}

// ready makes sure the DC has the auth key its file connections use: the
// DC's own session makes (and binds) it, and a logged-in account's
// authorization is exported to a DC other than home. A CDN DC needs only
// a permanent key, made with its own RSA key (cdn.go).
func (d *dc) ready(ctx context.Context) error {
	if d.cdn != nil {
		return d.permKey(ctx)
	}
	if _, err := d.session(ctx); err != nil {
		return err
	}
	return d.client.importAuthorization(ctx, d)
}

// CallFile invokes m on DC id over file connection conn and decodes its
// result.
func CallFile[R any](ctx context.Context, c *Client, id, conn int, m tl.Method[R]) (R, error) {
	var zero R
	var b tl.Buffer
	b.Object(m, m.TypeName())
	if err := b.Err(); err != nil {
		return zero, err
	}
	body, err := c.InvokeFile(ctx, id, conn, b.Buf)
	if err != nil {
		return zero, err
	}
	return decodeResult(m, body)
}

// FileConns returns how many file connections DC id has open.
func (c *Client) FileConns(id int) int {
	c.mu.Lock()
	d := c.dcs[id]
	c.mu.Unlock()
	return d.openFileConns()
}

// openFileConns counts the DC's open file connections (0 for a nil DC).
func (d *dc) openFileConns() int {
	if d == nil {
		return 0
	}
	d.files.mu.Lock()
	defer d.files.mu.Unlock()
	n := 0
	for _, fc := range d.files.conns {
		if fc != nil && !closed(fc.done) {
			n++
		}
	}
	return n
}

var errNoKey = errors.New("dcs: the DC has no auth key")

// currentKey returns the key the DC's sessions encrypt with now.
func (d *dc) currentKey() []byte {
	st := d.keyState()
	if d.pfs() {
		if !st.Bound {
			return nil
		}
		return st.Temp
	}
	return st.Perm
}

// fileConn returns file connection i of the DC, marking one more query in
// flight on it (releaseFileConn undoes that), and whether the caller's
// query is the connection's first.
func (d *dc) fileConn(i int) (*fileConn, bool, error) {
	key := d.currentKey()
	if len(key) == 0 {
		return nil, false, errNoKey
	}
	p := &d.files
	p.mu.Lock()
	defer p.mu.Unlock()
	if !bytes.Equal(key, p.key) {
		// A new key: the old connections finish what they carry, then go.
		for j, fc := range p.conns {
			if fc != nil {
				fc.idle.Stop()
				time.AfterFunc(30*time.Second, fc.cancel)
				p.conns[j] = nil
			}
		}
		p.key = key
	}
	fc := p.conns[i]
	if fc == nil || closed(fc.done) {
		ak, err := crypto.NewAuthKey(key)
		if err != nil {
			return nil, false, err
		}
		fc = d.newFileConn(i, ak)
		p.conns[i] = fc
	}
	fc.inFlight++
	fc.idle.Stop()
	first := !fc.claimed
	fc.claimed = true
	return fc, first, nil
}

// closeAll ends every file connection and its idle timer, which would
// otherwise keep the connection's memory until it fired.
func (p *filePool) closeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, fc := range p.conns {
		if fc != nil {
			fc.idle.Stop()
			fc.cancel()
			p.conns[i] = nil
		}
	}
}

func (d *dc) releaseFileConn(i int, fc *fileConn) {
	p := &d.files
	p.mu.Lock()
	defer p.mu.Unlock()
	fc.inFlight--
	if fc.inFlight == 0 && p.conns[i] == fc {
		fc.idle.Reset(fileIdle)
	}
}

// newFileConn starts file connection i with key. Call with d.files.mu
// held.
func (d *dc) newFileConn(i int, key *crypto.AuthKey) *fileConn {
	cfg := d.client.cfg
	st := d.keyState()
	s := session.New(session.Config{
		Key: key, Salt: st.Salt, TimeOffset: st.TimeOffset,
		Dial: func(ctx context.Context) (session.Conn, error) { return d.dialFile(ctx) },
		Init: d.wrapInit,
		// Parts are incompressible: trying gzip on them costs more than
		// it could save.
		GzipIfGT:       -1,
		FloodWaitLimit: cfg.FloodWaitLimit, MaxTries: cfg.MaxTries, PingInterval: cfg.PingInterval,
		Random: cfg.Random, Now: cfg.Now, Logger: cfg.Logger.With("dc", d.id, "file_conn", i),
	})
	ctx, cancel := context.WithCancel(d.client.ctx)
	fc := &fileConn{sess: s, cancel: cancel, done: make(chan struct{}), ready: make(chan struct{})}
	fc.idle = time.AfterFunc(fileIdle, func() {
		p := &d.files
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.conns[i] == fc && fc.inFlight == 0 {
			p.conns[i] = nil
			fc.cancel()
		}
	})
	fc.idle.Stop() // armed when the first query is answered
	d.client.wg.Add(1)
	go func() {
		defer d.client.wg.Done()
		defer close(fc.done)
		err := s.Run(ctx)
		if errors.Is(err, session.ErrAuthKeyUnknown) {
			d.forgetKeys()
		}
	}()
	return fc
}

// dialFile opens a connection for file transfers, to the DC's media
// address when the table has one.
func (d *dc) dialFile(ctx context.Context) (*transport.Conn, error) {
	addr, ok := d.address(true)
	if !ok {
		return nil, fmt.Errorf("dcs: no address for DC %d", d.id)
	}
	cfg := d.client.cfg.Transport
	if cfg.Secret != nil && cfg.DC == 0 {
		cfg.DC = transport.EncodeDC(int16(d.id), d.client.cfg.TestMode, addr.Media)
	}
	return transport.Dial(ctx, d.client.cfg.Dialer, addr.Addr, cfg)
}

// fileAddress returns the address file connections of DC id use: a
// media-only one if there is one, else the DC's address.
func (c *Client) fileAddress(id int) (Address, bool) {
	c.mu.Lock()
	table := c.cfg.DCs
	c.mu.Unlock()
	for _, a := range table {
		if a.ID == id && a.Media {
			return a, true
		}
	}
	return c.address(id)
}

func closed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

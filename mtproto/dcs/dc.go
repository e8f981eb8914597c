package dcs

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/mtproto/handshake"
	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/mtproto/transport"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// renewBefore is how long before its expiry a temporary key is replaced.
const renewBefore = 5 * time.Minute

// A dc is the connection state of one DC: its keys and its session.
type dc struct {
	client *Client
	id     int

	// mu serialises connection setup and guards the session; stateMu
	// guards the key state (callbacks of a running session take it, so it
	// is never held while waiting on the network).
	mu     sync.Mutex
	sess   *session.Session
	cancel context.CancelFunc
	renew  *time.Timer

	stateMu sync.Mutex
	state   KeyState
	loaded  bool

	authMu   sync.Mutex
	imported bool

	files filePool // file connections (files.go)
	cdn   *cdnInfo // set on a CDN DC (cdn.go)
}

// pfs reports whether the DC's traffic uses temporary keys: never on a CDN
// DC, which serves no auth.bindTempAuthKey.
func (d *dc) pfs() bool { return d.cdn == nil && d.client.cfg.TempKeyLifetime > 0 }

// publicKeys are the server keys the DC's auth keys may be made with: a
// CDN DC's own, from help.getCdnConfig, else the configured ones.
func (d *dc) publicKeys() []*rsa.PublicKey {
	if d.cdn != nil {
		return d.cdn.keys
	}
	return d.client.cfg.PublicKeys
}

// store keeps the DC's keys: a CDN DC's stay in memory (they may be
// dropped by the CDN at any moment anyway).
func (d *dc) store() Store {
	if d.cdn != nil {
		return &d.cdn.store
	}
	return d.client.cfg.Store
}

// address returns where the DC listens; file connections prefer a
// media-only address.
func (d *dc) address(file bool) (Address, bool) {
	switch {
	case d.cdn != nil:
		return d.cdn.addr, true
	case file:
		return d.client.fileAddress(d.id)
	}
	return d.client.address(d.id)
}

// exchangeDC is the dc field of p_q_inner_data_dc for this DC.
func (d *dc) exchangeDC() int {
	if d.client.cfg.TestMode {
		return d.id + 10000
	}
	return d.id
}

func (d *dc) dial(ctx context.Context) (*transport.Conn, error) {
	addr, ok := d.address(false)
	if !ok {
		return nil, fmt.Errorf("dcs: no address for DC %d", d.id)
	}
	cfg := d.client.cfg.Transport
	if cfg.Secret != nil && cfg.DC == 0 { // MTProxy needs the DC in its header
		cfg.DC = transport.EncodeDC(int16(d.id), d.client.cfg.TestMode, addr.Media)
	}
	return transport.Dial(ctx, d.client.cfg.Dialer, addr.Addr, cfg)
}

// exchange creates an auth key over a fresh connection.
func (d *dc) exchange(ctx context.Context, expiresIn time.Duration) (*handshake.Key, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		conn, err := d.dial(ctx)
		if err != nil {
			return nil, fmt.Errorf("dcs: DC %d: %w", d.id, err)
		}
		k, err := handshake.Client(ctx, session.HandshakeConn(conn), handshake.ClientConfig{
			PublicKeys: d.publicKeys(), DC: d.exchangeDC(), ExpiresIn: expiresIn,
			Random: d.client.cfg.Random, Now: d.client.cfg.Now,
		})
		conn.Close()
		if err == nil {
			return k, nil
		}
		lastErr = err
		if errors.Is(err, handshake.ErrSecurity) || ctx.Err() != nil {
			break // a failed check is not retried against the same server
		}
	}
	return nil, fmt.Errorf("dcs: creating an auth key with DC %d: %w", d.id, lastErr)
}

// session returns the DC's session, connecting (and creating and binding
// keys) the first time.
func (d *dc) session(ctx context.Context) (*session.Session, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.sess != nil {
		return d.sess, nil
	}
	cfg := d.client.cfg
	st := d.keyState()
	if len(st.Perm) == 0 {
		k, err := d.exchange(ctx, 0)
		if err != nil {
			return nil, err
		}
		st = KeyState{Perm: k.AuthKey.Bytes(), Salt: k.ServerSalt, TimeOffset: k.TimeOffset}
		d.setKeyState(st)
	}
	perm, err := crypto.NewAuthKey(st.Perm)
	if err != nil {
		return nil, err
	}
	key := perm
	pfs := d.pfs()
	if pfs {
		if len(st.Temp) == 0 || cfg.Now().Add(renewBefore).After(st.TempExpires) {
			k, err := d.exchange(ctx, cfg.TempKeyLifetime)
			if err != nil {
				return nil, err
			}
			st.Temp, st.TempExpires, st.Bound = k.AuthKey.Bytes(), k.ExpiresAt, false
			st.Salt, st.TimeOffset = k.ServerSalt, k.TimeOffset
			d.setKeyState(st)
		}
		if key, err = crypto.NewAuthKey(st.Temp); err != nil {
			return nil, err
		}
	}
	s := d.newSession(key, st)
	if pfs && !st.Bound {
		if err := d.bind(ctx, s, perm, key, st.TempExpires); err != nil {
			d.stopSession()
			d.updateKeyState(func(ks *KeyState) { ks.Temp, ks.Bound = nil, false })
			return nil, err
		}
		d.updateKeyState(func(ks *KeyState) { ks.Bound = true })
	}
	if pfs {
		d.scheduleRenewal(st.TempExpires)
	}
	return s, nil
}

// keyState returns the DC's key state, loading it from the store first.
func (d *dc) keyState() KeyState {
	d.stateMu.Lock()
	defer d.stateMu.Unlock()
	if !d.loaded {
		d.state, _ = d.store().LoadKeys(d.id)
		d.loaded = true
	}
	return d.state
}

func (d *dc) setKeyState(ks KeyState) { d.updateKeyState(func(s *KeyState) { *s = ks }) }

// updateKeyState changes the key state and saves it.
func (d *dc) updateKeyState(f func(*KeyState)) {
	d.stateMu.Lock()
	defer d.stateMu.Unlock()
	f(&d.state)
	d.loaded = true
	if err := d.store().SaveKeys(d.id, d.state); err != nil {
		d.client.cfg.Logger.Warn("dcs: saving keys", "dc", d.id, "err", err)
	}
}

// newSession starts a session with key. Call with d.mu held.
func (d *dc) newSession(key *crypto.AuthKey, st KeyState) *session.Session {
	cfg := d.client.cfg
	s := session.New(session.Config{
		Key: key, Salt: st.Salt, TimeOffset: st.TimeOffset,
		Dial: func(ctx context.Context) (session.Conn, error) { return d.dial(ctx) },
		Init: d.wrapInit,
		OnUpdates: func(body []byte) {
			if cfg.OnUpdates != nil {
				cfg.OnUpdates(d.id, body)
			}
		},
		OnNewSession: func() {
			if cfg.OnNewSession != nil {
				cfg.OnNewSession(d.id)
			}
		},
		OnSalt:         func(salt int64) { d.updateKeyState(func(ks *KeyState) { ks.Salt = salt }) },
		FloodWaitLimit: cfg.FloodWaitLimit, MaxTries: cfg.MaxTries, PingInterval: cfg.PingInterval,
		Random: cfg.Random, Now: cfg.Now, Logger: cfg.Logger.With("dc", d.id),
	})
	ctx, cancel := context.WithCancel(d.client.ctx)
	d.sess, d.cancel = s, cancel
	d.client.wg.Add(1)
	go func() {
		defer d.client.wg.Done()
		err := s.Run(ctx)
		if errors.Is(err, session.ErrAuthKeyUnknown) {
			d.forgetKeys()
		}
	}()
	return s
}

// wrapInit wraps the first query of every connection in
// invokeWithLayer(initConnection(...)).
func (d *dc) wrapInit(query []byte) []byte {
	app := d.client.cfg.App
	if d.cdn != nil {
		app = cdnAppInfo(app)
	}
	var b tl.Buffer
	b.Object(&api.InvokeWithLayerRequest{Layer: int32(d.client.cfg.Layer), Query: &api.InitConnectionRequest{
		APIID: app.APIID, DeviceModel: app.DeviceModel, SystemVersion: app.SystemVersion, AppVersion: app.AppVersion,
		SystemLangCode: app.SystemLangCode, LangPack: app.LangPack, LangCode: app.LangCode, Query: tl.Raw(query),
	}}, "invokeWithLayer")
	return b.Buf
}

// bind sends auth.bindTempAuthKey on session s, which uses temp.
func (d *dc) bind(ctx context.Context, s *session.Session, perm, temp *crypto.AuthKey, expiresAt time.Time) error {
	cfg := d.client.cfg
	nonce := randomInt64(cfg.Random)
	expires := int32(expiresAt.Unix())
	_, err := s.InvokeWith(ctx, session.InvokeOptions{NoInit: true, Build: func(msgID int64) ([]byte, error) {
		enc, err := handshake.BindMessage(perm, handshake.Binding{
			Nonce: nonce, TempKeyID: handshake.KeyID(temp), PermKeyID: handshake.KeyID(perm),
			TempSessionID: s.ID(), ExpiresAt: expires,
		}, msgID, cfg.Random)
		if err != nil {
			return nil, err
		}
		var b tl.Buffer
		b.Object(&api.AuthBindTempAuthKeyRequest{PermAuthKeyID: handshake.KeyID(perm), Nonce: nonce,
			ExpiresAt: expires, EncryptedMessage: enc}, "auth.bindTempAuthKey")
		return b.Buf, b.Err()
	}})
	if err != nil {
		return fmt.Errorf("dcs: binding the temporary key on DC %d: %w", d.id, err)
	}
	return nil
}

// scheduleRenewal replaces the temporary key before it expires: a new key
// is made and bound on a new session, which takes over; the old session
// ends once its queries are answered. Call with d.mu held.
func (d *dc) scheduleRenewal(expires time.Time) {
	if d.renew != nil {
		d.renew.Stop()
	}
	wait := expires.Sub(d.client.cfg.Now()) - renewBefore
	d.renew = time.AfterFunc(max(wait, time.Second), d.renewTempKey)
}

func (d *dc) renewTempKey() {
	ctx, cancel := context.WithTimeout(d.client.ctx, time.Minute)
	defer cancel()
	d.mu.Lock()
	old, oldCancel := d.sess, d.cancel
	d.sess = nil
	d.mu.Unlock()
	d.updateKeyState(func(ks *KeyState) { ks.Temp, ks.Bound = nil, false })
	if _, err := d.session(ctx); err != nil {
		d.client.cfg.Logger.Warn("dcs: renewing the temporary key failed; retrying on next use", "dc", d.id, "err", err)
	}
	if old != nil {
		time.AfterFunc(30*time.Second, func() { oldCancel() })
	}
}

// stopSession ends the current session. Call with d.mu held.
func (d *dc) stopSession() {
	if d.cancel != nil {
		d.cancel()
	}
	d.sess, d.cancel = nil, nil
}

// forgetKeys drops the keys the server no longer knows; the next use makes
// new ones.
func (d *dc) forgetKeys() {
	d.mu.Lock()
	d.stopSession()
	d.mu.Unlock()
	d.updateKeyState(func(ks *KeyState) {
		if d.pfs() && len(ks.Temp) > 0 {
			ks.Temp, ks.Bound = nil, false // the temporary key expired or was dropped
		} else {
			*ks = KeyState{}
		}
	})
}

func (d *dc) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.renew != nil {
		d.renew.Stop()
	}
	if d.sess != nil {
		d.sess.Close()
	}
	d.stopSession()
	d.files.closeAll()
}

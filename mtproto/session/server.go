package session

import (
	"context"
	cryptorand "crypto/rand"
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/mtproto/handshake"
	"github.com/luagram/luagram/mtproto/transport"
)

// A Handler executes the queries of client sessions. ServeRPC runs on its
// own goroutine per query; it returns the encoded result (the object to put
// in rpc_result), or an error: an *RPCError becomes rpc_error, any other
// error a 500 INTERNAL.
type Handler interface {
	ServeRPC(ctx context.Context, req *Request) ([]byte, error)
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, req *Request) ([]byte, error)

// ServeRPC calls f.
func (f HandlerFunc) ServeRPC(ctx context.Context, req *Request) ([]byte, error) { return f(ctx, req) }

// A Request is one query of a client session.
type Request struct {
	Session *ServerSession
	MsgID   int64
	Body    []byte // the encoded function, gzip_packed unwrapped
}

// A KeyInfo is an auth key the server knows.
type KeyInfo struct {
	Key       *crypto.AuthKey
	ExpiresAt time.Time // zero for permanent keys
	// Perm is the permanent key a temporary key is bound to (nil if none).
	Perm *crypto.AuthKey
}

// A KeyStore holds the server's auth keys. It is safe for concurrent use.
type KeyStore struct {
	mu   sync.RWMutex
	keys map[[8]byte]*KeyInfo
}

// NewKeyStore returns an empty store.
func NewKeyStore() *KeyStore { return &KeyStore{keys: map[[8]byte]*KeyInfo{}} }

// Add stores a key.
func (ks *KeyStore) Add(k *KeyInfo) {
	ks.mu.Lock()
	ks.keys[k.Key.ID()] = k
	ks.mu.Unlock()
}

// Get returns the key with this id, unless it has expired.
func (ks *KeyStore) Get(id [8]byte, now time.Time) (*KeyInfo, bool) {
	ks.mu.RLock()
	k, ok := ks.keys[id]
	ks.mu.RUnlock()
	if ok && !k.ExpiresAt.IsZero() && now.After(k.ExpiresAt) {
		return nil, false
	}
	return k, ok
}

// Has reports whether an id is taken (for dh_gen_retry on collisions).
func (ks *KeyStore) Has(id [8]byte) bool {
	ks.mu.RLock()
	defer ks.mu.RUnlock()
	_, ok := ks.keys[id]
	return ok
}

// Bind records that temporary key temp is bound to perm.
func (ks *KeyStore) Bind(temp [8]byte, perm *crypto.AuthKey) error {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	k, ok := ks.keys[temp]
	if !ok {
		return errors.New("session: no such temporary key")
	}
	if k.Perm != nil && k.Perm.ID() != perm.ID() {
		return errors.New("session: temporary key already bound")
	}
	cp := *k
	cp.Perm = perm
	ks.keys[temp] = &cp
	return nil
}

// ServerConfig configures a Server.
type ServerConfig struct {
	// Handshake configures the auth key exchange (keys, DC, DH group).
	Handshake handshake.ServerConfig
	Keys      *KeyStore
	Salts     *SaltSchedule
	Handler   Handler
	// Faults, when set, injects failures (see Faults).
	Faults *Faults
	// OnSession is called when a client session is created.
	OnSession func(*ServerSession)
	Now       func() time.Time
	Random    io.Reader
	Logger    *slog.Logger
	// Transport configures transport detection (MTProxy secret, limits).
	Transport transport.Server
}

// A Server answers MTProto connections: the auth key exchange on
// unencrypted messages, then encrypted sessions.
type Server struct {
	cfg      ServerConfig
	mu       sync.Mutex
	sessions map[sessionKey]*ServerSession
	conns    map[*serverConn]struct{}
	closed   bool
}

type sessionKey struct {
	keyID     [8]byte
	sessionID int64
}

// NewServer returns a server; Serve runs it on a listener.
func NewServer(cfg ServerConfig) *Server {
	if cfg.Keys == nil {
		cfg.Keys = NewKeyStore()
	}
	if cfg.Salts == nil {
		cfg.Salts = NewSaltSchedule(0)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Random == nil {
		cfg.Random = cryptorand.Reader
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Faults == nil {
		cfg.Faults = &Faults{}
	}
	if cfg.Handshake.KeyInUse == nil {
		cfg.Handshake.KeyInUse = cfg.Keys.Has
	}
	if cfg.Handshake.Now == nil {
		cfg.Handshake.Now = cfg.Now
	}
	return &Server{cfg: cfg, sessions: map[sessionKey]*ServerSession{}, conns: map[*serverConn]struct{}{}}
}

// Keys returns the server's key store.
func (s *Server) Keys() *KeyStore { return s.cfg.Keys }

// Salts returns the server's salt schedule.
func (s *Server) Salts() *SaltSchedule { return s.cfg.Salts }

// Faults returns the server's fault switches.
func (s *Server) Faults() *Faults { return s.cfg.Faults }

// Serve accepts connections until l is closed.
func (s *Server) Serve(l net.Listener) error {
	for {
		c, err := l.Accept()
		if err != nil {
			s.mu.Lock()
			closed := s.closed
			s.mu.Unlock()
			if closed || errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		go s.ServeConn(c)
	}
}

// CloseConns closes every open connection (a DC restart drops them all);
// sessions and keys survive.
func (s *Server) CloseConns() {
	s.mu.Lock()
	conns := make([]*serverConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.close()
	}
}

// Shutdown closes all connections and makes Serve return once its listener
// is closed.
func (s *Server) Shutdown() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.CloseConns()
}

// Sessions returns the live sessions.
func (s *Server) Sessions() []*ServerSession {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*ServerSession, 0, len(s.sessions))
	for _, ss := range s.sessions {
		out = append(out, ss)
	}
	return out
}

// session returns the session (key, id), creating it if needed.
func (s *Server) session(ki *KeyInfo, id int64) (*ServerSession, bool) {
	k := sessionKey{ki.Key.ID(), id}
	s.mu.Lock()
	ss, ok := s.sessions[k]
	if !ok {
		ss = newServerSession(s, ki, id)
		s.sessions[k] = ss
	}
	s.mu.Unlock()
	if !ok && s.cfg.OnSession != nil {
		s.cfg.OnSession(ss)
	}
	return ss, !ok
}

// dropSession forgets a session (destroy_session).
func (s *Server) dropSession(keyID [8]byte, id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := sessionKey{keyID, id}
	_, ok := s.sessions[k]
	delete(s.sessions, k)
	return ok
}

func (s *Server) randomInt64() int64 {
	var b [8]byte
	io.ReadFull(s.cfg.Random, b[:])
	return int64(binary.LittleEndian.Uint64(b[:]))
}

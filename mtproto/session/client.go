package session

import (
	"context"
	cryptorand "crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/mtproto/transport"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

// A Conn is one framed connection; *transport.Conn is one.
type Conn interface {
	ReadFrame(buf []byte) (transport.Frame, error)
	WriteFrame(payload []byte) error
	Close() error
}

// Config configures a client Session.
type Config struct {
	// Key is the auth key the session encrypts with (a bound temporary key
	// when PFS is on).
	Key *crypto.AuthKey
	// Salt is the first server salt; TimeOffset the server clock minus ours.
	Salt       int64
	TimeOffset time.Duration
	// SessionID is the session's id; 0 draws a random one.
	SessionID int64
	// Dial opens a new framed connection to the DC; it is called again
	// after every break.
	Dial func(ctx context.Context) (Conn, error)
	// Init wraps the first query sent on each new connection, e.g. in
	// invokeWithLayer(initConnection(...)). Nil sends queries as they are.
	Init func(query []byte) []byte
	// OnUpdates receives every server message that is not an answer to a
	// query (updates), in order, on the reading goroutine. The slice is the
	// callee's.
	OnUpdates func(body []byte)
	// OnNewSession is called when the server reports new_session_created:
	// updates may have been lost and should be fetched (getDifference).
	OnNewSession func()
	// OnSalt is called when the server salt changes, to persist it.
	OnSalt func(salt int64)
	// PingInterval is the keepalive period (0: 60 s). The server is asked to
	// close the connection if no ping follows within PingInterval + 15 s.
	PingInterval time.Duration
	// GzipIfGT gzips queries longer than this many bytes when that makes
	// them smaller (0: 512; negative: never).
	GzipIfGT int
	// MaxTries bounds how often one query is sent (0: 5), counting resends
	// after reconnects and retries of FLOOD_WAIT and internal errors.
	MaxTries int
	// FloodWaitLimit: a FLOOD_WAIT shorter than this is slept through and
	// the query retried; a longer one reaches the caller (0: 10 s;
	// negative: never wait).
	FloodWaitLimit time.Duration
	// Random and Now are injectable for tests.
	Random io.Reader
	Now    func() time.Time
	Logger *slog.Logger
}

// A Session is a client MTProto session: one session id, one auth key, a
// connection that is re-dialled when it breaks. Queries not yet answered
// are resent with their original msg_id after a reconnect, so the server
// (which remembers what it answered) never executes one twice and each
// caller gets exactly one result.
type Session struct {
	cfg       Config
	sessionID int64
	ids       *MsgIDSource
	random    io.Reader
	log       *slog.Logger

	mu         sync.Mutex
	salt       int64
	contentSeq int32
	calls      map[int64]*call // queries awaiting an answer, by msg_id
	queue      []*outMsg       // messages to write, in order
	acks       []int64         // server messages to acknowledge
	containers map[int64][]int64
	seen       *idWindow
	needInit   bool
	conn       Conn
	// futureSalts are salts fetched ahead with get_future_salts, by
	// valid_since; fetchingSalts is set while a fetch runs.
	futureSalts   []FutureSalt
	fetchingSalts bool
	pingID        int64

	received atomic.Int64 // frames read, across connections

	wake    chan struct{}
	closed  chan struct{}
	closeMu sync.Once
	runErr  error
}

// An outMsg is a message queued for writing.
type outMsg struct {
	msgID   int64
	seqNo   int32
	body    []byte
	call    *call // nil for service messages
	content bool
}

// A call is one query awaiting its answer.
type call struct {
	msg       *outMsg // the message that carries it now
	query     []byte  // the query as given (before Init wraps it)
	build     func(msgID int64) ([]byte, error)
	noInit    bool
	done      chan result
	tries     int
	container int64 // msg_id of the container it was last sent in
}

type result struct {
	body []byte
	err  error
}

// New returns a session; Run connects it.
func New(cfg Config) *Session {
	s := &Session{
		cfg:        cfg,
		sessionID:  cfg.SessionID,
		random:     cfg.Random,
		log:        cfg.Logger,
		salt:       cfg.Salt,
		calls:      map[int64]*call{},
		containers: map[int64][]int64{},
		seen:       newIDWindow(2048),
		wake:       make(chan struct{}, 1),
		closed:     make(chan struct{}),
	}
	if s.random == nil {
		s.random = cryptorand.Reader
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.sessionID == 0 {
		var b [8]byte
		io.ReadFull(s.random, b[:])
		s.sessionID = int64(binary.LittleEndian.Uint64(b[:]))
	}
	s.ids = NewMsgIDSource(cfg.Now, cfg.TimeOffset)
	return s
}

// ID returns the session id.
func (s *Session) ID() int64 { return s.sessionID }

// Salt returns the current server salt.
func (s *Session) Salt() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.salt
}

// TimeOffset returns the current correction to the local clock.
func (s *Session) TimeOffset() time.Duration { return s.ids.Offset() }

func (s *Session) pingInterval() time.Duration {
	if s.cfg.PingInterval > 0 {
		return s.cfg.PingInterval
	}
	return 60 * time.Second
}

func (s *Session) maxTries() int {
	if s.cfg.MaxTries > 0 {
		return s.cfg.MaxTries
	}
	return 5
}

// Close stops the session: pending queries fail with ErrClosed and the
// connection is closed.
func (s *Session) Close() error {
	s.closeMu.Do(func() {
		close(s.closed)
		s.mu.Lock()
		if s.conn != nil {
			s.conn.Close()
		}
		for id, c := range s.calls {
			delete(s.calls, id)
			c.done <- result{err: ErrClosed}
		}
		s.mu.Unlock()
	})
	return nil
}

// Run keeps the session connected until ctx ends or Close is called,
// re-dialling with exponential backoff and jitter after each break. It
// returns the reason it stopped.
func (s *Session) Run(ctx context.Context) error {
	go func() {
		select {
		case <-ctx.Done():
			s.Close()
		case <-s.closed:
		}
	}()
	var delay time.Duration
	for {
		select {
		case <-s.closed:
			if err := ctx.Err(); err != nil {
				return err
			}
			return ErrClosed
		default:
		}
		if delay > 0 {
			s.sleep(delay/2 + time.Duration(rand.Int64N(int64(delay/2)+1)))
		}
		conn, err := s.cfg.Dial(ctx)
		if err != nil {
			s.log.Debug("session: dial failed", "err", err)
			delay = nextBackoff(delay)
			continue
		}
		before := s.received.Load()
		err = s.serve(conn)
		var perr *transport.ProtocolError
		if errors.As(err, &perr) && perr.Code == transport.CodeAuthKeyNotFound {
			err = fmt.Errorf("%w: %w", errFatal, ErrAuthKeyUnknown)
		}
		if errors.Is(err, errFatal) {
			s.fail(err)
			s.Close()
			return err
		}
		s.log.Debug("session: connection ended", "err", err)
		// A connection that carried answers is re-dialled at once; one that
		// broke before any answer backs off exponentially, with jitter.
		if s.received.Load() > before {
			delay = 0
		} else {
			delay = nextBackoff(delay)
		}
	}
}

func nextBackoff(d time.Duration) time.Duration {
	if d == 0 {
		return 25 * time.Millisecond
	}
	return min(2*d, 10*time.Second)
}

// errFatal marks errors after which reconnecting cannot help.
var errFatal = errors.New("session: fatal")

// fail ends every pending call with err.
func (s *Session) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, c := range s.calls {
		delete(s.calls, id)
		c.done <- result{err: err}
	}
}

func (s *Session) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.closed:
		return false
	}
}

// serve runs one connection: every unanswered query is queued again (with
// its msg_id), then a reader goroutine and the writer loop run until either
// fails.
func (s *Session) serve(conn Conn) error {
	s.mu.Lock()
	select {
	case <-s.closed:
		s.mu.Unlock()
		conn.Close()
		return ErrClosed
	default:
	}
	s.conn = conn
	s.needInit = s.cfg.Init != nil
	s.queue = s.queue[:0]
	s.acks = s.acks[:0]
	var expired []*call
	for _, c := range sortedCalls(s.calls) {
		c.tries++
		if c.tries > s.maxTries() {
			expired = append(expired, c)
			continue
		}
		s.queue = append(s.queue, c.msg)
	}
	for _, c := range expired {
		delete(s.calls, c.msg.msgID)
		s.forgetContainer(c.container)
		c.done <- result{err: ErrTooManyTries}
	}
	s.mu.Unlock()
	s.kick()

	readErr := make(chan error, 1)
	go func() { readErr <- s.readLoop(conn) }()
	writeErr := s.writeLoop(conn, readErr)
	conn.Close()
	s.mu.Lock()
	s.conn = nil
	s.mu.Unlock()
	return writeErr
}

func (s *Session) kick() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// nextSeq returns the seq_no of a new message: odd and incremented for
// content-related messages, even otherwise. Call with s.mu held.
func (s *Session) nextSeq(content bool) int32 {
	if content {
		s.contentSeq++
		return s.contentSeq*2 - 1
	}
	return s.contentSeq * 2
}

// Invoke sends a query (an encoded TL function) and returns the encoded
// result, gzip_packed already unwrapped, or an error: *RPCError for
// rpc_error, ctx's error, ErrClosed, ErrTooManyTries. FLOOD_WAIT shorter
// than FloodWaitLimit and internal server errors are retried within
// MaxTries.
func (s *Session) Invoke(ctx context.Context, query []byte) ([]byte, error) {
	return s.InvokeWith(ctx, InvokeOptions{Query: query})
}

// InvokeOptions describe one query for InvokeWith.
type InvokeOptions struct {
	// Query is the encoded TL function.
	Query []byte
	// Build, if set instead of Query, makes the query once its msg_id is
	// known (and again if it must be sent under a new one):
	// auth.bindTempAuthKey encrypts its own msg_id.
	Build func(msgID int64) ([]byte, error)
	// NoInit sends the query unwrapped even as the first of a connection
	// (auth.bindTempAuthKey must not be wrapped in initConnection).
	NoInit bool
}

// InvokeWith is Invoke with options.
func (s *Session) InvokeWith(ctx context.Context, opts InvokeOptions) ([]byte, error) {
	for tries := 1; ; tries++ {
		body, err := s.invokeOnce(ctx, opts)
		var rpcErr *RPCError
		if err == nil || !errors.As(err, &rpcErr) || tries >= s.maxTries() {
			return body, err
		}
		wait, isWait := rpcErr.Wait()
		limit := s.cfg.FloodWaitLimit
		if limit == 0 {
			limit = 10 * time.Second
		}
		switch {
		case isWait && rpcErr.Type != "SLOWMODE_WAIT" && wait < limit:
			s.log.Info("session: flood wait", "seconds", rpcErr.Argument)
		case rpcErr.Retryable():
			wait = time.Duration(tries) * 100 * time.Millisecond
		default:
			return nil, err
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-s.closed:
			t.Stop()
			return nil, ErrClosed
		}
	}
}

// InvokeObject encodes a TL function and invokes it.
func (s *Session) InvokeObject(ctx context.Context, query tl.Object) ([]byte, error) {
	var b tl.Buffer
	b.Object(query, query.TypeName())
	if err := b.Err(); err != nil {
		return nil, err
	}
	return s.Invoke(ctx, b.Buf)
}

// Call invokes m and decodes its result.
func Call[R any](ctx context.Context, s *Session, m tl.Method[R]) (R, error) {
	var zero R
	body, err := s.InvokeObject(ctx, m)
	if err != nil {
		return zero, err
	}
	d := tl.NewDecoder(body)
	r := m.DecodeResult(d)
	if err := d.End(); err != nil {
		return zero, fmt.Errorf("session: decoding the result of %s: %w", m.TypeName(), err)
	}
	return r, nil
}

// pack gzips a query when that makes it smaller and it is above the
// configured size.
func (s *Session) pack(query []byte) []byte {
	limit := s.cfg.GzipIfGT
	if limit == 0 {
		limit = 512
	}
	if limit > 0 && len(query) > limit {
		packed := tl.Gzip(query)
		if len(packed)+8 < len(query) {
			var b tl.Buffer
			b.ID(tl.GzipPackedID)
			b.Bytes(packed)
			return b.Buf
		}
	}
	return query
}

func (s *Session) invokeOnce(ctx context.Context, opts InvokeOptions) ([]byte, error) {
	c := &call{done: make(chan result, 1), tries: 1, build: opts.Build, noInit: opts.NoInit}
	s.mu.Lock()
	select {
	case <-s.closed:
		s.mu.Unlock()
		return nil, ErrClosed
	default:
	}
	msgID := s.ids.New(0)
	if c.build != nil {
		q, err := c.build(msgID)
		if err != nil {
			s.mu.Unlock()
			return nil, err
		}
		opts.Query = q
	}
	c.query = s.pack(opts.Query)
	c.msg = &outMsg{msgID: msgID, seqNo: s.nextSeq(true), body: c.query, call: c, content: true}
	s.calls[c.msg.msgID] = c
	if s.conn != nil {
		s.queue = append(s.queue, c.msg)
	}
	s.mu.Unlock()
	s.kick()
	select {
	case r := <-c.done:
		return r.body, r.err
	case <-ctx.Done():
		s.mu.Lock()
		if s.calls[c.msg.msgID] == c {
			delete(s.calls, c.msg.msgID)
			s.forgetContainer(c.container)
		}
		s.mu.Unlock()
		return nil, ctx.Err()
	}
}

// deliver hands a result to the call that sent msgID, once.
func (s *Session) deliver(msgID int64, r result) bool {
	s.mu.Lock()
	c, ok := s.calls[msgID]
	if ok {
		delete(s.calls, msgID)
		s.forgetContainer(c.container)
	}
	s.mu.Unlock()
	if ok {
		c.done <- r
	}
	return ok
}

// forgetContainer drops a container's record once none of its queries
// waits any more. Call with s.mu held.
func (s *Session) forgetContainer(id int64) {
	inner, ok := s.containers[id]
	if !ok {
		return
	}
	for _, m := range inner {
		if c, live := s.calls[m]; live && c.container == id {
			return
		}
	}
	delete(s.containers, id)
}

// resend queues the queries sent as msgID (a message or a container) again
// under their own msg_ids, after the server refused the message for its salt
// without recording it. Keeping the ids matters: a query resent after a
// reconnect may have been executed already, and only its msg_id lets the
// server answer it from memory instead of executing it again.
func (s *Session) resend(msgID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := s.containers[msgID]
	delete(s.containers, msgID)
	if ids == nil {
		ids = []int64{msgID}
	}
	for _, id := range ids {
		if c, ok := s.calls[id]; ok && c.msg.msgID == id {
			s.queue = append(s.queue, c.msg)
		}
	}
	s.kickLocked()
}

// resendNew queues the queries sent as msgID (a message or a container)
// again under new msg_ids and seq_nos, after the server refused them
// because of the msg_id or seq_no itself (bad_msg_notification).
func (s *Session) resendNew(msgID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := s.containers[msgID]
	delete(s.containers, msgID)
	if ids == nil {
		ids = []int64{msgID}
	}
	for _, id := range ids {
		c, ok := s.calls[id]
		if !ok {
			continue
		}
		delete(s.calls, id)
		newID := s.ids.New(0)
		if c.build != nil {
			q, err := c.build(newID)
			if err != nil {
				c.done <- result{err: err}
				continue
			}
			c.query = s.pack(q)
		}
		c.msg = &outMsg{msgID: newID, seqNo: s.nextSeq(true), body: c.query, call: c, content: true}
		s.calls[c.msg.msgID] = c
		s.queue = append(s.queue, c.msg)
	}
	s.kickLocked()
}

func (s *Session) kickLocked() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// failMsg ends the queries sent as msgID (message or container) with err.
func (s *Session) failMsg(msgID int64, err error) {
	s.mu.Lock()
	ids := s.containers[msgID]
	delete(s.containers, msgID)
	if ids == nil {
		ids = []int64{msgID}
	}
	var done []*call
	for _, id := range ids {
		if c, ok := s.calls[id]; ok {
			delete(s.calls, id)
			s.forgetContainer(c.container)
			done = append(done, c)
		}
	}
	s.mu.Unlock()
	for _, c := range done {
		c.done <- result{err: err}
	}
}

func sortedCalls(m map[int64]*call) []*call {
	out := make([]*call, 0, len(m))
	for _, c := range m {
		out = append(out, c)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].msg.msgID < out[j-1].msg.msgID; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// ping encodes ping_delay_disconnect for the keepalive.
func (s *Session) ping() *outMsg {
	s.pingID++
	var b tl.Buffer
	b.Object(&mt.PingDelayDisconnectRequest{PingID: s.pingID, DisconnectDelay: int32((s.pingInterval() + 15*time.Second) / time.Second)}, "ping")
	return &outMsg{msgID: s.ids.New(0), seqNo: s.nextSeq(true), body: b.Buf, content: true}
}

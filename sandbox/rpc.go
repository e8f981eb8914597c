package sandbox

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"

	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Session values the sandbox keeps.
const (
	valLayer = "layer" // int32 from invokeWithLayer
	valInit  = "init"  // *api.InitConnectionRequest without its query
)

// A call is one query being served, with the session it came on.
type call struct {
	dc  *DC
	req *session.Request
	ctx context.Context
}

// rpcError builds the error the handler returns.
func rpcError(code int, message string) error { return session.NewRPCError(code, message) }

// serveRPC decodes a query and dispatches it.
func (dc *DC) serveRPC(ctx context.Context, req *session.Request) ([]byte, error) {
	d := tl.NewDecoder(req.Body)
	id := binary.LittleEndian.Uint32(req.Body)
	if _, known := api.Types.ByID(id); !known {
		// What the real servers answer for a constructor they do not know:
		// INPUT_METHOD_INVALID_<id as unsigned decimal>.
		return nil, rpcError(400, "INPUT_METHOD_INVALID_"+strconv.FormatUint(uint64(id), 10))
	}
	q := tl.DecodeObject(d)
	if err := d.End(); err != nil {
		// A wrapped query (invokeWithLayer(initConnection(X))) with an
		// unknown X is still an unknown method.
		var de *tl.DecodeError
		if errors.As(err, &de) && de.Kind == tl.ErrUnexpectedID && de.GzipOffset < 0 && de.Offset+4 <= len(req.Body) {
			inner := binary.LittleEndian.Uint32(req.Body[de.Offset:])
			if _, known := api.Types.ByID(inner); !known {
				return nil, rpcError(400, "INPUT_METHOD_INVALID_"+strconv.FormatUint(uint64(inner), 10))
			}
		}
		return nil, rpcError(400, "INPUT_CONSTRUCTOR_INVALID")
	}
	c := &call{dc: dc, req: req, ctx: ctx}
	return c.dispatch(q)
}

// dispatch serves one (possibly wrapped) query.
func (c *call) dispatch(q tl.Object) ([]byte, error) {
	ss := c.req.Session
	if err := c.refuseOnCDN(q); err != nil {
		return nil, err
	}
	switch w := q.(type) {
	case *api.InvokeWithLayerRequest:
		ss.SetValue(valLayer, w.Layer)
		return c.dispatch(w.Query)
	case *api.InitConnectionRequest:
		info := *w
		info.Query = nil
		ss.SetValue(valInit, &info)
		return c.dispatch(w.Query)
	case *api.InvokeAfterMsgRequest:
		return c.dispatch(w.Query)
	case *api.InvokeAfterMsgsRequest:
		return c.dispatch(w.Query)
	case *api.InvokeWithoutUpdatesRequest:
		return c.dispatch(w.Query)
	case *api.InvokeWithTakeoutRequest:
		return c.dispatch(w.Query)
	case *api.InvokeWithMessagesRangeRequest:
		return c.dispatch(w.Query)
	}
	h, ok := handlers[q.TypeID()]
	// An unbound temporary key may only bind itself or read the config
	// (core.telegram.org/method/auth.bindTempAuthKey).
	if !allowedUnbound[q.TypeID()] && !c.dc.CDN && c.unboundTemp() {
		return nil, rpcError(401, "AUTH_KEY_PERM_EMPTY")
	}
	if !ok {
		return nil, rpcError(400, "SANDBOX_METHOD_UNSUPPORTED")
	}
	if !allowedUninitialized[q.TypeID()] && ss.Value(valLayer) == nil {
		return nil, rpcError(400, "CONNECTION_NOT_INITED")
	}
	if !noLogin[q.TypeID()] && !allowedUnbound[q.TypeID()] {
		w := c.dc.sb.world
		w.mu.Lock()
		u := c.user()
		w.mu.Unlock()
		if u == nil {
			return nil, rpcError(401, "AUTH_KEY_UNREGISTERED")
		}
	}
	res, err := h(c, q)
	if err != nil {
		return nil, err
	}
	var b tl.Buffer
	if o, isObj := res.(tl.Object); isObj {
		b.Object(o, o.TypeName())
	} else if raw, isRaw := res.(rawResult); isRaw {
		b.Raw(raw)
	} else {
		return nil, fmt.Errorf("sandbox: handler for %s returned %T", q.TypeName(), res)
	}
	return b.Buf, b.Err()
}

// key returns the current record of the session's auth key (a binding
// updates it).
func (c *call) key() *session.KeyInfo {
	ki := c.req.Session.Key
	if cur, ok := c.dc.srv.Keys().Get(ki.Key.ID(), c.dc.sb.cfg.Now()); ok {
		return cur
	}
	return ki
}

// unboundTemp reports whether the session uses a temporary key not bound
// to a permanent one.
func (c *call) unboundTemp() bool {
	k := c.key()
	return !k.ExpiresAt.IsZero() && k.Perm == nil
}

// rawResult is an already-encoded result (Bool, vectors).
type rawResult []byte

func boolResult(v bool) rawResult {
	var b tl.Buffer
	b.Bool(v)
	return b.Buf
}

// A handler serves one API method.
type handler func(c *call, q tl.Object) (any, error)

// handlers maps method ids to their implementations; each feature file
// adds its own in init.
var handlers = map[uint32]handler{}

// allowedUnbound are the methods an unbound temporary key may call.
var allowedUnbound = map[uint32]bool{
	api.AuthBindTempAuthKeyRequestTypeID: true,
	api.HelpGetConfigRequestTypeID:       true,
	api.HelpGetNearestDCRequestTypeID:    true,
}

// noLogin are the methods that work before logging in.
var noLogin = map[uint32]bool{}

// allowedUninitialized are the methods that need no initConnection first.
var allowedUninitialized = map[uint32]bool{
	api.AuthBindTempAuthKeyRequestTypeID: true,
	api.HelpGetConfigRequestTypeID:       true,
	api.HelpGetNearestDCRequestTypeID:    true,
}

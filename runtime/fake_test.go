package runtime

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// fakeInvoker answers a few methods the way Telegram would:
//
//	help.getConfig         a config with this_dc = 2
//	users.getUsers         one user "Test" per requested id (id 1000 + index)
//	messages.sendMessage   updateShortSentMessage with an increasing id; the
//	                       message text selects failures:
//	                       "flood" FLOOD_WAIT_30 (420, a *session.RPCError),
//	                       "peer" PEER_ID_INVALID (400, an RPCError value),
//	                       "fail" a plain error, "slow:N" answers after N ms
//
// Anything else is METHOD_NOT_FOUND (an RPCError value).
type fakeInvoker struct {
	calls  atomic.Int64
	mu     sync.Mutex
	byName map[string]int
	nextID atomic.Int32
}

// codeError is an RPC error with Code and Type methods.
type codeError struct {
	code int
	typ  string
}

func (e *codeError) Error() string { return fmt.Sprintf("rpc error %d: %s", e.code, e.typ) }
func (e *codeError) Code() int     { return e.code }
func (e *codeError) Type() string  { return e.typ }

func (f *fakeInvoker) count(name string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.byName[name]
}

func (f *fakeInvoker) Invoke(ctx context.Context, query []byte) ([]byte, error) {
	f.calls.Add(1)
	if len(query) < 4 {
		return nil, errors.New("fake: short query")
	}
	id := tl.NewDecoder(query).ID()
	req := api.Types.New(id)
	if req == nil {
		return nil, fmt.Errorf("fake: unknown id %#x", id)
	}
	if err := tl.DecodeBoxed(query, req); err != nil {
		return nil, fmt.Errorf("fake: decoding %s: %w", req.TypeName(), err)
	}
	f.mu.Lock()
	if f.byName == nil {
		f.byName = map[string]int{}
	}
	f.byName[req.TypeName()]++
	f.mu.Unlock()
	switch r := req.(type) {
	case *api.HelpGetConfigRequest:
		return tl.Encode(&api.Config{Date: 1700000000, Expires: 1700003600, ThisDC: 2,
			DCOptions:   []api.DCOption{{ID: 2, IPAddress: "149.154.167.50", Port: 443}},
			MeURLPrefix: "https://t.me/"})
	case *api.UsersGetUsersRequest:
		var b tl.Buffer
		b.ID(tl.VectorID)
		b.Int32(int32(len(r.ID)))
		for i := range r.ID {
			b.Object(&api.User{ID: 1000 + int64(i), FirstName: tl.Some("Test"), AccessHash: tl.Some(int64(-9000000000000000001))}, "user")
		}
		return b.Buf, b.Err()
	case *api.MessagesSendMessageRequest:
		switch msg := r.Message; {
		case msg == "flood":
			return nil, fmt.Errorf("invoking: %w", session.NewRPCError(420, "FLOOD_WAIT_30"))
		case msg == "peer":
			return nil, &codeError{400, "PEER_ID_INVALID"}
		case msg == "fail":
			return nil, errors.New("connection lost")
		case strings.HasPrefix(msg, "slow:"):
			ms, _ := strconv.Atoi(strings.TrimPrefix(msg, "slow:"))
			select {
			case <-time.After(time.Duration(ms) * time.Millisecond):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		return tl.Encode(&api.UpdateShortSentMessage{ID: f.nextID.Add(1), Pts: 1, PtsCount: 1, Date: 1700000000})
	}
	return nil, &codeError{400, "METHOD_NOT_FOUND"}
}

package interop

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/gotd/td/telegram"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/sandbox"
)

// gotdGaveUp names the ways gotd v0.93.0 fails a query that the server
// would have answered, or "" for any other error.
//
// "lost with its connection": gotd keeps no query across connections.
// Every connection has its own mtproto.Conn and rpc.Engine; when it ends,
// handleClose calls rpc.Engine.ForceClose (internal/mtproto/conn.go:170-181),
// which fails every pending Do with "engine forcibly closed"
// (internal/rpc/engine.go:167-168, 203-204), and the query is never sent
// on the next connection. Queries started meanwhile fail with "engine was
// closed" (engine.go:76-77), "connection dead"
// (telegram/internal/manager/conn.go:139-145) or a write error on the dead
// socket, first send (engine.go:191-192) or resend after the 5 s ack
// timeout (engine.go:208-219). telegram.Client.Invoke retries none of them
// (telegram/invoke.go:24-90).
//
// "second bad_server_salt": gotd resends a query refused for its salt once
// (internal/mtproto/rpc.go:32-43); if the salt changes again before the
// resend arrives, the query fails.
//
// gotd exports no error values for these, hence the strings.
func gotdGaveUp(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	for _, s := range []string{"engine forcibly closed", "engine was closed", "connection dead", "retryUntilAck: send:", "retryUntilAck: write:"} {
		if strings.Contains(msg, s) {
			return "lost with its connection"
		}
	}
	if strings.Contains(msg, "incorrect server salt") {
		return "second bad_server_salt"
	}
	return ""
}

// TestGotdClientThroughFaults is the requirement: gotd's client
// makes 1,000 calls to the sandbox with faults on and gets all answers.
// 16 workers call help.getNearestDc on DC 1, which drops the connection
// after every 50th client frame and rotates its salt every second.
//
// gotd reconnects every few dozen calls and each new session brings a
// fresh salt (new_session_created), so at wall-clock speed a connection
// rarely outlives its salt. The sandbox's clock therefore also jumps two
// seconds ahead after every 100 answers: each jump invalidates the salt of
// the live connection, which must then go through bad_server_salt. The
// total skew (20 s) stays inside gotd's 30 s window for server msg_ids.
//
// The sandbox keeps its side through every fault (answers are remembered,
// and a query refused for its salt is not recorded, so its resend under
// the same msg_id is executed). gotd, however, gives up on some queries
// (see gotdGaveUp); the test makes those calls again, as an application
// using gotd must, and counts them. Any other error fails the test, and
// every one of the 1,000 calls must end with a correct answer.
func TestGotdClientThroughFaults(t *testing.T) {
	const (
		calls     = 1000
		workers   = 16
		jumpEvery = 100
		jump      = 2 * time.Second
	)
	var skew atomic.Int64
	sb, err := sandbox.New(sandbox.Config{
		Listen: "127.0.0.1:0", DCs: 3,
		Now: func() time.Time { return time.Now().Add(time.Duration(skew.Load())) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	dc := sb.DC(1)
	dc.Faults().Set(session.FaultConfig{DropEvery: 50})
	dc.Salts().SetPeriod(time.Second)

	core, logs := observer.New(zapcore.InfoLevel)
	newClient := func() *telegram.Client {
		return newGotdClient(t, sb, gotdConfig{
			// Reconnect at once: gotd's default backoff grows to a minute.
			Reconnect: func() backoff.BackOff { return backoff.NewConstantBackOff(10 * time.Millisecond) },
			Logger:    zap.New(core),
		})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()

	var (
		next, answered atomic.Int64
		mu             sync.Mutex
		failures       []error
		gaveUp         = map[string]int{}
	)
	start := time.Now()
	_, err = runGotd(ctx, t, newClient, func(ctx context.Context, c *telegram.Client) error {
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := next.Add(1); i <= calls; i = next.Add(1) {
					given, err := gotdCallUntilAnswered(ctx, c)
					mu.Lock()
					for _, kind := range given {
						gaveUp[kind]++
					}
					if err != nil {
						failures = append(failures, fmt.Errorf("call %d: %w", i, err))
					}
					mu.Unlock()
					if err == nil && answered.Add(1)%jumpEvery == 0 {
						skew.Add(int64(jump))
					}
				}
			}()
		}
		wg.Wait()
		return nil
	})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	for i, err := range failures {
		if i == 10 {
			t.Errorf("... and %d more", len(failures)-10)
			break
		}
		t.Error(err)
	}
	count := func(msg string) int { return logs.FilterMessage(msg).Len() }
	t.Logf("%d of %d calls answered in %v; the sandbox dropped %d connections and moved its clock %v; "+
		"gotd restarted its connection %d times and resent %d queries after bad_server_salt; "+
		"calls gotd gave up on and the test made again: %v",
		answered.Load(), calls, elapsed.Round(time.Millisecond), dc.Faults().Drops(), time.Duration(skew.Load()),
		count("Restarting connection"), count("Retrying request after basMsgErr"), gaveUp)
	if answered.Load() != calls {
		t.Errorf("%d of %d calls answered", answered.Load(), calls)
	}
	if dc.Faults().Drops() == 0 {
		t.Error("the sandbox dropped no connection: the faults were not exercised")
	}
	if count("Retrying request after basMsgErr") == 0 {
		t.Error("gotd never resent a query after bad_server_salt: salt rotation was not exercised")
	}
}

// gotdCallUntilAnswered calls help.getNearestDc until it is answered,
// again after each failure gotdGaveUp names (returned in given); any other
// error is returned. gotd offers no way to wait for the connection that
// replaces a broken one, and a call made before the replacement fails at
// once, so a call is made again after a short backoff, as an application
// using gotd would.
func gotdCallUntilAnswered(ctx context.Context, c *telegram.Client) (given []string, err error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	b := backoff.NewExponentialBackOff()
	b.InitialInterval, b.MaxInterval, b.MaxElapsedTime = 5*time.Millisecond, 100*time.Millisecond, 0
	err = backoff.Retry(func() error {
		near, err := c.API().HelpGetNearestDC(ctx)
		if err == nil && near.ThisDC != 1 {
			return backoff.Permanent(fmt.Errorf("help.getNearestDc: this_dc = %d, want 1", near.ThisDC))
		}
		if err == nil {
			return nil
		}
		if kind := gotdGaveUp(err); kind != "" && ctx.Err() == nil {
			given = append(given, kind)
			return err
		}
		if len(given) > 0 {
			err = fmt.Errorf("%w (after gotd gave up %d times: %v)", err, len(given), given)
		}
		return backoff.Permanent(err)
	}, backoff.WithContext(b, ctx))
	return given, err
}

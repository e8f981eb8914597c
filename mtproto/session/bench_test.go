package session

import (
	"context"
	"crypto/rand"
	"io"
	"sync"
	"testing"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/mtproto/transport"
)

// BenchmarkSealFrame encrypts a message and frames it (intermediate
// transport into io.Discard): the per-message cost of sending.
func BenchmarkSealFrame(b *testing.B) {
	key := randomKey()
	for _, size := range []int{1 << 10, 512 << 10} {
		b.Run(sizeName(size), func(b *testing.B) {
			body := make([]byte, size)
			codec, err := transport.NewClientCodec(transport.Intermediate, discard{}, transport.Options{})
			if err != nil {
				b.Fatal(err)
			}
			var frame []byte
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				frame, err = seal(frame[:0], key, crypto.ClientToServer, Message{MsgID: 4, SeqNo: 1, Body: body}, rand.Reader)
				if err != nil {
					b.Fatal(err)
				}
				if err := codec.WriteFrame(frame); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type discard struct{}

func (discard) Read([]byte) (int, error)    { return 0, io.EOF }
func (discard) Write(p []byte) (int, error) { return len(p), nil }

func sizeName(n int) string {
	if n >= 1<<20 {
		return itoa(n>>20) + "MB"
	}
	return itoa(n>>10) + "KB"
}

// BenchmarkInvoke is RPC round trips on loopback against the server of
// this package, with 1 and 64 concurrent callers; allocs/op are the
// client's and server's together.
func BenchmarkInvoke(b *testing.B) {
	for _, callers := range []int{1, 64} {
		b.Run(itoa(callers)+"callers", func(b *testing.B) {
			env := startServerB(b)
			s := New(Config{Key: env.key.AuthKey, Salt: env.key.ServerSalt, TimeOffset: env.key.TimeOffset, Dial: env.dial})
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { s.Run(ctx); close(done) }()
			defer func() { cancel(); <-done }()
			q := testQuery(1)
			if _, err := s.Invoke(ctx, q); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			var wg sync.WaitGroup
			per := b.N/callers + 1
			for range callers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range per {
						if _, err := s.Invoke(ctx, q); err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			b.StopTimer()
			b.ReportMetric(float64(per*callers)/b.Elapsed().Seconds(), "rpc/s")
		})
	}
}

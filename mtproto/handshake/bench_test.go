package handshake

import (
	"crypto/rsa"
	"testing"
	"time"
)

// BenchmarkHandshake runs complete exchanges in one goroutine, client and
// server steps alternating, so ns/op is the CPU of both sides together;
// the client part is reported separately as client-ns/op.
func BenchmarkHandshake(b *testing.B) {
	key := testKey(b)
	for _, bc := range []struct {
		name      string
		expiresIn time.Duration
	}{{"permanent", 0}, {"temporary", time.Hour}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var client time.Duration
			for b.Loop() {
				s := NewServerExchange(ServerConfig{Keys: []*rsa.PrivateKey{key}, DC: 2})
				c := NewClientExchange(ClientConfig{PublicKeys: []*rsa.PublicKey{&key.PublicKey}, DC: 2, ExpiresIn: bc.expiresIn})
				t0 := time.Now()
				req1, _ := c.Start()
				client += time.Since(t0)
				res, _ := s.HandleReqPQ(req1)
				t0 = time.Now()
				req2, err := c.HandleResPQ(res)
				client += time.Since(t0)
				if err != nil {
					b.Fatal(err)
				}
				params, err := s.HandleReqDHParams(req2)
				if err != nil {
					b.Fatal(err)
				}
				t0 = time.Now()
				req3, err := c.HandleServerDHParams(params)
				client += time.Since(t0)
				if err != nil {
					b.Fatal(err)
				}
				ans, _, err := s.HandleSetClientDHParams(req3)
				if err != nil {
					b.Fatal(err)
				}
				t0 = time.Now()
				k, _, err := c.HandleDHAnswer(ans)
				client += time.Since(t0)
				if err != nil || k == nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(client.Nanoseconds())/float64(b.N), "client-ns/op")
		})
	}
}

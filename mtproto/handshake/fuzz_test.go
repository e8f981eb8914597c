package handshake

import (
	"crypto/rsa"
	"testing"

	"github.com/luagram/luagram/tl/mt"
)

// FuzzServerFrame feeds arbitrary unencrypted messages to a server exchange
// at each of its steps: it must answer or fail with an error, never panic.
func FuzzServerFrame(f *testing.F) {
	key := testKey(f)
	seed := func(msg []byte) { f.Add(msg, uint8(0)); f.Add(msg, uint8(1)); f.Add(msg, uint8(2)) }
	b, _ := encodePlain(4, &mt.ReqPQMultiRequest{})
	seed(b)
	b, _ = encodePlain(8, &mt.ReqDHParamsRequest{P: []byte{1}, Q: []byte{2}, EncryptedData: make([]byte, 256)})
	seed(b)
	b, _ = encodePlain(12, &mt.SetClientDHParamsRequest{EncryptedData: make([]byte, 48)})
	seed(b)
	f.Fuzz(func(t *testing.T, msg []byte, step uint8) {
		s := NewServerExchange(ServerConfig{Keys: []*rsa.PrivateKey{key}, DC: 1})
		c := NewClientExchange(ClientConfig{PublicKeys: []*rsa.PublicKey{&key.PublicKey}, DC: 1})
		if step%3 > 0 {
			serverUpToF(s, c, int(step%3))
		}
		s.HandleFrame(msg)
	})
}

// serverUpToF advances s by honest client steps, ignoring errors.
func serverUpToF(s *ServerExchange, c *ClientExchange, step int) {
	req1, _ := c.Start()
	res, err := s.HandleReqPQ(req1)
	if err != nil || step == 1 {
		return
	}
	if req2, err := c.HandleResPQ(res); err == nil {
		s.HandleReqDHParams(req2)
	}
}

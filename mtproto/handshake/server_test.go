package handshake

import (
	"crypto/rsa"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

// serverUpTo runs an honest client against s until the request of the
// given step (0: req_pq_multi, 1: req_DH_params, 2: set_client_DH_params)
// and returns the client and that request, unsent.
func serverUpTo(t *testing.T, s *ServerExchange, c *ClientExchange, step int) tl.Object {
	t.Helper()
	req1, err := c.Start()
	if err != nil {
		t.Fatal(err)
	}
	if step == 0 {
		return req1
	}
	res, err := s.HandleReqPQ(req1)
	if err != nil {
		t.Fatal(err)
	}
	req2, err := c.HandleResPQ(res)
	if err != nil {
		t.Fatal(err)
	}
	if step == 1 {
		return req2
	}
	params, err := s.HandleReqDHParams(req2)
	if err != nil {
		t.Fatal(err)
	}
	req3, err := c.HandleServerDHParams(params)
	if err != nil {
		t.Fatal(err)
	}
	return req3
}

func TestServerRejectsBadClient(t *testing.T) {
	key := testKey(t)
	cases := []struct {
		name  string
		step  int
		dc    int
		edit  func(t *testing.T, s *ServerExchange, c *ClientExchange, req tl.Object) tl.Object
		check string
	}{
		{name: "wrong nonce", step: 1, check: "nonce", edit: func(t *testing.T, s *ServerExchange, c *ClientExchange, req tl.Object) tl.Object {
			req.(*mt.ReqDHParamsRequest).Nonce[0] ^= 1
			return req
		}},
		{name: "wrong p", step: 1, check: "p, q", edit: func(t *testing.T, s *ServerExchange, c *ClientExchange, req tl.Object) tl.Object {
			req.(*mt.ReqDHParamsRequest).P = []byte{3}
			return req
		}},
		{name: "unknown fingerprint", step: 1, check: "public_key_fingerprint", edit: func(t *testing.T, s *ServerExchange, c *ClientExchange, req tl.Object) tl.Object {
			req.(*mt.ReqDHParamsRequest).PublicKeyFingerprint++
			return req
		}},
		{name: "tampered encrypted_data", step: 1, check: "encrypted_data", edit: func(t *testing.T, s *ServerExchange, c *ClientExchange, req tl.Object) tl.Object {
			req.(*mt.ReqDHParamsRequest).EncryptedData[100] ^= 1
			return req
		}},
		{name: "wrong dc", step: 1, dc: 3, check: "dc"},
		{name: "client_DH hash", step: 2, check: "SHA1 hash mismatch", edit: func(t *testing.T, s *ServerExchange, c *ClientExchange, req tl.Object) tl.Object {
			r := req.(*mt.SetClientDHParamsRequest)
			r.EncryptedData[len(r.EncryptedData)-1] ^= 1
			return req
		}},
		{name: "g_b = 1", step: 2, check: "g_b", edit: func(t *testing.T, s *ServerExchange, c *ClientExchange, req tl.Object) tl.Object {
			return clientDH(t, c, big.NewInt(1).Bytes(), 0)
		}},
		{name: "g_b = p - 1", step: 2, check: "g_b", edit: func(t *testing.T, s *ServerExchange, c *ClientExchange, req tl.Object) tl.Object {
			return clientDH(t, c, new(big.Int).Sub(crypto.TelegramDHPrime(), big.NewInt(1)).Bytes(), 0)
		}},
		{name: "retry_id", step: 2, check: "retry_id", edit: func(t *testing.T, s *ServerExchange, c *ClientExchange, req tl.Object) tl.Object {
			return clientDH(t, c, big.NewInt(0).Exp(big.NewInt(3), big.NewInt(1<<40), crypto.TelegramDHPrime()).Bytes(), 7)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := NewServerExchange(ServerConfig{Keys: []*rsa.PrivateKey{key}, DC: 1})
			dc := tc.dc
			if dc == 0 {
				dc = 1
			}
			c := NewClientExchange(ClientConfig{PublicKeys: []*rsa.PublicKey{&key.PublicKey}, DC: dc})
			req := serverUpTo(t, s, c, tc.step)
			if tc.edit != nil {
				req = tc.edit(t, s, c, req)
			}
			var err error
			switch r := req.(type) {
			case *mt.ReqDHParamsRequest:
				_, err = s.HandleReqDHParams(r)
			case *mt.SetClientDHParamsRequest:
				_, _, err = s.HandleSetClientDHParams(r)
			}
			if !errors.Is(err, ErrSecurity) || !strings.Contains(err.Error(), tc.check) {
				t.Fatalf("got %v, want a security error naming %q", err, tc.check)
			}
		})
	}
}

// clientDH builds a set_client_DH_params with a chosen g_b and retry_id,
// correctly encrypted, as a malicious client would.
func clientDH(t *testing.T, c *ClientExchange, gb []byte, retryID int64) *mt.SetClientDHParamsRequest {
	data := mustEncode(t, &mt.ClientDHInnerData{Nonce: c.nonce, ServerNonce: c.serverNonce, RetryID: retryID, GB: gb})
	enc, err := encryptWithHash(c.tmpKey, c.tmpIV, data, cryptoRand)
	if err != nil {
		t.Fatal(err)
	}
	return &mt.SetClientDHParamsRequest{Nonce: c.nonce, ServerNonce: c.serverNonce, EncryptedData: enc}
}

func TestServerFrames(t *testing.T) {
	key := testKey(t)
	s := NewServerExchange(ServerConfig{Keys: []*rsa.PrivateKey{key}, DC: 1})
	frame, _ := encodePlain(4*12345+1, &mt.ReqPQMultiRequest{})
	if _, _, err := s.HandleFrame(frame); !errors.Is(err, ErrSecurity) {
		t.Errorf("msg_id not divisible by 4: %v", err)
	}
	frame, _ = encodePlain(4*12345, &mt.SetClientDHParamsRequest{})
	if _, _, err := s.HandleFrame(frame); err == nil || !strings.Contains(err.Error(), "order") {
		t.Errorf("out of order: %v", err)
	}
	frame, _ = encodePlain(4*12345, &mt.PingRequest{})
	if _, _, err := s.HandleFrame(frame); err == nil {
		t.Errorf("ping accepted in an unencrypted message")
	}
	for _, bad := range [][]byte{nil, make([]byte, 19), append(make([]byte, 8), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)} {
		if _, _, err := s.HandleFrame(bad); !errors.Is(err, ErrSecurity) {
			t.Errorf("%x: %v", bad, err)
		}
	}
	frame, _ = encodePlain(4*12345, &mt.ReqPQMultiRequest{})
	frame[16] = 200 // message_data_length beyond the frame
	if _, _, err := s.HandleFrame(frame); !errors.Is(err, ErrSecurity) {
		t.Errorf("bad length: %v", err)
	}
}

package handshake

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"io"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

var (
	serverKeyOnce sync.Once
	serverKey     *rsa.PrivateKey
)

func testKey(t testing.TB) *rsa.PrivateKey {
	serverKeyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		serverKey = k
	})
	return serverKey
}

// pipeConn is an in-memory FrameConn; a tamper hook may rewrite frames.
type pipeConn struct {
	in  <-chan []byte
	out chan<- []byte
}

func (p *pipeConn) WriteFrame(b []byte) error {
	p.out <- append([]byte(nil), b...)
	return nil
}

func (p *pipeConn) ReadFrame() ([]byte, error) {
	b, ok := <-p.in
	if !ok {
		return nil, io.EOF
	}
	return b, nil
}

// runExchange runs Client against a ServerExchange. tamper, if not nil, may
// rewrite each server reply (by step) before the client sees it.
func runExchange(t *testing.T, ccfg ClientConfig, scfg ServerConfig, tamper func(step int, s *ServerExchange, reply []byte) []byte) (*Key, *Key, error, error) {
	t.Helper()
	toServer, toClient := make(chan []byte, 1), make(chan []byte, 1)
	client := &pipeConn{in: toClient, out: toServer}
	s := NewServerExchange(scfg)
	var serverKey *Key
	var serverErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(toClient)
		for step := 0; ; step++ {
			frame, ok := <-toServer
			if !ok {
				return
			}
			reply, key, err := s.HandleFrame(frame)
			if err != nil {
				serverErr = err
				return
			}
			if tamper != nil {
				reply = tamper(step, s, reply)
			}
			toClient <- reply
			if key != nil {
				serverKey = key
				return
			}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	clientKey, clientErr := Client(ctx, client, ccfg)
	close(toServer)
	<-done
	return clientKey, serverKey, clientErr, serverErr
}

func TestExchange(t *testing.T) {
	key := testKey(t)
	for _, tc := range []struct {
		name      string
		expiresIn time.Duration
		dc        int
	}{
		{"permanent", 0, 2},
		{"temporary", time.Hour, 2},
		{"test dc", 0, 10002},
		{"media dc", 0, -2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ck, sk, cerr, serr := runExchange(t,
				ClientConfig{PublicKeys: []*rsa.PublicKey{&key.PublicKey}, DC: tc.dc, ExpiresIn: tc.expiresIn},
				ServerConfig{Keys: []*rsa.PrivateKey{key}, DC: 2}, nil)
			if cerr != nil || serr != nil {
				t.Fatalf("client %v, server %v", cerr, serr)
			}
			if ck.AuthKey.ID() != sk.AuthKey.ID() || string(ck.AuthKey.Bytes()) != string(sk.AuthKey.Bytes()) {
				t.Fatal("keys differ")
			}
			if ck.ServerSalt != sk.ServerSalt {
				t.Fatalf("salts differ: %d %d", ck.ServerSalt, sk.ServerSalt)
			}
			if ck.Temp() != (tc.expiresIn > 0) || sk.Temp() != ck.Temp() {
				t.Fatalf("temp: client %v server %v", ck.Temp(), sk.Temp())
			}
			if ck.Temp() && ck.ExpiresAt.Sub(sk.ExpiresAt).Abs() > 2*time.Second {
				t.Fatalf("expiry: client %v server %v", ck.ExpiresAt, sk.ExpiresAt)
			}
		})
	}
}

func TestExchangeRetry(t *testing.T) {
	key := testKey(t)
	collisions := 2
	ck, sk, cerr, serr := runExchange(t,
		ClientConfig{PublicKeys: []*rsa.PublicKey{&key.PublicKey}, DC: 1},
		ServerConfig{Keys: []*rsa.PrivateKey{key}, DC: 1, KeyInUse: func([8]byte) bool {
			collisions--
			return collisions >= 0
		}}, nil)
	if cerr != nil || serr != nil || ck.AuthKey.ID() != sk.AuthKey.ID() {
		t.Fatalf("client %v, server %v", cerr, serr)
	}
}

func TestTimeOffset(t *testing.T) {
	key := testKey(t)
	skew := 10 * time.Minute
	ck, _, cerr, serr := runExchange(t,
		ClientConfig{PublicKeys: []*rsa.PublicKey{&key.PublicKey}, DC: 1, Now: func() time.Time { return time.Now().Add(-skew) }},
		ServerConfig{Keys: []*rsa.PrivateKey{key}, DC: 1}, nil)
	if cerr != nil || serr != nil {
		t.Fatal(cerr, serr)
	}
	if d := ck.TimeOffset - skew; d.Abs() > 2*time.Second {
		t.Fatalf("offset %v, want about %v", ck.TimeOffset, skew)
	}
}

// reencryptInner lets a test play a malicious server: it rewrites
// server_DH_inner_data inside a valid server_DH_params_ok.
func reencryptInner(t *testing.T, s *ServerExchange, reply []byte, edit func(*mt.ServerDHInnerData)) []byte {
	msgID, body, err := decodePlain(reply)
	if err != nil {
		t.Fatal(err)
	}
	var ok mt.ServerDHParamsOk
	if err := tl.DecodeBoxed(body, &ok); err != nil {
		t.Fatal(err)
	}
	var inner mt.ServerDHInnerData
	if err := decryptWithHash(s.tmpKey, s.tmpIV, ok.EncryptedAnswer, &inner, "test"); err != nil {
		t.Fatal(err)
	}
	edit(&inner)
	ok.EncryptedAnswer, err = encryptWithHash(s.tmpKey, s.tmpIV, mustEncode(t, &inner), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	out, err := encodePlain(msgID, &ok)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func rewrite(t *testing.T, reply []byte, o tl.Object, edit func()) []byte {
	msgID, body, err := decodePlain(reply)
	if err != nil {
		t.Fatal(err)
	}
	d := tl.NewDecoder(body)
	if ans, ok := o.(*answerHolder); ok {
		ans.v = mt.DecodeSetClientDHParamsAnswer(d)
		edit()
		out, _ := encodePlain(msgID, ans.v)
		return out
	}
	tl.DecodeInto(d, o)
	edit()
	out, err := encodePlain(msgID, o)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// answerHolder lets rewrite edit a Set_client_DH_params_answer.
type answerHolder struct {
	mt.DHGenOk
	v mt.SetClientDHParamsAnswerClass
}

func TestClientRejectsBadServer(t *testing.T) {
	key := testKey(t)
	other, _ := rsa.GenerateKey(rand.Reader, 1024)
	p := crypto.TelegramDHPrime()
	notSafe, err := rand.Prime(rand.Reader, 2048) // a 2048-bit prime; (p-1)/2 is almost surely composite
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		tamper func(t *testing.T, step int, s *ServerExchange, reply []byte) []byte
		scfg   func(*ServerConfig)
		check  string
	}{
		{name: "resPQ nonce", check: "nonce", tamper: func(t *testing.T, step int, s *ServerExchange, r []byte) []byte {
			if step != 0 {
				return r
			}
			var res mt.ResPQ
			return rewrite(t, r, &res, func() { res.Nonce[0] ^= 1 })
		}},
		{name: "unknown fingerprint", check: "no known RSA key", scfg: func(c *ServerConfig) { c.Keys = []*rsa.PrivateKey{other} }},
		{name: "pq not a product of two primes", check: "pq", tamper: func(t *testing.T, step int, s *ServerExchange, r []byte) []byte {
			if step != 0 {
				return r
			}
			var res mt.ResPQ
			return rewrite(t, r, &res, func() { res.PQ = []byte{0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff} })
		}},
		{name: "server_DH_params server_nonce", check: "server_nonce", tamper: func(t *testing.T, step int, s *ServerExchange, r []byte) []byte {
			if step != 1 {
				return r
			}
			var ok mt.ServerDHParamsOk
			return rewrite(t, r, &ok, func() { ok.ServerNonce[3] ^= 0x80 })
		}},
		{name: "encrypted answer hash", check: "SHA1 hash mismatch", tamper: func(t *testing.T, step int, s *ServerExchange, r []byte) []byte {
			if step != 1 {
				return r
			}
			var ok mt.ServerDHParamsOk
			return rewrite(t, r, &ok, func() { ok.EncryptedAnswer[len(ok.EncryptedAnswer)-1] ^= 1 })
		}},
		{name: "inner nonce", check: "nonce", tamper: func(t *testing.T, step int, s *ServerExchange, r []byte) []byte {
			if step != 1 {
				return r
			}
			return reencryptInner(t, s, r, func(in *mt.ServerDHInnerData) { in.Nonce[15] ^= 1 })
		}},
		{name: "dh_prime prime but not safe", check: "dh_prime/g", tamper: func(t *testing.T, step int, s *ServerExchange, r []byte) []byte {
			if step != 1 {
				return r
			}
			return reencryptInner(t, s, r, func(in *mt.ServerDHInnerData) { in.DHPrime = notSafe.Bytes() })
		}},
		{name: "dh_prime minus 2", check: "dh_prime/g", tamper: func(t *testing.T, step int, s *ServerExchange, r []byte) []byte {
			if step != 1 {
				return r
			}
			return reencryptInner(t, s, r, func(in *mt.ServerDHInnerData) { in.DHPrime = new(big.Int).Sub(p, big.NewInt(2)).Bytes() })
		}},
		{name: "g = 8", check: "dh_prime/g", tamper: func(t *testing.T, step int, s *ServerExchange, r []byte) []byte {
			if step != 1 {
				return r
			}
			return reencryptInner(t, s, r, func(in *mt.ServerDHInnerData) { in.G = 8 })
		}},
		{name: "g_a = 2", check: "g_a", tamper: func(t *testing.T, step int, s *ServerExchange, r []byte) []byte {
			if step != 1 {
				return r
			}
			return reencryptInner(t, s, r, func(in *mt.ServerDHInnerData) { in.GA = []byte{2} })
		}},
		{name: "g_a = p - 1", check: "g_a", tamper: func(t *testing.T, step int, s *ServerExchange, r []byte) []byte {
			if step != 1 {
				return r
			}
			return reencryptInner(t, s, r, func(in *mt.ServerDHInnerData) { in.GA = new(big.Int).Sub(p, big.NewInt(1)).Bytes() })
		}},
		{name: "new_nonce_hash1", check: "new_nonce_hash1", tamper: func(t *testing.T, step int, s *ServerExchange, r []byte) []byte {
			if step != 2 {
				return r
			}
			var a answerHolder
			return rewrite(t, r, &a, func() { a.v.(*mt.DHGenOk).NewNonceHash1[0] ^= 1 })
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			scfg := ServerConfig{Keys: []*rsa.PrivateKey{key}, DC: 1}
			if tc.scfg != nil {
				tc.scfg(&scfg)
			}
			var tamper func(int, *ServerExchange, []byte) []byte
			if tc.tamper != nil {
				tamper = func(step int, s *ServerExchange, r []byte) []byte { return tc.tamper(t, step, s, r) }
			}
			ck, _, cerr, _ := runExchange(t, ClientConfig{PublicKeys: []*rsa.PublicKey{&key.PublicKey}, DC: 1}, scfg, tamper)
			if ck != nil || cerr == nil {
				t.Fatalf("client accepted the exchange")
			}
			if tc.check != "no known RSA key" && !errors.Is(cerr, ErrSecurity) {
				t.Fatalf("error %v does not match ErrSecurity", cerr)
			}
			if !strings.Contains(cerr.Error(), tc.check) {
				t.Fatalf("error %q, want it to name %q", cerr, tc.check)
			}
		})
	}
}

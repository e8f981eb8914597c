package handshake

import (
	"bytes"
	cryptorand "crypto/rand"
	"crypto/rsa"
	"encoding/binary"
	"fmt"
	"io"
	"math/big"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

var cryptoRand io.Reader = cryptorand.Reader

// ServerConfig configures the server side.
type ServerConfig struct {
	// Keys are the server's RSA keys; resPQ lists their fingerprints.
	Keys []*rsa.PrivateKey
	// DC is this server's DC id. The client's p_q_inner_data_dc must name it
	// (as is, +10000 for a test DC, or negated for a media DC).
	DC int
	// DHPrime and G are the DH group; nil and 0 mean Telegram's 2048-bit
	// prime and g = 3.
	DHPrime *big.Int
	G       int
	// MaxExpiresIn bounds the lifetime a client may ask for a temporary
	// key; 0 means any positive lifetime.
	MaxExpiresIn time.Duration
	// KeyInUse reports whether an auth_key_id is taken; a new key that
	// collides gets dh_gen_retry. Nil means never.
	KeyInUse func(id [8]byte) bool
	// Random is the randomness source; nil means crypto/rand.
	Random io.Reader
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// A ServerExchange is the server's state for the exchange on one
// connection.
type ServerExchange struct {
	cfg         ServerConfig
	random      io.Reader
	dhPrime     *big.Int
	g           int
	nonce       tl.Int128
	serverNonce tl.Int128
	newNonce    tl.Int256
	p, q        []byte
	pq          []byte
	key         *rsa.PrivateKey
	expiresIn   time.Duration
	tmpKey      [32]byte
	tmpIV       [32]byte
	a           *big.Int
	retryID     int64
	ids         msgIDs
	step        int
}

// NewServerExchange returns the server side of one exchange.
func NewServerExchange(cfg ServerConfig) *ServerExchange {
	s := &ServerExchange{cfg: cfg, random: randomOr(cfg.Random), dhPrime: cfg.DHPrime, g: cfg.G}
	if s.dhPrime == nil {
		s.dhPrime = crypto.TelegramDHPrime()
	}
	if s.g == 0 {
		s.g = 3
	}
	s.ids.kind = 1
	return s
}

func (s *ServerExchange) now() time.Time {
	if s.cfg.Now != nil {
		return s.cfg.Now()
	}
	return time.Now()
}

// Done reports whether the exchange has produced a key.
func (s *ServerExchange) Done() bool { return s.step == 3 && s.a == nil }

// HandleFrame takes one unencrypted message from the client and returns the
// unencrypted reply, plus the key once the exchange succeeds. Any error means
// the connection must be dropped.
func (s *ServerExchange) HandleFrame(frame []byte) (reply []byte, key *Key, err error) {
	msgID, body, err := decodePlain(frame)
	if err != nil {
		return nil, nil, err
	}
	if msgID%4 != 0 {
		return nil, nil, &CheckError{Check: "msg_id", Detail: fmt.Sprintf("client msg_id %d is not divisible by 4", msgID)}
	}
	d := tl.NewDecoder(body)
	id := d.ID()
	var answer tl.Object
	switch id {
	case mt.ReqPQMultiRequestTypeID:
		var req mt.ReqPQMultiRequest
		if err := tl.DecodeBoxed(body, &req); err != nil {
			return nil, nil, &CheckError{Check: "req_pq_multi", Err: err}
		}
		answer, err = s.HandleReqPQ(&req)
	case mt.ReqDHParamsRequestTypeID:
		var req mt.ReqDHParamsRequest
		if err := tl.DecodeBoxed(body, &req); err != nil {
			return nil, nil, &CheckError{Check: "req_DH_params", Err: err}
		}
		answer, err = s.HandleReqDHParams(&req)
	case mt.SetClientDHParamsRequestTypeID:
		var req mt.SetClientDHParamsRequest
		if err := tl.DecodeBoxed(body, &req); err != nil {
			return nil, nil, &CheckError{Check: "set_client_DH_params", Err: err}
		}
		answer, key, err = s.HandleSetClientDHParams(&req)
	default:
		return nil, nil, &CheckError{Check: "unencrypted message", Detail: fmt.Sprintf("unexpected constructor #%08x", id)}
	}
	if err != nil {
		return nil, nil, err
	}
	reply, err = encodePlain(s.ids.next(s.now()), answer)
	return reply, key, err
}

func (s *ServerExchange) expect(step int, what string) error {
	if s.step != step {
		return &CheckError{Check: "order", Detail: fmt.Sprintf("%s at step %d", what, s.step)}
	}
	return nil
}

// HandleReqPQ answers req_pq_multi with a fresh server_nonce, a pq made of
// two random 31-bit primes and the fingerprints of the server's keys.
func (s *ServerExchange) HandleReqPQ(req *mt.ReqPQMultiRequest) (*mt.ResPQ, error) {
	if err := s.expect(0, "req_pq_multi"); err != nil {
		return nil, err
	}
	s.nonce = req.Nonce
	if _, err := io.ReadFull(s.random, s.serverNonce[:]); err != nil {
		return nil, err
	}
	p, q, err := pqPrimes(s.random)
	if err != nil {
		return nil, err
	}
	s.p, s.q = bigEndian(p), bigEndian(q)
	s.pq = bigEndian(p * q)
	res := &mt.ResPQ{Nonce: s.nonce, ServerNonce: s.serverNonce, PQ: s.pq}
	for _, k := range s.cfg.Keys {
		res.ServerPublicKeyFingerprints = append(res.ServerPublicKeyFingerprints, crypto.Fingerprint(&k.PublicKey))
	}
	s.step = 1
	return res, nil
}

// pqPrimes returns two distinct primes in [2^30, 2^31), smaller first.
func pqPrimes(random io.Reader) (p, q uint64, err error) {
	draw := func() (uint64, error) {
		for {
			var b [4]byte
			if _, err := io.ReadFull(random, b[:]); err != nil {
				return 0, err
			}
			v := uint64(binary.BigEndian.Uint32(b[:])&0x3fffffff | 0x40000001)
			if big.NewInt(int64(v)).ProbablyPrime(20) {
				return v, nil
			}
		}
	}
	for p == q {
		if p, err = draw(); err != nil {
			return 0, 0, err
		}
		if q, err = draw(); err != nil {
			return 0, 0, err
		}
	}
	return min(p, q), max(p, q), nil
}

// HandleReqDHParams checks req_DH_params and the RSA-encrypted inner data
// (which must repeat pq, p, q and both nonces and name this DC), then
// answers with the encrypted server_DH_inner_data.
func (s *ServerExchange) HandleReqDHParams(req *mt.ReqDHParamsRequest) (*mt.ServerDHParamsOk, error) {
	if err := s.expect(1, "req_DH_params"); err != nil {
		return nil, err
	}
	if err := checkNonce("nonce", req.Nonce[:], s.nonce[:]); err != nil {
		return nil, err
	}
	if err := checkNonce("server_nonce", req.ServerNonce[:], s.serverNonce[:]); err != nil {
		return nil, err
	}
	if !bytes.Equal(req.P, s.p) || !bytes.Equal(req.Q, s.q) {
		return nil, &CheckError{Check: "p, q", Detail: "do not factorise the pq sent"}
	}
	for _, k := range s.cfg.Keys {
		if crypto.Fingerprint(&k.PublicKey) == req.PublicKeyFingerprint {
			s.key = k
		}
	}
	if s.key == nil {
		return nil, &CheckError{Check: "public_key_fingerprint", Detail: fmt.Sprintf("%d is not a key of this server", req.PublicKeyFingerprint)}
	}
	data, err := crypto.RSAUnpad(s.key, req.EncryptedData)
	if err != nil {
		return nil, &CheckError{Check: "encrypted_data", Err: err}
	}
	d := tl.NewDecoder(data)
	inner := mt.DecodePQInnerData(d)
	if d.Err() != nil {
		return nil, &CheckError{Check: "p_q_inner_data", Err: d.Err()}
	}
	var pq, p, q []byte
	var nonce, serverNonce tl.Int128
	var dc int32
	switch in := inner.(type) {
	case *mt.PQInnerDataDC:
		pq, p, q, nonce, serverNonce, s.newNonce, dc = in.PQ, in.P, in.Q, in.Nonce, in.ServerNonce, in.NewNonce, in.DC
	case *mt.PQInnerDataTempDC:
		pq, p, q, nonce, serverNonce, s.newNonce, dc = in.PQ, in.P, in.Q, in.Nonce, in.ServerNonce, in.NewNonce, in.DC
		s.expiresIn = time.Duration(in.ExpiresIn) * time.Second
		if in.ExpiresIn <= 0 || s.cfg.MaxExpiresIn > 0 && s.expiresIn > s.cfg.MaxExpiresIn {
			return nil, &CheckError{Check: "expires_in", Detail: fmt.Sprintf("%d seconds", in.ExpiresIn)}
		}
	}
	if !bytes.Equal(pq, s.pq) || !bytes.Equal(p, s.p) || !bytes.Equal(q, s.q) {
		return nil, &CheckError{Check: "p_q_inner_data", Detail: "pq, p or q differ from the request"}
	}
	if err := checkNonce("nonce", nonce[:], s.nonce[:]); err != nil {
		return nil, err
	}
	if err := checkNonce("server_nonce", serverNonce[:], s.serverNonce[:]); err != nil {
		return nil, err
	}
	if s.cfg.DC != 0 && !sameDC(int(dc), s.cfg.DC) {
		return nil, &CheckError{Check: "dc", Detail: fmt.Sprintf("client asked for dc %d, this is dc %d", dc, s.cfg.DC)}
	}
	a, ga, err := crypto.GenerateDH(s.random, s.g, s.dhPrime)
	if err != nil {
		return nil, err
	}
	s.a = a
	answer, err := tl.Encode(&mt.ServerDHInnerData{
		Nonce: s.nonce, ServerNonce: s.serverNonce, G: int32(s.g),
		DHPrime: s.dhPrime.Bytes(), GA: ga.Bytes(), ServerTime: int32(s.now().Unix()),
	})
	if err != nil {
		return nil, err
	}
	s.tmpKey, s.tmpIV = crypto.TmpAESKeyIV(s.newNonce, s.serverNonce)
	encrypted, err := encryptWithHash(s.tmpKey, s.tmpIV, answer, s.random)
	if err != nil {
		return nil, err
	}
	s.step = 2
	return &mt.ServerDHParamsOk{Nonce: s.nonce, ServerNonce: s.serverNonce, EncryptedAnswer: encrypted}, nil
}

// sameDC accepts a DC id as is, as a test DC (+10000) or as a media DC
// (negative), which is how clients write it.
func sameDC(got, dc int) bool {
	if got < 0 {
		got = -got
	}
	return got == dc || got == dc+10000
}

// HandleSetClientDHParams checks client_DH_inner_data (hash, nonces,
// retry_id, g_b), computes the key and answers dh_gen_ok, or dh_gen_retry
// if KeyInUse reports a collision.
func (s *ServerExchange) HandleSetClientDHParams(req *mt.SetClientDHParamsRequest) (mt.SetClientDHParamsAnswerClass, *Key, error) {
	if err := s.expect(2, "set_client_DH_params"); err != nil {
		return nil, nil, err
	}
	if err := checkNonce("nonce", req.Nonce[:], s.nonce[:]); err != nil {
		return nil, nil, err
	}
	if err := checkNonce("server_nonce", req.ServerNonce[:], s.serverNonce[:]); err != nil {
		return nil, nil, err
	}
	var inner mt.ClientDHInnerData
	if err := decryptWithHash(s.tmpKey, s.tmpIV, req.EncryptedData, &inner, "client_DH_inner_data"); err != nil {
		return nil, nil, err
	}
	if err := checkNonce("nonce", inner.Nonce[:], s.nonce[:]); err != nil {
		return nil, nil, err
	}
	if err := checkNonce("server_nonce", inner.ServerNonce[:], s.serverNonce[:]); err != nil {
		return nil, nil, err
	}
	if inner.RetryID != s.retryID {
		return nil, nil, &CheckError{Check: "retry_id", Detail: fmt.Sprintf("got %d, want %d", inner.RetryID, s.retryID)}
	}
	// The same range check the client makes on g_a applies to g_b
	// (core.telegram.org/mtproto/security_guidelines).
	gb := new(big.Int).SetBytes(inner.GB)
	authKey, err := crypto.ComputeAuthKey(gb, s.a, s.dhPrime)
	if err != nil {
		return nil, nil, &CheckError{Check: "g_b", Err: err}
	}
	if s.cfg.KeyInUse != nil && s.cfg.KeyInUse(authKey.ID()) {
		aux := authKey.AuxHash()
		s.retryID = int64(binary.LittleEndian.Uint64(aux[:]))
		return &mt.DHGenRetry{Nonce: s.nonce, ServerNonce: s.serverNonce,
			NewNonceHash2: crypto.NewNonceHash(s.newNonce, authKey, 2)}, nil, nil
	}
	key := &Key{AuthKey: authKey, ServerSalt: FirstSalt(s.newNonce, s.serverNonce)}
	if s.expiresIn > 0 {
		key.ExpiresAt = s.now().Add(s.expiresIn).Truncate(time.Second)
	}
	s.step, s.a = 3, nil
	return &mt.DHGenOk{Nonce: s.nonce, ServerNonce: s.serverNonce,
		NewNonceHash1: crypto.NewNonceHash(s.newNonce, authKey, 1)}, key, nil
}

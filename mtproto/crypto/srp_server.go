package crypto

import (
	"crypto/subtle"
	"errors"
	"io"
	"math/big"
)

// An SRPServer is the server half of one SRP password check, for test
// servers: it holds the verifier v = g^x mod p stored when the password
// was set, publishes srp_B and verifies the client's answer. Its modular
// exponentiations are not constant-time.
type SRPServer struct {
	params   SRPParams
	p, g, v  *big.Int
	b, gB    *big.Int
	pB, gPad []byte
}

// NewSRPServer starts a password check against the verifier v (the
// new_password_hash the client sent) and draws the secret b from random.
// Its srp_B is
//
//	g_b := (k_v + (pow(g, b) mod p)) mod p
//
// with k_v := (k * v) mod p and k := H(p | g).
func NewSRPServer(params *SRPParams, v []byte, random io.Reader) (*SRPServer, error) {
	p, g, err := params.check()
	if err != nil {
		return nil, err
	}
	s := &SRPServer{
		params: *params,
		p:      p,
		g:      g,
		v:      new(big.Int).SetBytes(v),
		pB:     pad2048(p),
		gPad:   pad2048(g),
	}
	if s.v.Cmp(p) >= 0 {
		return nil, &DHError{Check: "v >= p", Err: ErrDHRange}
	}
	k := new(big.Int).SetBytes(hashAll(s.pB, s.gPad))
	kv := new(big.Int).Mul(k, s.v)
	kv.Mod(kv, p)
	buf := make([]byte, dhPrimeBits/8)
	for range 64 {
		if _, err := io.ReadFull(random, buf); err != nil {
			return nil, err
		}
		b := new(big.Int).SetBytes(buf)
		gB := new(big.Int).Exp(g, b, p)
		gB.Add(gB, kv).Mod(gB, p)
		// The client checks srp_B like g_b; never send one it refuses.
		if CheckGA(gB, p) == nil {
			s.b, s.gB = b, gB
			return s, nil
		}
	}
	return nil, errors.New("crypto: no good srp exponent in 64 draws; is the random source broken?")
}

// SRPB returns srp_B, 256 bytes, for account.password.
func (s *SRPServer) SRPB() []byte { return pad2048(s.gB) }

// Verify checks the client's answer. A bad A is a *DHError; a wrong
// password is a *SecurityError wrapping ErrSRP. The server computes
//
//	s_b := pow(g_a * (pow(v, u) mod p), b) mod p
//	M2 := H(H(p) xor H(g) | H(salt1) | H(salt2) | g_a | g_b | H(s_b))
//
// and compares M2 with M1 in constant time.
func (s *SRPServer) Verify(ans *SRPAnswer) error {
	gA := new(big.Int).SetBytes(ans.A)
	if err := CheckGA(gA, s.p); err != nil {
		return err
	}
	aBytes, bBytes := pad2048(gA), pad2048(s.gB)
	u := new(big.Int).SetBytes(hashAll(aBytes, bBytes))
	if u.Sign() == 0 {
		return &SecurityError{Check: "srp", Err: ErrSRP}
	}
	base := new(big.Int).Exp(s.v, u, s.p)
	base.Mul(base, gA).Mod(base, s.p)
	sb := new(big.Int).Exp(base, s.b, s.p)
	m2 := srpProof(s.pB, s.gPad, s.params.Salt1, s.params.Salt2, aBytes, bBytes, hashAll(pad2048(sb)))
	if subtle.ConstantTimeCompare(m2, ans.M1) != 1 {
		return &SecurityError{Check: "srp", Err: ErrSRP}
	}
	return nil
}

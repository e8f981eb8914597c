package crypto

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"io"
	"math/big"
)

// SRP for two-factor passwords, as on https://core.telegram.org/api/srp
// for passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow.
// "In all cases where concatenation of numbers passed to hashing functions
// is done, the numbers must be used in big-endian form, padded to 2048
// bits; all math is modulo p."

// srpIterations is the PBKDF2 iteration count of the algorithm's name.
const srpIterations = 100000

// SRPParams are the fields of a
// passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow.
type SRPParams struct {
	Salt1 []byte
	Salt2 []byte
	G     int
	P     []byte // big-endian 2048-bit safe prime
}

// An SRPAnswer proves knowledge of a password: the A (256 bytes) and M1
// (32 bytes) fields of inputCheckPasswordSRP.
type SRPAnswer struct {
	A  []byte
	M1 []byte
}

// check validates p and g like DH parameters and returns them as numbers:
// "The client is expected to check whether p is a safe 2048-bit prime [...]
// and that g generates a cyclic subgroup of prime order (p-1)/2 [...]. This
// cache might be shared with one used for Authorization Key generation."
func (sp *SRPParams) check() (p, g *big.Int, err error) {
	p = new(big.Int).SetBytes(sp.P)
	if err := CheckDHParams(p, sp.G); err != nil {
		return nil, nil, err
	}
	return p, big.NewInt(int64(sp.G)), nil
}

// PasswordHash returns x = PH2(password, salt1, salt2), 32 bytes, where
//
//	SH(data, salt) := H(salt | data | salt)
//	PH1(password, salt1, salt2) := SH(SH(password, salt1), salt2)
//	PH2(password, salt1, salt2) := SH(pbkdf2(sha512, PH1(password, salt1, salt2), salt1, 100000), salt2)
//
// It takes some 100ms. An error comes only from crypto/pbkdf2 refusing
// its input in FIPS 140-only mode.
func PasswordHash(password, salt1, salt2 []byte) ([]byte, error) {
	ph1 := sh(sh(password, salt1), salt2)
	k, err := pbkdf2.Key(sha512.New, string(ph1), salt1, srpIterations, sha512.Size)
	if err != nil {
		return nil, fmt.Errorf("crypto: hashing password: %w", err)
	}
	return sh(k, salt2), nil
}

func sh(data, salt []byte) []byte {
	h := sha256.New()
	h.Write(salt)
	h.Write(data)
	h.Write(salt)
	return h.Sum(nil)
}

// PasswordSRP computes the answer to send in inputCheckPasswordSRP for
// password, given the algorithm parameters and srp_B of account.password.
// It checks p and g with CheckDHParams and srp_B with CheckGA, and draws
// the secret 2048-bit a from random.
func PasswordSRP(password []byte, params *SRPParams, srpB []byte, random io.Reader) (*SRPAnswer, error) {
	p, g, err := params.check()
	if err != nil {
		return nil, err
	}
	gB := new(big.Int).SetBytes(srpB)
	if err := CheckGA(gB, p); err != nil {
		return nil, err
	}
	xb, err := PasswordHash(password, params.Salt1, params.Salt2)
	if err != nil {
		return nil, err
	}
	x := new(big.Int).SetBytes(xb)
	buf := make([]byte, dhPrimeBits/8)
	for range 64 {
		if _, err := io.ReadFull(random, buf); err != nil {
			return nil, err
		}
		a := new(big.Int).SetBytes(buf)
		ans, err := srpAnswer(p, g, params.Salt1, params.Salt2, x, gB, a)
		if err != nil {
			return nil, err
		}
		// g_a must pass the server's range check too.
		if CheckGA(new(big.Int).SetBytes(ans.A), p) == nil {
			return ans, nil
		}
	}
	return nil, errors.New("crypto: no good srp exponent in 64 draws; is the random source broken?")
}

// srpAnswer is the client side of SRP without parameter checks.
func srpAnswer(p, g *big.Int, salt1, salt2 []byte, x, gB, a *big.Int) (*SRPAnswer, error) {
	pb, gbPad := pad2048(p), pad2048(g)
	// k := H(p | g)
	k := new(big.Int).SetBytes(hashAll(pb, gbPad))
	// g_a := pow(g, a) mod p
	gA := new(big.Int).Exp(g, a, p)
	aBytes, bBytes := pad2048(gA), pad2048(gB)
	// u := H(g_a | g_b)
	u := new(big.Int).SetBytes(hashAll(aBytes, bBytes))
	if u.Sign() == 0 {
		return nil, &SecurityError{Check: "srp", Err: ErrSRP}
	}
	// v := pow(g, x) mod p; k_v := (k * v) mod p
	v := new(big.Int).Exp(g, x, p)
	kv := v.Mul(k, v).Mod(v, p)
	// t := (g_b - k_v) mod p (positive modulo)
	t := new(big.Int).Sub(gB, kv)
	t.Mod(t, p)
	// s_a := pow(t, a + u * x) mod p
	e := new(big.Int).Mul(u, x)
	e.Add(e, a)
	s := new(big.Int).Exp(t, e, p)
	// k_a := H(s_a)
	key := hashAll(pad2048(s))
	m1 := srpProof(pb, gbPad, salt1, salt2, aBytes, bBytes, key)
	return &SRPAnswer{A: aBytes, M1: m1}, nil
}

// srpProof returns M1 := H(H(p) xor H(g) | H(salt1) | H(salt2) | g_a | g_b | k_a).
func srpProof(p, g, salt1, salt2, gA, gB, key []byte) []byte {
	hp, hg := sha256.Sum256(p), sha256.Sum256(g)
	for i := range hp {
		hp[i] ^= hg[i]
	}
	h1, h2 := sha256.Sum256(salt1), sha256.Sum256(salt2)
	return hashAll(hp[:], h1[:], h2[:], gA, gB, key)
}

// NewPasswordHash prepares a new password for
// account.updatePasswordSettings: "just append 32 sufficiently random bytes
// to the salt1, first. Proceed as for checking passwords with SRP, just stop
// at the generation of the v parameter, and use it as new_password_hash".
// It returns the new salt1, to send in the new algorithm, and
// v = g^x mod p as 256 bytes.
func NewPasswordHash(password []byte, params *SRPParams, random io.Reader) (salt1, hash []byte, err error) {
	p, g, err := params.check()
	if err != nil {
		return nil, nil, err
	}
	salt1 = make([]byte, len(params.Salt1)+32)
	copy(salt1, params.Salt1)
	if _, err := io.ReadFull(random, salt1[len(params.Salt1):]); err != nil {
		return nil, nil, err
	}
	x, err := PasswordHash(password, salt1, params.Salt2)
	if err != nil {
		return nil, nil, err
	}
	v := new(big.Int).Exp(g, new(big.Int).SetBytes(x), p)
	return salt1, pad2048(v), nil
}

func pad2048(x *big.Int) []byte { return x.FillBytes(make([]byte, dhPrimeBits/8)) }

func hashAll(parts ...[]byte) []byte {
	h := sha256.New()
	for _, b := range parts {
		h.Write(b)
	}
	return h.Sum(nil)
}

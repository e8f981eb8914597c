package crypto

import (
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"encoding/binary"
	"encoding/pem"
	"fmt"
	"math/big"
)

// ParseRSAPublicKey parses the first PEM block of data, either a PKCS #1
// "RSA PUBLIC KEY" (the form Telegram publishes) or a PKIX "PUBLIC KEY"
// holding an RSA key.
func ParseRSAPublicKey(data []byte) (*rsa.PublicKey, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("crypto: no PEM block: %w", ErrRSAKey)
	}
	return parseRSABlock(block)
}

// ParseRSAPublicKeys parses every PEM block of data as ParseRSAPublicKey
// does, for files that list several server keys.
func ParseRSAPublicKeys(data []byte) ([]*rsa.PublicKey, error) {
	var keys []*rsa.PublicKey
	for {
		block, rest := pem.Decode(data)
		if block == nil {
			break
		}
		k, err := parseRSABlock(block)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
		data = rest
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("crypto: no PEM block: %w", ErrRSAKey)
	}
	return keys, nil
}

func parseRSABlock(block *pem.Block) (*rsa.PublicKey, error) {
	switch block.Type {
	case "RSA PUBLIC KEY":
		k, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("crypto: parsing PKCS #1 key: %w: %w", ErrRSAKey, err)
		}
		return k, nil
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("crypto: parsing PKIX key: %w: %w", ErrRSAKey, err)
		}
		rk, ok := k.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("crypto: PKIX key is %T, not RSA: %w", k, ErrRSAKey)
		}
		return rk, nil
	}
	return nil, fmt.Errorf("crypto: PEM block type %q is not an RSA public key: %w", block.Type, ErrRSAKey)
}

// Fingerprint returns the fingerprint by which resPQ and req_DH_params name
// a server key: the 64 lower-order bits of SHA1 of the key serialized as
// the bare TL type "rsa_public_key n:string e:string", read as a TL long
// (little-endian).
func Fingerprint(pub *rsa.PublicKey) int64 {
	b := appendTLBytes(nil, pub.N.Bytes())
	b = appendTLBytes(b, big.NewInt(int64(pub.E)).Bytes())
	h := sha1.Sum(b)
	return int64(binary.LittleEndian.Uint64(h[12:20]))
}

// appendTLBytes appends b serialized as a TL string: a length of one byte
// (below 254) or of 0xfe and three little-endian bytes, the bytes, then
// zeros up to a multiple of 4.
func appendTLBytes(dst, b []byte) []byte {
	n := len(b)
	if n < 254 {
		dst = append(dst, byte(n))
		n++
	} else {
		dst = append(dst, 254, byte(n), byte(n>>8), byte(n>>16))
		n += 4
	}
	dst = append(dst, b...)
	for ; n%4 != 0; n++ {
		dst = append(dst, 0)
	}
	return dst
}

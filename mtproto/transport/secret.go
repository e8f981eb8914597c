package transport

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// SecretKind classifies an MTProxy secret by its length and first byte.
type SecretKind uint8

const (
	// SecretSimple is a plain 16-byte secret; any tagged transport works.
	SecretSimple SecretKind = iota + 1
	// SecretPadded is 0xdd (or 0xee) and 16 bytes: the client must use the
	// padded intermediate transport ("secure" mode).
	SecretPadded
	// SecretFakeTLS is 0xee, 16 bytes and a domain name: the connection
	// imitates TLS. Parsed, but not implemented: using it gives ErrFakeTLS.
	SecretFakeTLS
)

// String returns the kind's name.
func (k SecretKind) String() string {
	switch k {
	case SecretSimple:
		return "simple"
	case SecretPadded:
		return "padded"
	case SecretFakeTLS:
		return "fake-TLS"
	}
	return "invalid"
}

// A Secret is an MTProxy secret: 16 key bytes and how to use them.
type Secret struct {
	Kind   SecretKind
	Key    [16]byte // mixed into both obfuscation keys: SHA256(key || Key)
	Domain string   // fake TLS only
}

// ParseSecret parses a secret as distributed in proxy links: hex, or
// base64 (URL or standard alphabet, as fake-TLS links use).
func ParseSecret(s string) (Secret, error) {
	if b, err := hex.DecodeString(s); err == nil {
		return NewSecret(b)
	}
	s = strings.TrimRight(s, "=")
	for _, enc := range []*base64.Encoding{base64.RawURLEncoding, base64.RawStdEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return NewSecret(b)
		}
	}
	return Secret{}, fmt.Errorf("%w: neither hex nor base64", ErrInvalidSecret)
}

// NewSecret classifies raw secret bytes: 16 bytes are a simple secret;
// 0xdd or 0xee and 16 bytes a padded one; 0xee, 16 bytes and a domain a
// fake-TLS one. The spec asks clients to use padded intermediate for any
// 17-byte secret, but only dd and ee prefixes are seen in practice, and
// others are refused as gotd's mtproxy.ParseSecret refuses them.
func NewSecret(b []byte) (Secret, error) {
	var s Secret
	switch {
	case len(b) == 16:
		s.Kind = SecretSimple
		copy(s.Key[:], b)
	case len(b) == 17 && (b[0] == 0xdd || b[0] == 0xee):
		s.Kind = SecretPadded
		copy(s.Key[:], b[1:])
	case len(b) > 17 && b[0] == 0xee:
		s.Kind = SecretFakeTLS
		copy(s.Key[:], b[1:17])
		s.Domain = string(b[17:])
	default:
		return Secret{}, fmt.Errorf("%w: %d bytes", ErrInvalidSecret, len(b))
	}
	return s, nil
}

// String describes the secret without revealing its key, so that logging
// one is harmless.
func (s Secret) String() string {
	if s.Kind == SecretFakeTLS {
		return "MTProxy secret (fake-TLS, " + s.Domain + ")"
	}
	return "MTProxy secret (" + s.Kind.String() + ")"
}

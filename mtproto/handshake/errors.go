package handshake

import (
	"encoding/hex"
	"errors"
	"fmt"
)

// ErrSecurity is matched (errors.Is) by every failed check of the exchange.
var ErrSecurity = errors.New("handshake: security check failed")

// ErrDHFail is returned when the server answers dh_gen_fail.
var ErrDHFail = errors.New("handshake: server answered dh_gen_fail")

// ErrTooManyRetries is returned after repeated dh_gen_retry answers.
var ErrTooManyRetries = errors.New("handshake: too many dh_gen_retry answers")

// ErrNoKey is returned when the server offers no RSA key the client knows.
var ErrNoKey = errors.New("handshake: no known RSA key among the server's fingerprints")

// A NonceError reports a nonce, server_nonce or new_nonce hash that differs
// from the expected one.
type NonceError struct {
	Field     string // "nonce", "server_nonce", "new_nonce_hash1"...
	Got, Want []byte
}

func (e *NonceError) Error() string {
	return fmt.Sprintf("handshake: %s mismatch: got %s, want %s", e.Field, hex.EncodeToString(e.Got), hex.EncodeToString(e.Want))
}

// Is makes every NonceError match ErrSecurity.
func (e *NonceError) Is(target error) bool { return target == ErrSecurity }

// A CheckError reports any other failed check: a hash, pq, a DH parameter,
// an unexpected answer.
type CheckError struct {
	Check  string
	Detail string
	Err    error // the underlying error, e.g. a *crypto.DHError
}

func (e *CheckError) Error() string {
	msg := "handshake: " + e.Check
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Is makes every CheckError match ErrSecurity.
func (e *CheckError) Is(target error) bool { return target == ErrSecurity }

func (e *CheckError) Unwrap() error { return e.Err }

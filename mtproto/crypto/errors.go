package crypto

import "errors"

// Sentinel errors. Errors returned by this package wrap one of them, so
// callers can test with errors.Is.
var (
	// ErrAuthKeyIDMismatch means an encrypted message names another auth key.
	ErrAuthKeyIDMismatch = errors.New("crypto: auth_key_id mismatch")
	// ErrMsgKeyMismatch means the msg_key of a message does not match its
	// decrypted contents: the message was corrupted or forged.
	ErrMsgKeyMismatch = errors.New("crypto: msg_key mismatch")
	// ErrPadding means the encrypted data is not a whole number of blocks or
	// its padding is not 12 to 1024 bytes long.
	ErrPadding = errors.New("crypto: invalid padding")
	// ErrMessageLength means the message_data_length field of a message is
	// negative, not a multiple of 4 or larger than the decrypted data.
	ErrMessageLength = errors.New("crypto: invalid message length")

	// ErrDHPrime means dh_prime is not a safe 2048-bit prime.
	ErrDHPrime = errors.New("crypto: bad dh_prime")
	// ErrDHGenerator means g is not in 2..7 or does not generate the
	// subgroup of order (p-1)/2.
	ErrDHGenerator = errors.New("crypto: bad dh generator")
	// ErrDHRange means g_a, g_b or srp_B lies outside the safe range.
	ErrDHRange = errors.New("crypto: dh value out of range")

	// ErrRSAKey means an RSA key is missing, malformed or not 2048 bits.
	ErrRSAKey = errors.New("crypto: bad rsa key")
	// ErrRSAPadData means the data given to RSAPad is longer than 144 bytes.
	ErrRSAPadData = errors.New("crypto: rsa_pad data longer than 144 bytes")
	// ErrRSAPad means an RSA_PAD ciphertext failed to decrypt or verify.
	ErrRSAPad = errors.New("crypto: rsa_pad verification failed")

	// ErrPQ means pq is not the product of two distinct primes.
	ErrPQ = errors.New("crypto: pq is not a product of two distinct primes")

	// ErrSRP means an SRP proof (M1) is wrong: the password does not match.
	ErrSRP = errors.New("crypto: srp proof mismatch")

	// ErrAuthKeySize means an auth key is not 256 bytes long.
	ErrAuthKeySize = errors.New("crypto: auth key is not 256 bytes")
)

// A SecurityError reports a failed check on data received from the other
// side. Check names the check in spec terms ("auth_key_id", "msg_key",
// "padding", "length", "rsa_pad", "srp"); Err is the matching sentinel.
//
// Per the security guidelines, a message that fails any check must be
// discarded whole; no part of it may be used.
type SecurityError struct {
	Check string
	Err   error
}

func (e *SecurityError) Error() string { return e.Err.Error() }

func (e *SecurityError) Unwrap() error { return e.Err }

// A DHError reports a failed Diffie-Hellman parameter check. Check says which
// condition failed, e.g. "p is not prime" or "g_a < 2^1984".
type DHError struct {
	Check string
	Err   error // ErrDHPrime, ErrDHGenerator or ErrDHRange
}

func (e *DHError) Error() string { return e.Err.Error() + ": " + e.Check }

func (e *DHError) Unwrap() error { return e.Err }

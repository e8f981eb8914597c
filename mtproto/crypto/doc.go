// Package crypto implements the cryptographic primitives of MTProto 2.0:
// AES-256-IGE, the auth key and its identifiers, msg_key and the message key
// derivation, the encrypted message envelope, RSA_PAD and server key
// fingerprints, pq factorization, Diffie-Hellman parameter checks and SRP for
// two-factor passwords.
//
// The package performs no I/O. Functions that need randomness take an
// io.Reader, so that tests can replay recorded exchanges; pass crypto/rand.Reader
// in production. Secrets are compared in constant time.
//
// The algorithms follow https://core.telegram.org/mtproto/description,
// https://core.telegram.org/mtproto/auth_key,
// https://core.telegram.org/mtproto/security_guidelines and
// https://core.telegram.org/api/srp.
package crypto

package client

import (
	cryptorand "crypto/rand"
	"errors"
	"fmt"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/tl/api"
)

// Two-step verification (core.telegram.org/api/srp): proving the current
// password and preparing a new one. Both take the account.password of a
// fresh account.getPassword; the password itself never leaves the client.

// ErrNoPassword: PasswordCheck was asked to prove a password on an account
// without one.
var ErrNoPassword = errors.New("client: the account has no password")

// PasswordCheck returns the inputCheckPasswordSRP that proves password
// against pw (the answer of account.getPassword). An account without a
// password is answered inputCheckPasswordEmpty when password is "", and
// ErrNoPassword otherwise. The SRP parameters of the server are checked
// (safe prime, generator, srp_B range).
func PasswordCheck(pw *api.AccountPassword, password string) (api.InputCheckPasswordSRPClass, error) {
	if !pw.HasPassword {
		if password != "" {
			return nil, ErrNoPassword
		}
		return &api.InputCheckPasswordEmpty{}, nil
	}
	algo, ok := pw.CurrentAlgo.(*api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow)
	if !ok {
		return nil, fmt.Errorf("client: unsupported password algorithm %T", pw.CurrentAlgo)
	}
	ans, err := crypto.PasswordSRP([]byte(password), &crypto.SRPParams{Salt1: algo.Salt1, Salt2: algo.Salt2, G: int(algo.G), P: algo.P},
		pw.SrpB, cryptorand.Reader)
	if err != nil {
		return nil, fmt.Errorf("client: checking the server's SRP parameters: %w", err)
	}
	return &api.InputCheckPasswordSRP{SrpID: pw.SrpID.Value, A: ans.A, M1: ans.M1}, nil
}

// NewPasswordHash prepares password as the new password of
// account.updatePasswordSettings: the new_algo to send (pw.new_algo with 32
// random bytes appended to its salt1) and new_password_hash (the SRP
// verifier v = g^x mod p). An empty password removes the password:
// passwordKdfAlgoUnknown and an empty hash.
func NewPasswordHash(pw *api.AccountPassword, password string) (api.PasswordKdfAlgoClass, []byte, error) {
	if password == "" {
		return &api.PasswordKdfAlgoUnknown{}, []byte{}, nil
	}
	algo, ok := pw.NewAlgo.(*api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow)
	if !ok {
		return nil, nil, fmt.Errorf("client: unsupported new password algorithm %T", pw.NewAlgo)
	}
	salt1, hash, err := crypto.NewPasswordHash([]byte(password), &crypto.SRPParams{Salt1: algo.Salt1, Salt2: algo.Salt2, G: int(algo.G), P: algo.P},
		cryptorand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("client: hashing the new password: %w", err)
	}
	return &api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow{Salt1: salt1, Salt2: algo.Salt2, G: algo.G, P: algo.P}, hash, nil
}

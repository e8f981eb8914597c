package client_test

import (
	"bytes"
	cryptorand "crypto/rand"
	"errors"
	"math/big"
	"testing"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// TestPasswordHashAndCheck sets a password as account.updatePasswordSettings
// would (NewPasswordHash), stores its verifier on a server half of SRP, and
// proves it with PasswordCheck: the right password verifies, a wrong one
// does not.
func TestPasswordHashAndCheck(t *testing.T) {
	prime := crypto.TelegramDHPrime().Bytes()
	salt1, salt2 := bytes.Repeat([]byte{1}, 8), bytes.Repeat([]byte{2}, 16)
	pw := &api.AccountPassword{NewAlgo: &api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow{Salt1: salt1, Salt2: salt2, G: 3, P: prime}}

	// No password yet: only the empty password can be proven.
	if in, err := client.PasswordCheck(pw, ""); err != nil || in.TypeName() != "inputCheckPasswordEmpty" {
		t.Fatalf("PasswordCheck without a password: %v, %v", in, err)
	}
	if _, err := client.PasswordCheck(pw, "x"); !errors.Is(err, client.ErrNoPassword) {
		t.Fatalf("PasswordCheck of a password the account lacks: %v", err)
	}

	algoClass, hash, err := client.NewPasswordHash(pw, "hunter2")
	if err != nil {
		t.Fatal(err)
	}
	algo := algoClass.(*api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow)
	// "just append 32 sufficiently random bytes to the salt1"
	if len(algo.Salt1) != len(salt1)+32 || !bytes.HasPrefix(algo.Salt1, salt1) || !bytes.Equal(algo.Salt2, salt2) || algo.G != 3 || !bytes.Equal(algo.P, prime) {
		t.Fatalf("new algo %x %x %d", algo.Salt1, algo.Salt2, algo.G)
	}
	if len(hash) != 256 {
		t.Fatalf("new_password_hash of %d bytes", len(hash))
	}
	// v = g^x mod p with x = PH2(password, salt1, salt2).
	x, err := crypto.PasswordHash([]byte("hunter2"), algo.Salt1, algo.Salt2)
	if err != nil {
		t.Fatal(err)
	}
	params := &crypto.SRPParams{Salt1: algo.Salt1, Salt2: algo.Salt2, G: 3, P: prime}
	srv, err := crypto.NewSRPServer(params, hash, cryptorand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	v := new(big.Int).Exp(big.NewInt(3), new(big.Int).SetBytes(x), new(big.Int).SetBytes(prime))
	if !bytes.Equal(v.FillBytes(make([]byte, 256)), hash) {
		t.Fatal("new_password_hash is not g^x mod p")
	}
	current := &api.AccountPassword{HasPassword: true, CurrentAlgo: algo, SrpB: srv.SRPB(), SrpID: tl.Some(int64(77)), NewAlgo: pw.NewAlgo}
	for _, tc := range []struct {
		password string
		ok       bool
	}{{"hunter2", true}, {"hunter3", false}, {"", false}} {
		in, err := client.PasswordCheck(current, tc.password)
		if err != nil {
			t.Fatal(err)
		}
		srp, ok := in.(*api.InputCheckPasswordSRP)
		if !ok || srp.SrpID != 77 {
			t.Fatalf("%q: %v", tc.password, in)
		}
		if err := srv.Verify(&crypto.SRPAnswer{A: srp.A, M1: srp.M1}); (err == nil) != tc.ok {
			t.Errorf("%q: Verify = %v, want ok=%v", tc.password, err, tc.ok)
		}
	}

	// An empty new password removes the password.
	algoClass, hash, err = client.NewPasswordHash(pw, "")
	if err != nil || algoClass.TypeName() != "passwordKdfAlgoUnknown" || len(hash) != 0 {
		t.Fatalf("removal: %v %x %v", algoClass, hash, err)
	}
	// A server's bad prime is refused.
	bad := &api.AccountPassword{NewAlgo: &api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow{Salt1: salt1, Salt2: salt2, G: 3, P: bytes.Repeat([]byte{0xff}, 256)}}
	if _, _, err := client.NewPasswordHash(bad, "x"); err == nil {
		t.Error("NewPasswordHash accepted a bad prime")
	}
}

package crypto

import (
	"bytes"
	"errors"
	"testing"
)

func mustAuthKey(t testing.TB, hexKey string) *AuthKey {
	t.Helper()
	k, err := NewAuthKey(unhex(t, hexKey))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestAuthKeyID(t *testing.T) {
	for _, tc := range authKeyIDVectors {
		k := mustAuthKey(t, tc.authKey)
		if id := k.ID(); !bytes.Equal(id[:], unhex(t, tc.id)) {
			t.Errorf("ID() = %x, want %s", id, tc.id)
		}
		if tc.aux == "" {
			continue
		}
		if aux := k.AuxHash(); !bytes.Equal(aux[:], unhex(t, tc.aux)) {
			t.Errorf("AuxHash() = %x, want %s", aux, tc.aux)
		}
	}
}

func TestAuthKeyBytes(t *testing.T) {
	k := mustAuthKey(t, authKeySeq)
	b := k.Bytes()
	if !bytes.Equal(b, seq(0, AuthKeySize)) {
		t.Fatalf("Bytes() = %x, want 00..ff", b)
	}
	b[0] = 0xff
	if k.Bytes()[0] != 0 {
		t.Error("Bytes() shares memory with the key")
	}
	for _, n := range []int{0, 255, 257} {
		if _, err := NewAuthKey(make([]byte, n)); !errors.Is(err, ErrAuthKeySize) {
			t.Errorf("NewAuthKey(%d bytes) error = %v, want ErrAuthKeySize", n, err)
		}
	}
}

func TestNewNonceHash(t *testing.T) {
	k := mustAuthKey(t, authKeySeq)
	nonce := [32]byte(seq(0, 32))
	for _, tc := range newNonceHashVectors {
		got := NewNonceHash(nonce, k, tc.n)
		if !bytes.Equal(got[:], unhex(t, tc.hash)) {
			t.Errorf("NewNonceHash(n=%d) = %x, want %s", tc.n, got, tc.hash)
		}
	}
}

func TestTmpAESKeyIV(t *testing.T) {
	for _, tc := range tmpAESVectors {
		key, iv := TmpAESKeyIV([32]byte(unhex(t, tc.newNonce)), [16]byte(unhex(t, tc.serverNonce)))
		if !bytes.Equal(key[:], unhex(t, tc.key)) {
			t.Errorf("%s: tmp_aes_key = %x, want %s", tc.name, key, tc.key)
		}
		if !bytes.Equal(iv[:], unhex(t, tc.iv)) {
			t.Errorf("%s: tmp_aes_iv = %x, want %s", tc.name, iv, tc.iv)
		}
	}
}

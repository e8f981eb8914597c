package handshake

import (
	"crypto/rand"
	"errors"
	"testing"

	"github.com/luagram/luagram/mtproto/crypto"
)

func randomAuthKey(t *testing.T) *crypto.AuthKey {
	b := make([]byte, 256)
	rand.Read(b)
	k, err := crypto.NewAuthKey(b)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestBind(t *testing.T) {
	perm, temp := randomAuthKey(t), randomAuthKey(t)
	b := Binding{Nonce: 77, TempKeyID: KeyID(temp), PermKeyID: KeyID(perm), TempSessionID: 99, ExpiresAt: 1800000000}
	const msgID = 0x6000000000000004
	enc, err := BindMessage(perm, b, msgID, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if len(enc) != 104 {
		t.Errorf("encrypted_message is %d bytes, want 104", len(enc))
	}
	lookup := func(id [8]byte) (*crypto.AuthKey, bool) { return perm, id == perm.ID() }
	if k, err := VerifyBind(enc, b, msgID, lookup); err != nil || k != perm {
		t.Fatalf("honest binding refused: %v", err)
	}
	cases := []struct {
		name  string
		enc   func() []byte
		want  Binding
		msgID int64
	}{
		{"other msg_id", func() []byte { return enc }, b, msgID + 4},
		{"other session", func() []byte { return enc }, Binding{77, b.TempKeyID, b.PermKeyID, 100, b.ExpiresAt}, msgID},
		{"other temp key", func() []byte { return enc }, Binding{77, b.TempKeyID + 1, b.PermKeyID, 99, b.ExpiresAt}, msgID},
		{"other nonce", func() []byte { return enc }, Binding{78, b.TempKeyID, b.PermKeyID, 99, b.ExpiresAt}, msgID},
		{"other expiry", func() []byte { return enc }, Binding{77, b.TempKeyID, b.PermKeyID, 99, b.ExpiresAt + 1}, msgID},
		{"flipped byte", func() []byte { c := append([]byte(nil), enc...); c[50] ^= 1; return c }, b, msgID},
		{"truncated", func() []byte { return enc[:88] }, b, msgID},
		{"unknown perm key", func() []byte {
			other := randomAuthKey(t)
			e, _ := BindMessage(other, Binding{77, b.TempKeyID, KeyID(other), 99, b.ExpiresAt}, msgID, rand.Reader)
			return e
		}, Binding{77, b.TempKeyID, 0, 99, b.ExpiresAt}, msgID},
	}
	for _, tc := range cases {
		if _, err := VerifyBind(tc.enc(), tc.want, tc.msgID, lookup); !errors.Is(err, ErrSecurity) {
			t.Errorf("%s: got %v, want a security error", tc.name, err)
		}
	}
}

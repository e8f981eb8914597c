package crypto

import (
	"bytes"
	"crypto/sha256"
	"testing"
)

func TestKDF(t *testing.T) {
	for _, tc := range kdfVectors {
		k := mustAuthKey(t, tc.authKey)
		key, iv := KDF(k, [16]byte(unhex(t, tc.msgKey)), tc.dir)
		if !bytes.Equal(key[:], unhex(t, tc.aesKey)) {
			t.Errorf("%s: aes_key = %x, want %s", tc.name, key, tc.aesKey)
		}
		if !bytes.Equal(iv[:], unhex(t, tc.aesIV)) {
			t.Errorf("%s: aes_iv = %x, want %s", tc.name, iv, tc.aesIV)
		}
	}
}

// TestMsgKeyFragments checks which 32 bytes of the auth key each direction
// mixes into msg_key, against the fragments mtcute lists for its key.
func TestMsgKeyFragments(t *testing.T) {
	k := mustAuthKey(t, authKeyMTCute)
	data := []byte("any plaintext with its padding")
	for _, tc := range []struct {
		d        Direction
		fragment string
	}{
		{ClientToServer, mtcuteKeyFragments.client},
		{ServerToClient, mtcuteKeyFragments.server},
	} {
		sum := sha256.Sum256(append(unhex(t, tc.fragment), data...))
		if got := MsgKey(k, data, tc.d); !bytes.Equal(got[:], sum[8:24]) {
			t.Errorf("%v: MsgKey = %x, want %x", tc.d, got, sum[8:24])
		}
	}
}

func TestDirection(t *testing.T) {
	if ClientToServer.x() != 0 || ServerToClient.x() != 8 {
		t.Fatal("x offsets are not 0 and 8")
	}
	if s := Direction(3).String(); s != "invalid direction" {
		t.Errorf("Direction(3).String() = %q", s)
	}
	defer func() {
		if recover() == nil {
			t.Error("MsgKey with Direction(3) did not panic")
		}
	}()
	MsgKey(mustAuthKey(t, authKeySeq), nil, Direction(3))
}

package crypto

import (
	"encoding/hex"
	"strings"
	"testing"
)

// MTProto 1.0 KDF cases: gotd crypto/kdf_v1_test.go TestKeysV1 (commit
// d0d567ee) and mtcute packages/core/src/utils/crypto/mtproto.test.ts
// (commit 42538c29), as listed in ../shared/vectors/mtproto2_msgkey.json.
func TestKDFv1(t *testing.T) {
	seq := make([]byte, 256)
	for i := range seq {
		seq[i] = byte(i)
	}
	mtcute := strings.Repeat("98cb29c6ffa89e79da695a54f572e6cb101e81c688b63a4bf73c3622dec230e0", 8)
	cases := []struct {
		name          string
		authKey       string
		msgKey        string
		d             Direction
		aesKey, aesIV string
	}{
		{"gotd x=0", hex.EncodeToString(seq), "000102030405060708090a0b0c0d0e0f", ClientToServer,
			"17d7295ca9213d1ab656acdb1ad48b2ea7f3a8f7095098d5508b900bbd5fccfc", "2d7d16a65a84108e9805656caa474501cc580aa2edc33abfd0bfad785464d1c6"},
		{"mtcute client", mtcute, "25d701f2a29205526757825a99eb2d32", ClientToServer,
			"1fc7b40b1d9ffbdaf4d652525a748864259698f89214abf27c0d36cb9d4cd5db", "7251fbda39ec5e6e089f15ded5963b03d6d8d0f7078898431fc7b40b1d9ffbda"},
		{"mtcute server", mtcute, "25d701f2a29205526757825a99eb2d32", ServerToClient,
			"af0e4e01318654be40ab42b125909d43b44bdeef571ff1a5dfb81474ae26d467", "15c9ba6021d2c5cf04f0842540ae216a970b4eac8f46ef01af0e4e01318654be"},
	}
	for _, tc := range cases {
		raw, _ := hex.DecodeString(tc.authKey)
		k, err := NewAuthKey(raw)
		if err != nil {
			t.Fatal(err)
		}
		var mk [16]byte
		hex.Decode(mk[:], []byte(tc.msgKey))
		key, iv := KDFv1(k, mk, tc.d)
		if hex.EncodeToString(key[:]) != tc.aesKey || hex.EncodeToString(iv[:]) != tc.aesIV {
			t.Errorf("%s: got key %x iv %x", tc.name, key, iv)
		}
	}
}

// gotd crypto/kdf_v1_test.go TestMessageKeyV1 (commit d0d567ee).
func TestMsgKeyV1(t *testing.T) {
	mk := MsgKeyV1([]byte("bind-message-test-payload"))
	if got := hex.EncodeToString(mk[:]); got != "fc11a3669566de22b87f66550dc3de6d" {
		t.Fatalf("got %s", got)
	}
}

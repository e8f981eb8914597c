package mt_test

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// resPQ answers from core.telegram.org/mtproto/samples-auth_key: the older
// revision (crawler snapshot 0740c2c1, also mtcute
// packages/tl-runtime/src/reader.test.ts at 42538c29) and the current one
// (crawler snapshot 130dde83). Each is a plain message: auth_key_id (8),
// msg_id (8), length (4), then the boxed resPQ.
func TestResPQSamples(t *testing.T) {
	cases := []struct {
		msg, nonce, serverNonce, pq string
		fingerprints                []uint64
	}{
		{
			msg:          "000000000000000001c8831ec97ae55140000000632416053e0549828cca27e966b301a48fece2fca5cf4d33f4a11ea877ba4aa5739073300817ed48941a08f98100000015c4b51c01000000216be86c022bb4c3",
			nonce:        "3e0549828cca27e966b301a48fece2fc",
			serverNonce:  "a5cf4d33f4a11ea877ba4aa573907330",
			pq:           "17ed48941a08f981",
			fingerprints: []uint64{0xc3b42b026ce86b21},
		},
		{
			msg:          "000000000000000001d83175503dc565a800000063241605406709f612fadfbec3f0289d0aa67eefe11dbc3bc97d91a26154f932af01994308256595edb776679700000015c4b51c03000000a5b7f709355fc30b216be86c022bb4c385fd64de851d9dd0",
			nonce:        "406709f612fadfbec3f0289d0aa67eef",
			serverNonce:  "e11dbc3bc97d91a26154f932af019943",
			pq:           "256595edb7766797",
			fingerprints: []uint64{0x0bc35f3509f7b7a5, 0xc3b42b026ce86b21, 0xd09d1d85de64fd85},
		},
	}
	for _, tc := range cases {
		raw := unhex(t, tc.msg)
		var res mt.ResPQ
		if err := tl.DecodeBoxed(raw[20:], &res); err != nil {
			t.Fatal(err)
		}
		if hex.EncodeToString(res.Nonce[:]) != tc.nonce || hex.EncodeToString(res.ServerNonce[:]) != tc.serverNonce ||
			hex.EncodeToString(res.PQ) != tc.pq {
			t.Errorf("decoded %v", &res)
		}
		if len(res.ServerPublicKeyFingerprints) != len(tc.fingerprints) {
			t.Fatalf("fingerprints %v", res.ServerPublicKeyFingerprints)
		}
		for i, fp := range tc.fingerprints {
			if uint64(res.ServerPublicKeyFingerprints[i]) != fp {
				t.Errorf("fingerprint %d = %#x, want %#x", i, uint64(res.ServerPublicKeyFingerprints[i]), fp)
			}
		}
		enc, err := tl.Encode(&res)
		if err != nil || !bytes.Equal(enc, raw[20:]) {
			t.Errorf("re-encoding differs: %x", enc)
		}
	}
}

// p_q_inner_data_dc of the current official sample (samples-auth_key,
// crawler snapshot 130dde83), with the page's field offsets.
func TestPQInnerDataDCSample(t *testing.T) {
	raw := unhex(t, "955ff5a908256595edb7766797000000045a300d4b000000046a26db65000000406709f612fadfbec3f0289d0aa67eefe11dbc3bc97d91a26154f932af019943a8bbc849512dac6c67b6efd9157d6ca7377a1776307d84265c6be9bdcf802ac102000000")
	var d mt.PQInnerDataDC
	if err := tl.DecodeBoxed(raw, &d); err != nil {
		t.Fatal(err)
	}
	want := mt.PQInnerDataDC{
		PQ: unhex(t, "256595edb7766797"), P: unhex(t, "5a300d4b"), Q: unhex(t, "6a26db65"), DC: 2,
	}
	copy(want.Nonce[:], unhex(t, "406709f612fadfbec3f0289d0aa67eef"))
	copy(want.ServerNonce[:], unhex(t, "e11dbc3bc97d91a26154f932af019943"))
	copy(want.NewNonce[:], unhex(t, "a8bbc849512dac6c67b6efd9157d6ca7377a1776307d84265c6be9bdcf802ac1"))
	if d.String() != want.String() {
		t.Errorf("got  %v\nwant %v", &d, &want)
	}
	enc, _ := tl.Encode(&want)
	if !bytes.Equal(enc, raw) {
		t.Errorf("encoded %x\nwant    %x", enc, raw)
	}
}

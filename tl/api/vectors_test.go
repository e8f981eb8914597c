package api_test

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
	"github.com/luagram/luagram/tl/mt"
)

// serverDump is a real rpc_result whose result is gzip_packed, from Telethon
// v2 client/tests/mtproto_types_test.py test_gzip_decompress (commit
// f15af530); the packed data inflates to 984 bytes.
const serverDump = "016d5cf384299645364b315ea1cf7230fe8c01001f8b080000000000000395933d4bc35014864f3e1454aa01111c441c846eb7f726b9f99a3a0a827474aa366d120bada96d5a70d2d1517070167f8338e8e8e08f7070ee9fa8371fea4d5b521ab839244fde73defb2609aa1bdad13e80714ceab55352371fafdf6500d8f978d9db66b5f4f4bacb0a086c6d12dd4684ea889814510dde84942b0bb890f1b28a3171b0ab5a8eaf6a2dc74f2ed9913f357e75f15c31d7d73011c5b9b9b39cfc7131e35b3c2794f0bec47f5f86d974b0ee59b12fb5c897b49ccee5f723e5fcb09c08c6fc7e8ab890f139396a8b7294a773b2492ec7222e647cce7ef5a2b962a6e3f2371051319fe3127d5ddecfca4c0e7eaca3457e944c57b2098bd54294b9b130009fd334a776c61bbd91860691d741cdb00bf0c99eab962468b15ad325b8633f0b1e027c3fc849fd628dcec7e977123f0bcf224c26939b78c1f830b917cfba75d6921af7393801b83f1312bd5266332fa2a837702a950875bd0a7bf741db5ff7c3617f70356cf43d90ddf665c074ab4118061d2f0d5349cb0f3aba0d8dd8030000"

// The packed object (#330b4067) belongs to an older layer than any schema
// here, so decoding must inflate the data and then report the unknown
// constructor at the gzip_packed offset, with the offset inside the
// inflated bytes.
func TestServerDumpGzip(t *testing.T) {
	raw, _ := hex.DecodeString(serverDump)
	var res mt.RPCResult
	err := tl.DecodeBoxed(raw, &res)
	var de *tl.DecodeError
	if !errors.As(err, &de) || de.Kind != tl.ErrUnexpectedID || de.Offset != 12 || de.GzipOffset != 0 ||
		!strings.Contains(err.Error(), "#330b4067") {
		t.Fatalf("got %v, want an unexpected constructor #330b4067 at byte 12, inflated byte 0", err)
	}
	if res.ReqMsgID != 0x5e314b3645962984 {
		t.Errorf("req_msg_id %#x", res.ReqMsgID)
	}
	inflated, err := tl.UnwrapGzip(raw[12:])
	if err != nil || len(inflated) != 984 {
		t.Fatalf("inflated %d bytes (%v), want 984", len(inflated), err)
	}
}

// A gzip_packed result of a current type decodes transparently.
func TestGzipPackedResult(t *testing.T) {
	inner, err := tl.Encode(&api.Config{ThisDC: 2, DCOptions: []api.DCOption{{ID: 2, IPAddress: "127.0.0.1", Port: 443}}, MeURLPrefix: "https://t.me/"})
	if err != nil {
		t.Fatal(err)
	}
	var b tl.Buffer
	b.Object(&mt.RPCResult{ReqMsgID: 42, Result: &mt.GzipPacked{PackedData: tl.Gzip(inner)}}, "rpc_result")
	var res mt.RPCResult
	if err := tl.DecodeBoxed(b.Buf, &res); err != nil {
		t.Fatal(err)
	}
	cfg, ok := res.Result.(*api.Config)
	if !ok || cfg.ThisDC != 2 || cfg.DCOptions[0].IPAddress != "127.0.0.1" || cfg.MeURLPrefix != "https://t.me/" {
		t.Fatalf("got %v", res.Result)
	}
}

package sandbox_test

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
	"testing"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// cdnClient connects to a CDN DC as a DC of its own, trusting key.
func cdnClient(t *testing.T, sb *sandbox.Sandbox, id int, key *rsa.PublicKey) *dcs.Client {
	t.Helper()
	c, err := dcs.New(dcs.Config{DCs: []dcs.Address{{ID: id, Addr: sb.CDNDC(id).Addr()}}, PublicKeys: []*rsa.PublicKey{key},
		TestMode: true, HomeDC: id, TempKeyLifetime: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// cdnDecrypt decrypts what a CDN DC sent for offset.
func cdnDecrypt(red *api.UploadFileCDNRedirect, offset int64, data []byte) []byte {
	block, _ := aes.NewCipher(red.EncryptionKey)
	iv := bytes.Clone(red.EncryptionIv)
	binary.BigEndian.PutUint32(iv[12:], uint32(offset/16))
	out := make([]byte, len(data))
	cipher.NewCTR(block, iv).XORKeyStream(out, data)
	return out
}

func getFileCDN(t *testing.T, c *dcs.Client, doc *api.Document, offset int64) (api.UploadFileClass, error) {
	t.Helper()
	return dcs.Call(testCtx(t), c, &api.UploadGetFileRequest{CDNSupported: true, Location: docLocation(doc), Offset: offset, Limit: 512 << 10})
}

func checkHashes(t *testing.T, what string, hashes []api.FileHash, data []byte, from int64, want int) {
	t.Helper()
	if len(hashes) != want {
		t.Errorf("%s: %d hashes, want %d", what, len(hashes), want)
	}
	for i, h := range hashes {
		off := from + int64(i)*128<<10
		end := min(off+128<<10, int64(len(data)))
		sum := sha256.Sum256(data[off:end])
		if h.Offset != off || int64(h.Limit) != end-off || !bytes.Equal(h.Hash, sum[:]) {
			t.Errorf("%s: hash %d covers [%d, +%d), want [%d, %d) with the SHA-256 of the plain bytes", what, i, h.Offset, h.Limit, off, end)
		}
	}
}

func TestCDNConfig(t *testing.T) {
	sb := sandboxtest.Start(t, 2)
	c := login(t, sb, "9996610301")
	conf, err := dcs.Call(testCtx(t), c, &api.HelpGetConfigRequest{})
	if err != nil {
		t.Fatal(err)
	}
	cdn := sb.CDNDC(201)
	if cdn == nil || len(sb.CDNDCs()) != 1 {
		t.Fatalf("CDN DCs %v", sb.CDNDCs())
	}
	found := 0
	for _, o := range conf.DCOptions {
		if o.CDN {
			found++
			if o.ID != 201 || net.JoinHostPort(o.IPAddress, strconv.Itoa(int(o.Port))) != cdn.Addr() {
				t.Errorf("CDN option %+v, want DC 201 at %s", o, cdn.Addr())
			}
		} else if o.ID > 2 {
			t.Errorf("option %+v", o)
		}
	}
	if found != 1 {
		t.Errorf("%d CDN options", found)
	}
	cc, err := dcs.Call(testCtx(t), c, &api.HelpGetCDNConfigRequest{})
	if err != nil {
		t.Fatal(err)
	}
	keys := cc.PublicKeys
	if len(keys) != 1 || keys[0].DCID != 201 {
		t.Fatalf("CDN keys %+v", keys)
	}
	k, err := crypto.ParseRSAPublicKey([]byte(keys[0].PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	if !k.Equal(sb.CDNPublicKey()) || k.Equal(sb.PublicKey()) {
		t.Error("the published CDN key is not the CDN DCs' own key")
	}
	// No CDN DCs: none listed.
	sb2, err := sandbox.New(sandbox.Config{Listen: "127.0.0.1:0", DCs: 1, CDNDCs: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer sb2.Close()
	if len(sb2.CDNDCs()) != 0 || sb2.CDNPublicKey() != nil {
		t.Error("CDNDCs: -1 made CDN DCs")
	}
}

// The whole exchange, query by query: redirect, reupload, encrypted
// parts, hashes.
func TestCDNRedirectReuploadAndParts(t *testing.T) {
	sb := sandboxtest.Start(t, 2)
	sb.SetCDNPolicy(sandbox.CDNPolicy{Everywhere: true, MinSize: 1})
	c := login(t, sb, "9996610302")
	const size = 1<<20 + 100
	data := randomBytes(size, 3)
	doc := uploadDocument(t, c, data)

	// Without cdn_supported the DC serves the file itself.
	res, err := dcs.Call(testCtx(t), c, &api.UploadGetFileRequest{Location: docLocation(doc), Offset: 0, Limit: 4096})
	if f, ok := res.(*api.UploadFile); err != nil || !ok || !bytes.Equal(f.Bytes, data[:4096]) {
		t.Fatalf("getFile without cdn_supported: %T %v", res, err)
	}
	res, err = getFileCDN(t, c, doc, 512<<10)
	red, ok := res.(*api.UploadFileCDNRedirect)
	if err != nil || !ok {
		t.Fatalf("getFile with cdn_supported: %T %v", res, err)
	}
	if red.DCID != 201 || len(red.EncryptionKey) != 32 || len(red.EncryptionIv) != 16 || len(red.FileToken) == 0 {
		t.Fatalf("redirect %+v", red)
	}
	checkHashes(t, "redirect from 512 KB", red.FileHashes, data, 512<<10, 5)

	cdn := cdnClient(t, sb, 201, sb.CDNPublicKey())
	get := func(offset int64, limit int32) (api.UploadCDNFileClass, error) {
		return dcs.Call(testCtx(t), cdn, &api.UploadGetCDNFileRequest{FileToken: red.FileToken, Offset: offset, Limit: limit})
	}
	r, err := get(0, 128<<10)
	need, ok := r.(*api.UploadCDNFileReuploadNeeded)
	if err != nil || !ok || len(need.RequestToken) == 0 {
		t.Fatalf("first getCdnFile: %T %v", r, err)
	}
	if r, err := get(0, 4096); err != nil || !bytes.Equal(r.(*api.UploadCDNFileReuploadNeeded).RequestToken, need.RequestToken) {
		t.Fatalf("second getCdnFile before the reupload: %v %v", r, err)
	}
	reupload := func(c *dcs.Client, file, req []byte) ([]api.FileHash, error) {
		return dcs.Call(testCtx(t), c, &api.UploadReuploadCDNFileRequest{FileToken: file, RequestToken: req})
	}
	_, err = reupload(c, red.FileToken, []byte("wrong"))
	wantRPC(t, "wrong request token", err, "REQUEST_TOKEN_INVALID")
	_, err = reupload(c, []byte("wrong"), need.RequestToken)
	wantRPC(t, "wrong file token", err, "FILE_TOKEN_INVALID")
	hashes, err := reupload(c, red.FileToken, need.RequestToken)
	if err != nil {
		t.Fatal(err)
	}
	checkHashes(t, "reupload", hashes, data, 0, 8)
	_, err = reupload(c, red.FileToken, need.RequestToken)
	wantRPC(t, "request token used twice", err, "REQUEST_TOKEN_INVALID")

	const mb = 1 << 20
	cases := []struct {
		offset int64
		limit  int32
		err    string
	}{
		{0, 128 << 10, ""},
		{0, 512 << 10, ""},
		{0, mb, ""},
		{mb, 4096, ""},        // the last 100 bytes
		{mb + 4096, 4096, ""}, // past the end: nothing
		{512 << 10, 512 << 10, ""},
		{1000, 4096, "OFFSET_INVALID"},
		{0, 3000, "LIMIT_INVALID"},
		{0, 12288, "LIMIT_INVALID"},
		{mb - 4096, 8192, "LIMIT_INVALID"},
		{0, 2 * mb, "LIMIT_INVALID"},
		{-4096, 4096, "OFFSET_INVALID"},
	}
	for _, tc := range cases {
		what := fmt.Sprintf("getCdnFile offset %d limit %d", tc.offset, tc.limit)
		r, err := get(tc.offset, tc.limit)
		if tc.err != "" {
			wantRPC(t, what, err, tc.err)
			continue
		}
		f, ok := r.(*api.UploadCDNFile)
		if err != nil || !ok {
			t.Errorf("%s: %T %v", what, r, err)
			continue
		}
		lo, hi := min(tc.offset, size), min(tc.offset+int64(tc.limit), size)
		if bytes.Equal(f.Bytes, data[lo:hi]) && hi > lo {
			t.Errorf("%s: the CDN sent plain bytes", what)
		}
		if !bytes.Equal(cdnDecrypt(red, tc.offset, f.Bytes), data[lo:hi]) {
			t.Errorf("%s: %d bytes that do not decrypt to data[%d:%d]", what, len(f.Bytes), lo, hi)
		}
	}
	_, err = dcs.Call(testCtx(t), cdn, &api.UploadGetCDNFileRequest{FileToken: []byte("nope"), Offset: 0, Limit: 4096})
	wantRPC(t, "unknown token on the CDN", err, "FILE_TOKEN_INVALID")

	more, err := dcs.Call(testCtx(t), c, &api.UploadGetCDNFileHashesRequest{FileToken: red.FileToken, Offset: mb})
	if err != nil {
		t.Fatal(err)
	}
	checkHashes(t, "hashes from 1 MB", more, data, mb, 1)
	if more, err := dcs.Call(testCtx(t), c, &api.UploadGetCDNFileHashesRequest{FileToken: red.FileToken, Offset: 2 * mb}); err != nil || len(more) != 0 {
		t.Errorf("hashes past the end: %v %v", more, err)
	}
	_, err = dcs.Call(testCtx(t), c, &api.UploadGetCDNFileHashesRequest{FileToken: red.FileToken, Offset: -1})
	wantRPC(t, "hashes from -1", err, "OFFSET_INVALID")
	// Only the master DC knows the token.
	_, err = dcs.CallDC(testCtx(t), c, 2, &api.UploadGetCDNFileHashesRequest{FileToken: red.FileToken, Offset: 0})
	wantRPC(t, "hashes from another DC", err, "FILE_TOKEN_INVALID")

	if st := sb.CDNStats(); st.Redirects != 1 || st.Reuploads != 1 || st.HashQueries != 2 || st.Parts != 6 {
		t.Errorf("stats %+v", st)
	}

	// A tampering CDN: one part corrupted, the next fine.
	sb.CDNFaults().CorruptParts(1)
	for i, wantOK := range []bool{false, true} {
		r, err := get(0, 128<<10)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(cdnDecrypt(red, 0, r.(*api.UploadCDNFile).Bytes))
		if ok := bytes.Equal(sum[:], hashes[0].Hash); ok != wantOK {
			t.Errorf("answer %d after CorruptParts(1): hash matches %v", i, ok)
		}
	}

	// A tampering CDN: the byte at 5000 is wrong in every answer holding
	// it, until switched off.
	sb.CDNFaults().CorruptAt(5000)
	for _, tc := range []struct {
		offset int64
		limit  int32
		on     bool
		want   bool
	}{{0, 4096, true, true}, {4096, 4096, true, false}, {0, 128 << 10, true, false}, {0, 128 << 10, false, true}} {
		if !tc.on {
			sb.CDNFaults().CorruptAt(-1)
		}
		r, err := get(tc.offset, tc.limit)
		if err != nil {
			t.Fatal(err)
		}
		plain := cdnDecrypt(red, tc.offset, r.(*api.UploadCDNFile).Bytes)
		if ok := bytes.Equal(plain, data[tc.offset:tc.offset+int64(tc.limit)]); ok != tc.want {
			t.Errorf("CorruptAt(5000) %v, [%d, +%d): bytes right %v", tc.on, tc.offset, tc.limit, ok)
		}
	}

	// Evicted: a reupload is needed again, with a new request token.
	sb.EvictCDN()
	r, err = get(0, 4096)
	need2, ok := r.(*api.UploadCDNFileReuploadNeeded)
	if err != nil || !ok || bytes.Equal(need2.RequestToken, need.RequestToken) {
		t.Fatalf("after EvictCDN: %T %v", r, err)
	}
	if _, err := reupload(c, red.FileToken, need2.RequestToken); err != nil {
		t.Fatal(err)
	}
	// Expired tokens: the CDN and the master refuse them; a new redirect
	// gives a new token and key.
	sb.ExpireCDNTokens()
	_, err = get(0, 4096)
	wantRPC(t, "expired token on the CDN", err, "FILE_TOKEN_INVALID")
	_, err = reupload(c, red.FileToken, need2.RequestToken)
	wantRPC(t, "expired token on the master", err, "FILE_TOKEN_INVALID")
	res, err = getFileCDN(t, c, doc, 0)
	if red2, ok := res.(*api.UploadFileCDNRedirect); err != nil || !ok || bytes.Equal(red2.FileToken, red.FileToken) ||
		bytes.Equal(red2.EncryptionKey, red.EncryptionKey) {
		t.Fatalf("redirect after ExpireCDNTokens: %v %v", res, err)
	}
}

// A CDN DC answers upload.getCdnFile, wrapped in invokeWithLayer and
// initConnection, and nothing else; a master DC does not answer it. Its
// auth keys are made with its own RSA key only.
func TestCDNRefusesOtherMethods(t *testing.T) {
	sb := sandboxtest.Start(t, 1)
	cdn := cdnClient(t, sb, 201, sb.CDNPublicKey())
	queries := []tl.Object{
		&api.HelpGetConfigRequest{},
		&api.HelpGetCDNConfigRequest{},
		&api.HelpGetNearestDCRequest{},
		&api.UploadReuploadCDNFileRequest{FileToken: []byte("x"), RequestToken: []byte("y")},
		&api.UploadGetCDNFileHashesRequest{FileToken: []byte("x")},
		&api.UploadGetFileRequest{Location: &api.InputDocumentFileLocation{ID: 1}, Limit: 4096},
		&api.UploadSaveFilePartRequest{FileID: 1, Bytes: []byte("x")},
		&api.AuthSendCodeRequest{PhoneNumber: "9996610303", APIID: 1, APIHash: "x", Settings: api.CodeSettings{}},
		&api.AuthExportAuthorizationRequest{DCID: 1},
		&api.MessagesSendMessageRequest{Peer: &api.InputPeerSelf{}, Message: "hi", RandomID: 1},
		&api.UpdatesGetStateRequest{},
		&api.InvokeWithoutUpdatesRequest{Query: &api.UploadGetCDNFileRequest{FileToken: []byte("x"), Limit: 4096}},
	}
	for _, q := range queries {
		var b tl.Buffer
		b.Object(q, q.TypeName())
		_, err := cdn.InvokeDC(testCtx(t), 201, b.Buf)
		wantRPC(t, q.TypeName()+" on a CDN DC", err, "CDN_METHOD_INVALID")
	}
	// The method it does serve is there.
	_, err := dcs.Call(testCtx(t), cdn, &api.UploadGetCDNFileRequest{FileToken: []byte("x"), Offset: 0, Limit: 4096})
	wantRPC(t, "getCdnFile with an unknown token", err, "FILE_TOKEN_INVALID")

	c := login(t, sb, "9996610304")
	_, err = dcs.Call(testCtx(t), c, &api.UploadGetCDNFileRequest{FileToken: []byte("x"), Offset: 0, Limit: 4096})
	wantRPC(t, "getCdnFile on a master DC", err, "METHOD_INVALID")

	// The DCs' key does not open a CDN DC.
	bad := cdnClient(t, sb, 201, sb.PublicKey())
	if _, err := dcs.Call(testCtx(t), bad, &api.UploadGetCDNFileRequest{FileToken: []byte("x"), Limit: 4096}); err == nil {
		t.Error("a CDN DC made an auth key with the DCs' RSA key")
	}
}

// Which documents go to a CDN DC: by default those of at least 1 MB
// posted in public channels.
func TestCDNPolicy(t *testing.T) {
	sb := sandboxtest.Start(t, 1)
	c := login(t, sb, "9996610305")
	ctx := testCtx(t)
	big := uploadDocument(t, c, randomBytes(1<<20, 5))
	small := uploadDocument(t, c, randomBytes(1<<20-1, 6))
	empty := uploadDocument(t, c, nil)

	upd, err := dcs.Call(ctx, c, &api.ChannelsCreateChannelRequest{Broadcast: true, Title: "Popular"})
	if err != nil {
		t.Fatal(err)
	}
	ch := upd.(*api.Updates).Chats[0].(*api.Channel)
	in := &api.InputChannel{ChannelID: ch.ID, AccessHash: ch.AccessHash.Value}
	post := func(doc *api.Document) *api.Document {
		t.Helper()
		upd, err := dcs.Call(ctx, c, &api.MessagesSendMediaRequest{Peer: &api.InputPeerChannel{ChannelID: ch.ID, AccessHash: ch.AccessHash.Value},
			Media:    &api.InputMediaDocument{ID: &api.InputDocument{ID: doc.ID, AccessHash: doc.AccessHash, FileReference: doc.FileReference}},
			RandomID: rand.Int64()})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range upd.(*api.Updates).Updates {
			if m, ok := u.(*api.UpdateNewChannelMessage); ok {
				return m.Message.(*api.Message).Media.(*api.MessageMediaDocument).Document.(*api.Document)
			}
		}
		t.Fatal("no message")
		return nil
	}
	redirected := func(doc *api.Document) bool {
		t.Helper()
		res, err := getFileCDN(t, c, doc, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, ok := res.(*api.UploadFileCDNRedirect)
		return ok
	}
	// A private channel is not popular.
	big = post(big)
	if redirected(big) {
		t.Error("a document of a private channel went to the CDN")
	}
	if _, err := dcs.Call(ctx, c, &api.ChannelsUpdateUsernameRequest{Channel: in, Username: "popular_files"}); err != nil {
		t.Fatal(err)
	}
	big, small, empty = post(big), post(small), post(empty)
	for _, tc := range []struct {
		name   string
		policy sandbox.CDNPolicy
		doc    *api.Document
		want   bool
	}{
		{"1 MB in a public channel", sandbox.CDNPolicy{}, big, true},
		{"1 MB - 1 in a public channel", sandbox.CDNPolicy{}, small, false},
		{"empty in a public channel", sandbox.CDNPolicy{}, empty, false},
		{"smaller minimum", sandbox.CDNPolicy{MinSize: 1000}, small, true},
		{"off", sandbox.CDNPolicy{Off: true}, big, false},
		{"listed", sandbox.CDNPolicy{MinSize: 10 << 20, Documents: []int64{small.ID}}, small, true},
		{"not listed", sandbox.CDNPolicy{MinSize: 10 << 20, Documents: []int64{small.ID}}, big, false},
		{"empty, everywhere", sandbox.CDNPolicy{Everywhere: true, MinSize: 1}, empty, false},
	} {
		sb.SetCDNPolicy(tc.policy)
		if got := redirected(tc.doc); got != tc.want {
			t.Errorf("%s: redirected %v, want %v", tc.name, got, tc.want)
		}
	}
	// Not popular, unless everywhere.
	other := uploadDocument(t, c, randomBytes(2<<20, 7))
	sb.SetCDNPolicy(sandbox.CDNPolicy{})
	if redirected(other) {
		t.Error("a document of Saved Messages went to the CDN")
	}
	sb.SetCDNPolicy(sandbox.CDNPolicy{Everywhere: true})
	if !redirected(other) {
		t.Error("Everywhere did not send a 2 MB document to the CDN")
	}
	// Thumbnails and photos never go.
	res, err := dcs.Call(ctx, c, &api.UploadGetFileRequest{CDNSupported: true, Location: &api.InputDocumentFileLocation{ID: other.ID,
		AccessHash: other.AccessHash, FileReference: other.FileReference, ThumbSize: "m"}, Limit: 4096})
	if _, ok := res.(*api.UploadFileCDNRedirect); ok {
		t.Errorf("a thumbnail went to the CDN: %v", err)
	}
}

package sandbox_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// login logs phone in over a raw DC client.
func login(t *testing.T, sb *sandbox.Sandbox, phone string) *dcs.Client {
	t.Helper()
	info, err := sb.CreateUser(phone, "F", "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	cfg := sandboxtest.ClientConfig(sb)
	cfg.HomeDC = info.HomeDC
	c, err := dcs.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx := testCtx(t)
	sent, err := dcs.Call(ctx, c, &api.AuthSendCodeRequest{PhoneNumber: phone, APIID: 1, APIHash: "x", Settings: api.CodeSettings{}})
	if err != nil {
		t.Fatal(err)
	}
	code := sent.(*api.AuthSentCode)
	if _, err := dcs.Call(ctx, c, &api.AuthSignInRequest{PhoneNumber: phone, PhoneCodeHash: code.PhoneCodeHash,
		PhoneCode: tl.Some(info.Code)}); err != nil {
		t.Fatal(err)
	}
	c.SetAuthorized(true)
	return c
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func randomBytes(n int, seed uint64) []byte {
	b := make([]byte, n)
	rand.NewChaCha8([32]byte{byte(seed)}).Read(b)
	return b
}

// saveParts uploads data in parts of partSize with upload.saveFilePart.
func saveParts(t *testing.T, c *dcs.Client, id int64, data []byte, partSize int) int32 {
	t.Helper()
	n := int32(0)
	for off := 0; off < len(data) || off == 0; off += partSize {
		end := min(off+partSize, len(data))
		ok, err := dcs.Call(testCtx(t), c, &api.UploadSaveFilePartRequest{FileID: id, FilePart: n, Bytes: data[off:end]})
		if err != nil || !ok {
			t.Fatalf("part %d: %v", n, err)
		}
		n++
		if end == len(data) {
			break
		}
	}
	return n
}

func md5Hex(b []byte) string {
	s := md5.Sum(b)
	return hex.EncodeToString(s[:])
}

// uploadDocument uploads data and returns it as a document (through
// messages.uploadMedia).
func uploadDocument(t *testing.T, c *dcs.Client, data []byte) *api.Document {
	t.Helper()
	id := rand.Int64()
	parts := saveParts(t, c, id, data, 512<<10)
	m, err := dcs.Call(testCtx(t), c, &api.MessagesUploadMediaRequest{Peer: &api.InputPeerSelf{}, Media: &api.InputMediaUploadedDocument{
		File: &api.InputFile{ID: id, Parts: parts, Name: "data.bin", MD5Checksum: md5Hex(data)}, MimeType: "application/octet-stream",
		Attributes: []api.DocumentAttributeClass{}}})
	if err != nil {
		t.Fatal(err)
	}
	return m.(*api.MessageMediaDocument).Document.(*api.Document)
}

func docLocation(d *api.Document) *api.InputDocumentFileLocation {
	return &api.InputDocumentFileLocation{ID: d.ID, AccessHash: d.AccessHash, FileReference: d.FileReference}
}

func wantRPC(t *testing.T, what string, err error, typ string) {
	t.Helper()
	var rpcErr *session.RPCError
	if !errors.As(err, &rpcErr) || rpcErr.Message != typ {
		t.Errorf("%s: got %v, want %s", what, err, typ)
	}
}

func TestGetFileRangeRules(t *testing.T) {
	sb := sandboxtest.Start(t, 2)
	c := login(t, sb, "9996610201")
	const size = 3<<20 + 100
	data := randomBytes(size, 1)
	doc := uploadDocument(t, c, data)
	if doc.Size != size || doc.DCID != 1 {
		t.Fatalf("document of %d bytes on DC %d", doc.Size, doc.DCID)
	}
	const mb = 1 << 20
	cases := []struct {
		offset  int64
		limit   int32
		precise bool
		err     string
	}{
		{0, 4096, false, ""},
		{0, 512 << 10, false, ""},
		{0, mb, false, ""},
		{mb, mb, false, ""},
		{4096, 4096, false, ""},
		{mb - 4096, 4096, false, ""},
		{3 * mb, 4096, false, ""},             // the last 100 bytes
		{3*mb + 4096, 4096, false, ""},        // past the end: nothing
		{1000, 4096, false, "OFFSET_INVALID"}, // offset not divisible by 4 KB
		{1024, 4096, false, "OFFSET_INVALID"},
		{1024, 1024, true, ""}, // precise: 1 KB is enough
		{1000, 1024, true, "OFFSET_INVALID"},
		{0, 3000, false, "LIMIT_INVALID"},
		{0, 12288, false, "LIMIT_INVALID"}, // 1 MB not divisible by 12 KB
		{0, 12288, true, ""},
		{0, 3072, true, ""},
		{0, 1536, true, "LIMIT_INVALID"},
		{0, 1500, true, "LIMIT_INVALID"},
		{mb - 4096, 8192, false, "LIMIT_INVALID"}, // crosses a megabyte
		{mb - 1024, 2048, true, "LIMIT_INVALID"},
		{0, 2 * mb, false, "LIMIT_INVALID"},
		{0, 2 * mb, true, "LIMIT_INVALID"},
		{0, 0, false, "LIMIT_INVALID"},
		{-4096, 4096, false, "OFFSET_INVALID"},
	}
	for _, tc := range cases {
		res, err := dcs.Call(testCtx(t), c, &api.UploadGetFileRequest{Location: docLocation(doc), Offset: tc.offset, Limit: tc.limit, Precise: tc.precise})
		what := fmt.Sprintf("offset %d limit %d precise %v", tc.offset, tc.limit, tc.precise)
		if tc.err != "" {
			wantRPC(t, what, err, tc.err)
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", what, err)
			continue
		}
		f := res.(*api.UploadFile)
		lo, hi := min(tc.offset, size), min(tc.offset+int64(tc.limit), size)
		if !bytes.Equal(f.Bytes, data[lo:hi]) {
			t.Errorf("%s: got %d bytes, want data[%d:%d]", what, len(f.Bytes), lo, hi)
		}
		if _, ok := f.Type.(*api.StorageFilePartial); !ok {
			t.Errorf("%s: storage type %T", what, f.Type)
		}
	}
}

func TestUploadRules(t *testing.T) {
	sb := sandboxtest.Start(t, 1)
	c := login(t, sb, "9996610202")
	ctx := testCtx(t)
	send := func(in api.InputFileClass) error {
		_, err := dcs.Call(ctx, c, &api.MessagesUploadMediaRequest{Peer: &api.InputPeerSelf{},
			Media: &api.InputMediaUploadedDocument{File: in, MimeType: "application/octet-stream", Attributes: []api.DocumentAttributeClass{}}})
		return err
	}
	data := randomBytes(100<<10, 2)

	// A part missing.
	id := rand.Int64()
	dcs.Call(ctx, c, &api.UploadSaveFilePartRequest{FileID: id, FilePart: 0, Bytes: data[:32<<10]})
	dcs.Call(ctx, c, &api.UploadSaveFilePartRequest{FileID: id, FilePart: 2, Bytes: data[64<<10 : 96<<10]})
	wantRPC(t, "missing part", send(&api.InputFile{ID: id, Parts: 3, Name: "x"}), "FILE_PART_1_MISSING")
	wantRPC(t, "nothing uploaded", send(&api.InputFile{ID: rand.Int64(), Parts: 1, Name: "x"}), "FILE_PART_0_MISSING")

	// Parts of 32 KB are fine; the checksum must match.
	id = rand.Int64()
	parts := saveParts(t, c, id, data, 32<<10)
	wantRPC(t, "bad md5", send(&api.InputFile{ID: id, Parts: parts, Name: "x", MD5Checksum: md5Hex(data[1:])}), "MD5_CHECKSUM_INVALID")
	if err := send(&api.InputFile{ID: id, Parts: parts, Name: "x", MD5Checksum: md5Hex(data)}); err != nil {
		t.Fatalf("32 KB parts: %v", err)
	}

	// 512 KB must be divisible by the part size.
	id = rand.Int64()
	parts = saveParts(t, c, id, data, 30<<10)
	wantRPC(t, "30 KB parts", send(&api.InputFile{ID: id, Parts: parts, Name: "x"}), "FILE_PART_SIZE_INVALID")

	// Parts of one file must have one size.
	id = rand.Int64()
	dcs.Call(ctx, c, &api.UploadSaveFilePartRequest{FileID: id, FilePart: 0, Bytes: data[:32<<10]})
	dcs.Call(ctx, c, &api.UploadSaveFilePartRequest{FileID: id, FilePart: 1, Bytes: data[:64<<10]})
	dcs.Call(ctx, c, &api.UploadSaveFilePartRequest{FileID: id, FilePart: 2, Bytes: data[:1]})
	wantRPC(t, "part size changed", send(&api.InputFile{ID: id, Parts: 3, Name: "x"}), "FILE_PART_SIZE_CHANGED")

	_, err := dcs.Call(ctx, c, &api.UploadSaveFilePartRequest{FileID: 1, FilePart: 0, Bytes: make([]byte, 512<<10+1)})
	wantRPC(t, "part too big", err, "FILE_PART_TOO_BIG")
	_, err = dcs.Call(ctx, c, &api.UploadSaveFilePartRequest{FileID: 1, FilePart: 1})
	wantRPC(t, "empty part", err, "FILE_PART_EMPTY")
	_, err = dcs.Call(ctx, c, &api.UploadSaveFilePartRequest{FileID: 1, FilePart: 4000, Bytes: data[:1024]})
	wantRPC(t, "part 4000", err, "FILE_PART_INVALID")
	_, err = dcs.Call(ctx, c, &api.UploadSaveBigFilePartRequest{FileID: 2, FilePart: 0, FileTotalParts: 0, Bytes: data[:1024]})
	wantRPC(t, "0 parts", err, "FILE_PARTS_INVALID")
	_, err = dcs.Call(ctx, c, &api.UploadSaveBigFilePartRequest{FileID: 2, FilePart: 3, FileTotalParts: 3, Bytes: data[:1024]})
	wantRPC(t, "part past the total", err, "FILE_PART_INVALID")

	// A streamed big upload: the total is -1 until the last part.
	id = rand.Int64()
	for i, total := range []int32{-1, -1, 3} {
		if _, err := dcs.Call(ctx, c, &api.UploadSaveBigFilePartRequest{FileID: id, FilePart: int32(i), FileTotalParts: total,
			Bytes: data[i*32<<10 : min((i+1)*32<<10, len(data))]}); err != nil {
			t.Fatal(err)
		}
	}
	wantRPC(t, "big file as a small one", send(&api.InputFile{ID: id, Parts: 3, Name: "x"}), "FILE_PARTS_INVALID")
	wantRPC(t, "wrong part count", send(&api.InputFileBig{ID: id, Parts: 4, Name: "x"}), "FILE_PARTS_INVALID")
	if err := send(&api.InputFileBig{ID: id, Parts: 3, Name: "x"}); err != nil {
		t.Fatalf("streamed upload: %v", err)
	}
}

func TestFileReferencesAndMigration(t *testing.T) {
	sb := sandboxtest.Start(t, 2)
	c := login(t, sb, "9996610203")
	ctx := testCtx(t)
	data := randomBytes(10000, 3)
	doc := uploadDocument(t, c, data)
	get := func(dc int, loc api.InputFileLocationClass) ([]byte, error) {
		res, err := dcs.CallDC(ctx, c, dc, &api.UploadGetFileRequest{Location: loc, Limit: 1 << 20})
		if err != nil {
			return nil, err
		}
		return res.(*api.UploadFile).Bytes, nil
	}
	if got, err := get(1, docLocation(doc)); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("download: %v", err)
	}
	_, err := get(2, docLocation(doc))
	wantRPC(t, "on DC 2", err, "FILE_MIGRATE_1")

	loc := docLocation(doc)
	loc.FileReference = nil
	_, err = get(1, loc)
	wantRPC(t, "no reference", err, "FILE_REFERENCE_EMPTY")
	loc.FileReference = append([]byte(nil), doc.FileReference...)
	loc.FileReference[len(loc.FileReference)-1] ^= 1
	_, err = get(1, loc)
	wantRPC(t, "forged reference", err, "FILE_REFERENCE_INVALID")
	loc = docLocation(doc)
	loc.AccessHash++
	_, err = get(1, loc)
	wantRPC(t, "wrong access hash", err, "FILE_ID_INVALID")

	// A message carries the document; the references expire; the message
	// fetched again carries a new one.
	upd, err := dcs.Call(ctx, c, &api.MessagesSendMediaRequest{Peer: &api.InputPeerSelf{}, RandomID: 1,
		Media: &api.InputMediaDocument{ID: &api.InputDocument{ID: doc.ID, AccessHash: doc.AccessHash, FileReference: doc.FileReference}}})
	if err != nil {
		t.Fatal(err)
	}
	var msgID int32
	for _, u := range upd.(*api.Updates).Updates {
		if x, ok := u.(*api.UpdateMessageID); ok {
			msgID = x.ID
		}
	}
	sb.ExpireFileReferences()
	_, err = get(1, docLocation(doc))
	wantRPC(t, "after expiry", err, "FILE_REFERENCE_EXPIRED")
	_, err = dcs.Call(ctx, c, &api.MessagesSendMediaRequest{Peer: &api.InputPeerSelf{}, RandomID: 2,
		Media: &api.InputMediaDocument{ID: &api.InputDocument{ID: doc.ID, AccessHash: doc.AccessHash, FileReference: doc.FileReference}}})
	wantRPC(t, "resending with an expired reference", err, "FILE_REFERENCE_EXPIRED")
	msgs, err := dcs.Call(ctx, c, &api.MessagesGetMessagesRequest{ID: []api.InputMessageClass{&api.InputMessageID{ID: msgID}}})
	if err != nil {
		t.Fatal(err)
	}
	fresh := msgs.(*api.MessagesMessages).Messages[0].(*api.Message).Media.(*api.MessageMediaDocument).Document.(*api.Document)
	if bytes.Equal(fresh.FileReference, doc.FileReference) {
		t.Fatal("the message still carries the expired reference")
	}
	if got, err := get(1, docLocation(fresh)); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("download with the new reference: %v", err)
	}

	// References that expire with time.
	sb.SetFileReferenceLifetime(time.Nanosecond)
	time.Sleep(time.Millisecond)
	_, err = get(1, docLocation(fresh))
	wantRPC(t, "after the lifetime", err, "FILE_REFERENCE_EXPIRED")
}

// testImage returns a PNG or JPEG of w×h pixels.
func testImage(t *testing.T, w, h int, asJPEG bool) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x + y), 255})
		}
	}
	var b bytes.Buffer
	var err error
	if asJPEG {
		err = jpeg.Encode(&b, img, nil)
	} else {
		err = png.Encode(&b, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPhotoSizes(t *testing.T) {
	sb := sandboxtest.Start(t, 1)
	c := login(t, sb, "9996610204")
	ctx := testCtx(t)
	for _, asJPEG := range []bool{false, true} {
		data := testImage(t, 1000, 700, asJPEG)
		id := rand.Int64()
		parts := saveParts(t, c, id, data, 512<<10)
		m, err := dcs.Call(ctx, c, &api.MessagesUploadMediaRequest{Peer: &api.InputPeerSelf{},
			Media: &api.InputMediaUploadedPhoto{File: &api.InputFile{ID: id, Parts: parts, Name: "p.png"}}})
		if err != nil {
			t.Fatal(err)
		}
		p := m.(*api.MessageMediaPhoto).Photo.(*api.Photo)
		want := []struct {
			typ  string
			w, h int32
		}{{"s", 100, 70}, {"m", 320, 224}, {"x", 800, 560}, {"y", 1000, 700}}
		if len(p.Sizes) != len(want) {
			t.Fatalf("sizes %v", p.Sizes)
		}
		for i, s := range p.Sizes {
			ps := s.(*api.PhotoSize)
			if ps.Type != want[i].typ || ps.W != want[i].w || ps.H != want[i].h {
				t.Errorf("size %d: %s %dx%d, want %v", i, ps.Type, ps.W, ps.H, want[i])
			}
			res, err := dcs.Call(ctx, c, &api.UploadGetFileRequest{Location: &api.InputPhotoFileLocation{ID: p.ID,
				AccessHash: p.AccessHash, FileReference: p.FileReference, ThumbSize: ps.Type}, Limit: 1 << 20})
			if err != nil {
				t.Fatal(err)
			}
			b := res.(*api.UploadFile).Bytes
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
			if err != nil || int32(cfg.Width) != ps.W || int32(cfg.Height) != ps.H || int32(len(b)) != ps.Size {
				t.Errorf("size %s: %dx%d, %d bytes: %v", ps.Type, cfg.Width, cfg.Height, len(b), err)
			}
			if asJPEG && ps.Type == "y" && !bytes.Equal(b, data) {
				t.Error("the largest size of a JPEG that fits is not the JPEG itself")
			}
		}
	}
	// Not an image.
	id := rand.Int64()
	parts := saveParts(t, c, id, []byte("not an image"), 512<<10)
	_, err := dcs.Call(ctx, c, &api.MessagesUploadMediaRequest{Peer: &api.InputPeerSelf{},
		Media: &api.InputMediaUploadedPhoto{File: &api.InputFile{ID: id, Parts: parts, Name: "p.png"}}})
	wantRPC(t, "text as a photo", err, "IMAGE_PROCESS_FAILED")
}

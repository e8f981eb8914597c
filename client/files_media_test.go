package client_test

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/client/fileid"
	"github.com/luagram/luagram/tl/api"
)

func jpegImage(t *testing.T, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 3), uint8(y), 90, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// box is an ISO BMFF box.
func box(typ string, body ...[]byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, 0)
	b = append(b, typ...)
	for _, p := range body {
		b = append(b, p...)
	}
	binary.BigEndian.PutUint32(b, uint32(len(b)))
	return b
}

// mp4File is a minimal MP4: ftyp, and a moov with a movie header of the
// given duration and one track of w×h, followed by filler bytes.
func mp4File(durationMs uint32, w, h int) []byte {
	ftyp := box("ftyp", []byte("mp42\x00\x00\x00\x00mp42isom"))
	mvhd := make([]byte, 100)
	binary.BigEndian.PutUint32(mvhd[12:], 1000)
	binary.BigEndian.PutUint32(mvhd[16:], durationMs)
	tkhd := make([]byte, 84)
	binary.BigEndian.PutUint32(tkhd[76:], uint32(w)<<16)
	binary.BigEndian.PutUint32(tkhd[80:], uint32(h)<<16)
	moov := box("moov", box("mvhd", mvhd), box("trak", box("tkhd", tkhd)))
	return append(append(ftyp, moov...), box("mdat", testData(50000, 21))...)
}

// oggPage is one Ogg page holding payload.
func oggPage(granule uint64, seq uint32, payload []byte) []byte {
	b := []byte("OggS\x00\x00")
	b = binary.LittleEndian.AppendUint64(b, granule)
	b = binary.LittleEndian.AppendUint32(b, 1) // serial
	b = binary.LittleEndian.AppendUint32(b, seq)
	b = binary.LittleEndian.AppendUint32(b, 0) // checksum (not checked)
	b = append(b, 1, byte(len(payload)))
	return append(b, payload...)
}

// opusFile is an Ogg Opus stream of the given length in seconds.
func opusFile(seconds int) []byte {
	head := []byte("OpusHead\x01\x01")
	head = binary.LittleEndian.AppendUint16(head, 312) // pre-skip
	head = binary.LittleEndian.AppendUint32(head, 48000)
	head = append(head, 0, 0, 0)
	b := oggPage(0, 0, head)
	b = append(b, oggPage(0, 1, []byte("OpusTags\x00\x00\x00\x00\x00\x00\x00\x00"))...)
	b = append(b, oggPage(0, 2, testData(200, 22))...)
	return append(b, oggPage(uint64(seconds*48000+312), 3, testData(200, 23))...)
}

// webpFile is a WebP header (VP8X) of w×h, with filler.
func webpFile(w, h int) []byte {
	b := []byte("RIFF\x00\x00\x00\x00WEBPVP8X")
	b = binary.LittleEndian.AppendUint32(b, 10)
	b = append(b, 0, 0, 0, 0)
	b = append(b, byte(w-1), byte((w-1)>>8), byte((w-1)>>16), byte(h-1), byte((h-1)>>8), byte((h-1)>>16))
	b = append(b, testData(3000, 24)...)
	binary.LittleEndian.PutUint32(b[4:], uint32(len(b)-8))
	return b
}

func TestMediaKindsThroughFileIDs(t *testing.T) {
	_, c := filesClient(t, "9996610121")
	photo := jpegImage(t, 600, 400)
	id3 := append([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"), testData(70000, 25)...)
	cases := []struct {
		kind     client.MediaKind
		data     []byte
		name     string
		opts     client.MediaOptions
		wantType fileid.Type
		wantMIME string
		check    func(t *testing.T, d *api.Document)
	}{
		{client.MediaPhoto, photo, "p.jpg", client.MediaOptions{}, fileid.Photo, "", nil},
		{client.MediaDocument, testData(100000, 26), "report.bin", client.MediaOptions{}, fileid.Document, "application/octet-stream", nil},
		{client.MediaDocument, photo, "photo.jpg", client.MediaOptions{}, fileid.Document, "image/jpeg", func(t *testing.T, d *api.Document) {
			if s := attr[*api.DocumentAttributeImageSize](d); s == nil || s.W != 600 || s.H != 400 {
				t.Errorf("image size %v", s)
			}
		}},
		{client.MediaAudio, id3, "song.mp3", client.MediaOptions{Title: "Song", Performer: "Band", Duration: 61}, fileid.Audio, "audio/mpeg",
			func(t *testing.T, d *api.Document) {
				a := attr[*api.DocumentAttributeAudio](d)
				if a == nil || a.Voice || a.Duration != 61 || a.Title.Value != "Song" || a.Performer.Value != "Band" {
					t.Errorf("audio %v", a)
				}
			}},
		{client.MediaVoice, opusFile(3), "voice.ogg", client.MediaOptions{}, fileid.Voice, "audio/ogg", func(t *testing.T, d *api.Document) {
			if a := attr[*api.DocumentAttributeAudio](d); a == nil || !a.Voice || a.Duration != 3 {
				t.Errorf("voice %v", a)
			}
		}},
		{client.MediaVideo, mp4File(4500, 640, 360), "clip.mp4", client.MediaOptions{SupportsStreaming: true}, fileid.Video, "video/mp4",
			func(t *testing.T, d *api.Document) {
				v := attr[*api.DocumentAttributeVideo](d)
				if v == nil || v.Duration != 4.5 || v.W != 640 || v.H != 360 || !v.SupportsStreaming || v.RoundMessage {
					t.Errorf("video %v", v)
				}
			}},
		{client.MediaAnimation, mp4File(2000, 320, 240), "loop.mp4", client.MediaOptions{}, fileid.Animation, "video/mp4",
			func(t *testing.T, d *api.Document) {
				if attr[*api.DocumentAttributeAnimated](d) == nil || attr[*api.DocumentAttributeVideo](d) == nil {
					t.Errorf("animation attributes %v", d.Attributes)
				}
			}},
		{client.MediaVideoNote, mp4File(3000, 240, 240), "note.mp4", client.MediaOptions{}, fileid.VideoNote, "video/mp4",
			func(t *testing.T, d *api.Document) {
				if v := attr[*api.DocumentAttributeVideo](d); v == nil || !v.RoundMessage || v.W != 240 {
					t.Errorf("video note %v", v)
				}
			}},
		{client.MediaSticker, webpFile(512, 512), "s.webp", client.MediaOptions{Emoji: "🙂"}, fileid.Sticker, "image/webp",
			func(t *testing.T, d *api.Document) {
				s := attr[*api.DocumentAttributeImageSize](d)
				if attr[*api.DocumentAttributeSticker](d) == nil || s == nil || s.W != 512 || s.H != 512 {
					t.Errorf("sticker attributes %v", d.Attributes)
				}
			}},
	}
	dir := t.TempDir()
	for _, tc := range cases {
		// Half the files go from a path, half from memory.
		var src any = tc.data
		if tc.kind%2 == 0 {
			path := filepath.Join(dir, tc.name)
			os.WriteFile(path, tc.data, 0o600)
			src = path
		}
		o := tc.opts
		o.Kind, o.FileName = tc.kind, tc.name
		msg, err := c.SendMedia(ctx(t), "me", src, &o, &client.SendOptions{Caption: tc.kind.String()})
		if err != nil {
			t.Fatalf("%v: %v", tc.kind, err)
		}
		if msg.Message != tc.kind.String() {
			t.Errorf("%v: caption %q", tc.kind, msg.Message)
		}
		id, err := client.FileIDOf(msg.Media)
		if err != nil {
			t.Fatalf("%v: %v", tc.kind, err)
		}
		if id.Type != tc.wantType {
			t.Errorf("%v: file id of type %v, want %v", tc.kind, id.Type, tc.wantType)
		}
		if doc, ok := msg.Media.(*api.MessageMediaDocument); ok {
			d := doc.Document.(*api.Document)
			if d.MimeType != tc.wantMIME {
				t.Errorf("%v: MIME type %q, want %q", tc.kind, d.MimeType, tc.wantMIME)
			}
			if f := attr[*api.DocumentAttributeFilename](d); f == nil || f.FileName != tc.name {
				t.Errorf("%v: file name %v", tc.kind, f)
			}
			if tc.check != nil {
				tc.check(t, d)
			}
		}
		// The Bot API id downloads the same bytes...
		var buf bytes.Buffer
		if _, err := c.DownloadToStream(ctx(t), id.Encode(), &buf, nil); err != nil || !bytes.Equal(buf.Bytes(), tc.data) {
			t.Fatalf("%v: download by file id: %d bytes, %v", tc.kind, buf.Len(), err)
		}
		// ...and sends the same file again.
		again, err := c.SendMedia(ctx(t), "me", id.Encode(), nil, nil)
		if err != nil {
			t.Fatalf("%v: resending by file id: %v", tc.kind, err)
		}
		if id2, _ := client.FileIDOf(again.Media); id2.ID != id.ID || id2.Type != id.Type {
			t.Errorf("%v: resent as %v %d, want %v %d", tc.kind, id2.Type, id2.ID, id.Type, id.ID)
		}
	}
}

func attr[T api.DocumentAttributeClass](d *api.Document) T {
	var zero T
	for _, a := range d.Attributes {
		if x, ok := a.(T); ok {
			return x
		}
	}
	return zero
}

// A photo has several sizes; each downloads as a JPEG of its dimensions.
func TestPhotoSizesDownload(t *testing.T) {
	_, c := filesClient(t, "9996610122")
	msg, err := c.SendMedia(ctx(t), "me", jpegImage(t, 1500, 900), &client.MediaOptions{Kind: client.MediaPhoto}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := msg.Media.(*api.MessageMediaPhoto).Photo.(*api.Photo)
	if len(p.Sizes) != 5 {
		t.Fatalf("%d sizes", len(p.Sizes))
	}
	for _, s := range p.Sizes {
		ps := s.(*api.PhotoSize)
		var buf bytes.Buffer
		if _, err := c.DownloadToStream(ctx(t), msg, &buf, &client.DownloadOptions{ThumbSize: ps.Type}); err != nil {
			t.Fatal(err)
		}
		cfg, err := jpeg.DecodeConfig(&buf)
		if err != nil || int32(cfg.Width) != ps.W || int32(cfg.Height) != ps.H {
			t.Errorf("size %s: %dx%d, want %dx%d (%v)", ps.Type, cfg.Width, cfg.Height, ps.W, ps.H, err)
		}
	}
	path, err := c.DownloadToDir(longCtx(t, time.Minute), msg, t.TempDir(), nil)
	if err != nil || filepath.Ext(path) != ".jpg" {
		t.Fatalf("DownloadToDir: %q, %v", path, err)
	}
}

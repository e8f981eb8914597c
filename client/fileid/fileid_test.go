package fileid

import (
	"errors"
	"strings"
	"testing"
)

// sources returns one source of every type, with every field it stores set.
func sources() []PhotoSizeSource {
	return []PhotoSizeSource{
		{Type: SourceThumbnail, FileType: Photo, ThumbnailType: 'y'},
		{Type: SourceDialogPhotoSmall, DialogID: -1001228418968, DialogAccessHash: -3299551084991488399},
		{Type: SourceDialogPhotoBig, DialogID: 777000, DialogAccessHash: 42},
		{Type: SourceFullLegacy, VolumeID: 247538121, LocalID: -5, Secret: -7},
		{Type: SourceDialogPhotoSmallLegacy, DialogID: -452451701, VolumeID: 200116400297, LocalID: 172872},
		{Type: SourceDialogPhotoBigLegacy, DialogID: -1001326609710, DialogAccessHash: 4396274664911437744, VolumeID: 247538121, LocalID: 338431},
		{Type: SourceStickerSetThumbnailLegacy, StickerSetID: 1, StickerSetAccessHash: -2, VolumeID: 3, LocalID: 4},
		{Type: SourceStickerSetThumbnailVersion, StickerSetID: 1, StickerSetAccessHash: -2, StickerSetVersion: 9},
	}
}

// typeFor returns a file type that may carry source s.
func typeFor(s PhotoSizeSource) Type {
	switch s.Type {
	case SourceThumbnail:
		return s.FileType
	case SourceDialogPhotoSmall, SourceDialogPhotoBig, SourceDialogPhotoSmallLegacy, SourceDialogPhotoBigLegacy:
		return ProfilePhoto
	case SourceFullLegacy:
		return Photo
	}
	return Thumbnail
}

func TestRoundTripTypes(t *testing.T) {
	for typ := Type(0); typ < numTypes; typ++ {
		f := FileID{Type: typ, DC: 4, ID: -1, AccessHash: 1 << 62, FileReference: []byte{1, 0, 0, 0, 2}}
		if typ.IsPhoto() {
			f.PhotoSizeSource = PhotoSizeSource{Type: SourceFullLegacy, VolumeID: 1, LocalID: 2, Secret: 3}
		}
		if typ == Temp {
			f.URL, f.ID = "https://example.com/a.png", 0
		}
		s := f.Encode()
		got, err := Decode(s)
		if err != nil {
			t.Errorf("%v: Decode(%s): %v", typ, s, err)
			continue
		}
		f.Version, f.SubVersion = PersistentVersion, DefaultSubVersion
		if !sameFileID(got, f) {
			t.Errorf("%v: round trip\n got %s\nwant %s", typ, show(got), show(f))
		}
	}
}

func TestRoundTripSources(t *testing.T) {
	layouts := []struct{ version, sub byte }{
		{0, 0}, {PersistentVersion, 32}, {PersistentVersion, 255},
		{PersistentVersion, 22}, {PersistentVersion, 31}, {PersistentVersion, 0}, {LegacyVersion, 0},
	}
	for _, src := range sources() {
		for _, l := range layouts {
			f := FileID{Type: typeFor(src), DC: 2, ID: 5, AccessHash: 6, PhotoSizeSource: src, Version: l.version, SubVersion: l.sub}
			s := f.Encode()
			got, err := Decode(s)
			if err != nil {
				t.Errorf("%v in %d.%d: Decode(%s): %v", src.Type, l.version, l.sub, s, err)
				continue
			}
			want := f
			if v, sub := f.layout(); !sourceFits(src.Type, v, sub) {
				// Written in the current layout instead.
				want.Version, want.SubVersion = PersistentVersion, DefaultSubVersion
			} else if f.Version == 0 {
				want.Version, want.SubVersion = f.layout()
			}
			if !sameFileID(got, want) {
				t.Errorf("%v in %d.%d: round trip\n got %s\nwant %s", src.Type, l.version, l.sub, show(got), show(want))
			}
			if again := got.Encode(); again != s {
				t.Errorf("%v in %d.%d: re-encoded %s, first %s", src.Type, l.version, l.sub, again, s)
			}
		}
	}
}

// Old source types are written, and read back, as their current forms.
func TestOldSourceTypes(t *testing.T) {
	for _, tc := range []struct{ old, cur SourceType }{
		{SourceLegacy, SourceFullLegacy},
		{SourceStickerSetThumbnail, SourceStickerSetThumbnailLegacy},
	} {
		f := FileID{Type: Thumbnail, DC: 1, PhotoSizeSource: PhotoSizeSource{Type: tc.old, VolumeID: 8, LocalID: 9, Secret: 10, StickerSetID: 11}}
		got, err := Decode(f.Encode())
		if err != nil {
			t.Fatalf("%v: %v", tc.old, err)
		}
		if got.PhotoSizeSource.Type != tc.cur {
			t.Errorf("%v read back as %v, want %v", tc.old, got.PhotoSizeSource.Type, tc.cur)
		}
	}
}

func TestWebLocation(t *testing.T) {
	f := FromWeb(Document, "https://example.com/file.pdf", -99)
	s := f.Encode()
	got, err := Decode(s)
	if err != nil {
		t.Fatal(err)
	}
	if !got.IsWeb() || got.URL != f.URL || got.AccessHash != -99 || got.Type != Document {
		t.Errorf("Decode(%s) = %s", s, show(got))
	}
	u := got.Unique()
	if u != (UniqueID{Type: UniqueWeb, URL: f.URL}) {
		t.Errorf("Unique = %+v", u)
	}
	if back, err := DecodeUniqueID(u.Encode()); err != nil || back != u {
		t.Errorf("DecodeUniqueID(%s) = %+v, %v", u.Encode(), back, err)
	}
	l, err := got.Location()
	if err != nil || l.Kind != LocationWeb || l.URL != f.URL || l.AccessHash != -99 {
		t.Errorf("Location = %+v, %v", l, err)
	}
}

func TestLongFileReference(t *testing.T) {
	ref := []byte(strings.Repeat("\x00\x01", 300)) // 600 bytes: the 254 form, zero runs
	f := FromDocument(Video, 5, 1, 2, ref)
	got, err := Decode(f.Encode())
	if err != nil {
		t.Fatal(err)
	}
	if string(got.FileReference) != string(ref) {
		t.Errorf("file reference of %d bytes came back as %d", len(ref), len(got.FileReference))
	}
}

func TestDecodeErrors(t *testing.T) {
	valid := FromPhoto(2, 1, 2, []byte{7}, 'x')
	body := func(f FileID) []byte { // the decoded binary without version bytes
		raw, _ := decodeBase64(f.Encode())
		return zeroDecode(raw[:len(raw)-2])
	}
	enc := func(b []byte, tail ...byte) string {
		return b64enc(append(zeroEncode(b), tail...))
	}
	doc := body(FromDocument(Document, 2, 1, 2, nil))
	for _, tc := range []struct {
		name string
		in   string
		err  error
	}{
		{"empty", "", ErrTruncated},
		{"bad base64", "AAA*", ErrBase64},
		{"version 4 without sub-version", b64enc([]byte{4}), ErrTruncated},
		{"version 3", enc(doc, 3), ErrVersion},
		{"version 9", enc(doc, 34, 9), ErrVersion},
		{"truncated document", enc(doc[:len(doc)-1], 34, 4), ErrTruncated},
		{"trailing bytes", enc(append(doc, 1, 2, 3, 4), 34, 4), ErrTrailing},
		{"type out of range", enc(append([]byte{28, 0, 0, 0}, doc[4:]...), 34, 4), ErrType},
		{"negative type", enc(append([]byte{255, 255, 255, 255}, doc[4:]...), 34, 4), ErrType},
		{"temp without URL", enc(append([]byte{7, 0, 0, 0}, doc[4:]...), 34, 4), ErrType},
		{"truncated photo", enc(body(valid)[:30], 34, 4), ErrTruncated},
		{"truncated file reference", enc([]byte{0, 0, 0, 2, 2, 0, 0, 0, 9, 1}, 34, 4), ErrTruncated},
		{"string length 255", enc([]byte{0, 0, 0, 2, 2, 0, 0, 0, 255, 1, 1, 1}, 34, 4), ErrTruncated},
		{"empty URL", enc([]byte{5, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 34, 4), ErrEmptyURL},
		{"unknown source", encSource(10), ErrSource},
		{"legacy source in current layout", encSource(0), ErrSource},
		{"sticker set thumbnail source in current layout", encSource(4), ErrSource},
		{"thumbnail type 128", b64ID(FileID{Type: Photo, PhotoSizeSource: PhotoSizeSource{Type: SourceThumbnail, FileType: Photo, ThumbnailType: 128}}), ErrSource},
		{"thumbnail of another type", b64ID(FileID{Type: Photo, PhotoSizeSource: PhotoSizeSource{Type: SourceThumbnail, FileType: Thumbnail, ThumbnailType: 'm'}}), ErrType},
		{"thumbnail of a profile photo", b64ID(FileID{Type: ProfilePhoto, PhotoSizeSource: PhotoSizeSource{Type: SourceThumbnail, FileType: ProfilePhoto, ThumbnailType: 'm'}}), ErrType},
		{"thumbnail file type out of range", b64ID(FileID{Type: Photo, PhotoSizeSource: PhotoSizeSource{Type: SourceThumbnail, FileType: 99, ThumbnailType: 'm'}}), ErrSource},
		{"dialog photo of a photo", b64ID(FileID{Type: Photo, PhotoSizeSource: PhotoSizeSource{Type: SourceDialogPhotoBig, DialogID: 1}}), ErrType},
		{"dialog photo of dialog 0", b64ID(FileID{Type: ProfilePhoto, PhotoSizeSource: PhotoSizeSource{Type: SourceDialogPhotoBig}}), ErrSource},
		{"dialog photo of a secret chat", b64ID(FileID{Type: ProfilePhoto, PhotoSizeSource: PhotoSizeSource{Type: SourceDialogPhotoSmall, DialogID: zeroSecretChatID + 5}}), ErrSource},
		{"sticker set thumbnail of a photo", b64ID(FileID{Type: Photo, PhotoSizeSource: PhotoSizeSource{Type: SourceStickerSetThumbnailVersion}}), ErrType},
		{"negative local id", b64ID(FileID{Type: ProfilePhoto, PhotoSizeSource: PhotoSizeSource{Type: SourceDialogPhotoBigLegacy, DialogID: 1, LocalID: -1}}), ErrSource},
	} {
		f, err := Decode(tc.in)
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: Decode(%q) = %s, %v; want %v", tc.name, tc.in, show(f), err, tc.err)
			continue
		}
		var de *DecodeError
		if !errors.As(err, &de) || !strings.HasPrefix(err.Error(), "fileid: ") {
			t.Errorf("%s: error %q (%T) is not a *DecodeError with the package prefix", tc.name, err, err)
		}
	}
}

// b64ID encodes f without checking it, as Encode does.
func b64ID(f FileID) string { return f.Encode() }

// encSource encodes a current-layout photo id whose source has type t.
func encSource(t int32) string {
	w := writer{}
	w.int32(int32(Photo))
	w.int32(2)
	w.int64(1)
	w.int64(2)
	w.int32(t)
	w.int64(0)
	w.int64(0)
	w.int32(0)
	return b64enc(append(zeroEncode(w.b), 40, 4))
}

func TestDecodeErrorMessage(t *testing.T) {
	_, err := Decode("RQACAgIAAx0CAAGgr9AAAgmPX7b4UxbjNoFEO_L0I4s6wrXNJA8AAgQAA4GkuUm9FFvIaOhXWR4E")
	if want := "fileid: invalid file type at byte 0: 69"; err == nil || err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

func TestPaddedBase64(t *testing.T) {
	const id = "CAADAQADegAD997LEUiQZafDlhIeAg"
	a, err := Decode(id)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Decode(id + "==")
	if err != nil || !sameFileID(a, b) {
		t.Errorf("padded id decoded to %s, %v", show(b), err)
	}
}

func TestZeroRuns(t *testing.T) {
	for _, n := range []int{0, 1, 249, 250, 251, 500, 1000} {
		in := append(make([]byte, n), 7)
		enc := zeroEncode(in)
		for i := 0; i+1 < len(enc); i += 2 {
			if enc[i] == 0 && enc[i+1] > 250 {
				t.Errorf("run of %d: count byte %d", n, enc[i+1])
			}
		}
		if got := zeroDecode(enc); string(got) != string(in) {
			t.Errorf("run of %d zeros did not round-trip", n)
		}
	}
	// A zero at the very end stands for itself, as in TDLib.
	if got := zeroDecode([]byte{5, 0}); string(got) != "\x05\x00" {
		t.Errorf("zeroDecode(05 00) = %x", got)
	}
}

package fileid

import (
	"errors"
	"reflect"
	"testing"
)

func TestLocation(t *testing.T) {
	ref := []byte{1, 2, 3}
	user := Peer{Kind: PeerUser, ID: 777000, AccessHash: 5}
	channel := Peer{Kind: PeerChannel, ID: 1228418968, AccessHash: -3299551084991488399}
	for _, tc := range []struct {
		name string
		f    FileID
		want Location
	}{
		{"document", FromDocument(Sticker, 2, 10, 11, ref),
			Location{Kind: LocationDocument, DC: 2, ID: 10, AccessHash: 11, FileReference: ref}},
		{"photo size", FromPhoto(4, 10, 11, ref, 'x'),
			Location{Kind: LocationPhoto, DC: 4, ID: 10, AccessHash: 11, FileReference: ref, ThumbSize: "x"}},
		{"document thumbnail", FromDocumentThumbnail(1, 10, 11, ref, 'm'),
			Location{Kind: LocationDocument, DC: 1, ID: 10, AccessHash: 11, FileReference: ref, ThumbSize: "m"}},
		{"profile photo", FromProfilePhoto(2, 99, channel, true),
			Location{Kind: LocationPeerPhoto, DC: 2, ID: 99, Big: true, Peer: channel}},
		{"small profile photo", FromProfilePhoto(2, 99, user, false),
			Location{Kind: LocationPeerPhoto, DC: 2, ID: 99, Peer: user}},
		{"legacy profile photo", FileID{Type: ProfilePhoto, DC: 2, PhotoSizeSource: PhotoSizeSource{
			Type: SourceDialogPhotoBigLegacy, DialogID: -452451701, VolumeID: 200116400297, LocalID: 172874}},
			Location{Kind: LocationPeerPhotoLegacy, DC: 2, Big: true, Peer: Peer{Kind: PeerChat, ID: 452451701},
				VolumeID: 200116400297, LocalID: 172874}},
		{"legacy photo", FileID{Type: Photo, DC: 3, ID: 7, AccessHash: 8, FileReference: ref, PhotoSizeSource: PhotoSizeSource{
			Type: SourceFullLegacy, VolumeID: 1, LocalID: 2, Secret: 3}},
			Location{Kind: LocationPhotoLegacy, DC: 3, ID: 7, AccessHash: 8, FileReference: ref, VolumeID: 1, LocalID: 2, Secret: 3}},
		{"sticker set thumbnail", FromStickerSetThumbnail(5, 6, 7, 8),
			Location{Kind: LocationStickerSetThumb, DC: 5, StickerSetID: 6, StickerSetAccessHash: 7, ThumbVersion: 8}},
		{"legacy sticker set thumbnail", FileID{Type: Thumbnail, DC: 5, PhotoSizeSource: PhotoSizeSource{
			Type: SourceStickerSetThumbnailLegacy, StickerSetID: 6, StickerSetAccessHash: 7, VolumeID: 8, LocalID: 9}},
			Location{Kind: LocationStickerSetThumbLegacy, DC: 5, StickerSetID: 6, StickerSetAccessHash: 7, VolumeID: 8, LocalID: 9}},
		{"encrypted", FileID{Type: Encrypted, DC: 2, ID: 1, AccessHash: 2, FileReference: ref},
			Location{Kind: LocationEncrypted, DC: 2, ID: 1, AccessHash: 2}},
		{"secure", FileID{Type: SecureRaw, DC: 2, ID: 1, AccessHash: 2},
			Location{Kind: LocationSecure, DC: 2, ID: 1, AccessHash: 2}},
		{"web", FromWeb(Photo, "https://example.com/p.jpg", 3),
			Location{Kind: LocationWeb, URL: "https://example.com/p.jpg", AccessHash: 3}},
	} {
		got, err := tc.f.Location()
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if string(got.FileReference) != string(tc.want.FileReference) {
			t.Errorf("%s: file reference %x, want %x", tc.name, got.FileReference, tc.want.FileReference)
		}
		got.FileReference, tc.want.FileReference = nil, nil
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Location\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
		// The location survives encoding.
		back, err := Decode(tc.f.Encode())
		if err != nil {
			t.Errorf("%s: Decode: %v", tc.name, err)
			continue
		}
		again, _ := back.Location()
		again.FileReference = nil
		if !reflect.DeepEqual(again, got) {
			t.Errorf("%s: after a round trip\n got %+v\nwant %+v", tc.name, again, got)
		}
	}
}

func TestLocationVector(t *testing.T) {
	// gotd/td@d0d567ee fileid/decode_test.go, ChatPhoto: a channel's big
	// profile photo.
	f, err := Decode("AQADAgAD7a8xG75QcEkACAMAA2jAIuIW____cd7THMWjNdIiBA")
	if err != nil {
		t.Fatal(err)
	}
	l, err := f.Location()
	if err != nil {
		t.Fatal(err)
	}
	want := Location{Kind: LocationPeerPhoto, DC: 2, ID: 5291818339590582253, Big: true,
		Peer: Peer{Kind: PeerChannel, ID: 1228418968, AccessHash: -3299551084991488399}}
	if !reflect.DeepEqual(l, want) {
		t.Errorf("Location = %+v, want %+v", l, want)
	}
}

func TestNoLocation(t *testing.T) {
	for _, f := range []FileID{
		{Type: EncryptedThumbnail, PhotoSizeSource: PhotoSizeSource{Type: SourceThumbnail, FileType: EncryptedThumbnail, ThumbnailType: 's'}},
		{Type: ProfilePhoto, PhotoSizeSource: PhotoSizeSource{Type: SourceDialogPhotoBig, DialogID: zeroSecretChatID + 1}},
		{Type: Temp},
		{Type: 99},
	} {
		if l, err := f.Location(); !errors.Is(err, ErrNoLocation) {
			t.Errorf("Location of %s = %+v, %v; want ErrNoLocation", show(f), l, err)
		}
	}
}

func TestInput(t *testing.T) {
	ref := []byte{9}
	for _, tc := range []struct {
		f    FileID
		want InputKind
	}{
		{FromDocument(Animation, 1, 2, 3, ref), InputDocument},
		{FromDocument(VideoNote, 1, 2, 3, ref), InputDocument},
		{FromPhoto(1, 2, 3, ref, 'x'), InputPhoto},
		{FileID{Type: Encrypted, ID: 2, AccessHash: 3}, InputEncryptedFile},
		{FileID{Type: Secure, ID: 2, AccessHash: 3}, InputSecureFile},
	} {
		in, err := tc.f.Input()
		if err != nil || in.Kind != tc.want || in.ID != 2 || in.AccessHash != 3 {
			t.Errorf("Input of %s = %+v, %v; want kind %d", show(tc.f), in, err, tc.want)
		}
	}
	for _, f := range []FileID{
		FromDocumentThumbnail(1, 2, 3, ref, 'm'),
		FromProfilePhoto(1, 2, Peer{Kind: PeerUser, ID: 1}, true),
		FromWeb(Document, "https://example.com", 1),
		{Type: Wallpaper},
		{Type: Temp},
	} {
		if in, err := f.Input(); !errors.Is(err, ErrNoInput) {
			t.Errorf("Input of %s = %+v, %v; want ErrNoInput", show(f), in, err)
		}
	}
}

func TestPeerOf(t *testing.T) {
	for _, tc := range []struct {
		dialogID int64
		kind     PeerKind
		id       int64
	}{
		{1, PeerUser, 1},
		{1<<40 - 1, PeerUser, 1<<40 - 1},
		{1 << 40, 0, 0},
		{0, 0, 0},
		{-1, PeerChat, 1},
		{-999999999999, PeerChat, 999999999999},
		{-1001228418968, PeerChannel, 1228418968},
		{-1000000000000, 0, 0},
		{-1000000000001, PeerChannel, 1},
		{-2000000000000 + 5, PeerSecretChat, 5},
		{-2000000000000 - 5, PeerSecretChat, -5},
		{-1000000000000 - (1000000000000 + 1<<31 + 1), PeerChannel, 1000000000000 + 1<<31 + 1}, // a monoforum
		{-5000000000000, 0, 0},
	} {
		p := PeerOf(tc.dialogID, 0)
		if p.Kind != tc.kind || p.ID != tc.id {
			t.Errorf("PeerOf(%d) = %+v, want kind %d id %d", tc.dialogID, p, tc.kind, tc.id)
		}
		if p.Kind != 0 && p.DialogID() != tc.dialogID {
			t.Errorf("PeerOf(%d).DialogID() = %d", tc.dialogID, p.DialogID())
		}
	}
}

func TestUnique(t *testing.T) {
	ref := []byte{1}
	for _, tc := range []struct {
		name string
		f    FileID
		want UniqueID
	}{
		{"document", FromDocument(Audio, 2, 77, 1, ref), UniqueID{Type: UniqueDocument, ID: 77}},
		{"encrypted", FileID{Type: Encrypted, ID: 77}, UniqueID{Type: UniqueEncrypted, ID: 77}},
		{"secure", FileID{Type: SecureRaw, ID: 77}, UniqueID{Type: UniqueSecure, ID: 77}},
		{"photo a", FromPhoto(2, 77, 1, ref, 'a'), UniqueID{Type: UniquePhoto, ID: 77, Size: 0}},
		{"photo c", FromPhoto(2, 77, 1, ref, 'c'), UniqueID{Type: UniquePhoto, ID: 77, Size: 1}},
		{"photo x", FromPhoto(2, 77, 1, ref, 'x'), UniqueID{Type: UniquePhoto, ID: 77, Size: 'x' + 5}},
		{"small profile photo", FromProfilePhoto(2, 77, Peer{Kind: PeerUser, ID: 3}, false), UniqueID{Type: UniquePhoto, ID: 77, Size: 0}},
		{"big profile photo", FromProfilePhoto(2, 77, Peer{Kind: PeerUser, ID: 3}, true), UniqueID{Type: UniquePhoto, ID: 77, Size: 1}},
		{"sticker set", FromStickerSetThumbnail(2, 5, 6, 7), UniqueID{Type: UniquePhoto, Form: FormStickerSet, StickerSetID: 5, StickerSetVersion: 7}},
		{"legacy", FileID{Type: Photo, ID: 77, PhotoSizeSource: PhotoSizeSource{Type: SourceFullLegacy, VolumeID: 8, LocalID: 9, Secret: 10}},
			UniqueID{Type: UniquePhoto, Form: FormVolume, VolumeID: 8, LocalID: 9}},
	} {
		got := tc.f.Unique()
		if got != tc.want {
			t.Errorf("%s: Unique = %+v, want %+v", tc.name, got, tc.want)
		}
		back, err := DecodeUniqueID(tc.f.UniqueID())
		if err != nil || back != tc.want {
			t.Errorf("%s: DecodeUniqueID(%s) = %+v, %v", tc.name, tc.f.UniqueID(), back, err)
		}
	}
}

func TestDecodeUniqueErrors(t *testing.T) {
	enc := func(b ...byte) string { return b64enc(zeroEncode(b)) }
	for _, tc := range []struct {
		name, in string
		err      error
	}{
		{"empty", "", ErrTruncated},
		{"bad base64", "A!", ErrBase64},
		{"unknown type", enc(9, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8), ErrType},
		{"short document", enc(2, 0, 0, 0, 1, 2, 3), ErrTruncated},
		{"long document", enc(2, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ErrTrailing},
		{"photo of 10 bytes", enc(1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), ErrTruncated},
		{"photo of 13 bytes not starting with 2", enc(1, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), ErrTruncated},
		{"empty web URL", enc(0, 0, 0, 0, 0, 0, 0, 0), ErrEmptyURL},
		{"web with trailing bytes", enc(0, 0, 0, 0, 1, 'a', 0, 0, 1), ErrTrailing},
	} {
		u, err := DecodeUniqueID(tc.in)
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: DecodeUniqueID = %+v, %v; want %v", tc.name, u, err, tc.err)
		}
	}
}

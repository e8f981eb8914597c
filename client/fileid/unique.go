package fileid

import (
	"encoding/base64"
	"strconv"
)

// A UniqueType is the first int of a file_unique_id: 0 for web files, and
// otherwise one more than TDLib's FileTypeClass of the file type.
type UniqueType int32

// Unique id types.
const (
	UniqueWeb UniqueType = iota
	UniquePhoto
	UniqueDocument
	UniqueSecure
	UniqueEncrypted
	UniqueTemp
)

func (t UniqueType) String() string {
	switch t {
	case UniqueWeb:
		return "Web"
	case UniquePhoto:
		return "Photo"
	case UniqueDocument:
		return "Document"
	case UniqueSecure:
		return "Secure"
	case UniqueEncrypted:
		return "Encrypted"
	case UniqueTemp:
		return "Temp"
	}
	return "UniqueType(" + strconv.Itoa(int(t)) + ")"
}

// A PhotoForm is the layout of the rest of a UniquePhoto id.
type PhotoForm uint8

// Photo unique id forms.
const (
	// FormSize: ID and Size, for the sizes of photos and document
	// thumbnails and for dialog photos of current ids (9 bytes).
	FormSize PhotoForm = iota
	// FormVolume: VolumeID and LocalID, for legacy locations (12 bytes).
	FormVolume
	// FormStickerSet: StickerSetID and StickerSetVersion, for sticker set
	// thumbnails (13 bytes, the first being 2).
	FormStickerSet
)

// A UniqueID is a decoded file_unique_id. Which fields are used depends on
// Type and, for UniquePhoto, on Form; the others are zero.
type UniqueID struct {
	Type UniqueType

	URL string // UniqueWeb
	ID  int64  // the file id; the photo or document id for FormSize

	Form PhotoForm
	// Size is the size byte of FormSize: 0 and 1 for the small and big
	// dialog photo, and for thumbnails the type letter, with 'a' as 0, 'c'
	// as 1 and every other letter plus 5.
	Size              byte
	VolumeID          int64
	LocalID           int32
	StickerSetID      int64
	StickerSetVersion int32
}

// Unique returns the unique id of the file f names, as TDLib's
// FullRemoteFileLocation::AsUnique computes it.
func (f FileID) Unique() UniqueID {
	if f.IsWeb() {
		return UniqueID{Type: UniqueWeb, URL: f.URL}
	}
	u := UniqueID{Type: UniqueType(f.Type.class()) + 1, ID: f.ID}
	if !f.Type.IsPhoto() {
		return u
	}
	s := f.PhotoSizeSource.current()
	switch s.Type {
	case SourceThumbnail:
		u.Form, u.Size = FormSize, thumbnailSize(s.ThumbnailType)
	case SourceDialogPhotoSmall:
		u.Form, u.Size = FormSize, 0
	case SourceDialogPhotoBig:
		u.Form, u.Size = FormSize, 1
	case SourceStickerSetThumbnailVersion:
		u = UniqueID{Type: u.Type, Form: FormStickerSet, StickerSetID: s.StickerSetID, StickerSetVersion: s.StickerSetVersion}
	default:
		u = UniqueID{Type: u.Type, Form: FormVolume, VolumeID: s.VolumeID, LocalID: s.LocalID}
	}
	return u
}

// UniqueID returns the Bot API file_unique_id of the file f names.
func (f FileID) UniqueID() string { return f.Unique().Encode() }

// thumbnailSize maps a thumbnail type letter to its unique id byte, as
// TDLib's PhotoSizeSource::get_unique does.
func thumbnailSize(t byte) byte {
	switch t {
	case 'a':
		return 0
	case 'c':
		return 1
	}
	return t + 5
}

// Encode returns u as a Bot API file_unique_id.
func (u UniqueID) Encode() string {
	w := writer{b: make([]byte, 0, 24+len(u.URL))}
	w.int32(int32(u.Type))
	switch {
	case u.Type == UniqueWeb:
		w.bytes([]byte(u.URL))
	case u.Type != UniquePhoto:
		w.int64(u.ID)
	case u.Form == FormVolume:
		w.int64(u.VolumeID)
		w.int32(u.LocalID)
	case u.Form == FormStickerSet:
		w.b = append(w.b, 2)
		w.int64(u.StickerSetID)
		w.int32(u.StickerSetVersion)
	default:
		w.int64(u.ID)
		w.b = append(w.b, u.Size)
	}
	return base64.RawURLEncoding.EncodeToString(zeroEncode(w.b))
}

// DecodeUniqueID parses a Bot API file_unique_id. Errors are *DecodeError
// values.
func DecodeUniqueID(s string) (UniqueID, error) {
	raw, err := decodeBase64(s)
	if err != nil {
		return UniqueID{}, err
	}
	r := reader{b: zeroDecode(raw)}
	u := UniqueID{Type: UniqueType(r.int32())}
	switch u.Type {
	case UniqueWeb:
		u.URL = string(r.bytes())
		if r.err == nil && u.URL == "" {
			r.fail(4, ErrEmptyURL, "")
		}
	case UniquePhoto:
		switch n := len(r.b) - r.off; {
		case n == 12:
			u.Form = FormVolume
			u.VolumeID = r.int64()
			u.LocalID = r.int32()
		case n == 13 && r.b[r.off] == 2:
			u.Form = FormStickerSet
			r.off++
			u.StickerSetID = r.int64()
			u.StickerSetVersion = r.int32()
		case n == 9:
			u.Form = FormSize
			u.ID = r.int64()
			u.Size = r.take(1)[0]
		default:
			r.fail(r.off, ErrTruncated, "photo unique id of "+strconv.Itoa(n)+" bytes")
		}
	case UniqueDocument, UniqueSecure, UniqueEncrypted, UniqueTemp:
		u.ID = r.int64()
	default:
		r.fail(0, ErrType, "unique type "+strconv.Itoa(int(u.Type)))
	}
	if r.err != nil {
		return UniqueID{}, r.err
	}
	if r.off < len(r.b) {
		return UniqueID{}, &DecodeError{Offset: r.off, Err: ErrTrailing, Detail: strconv.Itoa(len(r.b)-r.off) + " bytes"}
	}
	return u, nil
}

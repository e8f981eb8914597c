package fileid

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
)

// Decode parses a Bot API file_id.
//
// It accepts what TDLib's FileManager::from_persistent_id accepts, with two
// differences: sub-versions newer than TDLib's own are read with the current
// layout instead of being refused, and legacy (version 2) ids may carry
// bytes after the location, which some libraries wrote; they are kept, so
// that Encode gives the same string back. Padding characters are allowed at
// the end. Errors are *DecodeError values.
func Decode(s string) (FileID, error) {
	raw, err := decodeBase64(s)
	if err != nil {
		return FileID{}, err
	}
	if len(raw) == 0 {
		return FileID{}, &DecodeError{Offset: 0, Err: ErrTruncated, Detail: "empty id"}
	}
	f := FileID{Version: raw[len(raw)-1]}
	body := raw[:len(raw)-1]
	switch f.Version {
	case LegacyVersion:
	case PersistentVersion:
		if len(body) == 0 {
			return FileID{}, &DecodeError{Offset: 0, Err: ErrTruncated, Detail: "no sub-version"}
		}
		f.SubVersion = body[len(body)-1]
		body = body[:len(body)-1]
	default:
		return FileID{}, &DecodeError{Offset: len(raw) - 1, Err: ErrVersion, Detail: strconv.Itoa(int(f.Version))}
	}
	_, sub := f.layout()

	r := reader{b: zeroDecode(body)}
	typ := r.int32()
	web := typ&webLocationFlag != 0
	hasReference := typ&fileReferenceFlag != 0
	f.Type = Type(typ &^ (webLocationFlag | fileReferenceFlag))
	if r.err == nil && (!f.Type.Valid() || !web && f.Type.class() == classTemp) {
		r.fail(0, ErrType, strconv.Itoa(int(f.Type)))
	}
	f.DC = r.int32()
	if hasReference {
		f.FileReference = r.bytes()
	}
	switch {
	case web:
		start := r.off
		f.URL = string(r.bytes())
		f.AccessHash = r.int64()
		if r.err == nil && f.URL == "" {
			r.fail(start, ErrEmptyURL, "")
		}
	case f.Type.IsPhoto():
		f.ID = r.int64()
		f.AccessHash = r.int64()
		f.PhotoSizeSource = readSource(&r, sub)
		if r.err == nil {
			checkSource(&r, f.Type, f.PhotoSizeSource)
		}
	default:
		f.ID = r.int64()
		f.AccessHash = r.int64()
	}
	if r.err != nil {
		return FileID{}, r.err
	}
	if r.off < len(r.b) {
		if f.Version != LegacyVersion {
			return FileID{}, &DecodeError{Offset: r.off, Err: ErrTrailing, Detail: strconv.Itoa(len(r.b)-r.off) + " bytes"}
		}
		f.extra = append([]byte{}, r.b[r.off:]...)
	}
	return f, nil
}

// decodeBase64 decodes URL-safe base64 with or without padding.
func decodeBase64(s string) ([]byte, error) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		var c base64.CorruptInputError
		off := 0
		if errors.As(err, &c) {
			off = int(c)
		}
		return nil, &DecodeError{Offset: off, Err: ErrBase64, Detail: err.Error()}
	}
	return raw, nil
}

// readSource reads the photo size source that follows a photo's id and
// access hash in the layout of sub-version sub, converting the sources of
// old layouts as TDLib's PhotoRemoteFileLocation::parse does.
func readSource(r *reader, sub byte) PhotoSizeSource {
	var s PhotoSizeSource
	if sub < subVersionPhotoSizeSource {
		s.Type = SourceFullLegacy
		s.VolumeID = r.int64()
		s.Secret = r.int64()
		s.LocalID = r.int32()
		return s
	}
	old := sub < subVersionNoVolumeID
	if old {
		s.VolumeID = r.int64()
	}
	start := r.off
	s.Type = SourceType(r.int32())
	if r.err != nil {
		return s
	}
	switch s.Type {
	case SourceLegacy:
		if !old {
			r.fail(start, ErrSource, "legacy source in a sub-version "+strconv.Itoa(int(sub))+" id")
			return s
		}
		s.Type = SourceFullLegacy
		s.Secret = r.int64()
	case SourceThumbnail:
		s.FileType = Type(r.int32())
		thumb := r.int32()
		if r.err == nil && !s.FileType.Valid() {
			r.fail(start+4, ErrSource, "thumbnail of file type "+strconv.Itoa(int(s.FileType)))
		}
		if r.err == nil && (thumb < 0 || thumb >= 128) {
			r.fail(start+8, ErrSource, "thumbnail type "+strconv.Itoa(int(thumb)))
		}
		s.ThumbnailType = byte(thumb)
	case SourceDialogPhotoSmall, SourceDialogPhotoBig:
		s.DialogID = r.int64()
		s.DialogAccessHash = r.int64()
		if old {
			s.Type += SourceDialogPhotoSmallLegacy - SourceDialogPhotoSmall
		}
	case SourceStickerSetThumbnail:
		if !old {
			r.fail(start, ErrSource, "sticker set thumbnail source in a sub-version "+strconv.Itoa(int(sub))+" id")
			return s
		}
		s.Type = SourceStickerSetThumbnailLegacy
		s.StickerSetID = r.int64()
		s.StickerSetAccessHash = r.int64()
	case SourceFullLegacy, SourceDialogPhotoSmallLegacy, SourceDialogPhotoBigLegacy,
		SourceStickerSetThumbnailLegacy, SourceStickerSetThumbnailVersion:
		if old {
			r.fail(start, ErrSource, s.Type.String()+" source in a sub-version "+strconv.Itoa(int(sub))+" id")
			return s
		}
		switch s.Type {
		case SourceFullLegacy:
			s.VolumeID = r.int64()
			s.Secret = r.int64()
			s.LocalID = r.int32()
		case SourceStickerSetThumbnailVersion:
			s.StickerSetID = r.int64()
			s.StickerSetAccessHash = r.int64()
			s.StickerSetVersion = r.int32()
		case SourceStickerSetThumbnailLegacy:
			s.StickerSetID = r.int64()
			s.StickerSetAccessHash = r.int64()
			s.VolumeID = r.int64()
			s.LocalID = r.int32()
		default:
			s.DialogID = r.int64()
			s.DialogAccessHash = r.int64()
			s.VolumeID = r.int64()
			s.LocalID = r.int32()
		}
		if r.err == nil && s.LocalID < 0 && s.Type != SourceFullLegacy && s.Type != SourceStickerSetThumbnailVersion {
			// Only secret chat thumbnails, stored as full legacy, may
			// have negative local ids.
			r.fail(r.off-4, ErrSource, "local id "+strconv.Itoa(int(s.LocalID)))
		}
	default:
		r.fail(start, ErrSource, strconv.Itoa(int(s.Type)))
		return s
	}
	if old {
		s.LocalID = r.int32()
	}
	return s
}

// checkSource applies the checks of TDLib's FullRemoteFileLocation::parse
// that relate the source to the file type.
func checkSource(r *reader, t Type, s PhotoSizeSource) {
	switch s.Type {
	case SourceThumbnail:
		switch {
		case s.FileType != t:
			r.fail(0, ErrType, "thumbnail of a "+s.FileType.String()+" in a "+t.String()+" id")
		case t != Photo && t != PhotoStory && t != SelfDestructingPhoto && t != Thumbnail && t != EncryptedThumbnail:
			r.fail(0, ErrType, "thumbnail source in a "+t.String()+" id")
		}
	case SourceDialogPhotoSmall, SourceDialogPhotoBig, SourceDialogPhotoSmallLegacy, SourceDialogPhotoBigLegacy:
		if t != ProfilePhoto {
			r.fail(0, ErrType, "dialog photo source in a "+t.String()+" id")
			return
		}
		if k := PeerOf(s.DialogID, 0).Kind; k == 0 || k == PeerSecretChat {
			r.fail(0, ErrSource, "dialog id "+strconv.FormatInt(s.DialogID, 10))
		}
	case SourceStickerSetThumbnailLegacy, SourceStickerSetThumbnailVersion:
		if t != Thumbnail {
			r.fail(0, ErrType, "sticker set thumbnail source in a "+t.String()+" id")
		}
	}
}

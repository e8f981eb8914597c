package fileid

import "encoding/base64"

// Encode returns f as a Bot API file_id.
//
// It writes the layout of f's Version and SubVersion, so that a decoded id
// encodes to the string it came from. When the photo size source cannot be
// written in that layout (a source introduced after it), Encode writes
// PersistentVersion and DefaultSubVersion instead. Encode does not check
// the fields: an id with an invalid Type or source encodes to a string that
// Decode refuses.
func (f FileID) Encode() string {
	version, sub := f.layout()
	if f.Type.IsPhoto() && !f.IsWeb() && !sourceFits(f.PhotoSizeSource.Type, version, sub) {
		version, sub = PersistentVersion, DefaultSubVersion
	}

	w := writer{b: make([]byte, 0, 64+len(f.FileReference)+len(f.URL))}
	typ := int32(f.Type)
	if f.IsWeb() {
		typ |= webLocationFlag
	}
	if len(f.FileReference) > 0 {
		typ |= fileReferenceFlag
	}
	w.int32(typ)
	w.int32(f.DC)
	if len(f.FileReference) > 0 {
		w.bytes(f.FileReference)
	}
	switch {
	case f.IsWeb():
		w.bytes([]byte(f.URL))
		w.int64(f.AccessHash)
	case f.Type.IsPhoto():
		w.int64(f.ID)
		w.int64(f.AccessHash)
		writeSource(&w, f.PhotoSizeSource, sub)
	default:
		w.int64(f.ID)
		w.int64(f.AccessHash)
	}
	if version == LegacyVersion {
		w.b = append(w.b, f.extra...)
	}

	out := zeroEncode(w.b)
	if version == PersistentVersion {
		out = append(out, sub)
	}
	out = append(out, version)
	return base64.RawURLEncoding.EncodeToString(out)
}

// sourceFits reports whether a source of type t can be written in the
// layout of the given version and sub-version.
func sourceFits(t SourceType, version, sub byte) bool {
	if version == PersistentVersion && sub >= subVersionNoVolumeID {
		return t >= 0 && t < numSources
	}
	switch t {
	case SourceLegacy, SourceFullLegacy:
		return true
	case SourceThumbnail, SourceDialogPhotoSmallLegacy, SourceDialogPhotoBigLegacy,
		SourceStickerSetThumbnail, SourceStickerSetThumbnailLegacy:
		return version == PersistentVersion && sub >= subVersionPhotoSizeSource
	}
	return false
}

// writeSource writes a photo size source after the photo id and access
// hash, in the layout of sub-version sub (0 for legacy ids).
func writeSource(w *writer, s PhotoSizeSource, sub byte) {
	switch {
	case sub >= subVersionNoVolumeID:
		s = s.current()
		w.int32(int32(s.Type))
		switch s.Type {
		case SourceThumbnail:
			w.int32(int32(s.FileType))
			w.int32(int32(s.ThumbnailType))
		case SourceDialogPhotoSmall, SourceDialogPhotoBig:
			w.int64(s.DialogID)
			w.int64(s.DialogAccessHash)
		case SourceFullLegacy:
			w.int64(s.VolumeID)
			w.int64(s.Secret)
			w.int32(s.LocalID)
		case SourceDialogPhotoSmallLegacy, SourceDialogPhotoBigLegacy:
			w.int64(s.DialogID)
			w.int64(s.DialogAccessHash)
			w.int64(s.VolumeID)
			w.int32(s.LocalID)
		case SourceStickerSetThumbnailLegacy:
			w.int64(s.StickerSetID)
			w.int64(s.StickerSetAccessHash)
			w.int64(s.VolumeID)
			w.int32(s.LocalID)
		case SourceStickerSetThumbnailVersion:
			w.int64(s.StickerSetID)
			w.int64(s.StickerSetAccessHash)
			w.int32(s.StickerSetVersion)
		}

	case sub >= subVersionPhotoSizeSource:
		// volume_id, a source of the first five types, local_id.
		w.int64(s.VolumeID)
		switch s.Type {
		case SourceLegacy, SourceFullLegacy:
			w.int32(int32(SourceLegacy))
			w.int64(s.Secret)
		case SourceThumbnail:
			w.int32(int32(SourceThumbnail))
			w.int32(int32(s.FileType))
			w.int32(int32(s.ThumbnailType))
		case SourceDialogPhotoSmallLegacy:
			w.int32(int32(SourceDialogPhotoSmall))
			w.int64(s.DialogID)
			w.int64(s.DialogAccessHash)
		case SourceDialogPhotoBigLegacy:
			w.int32(int32(SourceDialogPhotoBig))
			w.int64(s.DialogID)
			w.int64(s.DialogAccessHash)
		case SourceStickerSetThumbnail, SourceStickerSetThumbnailLegacy:
			w.int32(int32(SourceStickerSetThumbnail))
			w.int64(s.StickerSetID)
			w.int64(s.StickerSetAccessHash)
		}
		w.int32(s.LocalID)

	default:
		w.int64(s.VolumeID)
		w.int64(s.Secret)
		w.int32(s.LocalID)
	}
}

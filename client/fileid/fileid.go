package fileid

// Persistent id versions: the last byte of a decoded file id.
const (
	// LegacyVersion marks the ids of older TDLib versions. They carry no
	// sub-version and store photos with volume id, secret and local id.
	LegacyVersion byte = 2

	// PersistentVersion marks the ids written today, whose last but one
	// byte is the sub-version.
	PersistentVersion byte = 4
)

// DefaultSubVersion is the sub-version Encode writes for a FileID whose
// Version is zero: the value of TDLib's Version seen in Bot API file ids of
// 2026. Every sub-version from 32 on has the same layout; TDLib refuses ids
// of sub-versions newer than its own, so an older value is the safer choice.
const DefaultSubVersion byte = 59

// Sub-versions at which the layout of photo locations changed (TDLib's
// Version::AddPhotoSizeSource and Version::RemovePhotoVolumeAndLocalId).
const (
	subVersionPhotoSizeSource = 22
	subVersionNoVolumeID      = 32
)

// Flags stored in the bits above the file type.
const (
	webLocationFlag   = 1 << 24
	fileReferenceFlag = 1 << 25
)

// A FileID is a decoded Bot API file_id.
//
// A file has a web location when URL is not empty: it is then named by URL
// and AccessHash only. Otherwise DC, ID and AccessHash name it; for photo-like
// types (Type.IsPhoto) PhotoSizeSource says which size, and ID is the photo
// or document id the size belongs to, zero for legacy locations.
//
// FileReference is kept as stored. TDLib stores "#" for a reference it
// knows to be stale; such a reference must be refreshed before use.
//
// Version and SubVersion say how the id was, or will be, serialised. A zero
// Version means PersistentVersion with DefaultSubVersion, which is what
// locations built by this package use. Decoded ids keep theirs, so that they
// re-encode to the same string.
type FileID struct {
	Type          Type
	DC            int32
	ID            int64
	AccessHash    int64
	FileReference []byte
	URL           string

	PhotoSizeSource PhotoSizeSource

	Version    byte
	SubVersion byte

	// extra holds bytes that followed the location in a legacy id; some
	// libraries wrote them and Decode keeps them for Encode.
	extra []byte
}

// IsWeb reports whether f names a file on the web rather than on
// Telegram's servers.
func (f FileID) IsWeb() bool { return f.URL != "" }

// layout returns the version bytes Encode writes for f, and the sub-version
// whose layout the body follows (0 for legacy ids).
func (f FileID) layout() (version, subVersion byte) {
	switch f.Version {
	case 0:
		return PersistentVersion, DefaultSubVersion
	case LegacyVersion:
		return LegacyVersion, 0
	}
	return PersistentVersion, f.SubVersion
}

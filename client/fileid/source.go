package fileid

import "strconv"

// A SourceType says which size of which photo a photo-like file id names.
// The values are TDLib's PhotoSizeSource::Type, which file ids store.
type SourceType int32

// Photo size sources. Ids of sub-version 32 and later store only
// SourceThumbnail, the dialog photo sources and the four sources from
// SourceFullLegacy on. SourceLegacy and SourceStickerSetThumbnail appear in
// older ids only, which Decode turns into SourceFullLegacy and
// SourceStickerSetThumbnailLegacy as TDLib does.
const (
	SourceLegacy                     SourceType = iota // Secret, of ids of sub-versions 22 to 31
	SourceThumbnail                                    // FileType, ThumbnailType
	SourceDialogPhotoSmall                             // DialogID, DialogAccessHash
	SourceDialogPhotoBig                               // DialogID, DialogAccessHash
	SourceStickerSetThumbnail                          // StickerSetID, StickerSetAccessHash, of old ids
	SourceFullLegacy                                   // VolumeID, LocalID, Secret
	SourceDialogPhotoSmallLegacy                       // DialogID, DialogAccessHash, VolumeID, LocalID
	SourceDialogPhotoBigLegacy                         // DialogID, DialogAccessHash, VolumeID, LocalID
	SourceStickerSetThumbnailLegacy                    // StickerSetID, StickerSetAccessHash, VolumeID, LocalID
	SourceStickerSetThumbnailVersion                   // StickerSetID, StickerSetAccessHash, StickerSetVersion

	numSources
)

var sourceNames = [numSources]string{
	"Legacy", "Thumbnail", "DialogPhotoSmall", "DialogPhotoBig",
	"StickerSetThumbnail", "FullLegacy", "DialogPhotoSmallLegacy",
	"DialogPhotoBigLegacy", "StickerSetThumbnailLegacy",
	"StickerSetThumbnailVersion",
}

func (t SourceType) String() string {
	if t >= 0 && t < numSources {
		return sourceNames[t]
	}
	return "SourceType(" + strconv.Itoa(int(t)) + ")"
}

// A PhotoSizeSource is the part of a photo-like file id that says which
// photo size it names. Which fields are used depends on Type, as listed with
// the SourceType constants.
//
// VolumeID and LocalID of a SourceThumbnail are kept only from ids of
// sub-versions 22 to 31, which stored them for every photo, so that such ids
// re-encode unchanged; Telegram no longer needs them.
type PhotoSizeSource struct {
	Type SourceType

	// FileType and ThumbnailType name a thumbnail: FileType is the type
	// of the file id itself (Photo for the sizes of a photo, Thumbnail for
	// the thumbnails of a document) and ThumbnailType the size letter of
	// photoSize.type, such as 's', 'm' or 'x'.
	FileType      Type
	ThumbnailType byte

	// DialogID is the Bot API chat id of the user, chat or channel whose
	// profile photo this is; DialogAccessHash is its access hash, zero for
	// basic groups.
	DialogID         int64
	DialogAccessHash int64

	StickerSetID         int64
	StickerSetAccessHash int64
	StickerSetVersion    int32 // thumb_version of the sticker set

	VolumeID int64
	LocalID  int32
	Secret   int64
}

// Big reports whether s names the big size of a dialog photo.
func (s PhotoSizeSource) Big() bool {
	return s.Type == SourceDialogPhotoBig || s.Type == SourceDialogPhotoBigLegacy
}

// current returns s with the types of old ids replaced by the ones TDLib
// uses today: SourceLegacy by SourceFullLegacy and SourceStickerSetThumbnail
// by SourceStickerSetThumbnailLegacy.
func (s PhotoSizeSource) current() PhotoSizeSource {
	switch s.Type {
	case SourceLegacy:
		s.Type = SourceFullLegacy
	case SourceStickerSetThumbnail:
		s.Type = SourceStickerSetThumbnailLegacy
	}
	return s
}

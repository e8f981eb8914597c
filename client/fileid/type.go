package fileid

import "strconv"

// A Type is the kind of file a file id refers to. The values are TDLib's
// FileType (td/telegram/files/FileType.h), which file ids store.
type Type int32

// File types. Voice, SecureRaw and Secure are TDLib's VoiceNote,
// SecureDecrypted and SecureEncrypted; the names follow the Bot API
// libraries.
const (
	Thumbnail Type = iota
	ProfilePhoto
	Photo
	Voice
	Video
	Document
	Encrypted
	Temp
	Sticker
	Audio
	Animation
	EncryptedThumbnail
	Wallpaper
	VideoNote
	SecureRaw
	Secure
	Background
	DocumentAsFile
	Ringtone
	CallLog
	PhotoStory
	VideoStory
	SelfDestructingPhoto
	SelfDestructingVideo
	SelfDestructingVideoNote
	SelfDestructingVoiceNote
	LivePhoto
	SelfDestructingLivePhoto

	numTypes // TDLib's FileType::Size; not a type
)

var typeNames = [numTypes]string{
	"Thumbnail", "ProfilePhoto", "Photo", "Voice", "Video", "Document",
	"Encrypted", "Temp", "Sticker", "Audio", "Animation",
	"EncryptedThumbnail", "Wallpaper", "VideoNote", "SecureRaw", "Secure",
	"Background", "DocumentAsFile", "Ringtone", "CallLog", "PhotoStory",
	"VideoStory", "SelfDestructingPhoto", "SelfDestructingVideo",
	"SelfDestructingVideoNote", "SelfDestructingVoiceNote", "LivePhoto",
	"SelfDestructingLivePhoto",
}

func (t Type) String() string {
	if t.Valid() {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// Valid reports whether t is a known file type.
func (t Type) Valid() bool { return t >= 0 && t < numTypes }

// A class groups file types by the location they are stored with; it is
// TDLib's FileTypeClass.
type class int32

const (
	classPhoto class = iota
	classDocument
	classSecure
	classEncrypted
	classTemp
)

func (t Type) class() class {
	switch t {
	case Photo, ProfilePhoto, Thumbnail, EncryptedThumbnail, Wallpaper,
		PhotoStory, SelfDestructingPhoto:
		return classPhoto
	case SecureRaw, Secure:
		return classSecure
	case Encrypted:
		return classEncrypted
	case Temp:
		return classTemp
	}
	return classDocument
}

// IsPhoto reports whether files of type t are stored as photos, with a
// PhotoSizeSource, rather than as documents.
func (t Type) IsPhoto() bool { return t.Valid() && t.class() == classPhoto }

// IsDocument reports whether files of type t are documents: everything that
// is sent as an InputDocument, from stickers to voice notes.
func (t Type) IsDocument() bool { return t.Valid() && t.class() == classDocument }

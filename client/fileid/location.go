package fileid

import "fmt"

// A LocationKind names the MTProto InputFileLocation constructor (or, for
// web files, inputWebFileLocation) that downloads a file.
type LocationKind uint8

// Location kinds, each with the Location fields its constructor takes.
const (
	LocationDocument              LocationKind = iota + 1 // inputDocumentFileLocation: ID, AccessHash, FileReference, ThumbSize
	LocationPhoto                                         // inputPhotoFileLocation: ID, AccessHash, FileReference, ThumbSize
	LocationPhotoLegacy                                   // inputPhotoLegacyFileLocation: ID, AccessHash, FileReference, VolumeID, LocalID, Secret
	LocationPeerPhoto                                     // inputPeerPhotoFileLocation: Big, Peer, ID (the photo id)
	LocationPeerPhotoLegacy                               // inputPeerPhotoFileLocationLegacy: Big, Peer, VolumeID, LocalID
	LocationStickerSetThumb                               // inputStickerSetThumb: StickerSetID, StickerSetAccessHash, ThumbVersion
	LocationStickerSetThumbLegacy                         // inputStickerSetThumbLegacy: StickerSetID, StickerSetAccessHash, VolumeID, LocalID
	LocationEncrypted                                     // inputEncryptedFileLocation: ID, AccessHash
	LocationSecure                                        // inputSecureFileLocation: ID, AccessHash
	LocationWeb                                           // inputWebFileLocation for upload.getWebFile: URL, AccessHash
)

// A Location describes, in plain fields, the MTProto location a file id
// downloads from. Kind says which constructor to build and which fields it
// takes; DC is the data center to ask (upload.getFile), unused for web
// files. The sticker set of the sticker set kinds is an inputStickerSetID.
type Location struct {
	Kind LocationKind
	DC   int32

	ID            int64
	AccessHash    int64
	FileReference []byte
	ThumbSize     string // photoSize.type; empty for a whole document

	Big  bool
	Peer Peer

	StickerSetID         int64
	StickerSetAccessHash int64
	ThumbVersion         int32

	VolumeID int64
	LocalID  int32
	Secret   int64

	URL string
}

// Location returns where f downloads from, as TDLib's
// FullRemoteFileLocation::as_input_file_location and
// as_input_web_file_location build it. It fails with ErrNoLocation for
// encrypted thumbnails and for dialog photos whose Peer is a secret chat or
// invalid.
func (f FileID) Location() (Location, error) {
	if f.IsWeb() {
		return Location{Kind: LocationWeb, URL: f.URL, AccessHash: f.AccessHash}, nil
	}
	l := Location{DC: f.DC, ID: f.ID, AccessHash: f.AccessHash, FileReference: f.FileReference}
	if !f.Type.Valid() {
		return Location{}, fmt.Errorf("%w: file type %v", ErrNoLocation, f.Type)
	}
	switch f.Type.class() {
	case classEncrypted:
		l.Kind, l.FileReference = LocationEncrypted, nil
		return l, nil
	case classSecure:
		l.Kind, l.FileReference = LocationSecure, nil
		return l, nil
	case classDocument:
		l.Kind = LocationDocument
		return l, nil
	case classTemp:
		return Location{}, noLocation(f)
	}

	s := f.PhotoSizeSource.current()
	switch s.Type {
	case SourceThumbnail:
		l.ThumbSize = string([]byte{s.ThumbnailType})
		switch s.FileType {
		case Photo, PhotoStory, SelfDestructingPhoto:
			l.Kind = LocationPhoto
		case Thumbnail:
			l.Kind = LocationDocument
		default:
			return Location{}, noLocation(f)
		}
	case SourceDialogPhotoSmall, SourceDialogPhotoBig, SourceDialogPhotoSmallLegacy, SourceDialogPhotoBigLegacy:
		peer := PeerOf(s.DialogID, s.DialogAccessHash)
		if peer.Kind == 0 || peer.Kind == PeerSecretChat {
			return Location{}, noLocation(f)
		}
		l = Location{DC: f.DC, Big: s.Big(), Peer: peer}
		if s.Type == SourceDialogPhotoSmall || s.Type == SourceDialogPhotoBig {
			l.Kind, l.ID = LocationPeerPhoto, f.ID
		} else {
			l.Kind, l.VolumeID, l.LocalID = LocationPeerPhotoLegacy, s.VolumeID, s.LocalID
		}
	case SourceFullLegacy:
		l.Kind = LocationPhotoLegacy
		l.VolumeID, l.LocalID, l.Secret = s.VolumeID, s.LocalID, s.Secret
	case SourceStickerSetThumbnailLegacy:
		l = Location{Kind: LocationStickerSetThumbLegacy, DC: f.DC,
			StickerSetID: s.StickerSetID, StickerSetAccessHash: s.StickerSetAccessHash,
			VolumeID: s.VolumeID, LocalID: s.LocalID}
	case SourceStickerSetThumbnailVersion:
		l = Location{Kind: LocationStickerSetThumb, DC: f.DC,
			StickerSetID: s.StickerSetID, StickerSetAccessHash: s.StickerSetAccessHash,
			ThumbVersion: s.StickerSetVersion}
	default:
		return Location{}, noLocation(f)
	}
	return l, nil
}

func noLocation(f FileID) error {
	return fmt.Errorf("%w: %v with source %v", ErrNoLocation, f.Type, f.PhotoSizeSource.Type)
}

// An InputKind names the MTProto constructor that sends a file again.
type InputKind uint8

// Input kinds.
const (
	InputDocument      InputKind = iota + 1 // inputDocument: ID, AccessHash, FileReference
	InputPhoto                              // inputPhoto: ID, AccessHash, FileReference
	InputEncryptedFile                      // inputEncryptedFile: ID, AccessHash
	InputSecureFile                         // inputSecureFile: ID, AccessHash
)

// An Input describes, in plain fields, the MTProto object that sends a
// file again: inputMediaDocument and inputMediaPhoto take the first two
// kinds.
type Input struct {
	Kind          InputKind
	ID            int64
	AccessHash    int64
	FileReference []byte
}

// Input returns the object that sends the file f names again. Documents of
// every kind, photos (including story and self-destructing photos),
// encrypted and secure files have one; thumbnails, profile photos,
// wallpapers and web files fail with ErrNoInput.
func (f FileID) Input() (Input, error) {
	in := Input{ID: f.ID, AccessHash: f.AccessHash, FileReference: f.FileReference}
	switch {
	case f.IsWeb() || !f.Type.Valid():
	case f.Type.IsDocument():
		in.Kind = InputDocument
		return in, nil
	case f.Type == Photo || f.Type == PhotoStory || f.Type == SelfDestructingPhoto:
		in.Kind = InputPhoto
		return in, nil
	case f.Type.class() == classEncrypted:
		return Input{Kind: InputEncryptedFile, ID: f.ID, AccessHash: f.AccessHash}, nil
	case f.Type.class() == classSecure:
		return Input{Kind: InputSecureFile, ID: f.ID, AccessHash: f.AccessHash}, nil
	}
	return Input{}, fmt.Errorf("%w: file type %v", ErrNoInput, f.Type)
}

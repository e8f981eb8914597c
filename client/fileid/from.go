package fileid

// FromDocument returns the file id of a document (document#8fd4c4d8) sent
// as type t, which should satisfy t.IsDocument(): Document, Sticker, Video,
// Audio, Voice, Animation, VideoNote and so on.
func FromDocument(t Type, dc int32, id, accessHash int64, fileReference []byte) FileID {
	return FileID{Type: t, DC: dc, ID: id, AccessHash: accessHash, FileReference: fileReference}
}

// FromPhoto returns the file id of one size of a photo (photo#fb197a65),
// thumbType being that size's photoSize.type, such as 'x'.
func FromPhoto(dc int32, id, accessHash int64, fileReference []byte, thumbType byte) FileID {
	return FileID{Type: Photo, DC: dc, ID: id, AccessHash: accessHash, FileReference: fileReference,
		PhotoSizeSource: PhotoSizeSource{Type: SourceThumbnail, FileType: Photo, ThumbnailType: thumbType}}
}

// FromDocumentThumbnail returns the file id of a thumbnail of a document,
// thumbType being the photoSize.type of the thumbnail.
func FromDocumentThumbnail(dc int32, documentID, accessHash int64, fileReference []byte, thumbType byte) FileID {
	return FileID{Type: Thumbnail, DC: dc, ID: documentID, AccessHash: accessHash, FileReference: fileReference,
		PhotoSizeSource: PhotoSizeSource{Type: SourceThumbnail, FileType: Thumbnail, ThumbnailType: thumbType}}
}

// FromProfilePhoto returns the file id of the small or big size of the
// profile photo photoID of a user, chat or channel (userProfilePhoto,
// chatPhoto); dc is the photo's dc_id.
func FromProfilePhoto(dc int32, photoID int64, peer Peer, big bool) FileID {
	s := PhotoSizeSource{Type: SourceDialogPhotoSmall, DialogID: peer.DialogID(), DialogAccessHash: peer.AccessHash}
	if big {
		s.Type = SourceDialogPhotoBig
	}
	return FileID{Type: ProfilePhoto, DC: dc, ID: photoID, PhotoSizeSource: s}
}

// FromStickerSetThumbnail returns the file id of the thumbnail of a sticker
// set (stickerSet.thumb_version, thumb_dc_id).
func FromStickerSetThumbnail(dc int32, setID, setAccessHash int64, version int32) FileID {
	return FileID{Type: Thumbnail, DC: dc, PhotoSizeSource: PhotoSizeSource{
		Type: SourceStickerSetThumbnailVersion, StickerSetID: setID,
		StickerSetAccessHash: setAccessHash, StickerSetVersion: version}}
}

// FromWeb returns the file id of a web document (webDocument#1c570ed1)
// sent as type t.
func FromWeb(t Type, url string, accessHash int64) FileID {
	return FileID{Type: t, URL: url, AccessHash: accessHash}
}

package client

import (
	"context"
	"fmt"
	"mime"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/luagram/luagram/client/fileid"
	"github.com/luagram/luagram/tl/api"
)

// A FileLocation is a file on Telegram's servers as downloads see it.
type FileLocation struct {
	// Location is what upload.getFile asks for.
	Location api.InputFileLocationClass
	// DC is where the file lives (0: the home DC; FILE_MIGRATE_X moves a
	// download to X in any case).
	DC int
	// Size is the file's size, -1 if unknown (downloads then stop at the
	// first short part).
	Size int64
	// Name and MimeType describe the file when known (DownloadToDir uses
	// them for the file name).
	Name     string
	MimeType string
	// Refresh, if set, fetches Location again with a new file reference
	// after FILE_REFERENCE_EXPIRED.
	Refresh func(ctx context.Context) (api.InputFileLocationClass, error)
}

// FileLocationOf tells where the file src names can be downloaded from.
// src is one of:
//
//   - *api.Message: its media, with the message as the way to refresh an
//     expired file reference (messages.getMessages or
//     channels.getMessages);
//   - api.MessageMediaClass (photo or document), *api.Photo,
//     *api.Document: no refresh is possible without the message;
//   - a Bot API file_id (string) or a decoded fileid.FileID;
//   - api.InputFileLocationClass, for the home DC, of unknown size;
//   - FileLocation or *FileLocation, as is.
//
// thumb picks a size of a photo ("" is the largest) or a thumbnail of a
// document ("" is the document itself).
func (c *Client) FileLocationOf(src any, thumb string) (*FileLocation, error) {
	switch x := src.(type) {
	case *FileLocation:
		return x, nil
	case FileLocation:
		return &x, nil
	case *api.Message:
		loc, err := locationOfMedia(x.Media, thumb)
		if err != nil {
			return nil, err
		}
		msg := x
		loc.Refresh = func(ctx context.Context) (api.InputFileLocationClass, error) {
			return c.refreshFromMessage(ctx, msg, thumb, loc.Location)
		}
		return loc, nil
	case api.MessageMediaClass:
		return locationOfMedia(x, thumb)
	case *api.Photo:
		return locationOfPhoto(x, thumb)
	case *api.Document:
		return locationOfDocument(x, thumb)
	case string:
		f, err := fileid.Decode(x)
		if err != nil {
			return nil, err
		}
		return locationOfFileID(f)
	case fileid.FileID:
		return locationOfFileID(x)
	case api.InputFileLocationClass:
		return &FileLocation{Location: x, Size: -1}, nil
	}
	return nil, fmt.Errorf("%w: %T", ErrNoFileLocation, src)
}

func locationOfMedia(m api.MessageMediaClass, thumb string) (*FileLocation, error) {
	switch x := m.(type) {
	case *api.MessageMediaPhoto:
		if p, ok := x.Photo.(*api.Photo); ok {
			return locationOfPhoto(p, thumb)
		}
	case *api.MessageMediaDocument:
		if d, ok := x.Document.(*api.Document); ok {
			return locationOfDocument(d, thumb)
		}
	}
	return nil, fmt.Errorf("%w: media %T", ErrNoFileLocation, m)
}

// largestPhotoSize returns the type and byte size of the biggest size of
// a photo (or of the thumbnail typ), skipping the stripped and vector
// sizes that are not files.
func photoSizeOf(sizes []api.PhotoSizeClass, typ string) (string, int64, bool) {
	best, bestPixels, bestSize := "", int64(-1), int64(-1)
	for _, s := range sizes {
		var t string
		var w, h int32
		var n int64
		switch x := s.(type) {
		case *api.PhotoSize:
			t, w, h, n = x.Type, x.W, x.H, int64(x.Size)
		case *api.PhotoSizeProgressive:
			t, w, h, n = x.Type, x.W, x.H, -1
			if len(x.Sizes) > 0 {
				n = int64(x.Sizes[len(x.Sizes)-1])
			}
		default:
			continue
		}
		if typ != "" {
			if t == typ {
				return t, n, true
			}
			continue
		}
		if px := int64(w) * int64(h); px > bestPixels {
			best, bestPixels, bestSize = t, px, n
		}
	}
	return best, bestSize, best != ""
}

func locationOfPhoto(p *api.Photo, thumb string) (*FileLocation, error) {
	typ, size, ok := photoSizeOf(p.Sizes, thumb)
	if !ok {
		return nil, fmt.Errorf("%w: photo %d has no size %q", ErrNoFileLocation, p.ID, thumb)
	}
	return &FileLocation{
		Location: &api.InputPhotoFileLocation{ID: p.ID, AccessHash: p.AccessHash, FileReference: p.FileReference, ThumbSize: typ},
		DC:       int(p.DCID), Size: size, MimeType: "image/jpeg",
		Name: "photo_" + strconv.FormatInt(p.ID, 10) + "_" + typ + ".jpg",
	}, nil
}

func locationOfDocument(d *api.Document, thumb string) (*FileLocation, error) {
	loc := &FileLocation{
		Location: &api.InputDocumentFileLocation{ID: d.ID, AccessHash: d.AccessHash, FileReference: d.FileReference},
		DC:       int(d.DCID), Size: d.Size, MimeType: d.MimeType,
	}
	if thumb != "" {
		typ, size, ok := photoSizeOf(d.Thumbs, thumb)
		if !ok {
			return nil, fmt.Errorf("%w: document %d has no thumbnail %q", ErrNoFileLocation, d.ID, thumb)
		}
		loc.Location.(*api.InputDocumentFileLocation).ThumbSize = typ
		loc.Size, loc.MimeType = size, "image/jpeg"
		loc.Name = "thumb_" + strconv.FormatInt(d.ID, 10) + "_" + typ + ".jpg"
		return loc, nil
	}
	for _, a := range d.Attributes {
		if f, ok := a.(*api.DocumentAttributeFilename); ok {
			loc.Name = f.FileName
		}
	}
	if loc.Name == "" {
		loc.Name = "document_" + strconv.FormatInt(d.ID, 10) + extensionOf(d.MimeType)
	}
	return loc, nil
}

// locationOfFileID turns a Bot API file id back into a location. Its size
// is not part of the id.
func locationOfFileID(f fileid.FileID) (*FileLocation, error) {
	l, err := f.Location()
	if err != nil {
		return nil, err
	}
	loc := &FileLocation{DC: int(l.DC), Size: -1}
	switch l.Kind {
	case fileid.LocationDocument:
		loc.Location = &api.InputDocumentFileLocation{ID: l.ID, AccessHash: l.AccessHash, FileReference: l.FileReference, ThumbSize: l.ThumbSize}
	case fileid.LocationPhoto:
		loc.Location = &api.InputPhotoFileLocation{ID: l.ID, AccessHash: l.AccessHash, FileReference: l.FileReference, ThumbSize: l.ThumbSize}
	case fileid.LocationPhotoLegacy:
		loc.Location = &api.InputPhotoLegacyFileLocation{ID: l.ID, AccessHash: l.AccessHash, FileReference: l.FileReference,
			VolumeID: l.VolumeID, LocalID: l.LocalID, Secret: l.Secret}
	case fileid.LocationPeerPhoto:
		loc.Location = &api.InputPeerPhotoFileLocation{Big: l.Big, Peer: inputPeerOfFileID(l.Peer), PhotoID: l.ID}
	case fileid.LocationPeerPhotoLegacy:
		loc.Location = &api.InputPeerPhotoFileLocationLegacy{Big: l.Big, Peer: inputPeerOfFileID(l.Peer), VolumeID: l.VolumeID, LocalID: l.LocalID}
	case fileid.LocationStickerSetThumb:
		loc.Location = &api.InputStickerSetThumb{Stickerset: &api.InputStickerSetID{ID: l.StickerSetID, AccessHash: l.StickerSetAccessHash},
			ThumbVersion: l.ThumbVersion}
	case fileid.LocationStickerSetThumbLegacy:
		loc.Location = &api.InputStickerSetThumbLegacy{Stickerset: &api.InputStickerSetID{ID: l.StickerSetID, AccessHash: l.StickerSetAccessHash},
			VolumeID: l.VolumeID, LocalID: l.LocalID}
	case fileid.LocationEncrypted:
		loc.Location = &api.InputEncryptedFileLocation{ID: l.ID, AccessHash: l.AccessHash}
	case fileid.LocationSecure:
		loc.Location = &api.InputSecureFileLocation{ID: l.ID, AccessHash: l.AccessHash}
	default:
		return nil, fmt.Errorf("%w: %v files are downloaded with upload.getWebFile, which is not supported", ErrNoFileLocation, f.Type)
	}
	loc.Name = strings.ToLower(f.Type.String()) + "_" + strconv.FormatInt(f.ID, 10) + extensionOfType(f.Type)
	return loc, nil
}

func inputPeerOfFileID(p fileid.Peer) api.InputPeerClass {
	switch p.Kind {
	case fileid.PeerUser:
		return &api.InputPeerUser{UserID: p.ID, AccessHash: p.AccessHash}
	case fileid.PeerChat:
		return &api.InputPeerChat{ChatID: p.ID}
	case fileid.PeerChannel:
		return &api.InputPeerChannel{ChannelID: p.ID, AccessHash: p.AccessHash}
	}
	return &api.InputPeerEmpty{}
}

// refreshFromMessage fetches msg again and returns the location of the
// same file (same document or photo, same size) with its new file
// reference.
func (c *Client) refreshFromMessage(ctx context.Context, msg *api.Message, thumb string, old api.InputFileLocationClass) (api.InputFileLocationClass, error) {
	var res api.MessagesMessagesClass
	var err error
	ids := []api.InputMessageClass{&api.InputMessageID{ID: msg.ID}}
	if ch, ok := msg.PeerID.(*api.PeerChannel); ok {
		in, err2 := c.InputChannel(ctx, ch)
		if err2 != nil {
			return nil, err2
		}
		res, err = Call(ctx, c, &api.ChannelsGetMessagesRequest{Channel: in, ID: ids})
	} else {
		res, err = Call(ctx, c, &api.MessagesGetMessagesRequest{ID: ids})
	}
	if err != nil {
		return nil, fmt.Errorf("client: fetching message %d again for a new file reference: %w", msg.ID, err)
	}
	for _, m := range api.MessagesOf(res) {
		fresh, ok := m.(*api.Message)
		if !ok || fresh.ID != msg.ID {
			continue
		}
		loc, err := locationOfMedia(fresh.Media, thumb)
		if err != nil {
			return nil, err
		}
		if fileIDOfLocation(loc.Location) != fileIDOfLocation(old) {
			return nil, fmt.Errorf("client: message %d no longer holds the file", msg.ID)
		}
		return loc.Location, nil
	}
	return nil, fmt.Errorf("client: message %d is gone; its file reference cannot be refreshed", msg.ID)
}

func fileIDOfLocation(l api.InputFileLocationClass) int64 {
	switch x := l.(type) {
	case *api.InputDocumentFileLocation:
		return x.ID
	case *api.InputPhotoFileLocation:
		return x.ID
	}
	return 0
}

// extensionOf returns a file name extension for a MIME type.
func extensionOf(mimeType string) string {
	switch strings.ToLower(mimeType) {
	case "image/jpeg":
		return ".jpg"
	case "audio/ogg":
		return ".ogg"
	case "audio/mpeg":
		return ".mp3"
	case "video/mp4":
		return ".mp4"
	case "application/x-tgsticker":
		return ".tgs"
	case "", "application/octet-stream":
		return ".bin"
	}
	if exts, _ := mime.ExtensionsByType(mimeType); len(exts) > 0 {
		return exts[0]
	}
	return ".bin"
}

// extensionOfType returns the usual extension of a Bot API file type.
func extensionOfType(t fileid.Type) string {
	switch t {
	case fileid.Photo, fileid.ProfilePhoto, fileid.Thumbnail:
		return ".jpg"
	case fileid.Voice:
		return ".ogg"
	case fileid.Video, fileid.Animation, fileid.VideoNote:
		return ".mp4"
	case fileid.Audio:
		return ".mp3"
	case fileid.Sticker:
		return ".webp"
	}
	return ".bin"
}

// safeName makes a file name safe to create in a directory.
func safeName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.TrimLeft(name, ".")
	if name == "" || name == "/" {
		return ""
	}
	return name
}

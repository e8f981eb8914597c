package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/luagram/luagram/client/fileid"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// A MediaKind is what a file is sent as.
type MediaKind int

// Media kinds, as the Bot API names its send methods.
const (
	MediaDocument  MediaKind = iota // a file, with its name
	MediaPhoto                      // a compressed photo in several sizes
	MediaAudio                      // music: duration, title, performer
	MediaVoice                      // a voice note (Ogg Opus): duration, waveform
	MediaVideo                      // duration, width, height, streaming
	MediaAnimation                  // a silent looping video (MP4 or GIF)
	MediaSticker                    // WebP, TGS or WebM sticker
	MediaVideoNote                  // a round video
)

var mediaKindNames = [...]string{"document", "photo", "audio", "voice", "video", "animation", "sticker", "video_note"}

func (k MediaKind) String() string {
	if k >= 0 && int(k) < len(mediaKindNames) {
		return mediaKindNames[k]
	}
	return fmt.Sprintf("MediaKind(%d)", int(k))
}

// MediaOptions describe a file to send. Fields left zero are filled from
// the file where it tells (MIME type by content, then by name; image
// sizes; MP4, Ogg and WAV durations and video sizes).
type MediaOptions struct {
	Kind     MediaKind
	FileName string
	MimeType string
	// Duration in seconds, Width and Height in pixels.
	Duration      float64
	Width, Height int
	// Title and Performer of audio; Waveform of voice notes (5-bit
	// samples, packed).
	Title, Performer string
	Waveform         []byte
	// SupportsStreaming marks a video playable while it downloads.
	SupportsStreaming bool
	// Thumb is a JPEG thumbnail (at most 320 px): a path, bytes or a
	// reader.
	Thumb   any
	Spoiler bool
	// Emoji is the emoji a sticker stands for.
	Emoji string
	// Upload configures the upload (progress, parallelism).
	Upload UploadOptions
}

// SendOptions are the message around a file.
type SendOptions struct {
	Caption     string
	Entities    []api.MessageEntityClass
	ReplyMarkup api.ReplyMarkupClass
	ReplyTo     int32
	Silent      bool
}

// SendMedia sends a file to peer (anything InputPeer accepts) as a
// message and returns the message as sent. src is what InputMedia takes.
func (c *Client) SendMedia(ctx context.Context, peer any, src any, media *MediaOptions, send *SendOptions) (*api.Message, error) {
	in, err := c.InputPeer(ctx, peer)
	if err != nil {
		return nil, err
	}
	m, err := c.InputMedia(ctx, src, media)
	if err != nil {
		return nil, err
	}
	s := SendOptions{}
	if send != nil {
		s = *send
	}
	req := &api.MessagesSendMediaRequest{Peer: in, Media: m, Message: s.Caption, RandomID: rand.Int64(),
		Entities: s.Entities, ReplyMarkup: s.ReplyMarkup, Silent: s.Silent}
	if s.ReplyTo != 0 {
		req.ReplyTo = &api.InputReplyToMessage{ReplyToMsgID: s.ReplyTo}
	}
	upd, err := Call(ctx, c, req)
	if err != nil {
		return nil, err
	}
	if msg := sentMessage(upd, req.RandomID); msg != nil {
		return msg, nil
	}
	return nil, errors.New("client: messages.sendMedia returned no message")
}

// sentMessage finds the message a send with randomID produced.
func sentMessage(u api.UpdatesClass, randomID int64) *api.Message {
	var list []api.UpdateClass
	switch x := u.(type) {
	case *api.Updates:
		list = x.Updates
	case *api.UpdatesCombined:
		list = x.Updates
	case *api.UpdateShort:
		list = []api.UpdateClass{x.Update}
	}
	id := int32(0)
	for _, up := range list {
		if x, ok := up.(*api.UpdateMessageID); ok && x.RandomID == randomID {
			id = x.ID
		}
	}
	for _, up := range list {
		var m api.MessageClass
		switch x := up.(type) {
		case *api.UpdateNewMessage:
			m = x.Message
		case *api.UpdateNewChannelMessage:
			m = x.Message
		}
		if msg, ok := m.(*api.Message); ok && (id == 0 || msg.ID == id) {
			return msg
		}
	}
	return nil
}

// InputMedia returns the InputMedia that sends src:
//
//   - a file to upload: a path (string), its bytes ([]byte) or an
//     io.Reader; opts says what to send it as, and the attributes come
//     from opts and from the file;
//   - a file uploaded already (the InputFile Upload returned), described
//     by opts and its name only;
//   - a file Telegram already has, sent again without uploading: a Bot
//     API file_id (a string that names no file on disk), a decoded
//     fileid.FileID, *api.Photo, *api.Document, a photo or document
//     MessageMedia, or a *api.Message holding one.
func (c *Client) InputMedia(ctx context.Context, src any, opts *MediaOptions) (api.InputMediaClass, error) {
	o := MediaOptions{}
	if opts != nil {
		o = *opts
	}
	switch x := src.(type) {
	case string:
		if _, err := os.Stat(x); err != nil {
			if f, ferr := fileid.Decode(x); ferr == nil {
				return inputMediaOfFileID(f, o)
			}
			return nil, err
		}
		f, err := os.Open(x)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if o.FileName == "" {
			o.FileName = filepath.Base(x)
		}
		return c.uploadMedia(ctx, io.NewSectionReader(f, 0, st.Size()), f, st.Size(), o)
	case []byte:
		r := bytes.NewReader(x)
		return c.uploadMedia(ctx, r, r, int64(len(x)), o)
	case fileid.FileID:
		return inputMediaOfFileID(x, o)
	case *api.Photo:
		return &api.InputMediaPhoto{ID: &api.InputPhoto{ID: x.ID, AccessHash: x.AccessHash, FileReference: x.FileReference}, Spoiler: o.Spoiler}, nil
	case *api.Document:
		return &api.InputMediaDocument{ID: &api.InputDocument{ID: x.ID, AccessHash: x.AccessHash, FileReference: x.FileReference}, Spoiler: o.Spoiler}, nil
	case *api.MessageMediaPhoto:
		if p, ok := x.Photo.(*api.Photo); ok {
			return c.InputMedia(ctx, p, &o)
		}
	case *api.MessageMediaDocument:
		if d, ok := x.Document.(*api.Document); ok {
			return c.InputMedia(ctx, d, &o)
		}
	case *api.Message:
		if x.Media != nil {
			return c.InputMedia(ctx, x.Media, &o)
		}
	case io.Reader:
		return c.uploadMedia(ctx, x, nil, readerSize(x, &o.Upload), o)
	case api.InputFileClass:
		// Uploaded already: only the options and the name describe it.
		if o.FileName == "" {
			switch f := x.(type) {
			case *api.InputFile:
				o.FileName = f.Name
			case *api.InputFileBig:
				o.FileName = f.Name
			}
		}
		return c.describeUpload(ctx, &uploaded{input: x}, nil, 0, o)
	}
	return nil, fmt.Errorf("client: cannot send a %T as media", src)
}

// inputMediaOfFileID turns a Bot API file id back into the InputMedia
// that sends it again.
func inputMediaOfFileID(f fileid.FileID, o MediaOptions) (api.InputMediaClass, error) {
	in, err := f.Input()
	if err != nil {
		return nil, err
	}
	switch in.Kind {
	case fileid.InputPhoto:
		return &api.InputMediaPhoto{ID: &api.InputPhoto{ID: in.ID, AccessHash: in.AccessHash, FileReference: in.FileReference}, Spoiler: o.Spoiler}, nil
	case fileid.InputDocument:
		return &api.InputMediaDocument{ID: &api.InputDocument{ID: in.ID, AccessHash: in.AccessHash, FileReference: in.FileReference}, Spoiler: o.Spoiler}, nil
	}
	return nil, fmt.Errorf("client: a %v file id cannot be sent as media", f.Type)
}

// uploadMedia uploads a file and describes it. ra, if not nil, reads the
// whole file for probing; otherwise only its first part is probed.
func (c *Client) uploadMedia(ctx context.Context, r io.Reader, ra io.ReaderAt, size int64, o MediaOptions) (api.InputMediaClass, error) {
	up := o.Upload
	if up.Name == "" {
		up.Name = o.FileName
	}
	if up.Name == "" {
		up.Name = defaultFileName(o.Kind)
		o.FileName = up.Name
	}
	file, err := c.upload(ctx, r, size, &up)
	if err != nil {
		return nil, err
	}
	return c.describeUpload(ctx, file, ra, size, o)
}

// describeUpload makes the InputMedia of an uploaded file, probing its
// content (ra, or the first part the upload kept) for what opts leaves
// out.
func (c *Client) describeUpload(ctx context.Context, file *uploaded, ra io.ReaderAt, size int64, o MediaOptions) (api.InputMediaClass, error) {
	if ra == nil {
		ra, size = bytes.NewReader(file.head), int64(len(file.head))
	}
	if o.MimeType == "" {
		o.MimeType = detectMIME(file.head, o.FileName)
	}
	info := probe(ra, size, o.MimeType)
	if o.Duration == 0 {
		o.Duration = info.duration
	}
	if o.Width == 0 && o.Height == 0 {
		o.Width, o.Height = info.width, info.height
	}
	if o.Kind == MediaPhoto {
		return &api.InputMediaUploadedPhoto{File: file.input, Spoiler: o.Spoiler}, nil
	}
	doc := &api.InputMediaUploadedDocument{File: file.input, MimeType: o.MimeType, Spoiler: o.Spoiler}
	if o.Thumb != nil {
		thumb, err := c.Upload(ctx, o.Thumb, &UploadOptions{Name: "thumb.jpg"})
		if err != nil {
			return nil, fmt.Errorf("client: uploading the thumbnail: %w", err)
		}
		doc.Thumb = thumb
	}
	doc.Attributes = documentAttributes(o)
	if o.Kind == MediaDocument {
		doc.ForceFile = true
	}
	return doc, nil
}

// documentAttributes are the attributes of a document of each kind.
func documentAttributes(o MediaOptions) []api.DocumentAttributeClass {
	var attrs []api.DocumentAttributeClass
	video := func(round bool) *api.DocumentAttributeVideo {
		return &api.DocumentAttributeVideo{Duration: o.Duration, W: int32(o.Width), H: int32(o.Height),
			RoundMessage: round, SupportsStreaming: o.SupportsStreaming}
	}
	switch o.Kind {
	case MediaAudio:
		a := &api.DocumentAttributeAudio{Duration: int32(o.Duration + 0.5)}
		if o.Title != "" {
			a.Title = tl.Some(o.Title)
		}
		if o.Performer != "" {
			a.Performer = tl.Some(o.Performer)
		}
		attrs = append(attrs, a)
	case MediaVoice:
		attrs = append(attrs, &api.DocumentAttributeAudio{Voice: true, Duration: int32(o.Duration + 0.5), Waveform: o.Waveform})
	case MediaVideo:
		attrs = append(attrs, video(false))
	case MediaVideoNote:
		attrs = append(attrs, video(true))
	case MediaAnimation:
		attrs = append(attrs, &api.DocumentAttributeAnimated{})
		if o.MimeType != "image/gif" {
			attrs = append(attrs, video(false))
		}
	case MediaSticker:
		attrs = append(attrs, &api.DocumentAttributeSticker{Alt: o.Emoji, Stickerset: &api.InputStickerSetEmpty{}})
		if o.Width > 0 {
			attrs = append(attrs, &api.DocumentAttributeImageSize{W: int32(o.Width), H: int32(o.Height)})
		}
	case MediaDocument:
		if o.Width > 0 && o.Height > 0 {
			attrs = append(attrs, &api.DocumentAttributeImageSize{W: int32(o.Width), H: int32(o.Height)})
		}
	}
	if o.FileName != "" {
		attrs = append(attrs, &api.DocumentAttributeFilename{FileName: o.FileName})
	}
	return attrs
}

func defaultFileName(k MediaKind) string {
	switch k {
	case MediaPhoto:
		return "photo.jpg"
	case MediaVoice:
		return "voice.ogg"
	case MediaAudio:
		return "audio.mp3"
	case MediaVideo, MediaAnimation, MediaVideoNote:
		return "video.mp4"
	case MediaSticker:
		return "sticker.webp"
	}
	return "file"
}

// FileIDOf returns the Bot API file id of the file in media (a photo's
// largest size, or a document typed by its attributes), as the Bot API
// would give it for the message.
func FileIDOf(media api.MessageMediaClass) (fileid.FileID, error) {
	switch x := media.(type) {
	case *api.MessageMediaPhoto:
		p, ok := x.Photo.(*api.Photo)
		if !ok {
			break
		}
		typ, _, ok := photoSizeOf(p.Sizes, "")
		if !ok || len(typ) != 1 {
			return fileid.FileID{}, fmt.Errorf("%w: photo %d has no sizes", ErrNoFileLocation, p.ID)
		}
		return fileid.FromPhoto(p.DCID, p.ID, p.AccessHash, p.FileReference, typ[0]), nil
	case *api.MessageMediaDocument:
		d, ok := x.Document.(*api.Document)
		if !ok {
			break
		}
		return fileid.FromDocument(documentType(x, d), d.DCID, d.ID, d.AccessHash, d.FileReference), nil
	}
	return fileid.FileID{}, fmt.Errorf("%w: media %T", ErrNoFileLocation, media)
}

// documentType is the Bot API type of a document, from its attributes.
func documentType(m *api.MessageMediaDocument, d *api.Document) fileid.Type {
	t := fileid.Document
	animated := false
	for _, a := range d.Attributes {
		switch x := a.(type) {
		case *api.DocumentAttributeSticker:
			return fileid.Sticker
		case *api.DocumentAttributeAnimated:
			animated = true
		case *api.DocumentAttributeVideo:
			if x.RoundMessage {
				t = fileid.VideoNote
			} else if t == fileid.Document {
				t = fileid.Video
			}
		case *api.DocumentAttributeAudio:
			if x.Voice {
				t = fileid.Voice
			} else {
				t = fileid.Audio
			}
		}
	}
	if animated {
		return fileid.Animation
	}
	if t == fileid.Video && !m.Video {
		return fileid.Document // sent as a file
	}
	return t
}

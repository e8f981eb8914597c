package sandbox

import (
	"image"
	"io"
	"strings"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.MessagesSendMediaRequestTypeID] = (*call).messagesSendMedia
	handlers[api.MessagesUploadMediaRequestTypeID] = (*call).messagesUploadMedia
}

// A document is a stored document: its file, MIME type, attributes and
// thumbnails.
type document struct {
	id, accessHash int64
	dc             int
	date           int32
	mime           string
	attrs          []api.DocumentAttributeClass
	file           *storedFile
	thumbs         []*photoSize
}

// A photo is a stored photo: the same picture in several sizes, smallest
// first, each a file of its own.
type photo struct {
	id, accessHash int64
	dc             int
	date           int32
	sizes          []*photoSize
}

// A photoSize is one size of a photo or a thumbnail of a document.
type photoSize struct {
	typ  string // "s", "m", "x", "y", "w"
	w, h int32
	file *storedFile
}

func (s *photoSize) object() api.PhotoSizeClass {
	return &api.PhotoSize{Type: s.typ, W: s.w, H: s.h, Size: int32(s.file.size)}
}

// addDocument stores a document and returns it.
func (fs *fileStore) addDocument(d *document) *document {
	d.id, d.accessHash = newFileID(), randomInt64()
	fs.mu.Lock()
	fs.docs[d.id] = d
	fs.mu.Unlock()
	return d
}

// addPhoto stores a photo and returns it.
func (fs *fileStore) addPhoto(p *photo) *photo {
	p.id, p.accessHash = newFileID(), randomInt64()
	fs.mu.Lock()
	fs.photos[p.id] = p
	fs.mu.Unlock()
	return p
}

// documentObject renders a document with its current file reference.
func (fs *fileStore) documentObject(d *document) *api.Document {
	fs.mu.Lock()
	ref := fs.refs.make(refDocument, d.id)
	fs.mu.Unlock()
	doc := &api.Document{ID: d.id, AccessHash: d.accessHash, FileReference: ref, Date: d.date,
		MimeType: d.mime, Size: d.file.size, DCID: int32(d.dc), Attributes: d.attrs}
	if doc.Attributes == nil {
		doc.Attributes = []api.DocumentAttributeClass{}
	}
	for _, t := range d.thumbs {
		doc.Thumbs = append(doc.Thumbs, t.object())
	}
	return doc
}

// photoObject renders a photo with its current file reference.
func (fs *fileStore) photoObject(p *photo) *api.Photo {
	fs.mu.Lock()
	ref := fs.refs.make(refPhoto, p.id)
	fs.mu.Unlock()
	ph := &api.Photo{ID: p.id, AccessHash: p.accessHash, FileReference: ref, Date: p.date, DCID: int32(p.dc)}
	for _, s := range p.sizes {
		ph.Sizes = append(ph.Sizes, s.object())
	}
	return ph
}

// mediaOfDocument renders a document as message media, with the flags its
// attributes call for.
func (fs *fileStore) mediaOfDocument(d *document, forceFile bool) *api.MessageMediaDocument {
	m := &api.MessageMediaDocument{Document: fs.documentObject(d)}
	if forceFile {
		return m
	}
	animated := false
	for _, a := range d.attrs {
		if _, ok := a.(*api.DocumentAttributeAnimated); ok {
			animated = true
		}
	}
	for _, a := range d.attrs {
		switch x := a.(type) {
		case *api.DocumentAttributeVideo:
			m.Round = x.RoundMessage
			m.Video = !x.RoundMessage && !animated
		case *api.DocumentAttributeAudio:
			m.Voice = x.Voice
		}
	}
	return m
}

// A fileLocation is what an InputFileLocation names.
type fileLocation struct {
	file    *storedFile
	dc      int
	kind    byte // refDocument or refPhoto
	id      int64
	ref     []byte
	storage api.StorageFileTypeClass
	mtime   int32
}

// locate finds the file an InputFileLocation names, checking its access
// hash (not its file reference: see checkRef).
func (fs *fileStore) locate(in api.InputFileLocationClass) (fileLocation, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	switch x := in.(type) {
	case *api.InputDocumentFileLocation:
		d := fs.docs[x.ID]
		if d == nil || d.accessHash != x.AccessHash {
			return fileLocation{}, rpcError(400, "FILE_ID_INVALID")
		}
		loc := fileLocation{file: d.file, dc: d.dc, kind: refDocument, id: d.id, ref: x.FileReference,
			storage: &api.StorageFilePartial{}, mtime: d.date}
		if x.ThumbSize != "" {
			t := sizeOf(d.thumbs, x.ThumbSize)
			if t == nil {
				return fileLocation{}, rpcError(400, "LOCATION_INVALID")
			}
			loc.file, loc.storage = t.file, &api.StorageFileJpeg{}
		}
		return loc, nil
	case *api.InputPhotoFileLocation:
		p := fs.photos[x.ID]
		if p == nil || p.accessHash != x.AccessHash {
			return fileLocation{}, rpcError(400, "FILE_ID_INVALID")
		}
		s := sizeOf(p.sizes, x.ThumbSize)
		if s == nil {
			return fileLocation{}, rpcError(400, "LOCATION_INVALID")
		}
		return fileLocation{file: s.file, dc: p.dc, kind: refPhoto, id: p.id, ref: x.FileReference,
			storage: &api.StorageFileJpeg{}, mtime: p.date}, nil
	}
	return fileLocation{}, rpcError(400, "LOCATION_INVALID")
}

func sizeOf(sizes []*photoSize, typ string) *photoSize {
	for _, s := range sizes {
		if s.typ == typ {
			return s
		}
	}
	return nil
}

// checkRef validates the file reference given for a document or photo.
func (fs *fileStore) checkRef(kind byte, id int64, ref []byte) error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.refs.check(kind, id, ref)
}

// inputDocument finds the document an InputDocument names, with a valid
// file reference.
func (fs *fileStore) inputDocument(in api.InputDocumentClass) (*document, error) {
	x, ok := in.(*api.InputDocument)
	if !ok {
		return nil, rpcError(400, "MEDIA_EMPTY")
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	d := fs.docs[x.ID]
	if d == nil || d.accessHash != x.AccessHash {
		return nil, rpcError(400, "MEDIA_INVALID")
	}
	return d, fs.refs.check(refDocument, d.id, x.FileReference)
}

// inputPhoto finds the photo an InputPhoto names, with a valid file
// reference.
func (fs *fileStore) inputPhoto(in api.InputPhotoClass) (*photo, error) {
	x, ok := in.(*api.InputPhoto)
	if !ok {
		return nil, rpcError(400, "MEDIA_EMPTY")
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	p := fs.photos[x.ID]
	if p == nil || p.accessHash != x.AccessHash {
		return nil, rpcError(400, "MEDIA_INVALID")
	}
	return p, fs.refs.check(refPhoto, p.id, x.FileReference)
}

// messageMedia turns the InputMedia of messages.sendMedia or
// messages.uploadMedia into stored files and the MessageMedia that shows
// them. Uploaded parts are looked for on the calling DC, where the new
// document or photo then lives.
func (c *call) messageMedia(user int64, in api.InputMediaClass) (api.MessageMediaClass, error) {
	fs := c.dc.sb.files
	key := uploadKey{dc: c.dc.ID, user: user}
	switch x := in.(type) {
	case *api.InputMediaUploadedPhoto:
		sf, _, err := fs.finalize(key, x.File)
		if err != nil {
			return nil, err
		}
		p, err := fs.newPhoto(sf, c.dc.ID, c.now())
		if err != nil {
			return nil, err
		}
		return &api.MessageMediaPhoto{Photo: fs.photoObject(p), Spoiler: x.Spoiler, TTLSeconds: x.TTLSeconds}, nil
	case *api.InputMediaUploadedDocument:
		sf, name, err := fs.finalize(key, x.File)
		if err != nil {
			return nil, err
		}
		d := &document{dc: c.dc.ID, date: c.now(), mime: strings.ToLower(x.MimeType), file: sf}
		if d.mime == "" {
			d.mime = "application/octet-stream"
		}
		d.attrs = documentAttributes(x, name, sf)
		if x.Thumb != nil {
			tf, _, err := fs.finalize(key, x.Thumb)
			if err != nil {
				return nil, err
			}
			t, err := fs.thumbnail(tf)
			if err != nil {
				return nil, err
			}
			d.thumbs = []*photoSize{t}
		}
		fs.addDocument(d)
		m := fs.mediaOfDocument(d, x.ForceFile)
		m.Spoiler, m.TTLSeconds = x.Spoiler, x.TTLSeconds
		return m, nil
	case *api.InputMediaPhoto:
		p, err := fs.inputPhoto(x.ID)
		if err != nil {
			return nil, err
		}
		return &api.MessageMediaPhoto{Photo: fs.photoObject(p), Spoiler: x.Spoiler, TTLSeconds: x.TTLSeconds}, nil
	case *api.InputMediaDocument:
		d, err := fs.inputDocument(x.ID)
		if err != nil {
			return nil, err
		}
		m := fs.mediaOfDocument(d, false)
		m.Spoiler, m.TTLSeconds = x.Spoiler, x.TTLSeconds
		return m, nil
	case *api.InputMediaGame:
		return c.inputMediaGame(user, x) // games.go
	case *api.InputMediaEmpty, nil:
		return nil, rpcError(400, "MEDIA_EMPTY")
	}
	return nil, rpcError(400, "SANDBOX_MEDIA_UNSUPPORTED")
}

// documentAttributes completes the attributes a client gave: the file
// name of the upload when none was given, the size of an image, and
// nosound_video.
func documentAttributes(x *api.InputMediaUploadedDocument, name string, sf *storedFile) []api.DocumentAttributeClass {
	attrs := append([]api.DocumentAttributeClass(nil), x.Attributes...)
	hasName, hasSize := false, false
	for i, a := range attrs {
		switch v := a.(type) {
		case *api.DocumentAttributeFilename:
			hasName = true
		case *api.DocumentAttributeImageSize:
			hasSize = true
		case *api.DocumentAttributeVideo:
			if x.NosoundVideo && !v.Nosound {
				cp := *v
				cp.Nosound = true
				attrs[i] = &cp
			}
		}
	}
	if !hasSize && strings.HasPrefix(strings.ToLower(x.MimeType), "image/") {
		if cfg, _, err := image.DecodeConfig(io.NewSectionReader(sf.f, 0, sf.size)); err == nil {
			attrs = append(attrs, &api.DocumentAttributeImageSize{W: int32(cfg.Width), H: int32(cfg.Height)})
		}
	}
	if !hasName && name != "" {
		attrs = append(attrs, &api.DocumentAttributeFilename{FileName: name})
	}
	return attrs
}

// maxCaptionLength is config.caption_length_max.
const maxCaptionLength = 1024

func (c *call) messagesSendMedia(q tl.Object) (any, error) {
	r := q.(*api.MessagesSendMediaRequest)
	if len([]rune(r.Message)) > maxCaptionLength {
		return nil, rpcError(400, "MEDIA_CAPTION_TOO_LONG")
	}
	sb := c.dc.sb
	sb.tickFileReferences()
	// Stored files are made before the world is locked: finalizing an
	// upload may read hundreds of megabytes.
	media, err := c.messageMedia(c.userID(), r.Media)
	if err != nil {
		return nil, err
	}
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		d := draft{text: r.Message, entities: withDetectedEntities(r.Message, r.Entities), markup: r.ReplyMarkup, media: media}
		if mg, ok := media.(*api.MessageMediaGame); ok {
			if d.markup, err = gameMarkup(mg.Game.Title, r.ReplyMarkup); err != nil { // games.go
				return nil, err
			}
		}
		if rt, ok := r.ReplyTo.(*api.InputReplyToMessage); ok {
			d.replyTo = rt.ReplyToMsgID
		}
		return c.send(w, me, ref, d, r.RandomID)
	})
}

func (c *call) messagesUploadMedia(q tl.Object) (any, error) {
	r := q.(*api.MessagesUploadMediaRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	me := c.user()
	_, err := c.inputPeer(me, r.Peer)
	w.mu.Unlock()
	if err != nil {
		return nil, err
	}
	c.dc.sb.tickFileReferences()
	return c.messageMedia(me.id, r.Media)
}

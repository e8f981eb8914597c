package tdconv

import (
	"fmt"

	"github.com/luagram/luagram/tl/api"
)

// content converts the text or media of a message. Captions, which TD of
// the day kept apart, are the message's text. Call with s.mu held.
func (s *Layer) content(m *api.Message) MessageContentClass {
	switch x := m.Media.(type) {
	case nil, *api.MessageMediaEmpty:
		return &MessageText{Text: m.Message, Entities: entitiesTD(m.Entities)}
	case *api.MessageMediaWebPage:
		return &MessageText{Text: m.Message, Entities: entitiesTD(m.Entities), WebPage: s.webPage(m, x.Webpage)}
	case *api.MessageMediaPhoto:
		if p, ok := x.Photo.(*api.Photo); ok {
			return &MessagePhoto{Photo: s.photo(m, p), Caption: m.Message}
		}
	case *api.MessageMediaDocument:
		if d, ok := x.Document.(*api.Document); ok {
			return s.documentContent(m, x, d)
		}
	case *api.MessageMediaGeo:
		return &MessageLocation{Location: location(x.Geo)}
	case *api.MessageMediaGeoLive:
		return &MessageLocation{Location: location(x.Geo)}
	case *api.MessageMediaVenue:
		return &MessageVenue{Venue: &Venue{Location: location(x.Geo), Title: x.Title, Address: x.Address,
			Provider: x.Provider, ID: x.VenueID}}
	case *api.MessageMediaContact:
		return &MessageContact{Contact: &Contact{PhoneNumber: x.PhoneNumber, FirstName: x.FirstName,
			LastName: x.LastName, UserID: x.UserID}}
	case *api.MessageMediaGame:
		return &MessageGame{Game: s.game(m, &x.Game)}
	}
	return &MessageUnsupported{}
}

func location(g api.GeoPointClass) *Location {
	if p, ok := g.(*api.GeoPoint); ok {
		return &Location{Latitude: p.Lat, Longitude: p.Long}
	}
	return &Location{}
}

// photo converts a photo; src is what downloads its sizes (the message
// holding it refreshes expired file references).
func (s *Layer) photo(src any, p *api.Photo) *Photo {
	t := &Photo{ID: p.ID, HasStickers: p.HasStickers, Sizes: []*PhotoSize{}}
	for _, sz := range p.Sizes {
		if ps := s.photoSize(src, p.ID, "photo", sz); ps != nil {
			t.Sizes = append(t.Sizes, ps)
		}
	}
	return t
}

// photoSize converts one size of a photo or one thumbnail of a document;
// nil for the inline sizes that are no files.
func (s *Layer) photoSize(src any, id int64, kind string, sz api.PhotoSizeClass) *PhotoSize {
	var typ string
	var w, h int32
	var size int64
	switch x := sz.(type) {
	case *api.PhotoSize:
		typ, w, h, size = x.Type, x.W, x.H, int64(x.Size)
	case *api.PhotoSizeProgressive:
		typ, w, h = x.Type, x.W, x.H
		if n := len(x.Sizes); n > 0 {
			size = int64(x.Sizes[n-1])
		}
	case *api.PhotoCachedSize:
		typ, w, h, size = x.Type, x.W, x.H, int64(len(x.Bytes))
	default:
		return nil
	}
	f := s.file(fmt.Sprintf("%s:%d:%s", kind, id, typ), src, typ, size)
	return &PhotoSize{Type: typ, Photo: f, Width: int64(w), Height: int64(h)}
}

// thumb converts the largest file thumbnail of a document, nil if none.
func (s *Layer) thumb(src any, d *api.Document) *PhotoSize {
	var best *PhotoSize
	for _, th := range d.Thumbs {
		if ps := s.photoSize(src, d.ID, "thumb", th); ps != nil && (best == nil || ps.Width*ps.Height > best.Width*best.Height) {
			best = ps
		}
	}
	return best
}

// docFile numbers the file of a document.
func (s *Layer) docFile(src any, d *api.Document) *File {
	return s.file(fmt.Sprintf("doc:%d", d.ID), src, "", d.Size)
}

// documentContent tells documents apart by their attributes, as the Bot
// API does: stickers, animations, voice notes, audio, videos and files.
func (s *Layer) documentContent(m *api.Message, media *api.MessageMediaDocument, d *api.Document) MessageContentClass {
	var name string
	var sticker *api.DocumentAttributeSticker
	var video *api.DocumentAttributeVideo
	var audio *api.DocumentAttributeAudio
	animated := false
	for _, a := range d.Attributes {
		switch x := a.(type) {
		case *api.DocumentAttributeFilename:
			name = x.FileName
		case *api.DocumentAttributeSticker:
			sticker = x
		case *api.DocumentAttributeVideo:
			video = x
		case *api.DocumentAttributeAudio:
			audio = x
		case *api.DocumentAttributeAnimated:
			animated = true
		}
	}
	src := any(m)
	switch {
	case sticker != nil:
		return &MessageSticker{Sticker: s.stickerOf(src, d)}
	case animated:
		return &MessageAnimation{Animation: s.animationOf(src, d), Caption: m.Message}
	case audio != nil && audio.Voice:
		return &MessageVoice{Voice: &Voice{Duration: int64(audio.Duration), Waveform: audio.Waveform,
			MimeType: d.MimeType, Voice: s.docFile(src, d)}, Caption: m.Message, IsListened: !m.MediaUnread}
	case audio != nil:
		return &MessageAudio{Audio: &Audio{Duration: int64(audio.Duration), Title: audio.Title.Value,
			Performer: audio.Performer.Value, FileName: name, MimeType: d.MimeType,
			AlbumCoverThumb: s.thumb(src, d), Audio: s.docFile(src, d)}, Caption: m.Message, IsListened: !m.MediaUnread}
	case video != nil && (media.Video || media.Round || video.RoundMessage || name == ""):
		return &MessageVideo{Video: &Video{Duration: int64(video.Duration), Width: int64(video.W), Height: int64(video.H),
			FileName: name, MimeType: d.MimeType, Thumb: s.thumb(src, d), Video: s.docFile(src, d)}, Caption: m.Message}
	}
	return &MessageDocument{Document: &Document{FileName: name, MimeType: d.MimeType, Thumb: s.thumb(src, d),
		Document: s.docFile(src, d)}, Caption: m.Message}
}

// stickerOf converts a sticker document; src is what downloads it (a
// message, or the document itself). The set it names is remembered for
// getStickerSet. Call with s.mu held.
func (s *Layer) stickerOf(src any, d *api.Document) *Sticker {
	st := &Sticker{Thumb: s.thumb(src, d), Sticker: s.docFile(src, d)}
	for _, a := range d.Attributes {
		switch x := a.(type) {
		case *api.DocumentAttributeSticker:
			st.Emoji, st.IsMask = x.Alt, x.Mask
			if set, ok := x.Stickerset.(*api.InputStickerSetID); ok {
				st.SetID = set.ID
				s.stickerSets[set.ID] = set.AccessHash
			}
			if mc := x.MaskCoords; mc != nil {
				st.MaskPosition = &MaskPosition{Point: int64(mc.N), XShift: mc.X, YShift: mc.Y, Zoom: mc.Zoom}
			}
		case *api.DocumentAttributeImageSize:
			st.Width, st.Height = int64(x.W), int64(x.H)
		case *api.DocumentAttributeVideo:
			if st.Width == 0 {
				st.Width, st.Height = int64(x.W), int64(x.H)
			}
		}
	}
	return st
}

// animationOf converts an animation document; src is what downloads it.
// Call with s.mu held.
func (s *Layer) animationOf(src any, d *api.Document) *Animation {
	a := &Animation{MimeType: d.MimeType, Thumb: s.thumb(src, d), Animation: s.docFile(src, d)}
	var img *api.DocumentAttributeImageSize
	for _, at := range d.Attributes {
		switch x := at.(type) {
		case *api.DocumentAttributeFilename:
			a.FileName = x.FileName
		case *api.DocumentAttributeVideo:
			a.Width, a.Height = int64(x.W), int64(x.H)
		case *api.DocumentAttributeImageSize:
			img = x
		}
	}
	if a.Width == 0 && img != nil {
		a.Width, a.Height = int64(img.W), int64(img.H)
	}
	return a
}

func (s *Layer) webPage(m *api.Message, wc api.WebPageClass) *WebPage {
	w, ok := wc.(*api.WebPage)
	if !ok {
		return nil
	}
	t := &WebPage{URL: w.URL, DisplayURL: w.DisplayURL, Type: w.Type.Value, SiteName: w.SiteName.Value,
		Title: w.Title.Value, Description: w.Description.Value, EmbedURL: w.EmbedURL.Value, EmbedType: w.EmbedType.Value,
		EmbedWidth: int64(w.EmbedWidth.Value), EmbedHeight: int64(w.EmbedHeight.Value), Duration: int64(w.Duration.Value),
		Author: w.Author.Value}
	if p, ok := w.Photo.(*api.Photo); ok {
		t.Photo = s.photo(m, p)
	}
	if d, ok := w.Document.(*api.Document); ok {
		switch c := s.documentContent(m, &api.MessageMediaDocument{Document: d}, d).(type) {
		case *MessageAnimation:
			t.Animation = c.Animation
		case *MessageAudio:
			t.Audio = c.Audio
		case *MessageSticker:
			t.Sticker = c.Sticker
		case *MessageVideo:
			t.Video = c.Video
		case *MessageVoice:
			t.Voice = c.Voice
		case *MessageDocument:
			t.Document = c.Document
		}
	}
	return t
}

func (s *Layer) game(m *api.Message, g *api.Game) *Game {
	t := &Game{ID: g.ID, ShortName: g.ShortName, Title: g.Title, Text: m.Message, TextEntities: entitiesTD(m.Entities),
		Description: g.Description, Photo: &Photo{Sizes: []*PhotoSize{}}}
	if p, ok := g.Photo.(*api.Photo); ok {
		t.Photo = s.photo(m, p)
	}
	if d, ok := g.Document.(*api.Document); ok {
		if a, ok := s.documentContent(m, &api.MessageMediaDocument{Document: d}, d).(*MessageAnimation); ok {
			t.Animation = a.Animation
		}
	}
	return t
}

// actionContent converts the action of a service message.
func (s *Layer) actionContent(chat int64, m *api.MessageService) MessageContentClass {
	switch a := m.Action.(type) {
	case *api.MessageActionChatCreate:
		return &MessageGroupChatCreate{Title: a.Title, Members: s.usersByID(a.Users)}
	case *api.MessageActionChannelCreate:
		return &MessageChannelChatCreate{Title: a.Title}
	case *api.MessageActionChatEditTitle:
		return &MessageChatChangeTitle{Title: a.Title}
	case *api.MessageActionChatEditPhoto:
		if p, ok := a.Photo.(*api.Photo); ok {
			return &MessageChatChangePhoto{Photo: s.photo(p, p)}
		}
		return &MessageChatChangePhoto{Photo: &Photo{Sizes: []*PhotoSize{}}}
	case *api.MessageActionChatDeletePhoto:
		return &MessageChatDeletePhoto{}
	case *api.MessageActionChatAddUser:
		return &MessageChatAddMembers{Members: s.usersByID(a.Users)}
	case *api.MessageActionChatJoinedByLink, *api.MessageActionChatJoinedByRequest:
		return &MessageChatJoinByLink{}
	case *api.MessageActionChatDeleteUser:
		return &MessageChatDeleteMember{User: s.userByID(a.UserID)}
	case *api.MessageActionChatMigrateTo:
		return &MessageChatMigrateTo{ChannelID: a.ChannelID}
	case *api.MessageActionChannelMigrateFrom:
		return &MessageChatMigrateFrom{Title: a.Title, GroupID: a.ChatID}
	case *api.MessageActionPinMessage:
		var id int64
		if rh, ok := m.ReplyTo.(*api.MessageReplyHeader); ok {
			id = MessageID(rh.ReplyToMsgID.Value)
		}
		return &MessagePinMessage{MessageID: id}
	case *api.MessageActionScreenshotTaken:
		return &MessageScreenshotTaken{}
	case *api.MessageActionSetMessagesTTL:
		return &MessageChatSetTTL{TTL: int64(a.Period)}
	case *api.MessageActionGameScore:
		var id int64
		if rh, ok := m.ReplyTo.(*api.MessageReplyHeader); ok {
			id = MessageID(rh.ReplyToMsgID.Value)
		}
		return &MessageGameScore{GameMessageID: id, GameID: a.GameID, Score: int64(a.Score)}
	}
	return &MessageUnsupported{}
}

func (s *Layer) usersByID(ids []int64) []*User {
	out := make([]*User, 0, len(ids))
	for _, id := range ids {
		out = append(out, s.userByID(id))
	}
	return out
}

package tdconv

import (
	"context"
	"path/filepath"
	"strconv"

	"github.com/luagram/luagram/tl/api"
)

// inputMedia prepares the media of an InputMessageContent other than text
// and forwards: the InputMedia, the caption, and the content the message
// shows while it is being sent.
func (s *Layer) inputMedia(ctx context.Context, content InputMessageContentClass) (api.InputMediaClass, string, MessageContentClass, error) {
	file := func(in InputFileClass, m Media) (api.InputMediaClass, error) {
		arg, err := s.inputFileArg(in)
		if err != nil {
			return nil, err
		}
		return s.c.InputMedia(ctx, arg, m)
	}
	local := func(in InputFileClass, size int64) *File {
		f := &File{}
		if l, ok := in.(*InputFileLocal); ok {
			f.Path = l.Path
		}
		f.Size = size
		return f
	}
	var media api.InputMediaClass
	var err error
	switch x := content.(type) {
	case *InputMessagePhoto:
		media, err = file(x.Photo, Media{Kind: "photo", Width: int(x.Width), Height: int(x.Height), Thumb: thumbPath(x.Thumb)})
		return media, x.Caption, &MessagePhoto{Photo: &Photo{Sizes: []*PhotoSize{{Type: "i", Photo: local(x.Photo, 0),
			Width: x.Width, Height: x.Height}}}, Caption: x.Caption}, err
	case *InputMessageDocument:
		media, err = file(x.Document, Media{Kind: "document", Thumb: thumbPath(x.Thumb)})
		return media, x.Caption, &MessageDocument{Document: &Document{FileName: fileName(x.Document), Document: local(x.Document, 0)},
			Caption: x.Caption}, err
	case *InputMessageAudio:
		media, err = file(x.Audio, Media{Kind: "audio", Duration: int(x.Duration), Title: x.Title, Performer: x.Performer,
			Thumb: thumbPath(x.AlbumCoverThumb)})
		return media, x.Caption, &MessageAudio{Audio: &Audio{Duration: x.Duration, Title: x.Title, Performer: x.Performer,
			FileName: fileName(x.Audio), Audio: local(x.Audio, 0)}, Caption: x.Caption}, err
	case *InputMessageVoice:
		media, err = file(x.Voice, Media{Kind: "voice", Duration: int(x.Duration), Waveform: x.Waveform})
		return media, x.Caption, &MessageVoice{Voice: &Voice{Duration: x.Duration, Waveform: x.Waveform, Voice: local(x.Voice, 0)},
			Caption: x.Caption}, err
	case *InputMessageVideo:
		media, err = file(x.Video, Media{Kind: "video", Duration: int(x.Duration), Width: int(x.Width), Height: int(x.Height),
			Thumb: thumbPath(x.Thumb)})
		return media, x.Caption, &MessageVideo{Video: &Video{Duration: x.Duration, Width: x.Width, Height: x.Height,
			FileName: fileName(x.Video), Video: local(x.Video, 0)}, Caption: x.Caption}, err
	case *InputMessageAnimation:
		media, err = file(x.Animation, Media{Kind: "animation", Width: int(x.Width), Height: int(x.Height), Thumb: thumbPath(x.Thumb)})
		return media, x.Caption, &MessageAnimation{Animation: &Animation{Width: x.Width, Height: x.Height,
			FileName: fileName(x.Animation), Animation: local(x.Animation, 0)}, Caption: x.Caption}, err
	case *InputMessageSticker:
		media, err = file(x.Sticker, Media{Kind: "sticker", Width: int(x.Width), Height: int(x.Height), Thumb: thumbPath(x.Thumb)})
		return media, "", &MessageSticker{Sticker: &Sticker{Width: x.Width, Height: x.Height, Sticker: local(x.Sticker, 0)}}, err
	case *InputMessageLocation:
		loc := x.Location
		if loc == nil {
			return nil, "", nil, tdError(400, "Location must be non-empty")
		}
		return &api.InputMediaGeoPoint{GeoPoint: &api.InputGeoPoint{Lat: loc.Latitude, Long: loc.Longitude}}, "",
			&MessageLocation{Location: loc}, nil
	case *InputMessageVenue:
		v := x.Venue
		if v == nil || v.Location == nil {
			return nil, "", nil, tdError(400, "Venue must be non-empty")
		}
		return &api.InputMediaVenue{GeoPoint: &api.InputGeoPoint{Lat: v.Location.Latitude, Long: v.Location.Longitude},
			Title: v.Title, Address: v.Address, Provider: v.Provider, VenueID: v.ID}, "", &MessageVenue{Venue: v}, nil
	case *InputMessageContact:
		c := x.Contact
		if c == nil {
			return nil, "", nil, tdError(400, "Contact must be non-empty")
		}
		return &api.InputMediaContact{PhoneNumber: c.PhoneNumber, FirstName: c.FirstName, LastName: c.LastName}, "",
			&MessageContact{Contact: c}, nil
	case *InputMessageGame:
		bot, err := s.c.InputUser(ctx, x.BotUserID)
		if err != nil {
			return nil, "", nil, err
		}
		return &api.InputMediaGame{ID: &api.InputGameShortName{BotID: bot, ShortName: x.GameShortName}}, "",
			&MessageGame{Game: &Game{ShortName: x.GameShortName, Photo: &Photo{Sizes: []*PhotoSize{}}, TextEntities: []MessageEntityClass{}}}, nil
	}
	return nil, "", nil, tdError(400, "%s cannot be sent here", content.TDID())
}

// inputFileArg is what Client.InputMedia takes for an InputFile: a path,
// or a persistent id (Bot API file id).
func (s *Layer) inputFileArg(in InputFileClass) (string, error) {
	switch x := in.(type) {
	case *InputFileLocal:
		return x.Path, nil
	case *InputFilePersistentID:
		return x.PersistentID, nil
	case *InputFileGenerated:
		return x.OriginalPath, nil
	case *InputFileID:
		s.mu.Lock()
		defer s.mu.Unlock()
		f := s.files.byID[x.ID]
		switch {
		case f == nil:
			return "", tdError(400, "File %d not found", x.ID)
		case f.persistent != "":
			return f.persistent, nil
		case f.path != "":
			return f.path, nil
		}
		return "", tdError(400, "File %d cannot be sent: it has no persistent id", x.ID)
	}
	return "", tdError(400, "InputFile must be non-empty")
}

func thumbPath(t InputThumbClass) string {
	switch x := t.(type) {
	case *InputThumbLocal:
		return x.Path
	case *InputThumbGenerated:
		return x.OriginalPath
	}
	return ""
}

func fileName(in InputFileClass) string {
	switch x := in.(type) {
	case *InputFileLocal:
		return filepath.Base(x.Path)
	case *InputFileGenerated:
		return filepath.Base(x.OriginalPath)
	case *InputFileID:
		return "file" + strconv.FormatInt(x.ID, 10)
	}
	return ""
}

package tdconv

import (
	"context"
	"encoding/base64"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	register("getInlineQueryResults", (*Layer).getInlineQueryResults)
	register("answerInlineQuery", (*Layer).answerInlineQuery)
	register("answerCallbackQuery", (*Layer).answerCallbackQuery)
	register("getCallbackQueryAnswer", (*Layer).getCallbackQueryAnswer)
	register("editInlineMessageText", (*Layer).editInlineMessageText)
	register("editInlineMessageCaption", (*Layer).editInlineMessageCaption)
	register("editInlineMessageReplyMarkup", (*Layer).editInlineMessageReplyMarkup)
}

// inlineMessageID encodes the id of a message sent via a bot as TD's
// string: the TL bytes in URL-safe base64, as the Bot API does.
func inlineMessageID(id api.InputBotInlineMessageIDClass) string {
	if id == nil {
		return ""
	}
	var b tl.Buffer
	b.Object(id, id.TypeName())
	return base64.RawURLEncoding.EncodeToString(b.Buf)
}

func parseInlineMessageID(s string) (api.InputBotInlineMessageIDClass, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, tdError(400, "Invalid inline message identifier")
	}
	d := tl.NewDecoder(raw)
	id, ok := tl.DecodeObject(d).(api.InputBotInlineMessageIDClass)
	if !ok || d.End() != nil {
		return nil, tdError(400, "Invalid inline message identifier")
	}
	return id, nil
}

func (s *Layer) getInlineQueryResults(ctx context.Context, r *GetInlineQueryResultsRequest) (Object, error) {
	bot, err := s.c.InputUser(ctx, r.BotUserID)
	if err != nil {
		return nil, err
	}
	var peer api.InputPeerClass = &api.InputPeerEmpty{}
	if r.ChatID != 0 {
		if peer, err = s.c.InputPeer(ctx, r.ChatID); err != nil {
			return nil, err
		}
	}
	req := &api.MessagesGetInlineBotResultsRequest{Bot: bot, Peer: peer, Query: r.Query, Offset: r.Offset}
	if l := r.UserLocation; l != nil {
		req.GeoPoint = &api.InputGeoPoint{Lat: l.Latitude, Long: l.Longitude}
	}
	res, err := call(ctx, s, req)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.local.recentBots = pushRecent(s.local.recentBots, r.BotUserID)
	out := &InlineQueryResults{InlineQueryID: res.QueryID, NextOffset: res.NextOffset.Value, Results: []InlineQueryResultClass{}}
	if res.SwitchPm != nil {
		out.SwitchPmText, out.SwitchPmParameter = res.SwitchPm.Text, res.SwitchPm.StartParam
	}
	for _, rc := range res.Results {
		if t := s.inlineResult(rc); t != nil {
			out.Results = append(out.Results, t)
		}
	}
	return out, nil
}

func webURL(d api.WebDocumentClass) (string, int32, int32) {
	var url string
	var attrs []api.DocumentAttributeClass
	switch x := d.(type) {
	case *api.WebDocument:
		url, attrs = x.URL, x.Attributes
	case *api.WebDocumentNoProxy:
		url, attrs = x.URL, x.Attributes
	}
	for _, a := range attrs {
		if sz, ok := a.(*api.DocumentAttributeImageSize); ok {
			return url, sz.W, sz.H
		}
	}
	return url, 0, 0
}

// inlineResult converts one result of an inline query. Call with s.mu
// held.
func (s *Layer) inlineResult(rc api.BotInlineResultClass) InlineQueryResultClass {
	switch x := rc.(type) {
	case *api.BotInlineResult:
		thumb, tw, th := webURL(x.Thumb)
		switch m := x.SendMessage.(type) {
		case *api.BotInlineMessageMediaContact:
			return &InlineQueryResultContact{ID: x.ID, Contact: &Contact{PhoneNumber: m.PhoneNumber, FirstName: m.FirstName,
				LastName: m.LastName}, ThumbURL: thumb, ThumbWidth: int64(tw), ThumbHeight: int64(th)}
		case *api.BotInlineMessageMediaGeo:
			return &InlineQueryResultLocation{ID: x.ID, Location: location(m.Geo), Title: x.Title.Value,
				ThumbURL: thumb, ThumbWidth: int64(tw), ThumbHeight: int64(th)}
		case *api.BotInlineMessageMediaVenue:
			return &InlineQueryResultVenue{ID: x.ID, Venue: &Venue{Location: location(m.Geo), Title: m.Title,
				Address: m.Address, Provider: m.Provider, ID: m.VenueID}, ThumbURL: thumb, ThumbWidth: int64(tw), ThumbHeight: int64(th)}
		}
		return &InlineQueryResultArticle{ID: x.ID, URL: x.URL.Value, Title: x.Title.Value, Description: x.Description.Value,
			ThumbURL: thumb, ThumbWidth: int64(tw), ThumbHeight: int64(th)}
	case *api.BotInlineMediaResult:
		if p, ok := x.Photo.(*api.Photo); ok {
			return &InlineQueryResultPhoto{ID: x.ID, Photo: s.photo(p, p), Title: x.Title.Value, Description: x.Description.Value}
		}
		d, ok := x.Document.(*api.Document)
		if !ok {
			return nil
		}
		m := &api.Message{Media: &api.MessageMediaDocument{Document: d}}
		switch c := s.documentContent(m, m.Media.(*api.MessageMediaDocument), d).(type) {
		case *MessageAnimation:
			return &InlineQueryResultAnimation{ID: x.ID, Animation: c.Animation, Title: x.Title.Value}
		case *MessageAudio:
			return &InlineQueryResultAudio{ID: x.ID, Audio: c.Audio}
		case *MessageSticker:
			return &InlineQueryResultSticker{ID: x.ID, Sticker: c.Sticker}
		case *MessageVideo:
			return &InlineQueryResultVideo{ID: x.ID, Video: c.Video, Title: x.Title.Value, Description: x.Description.Value}
		case *MessageVoice:
			return &InlineQueryResultVoice{ID: x.ID, Voice: c.Voice, Title: x.Title.Value}
		case *MessageDocument:
			return &InlineQueryResultDocument{ID: x.ID, Document: c.Document, Title: x.Title.Value, Description: x.Description.Value}
		}
	}
	return nil
}

// answerInlineQuery answers an inline query with results given by URL or
// as articles; their messages are what input_message_content says, or the
// media itself.
func (s *Layer) answerInlineQuery(ctx context.Context, r *AnswerInlineQueryRequest) (Object, error) {
	req := &api.MessagesSetInlineBotResultsRequest{QueryID: r.InlineQueryID, Private: r.IsPersonal, CacheTime: int32(r.CacheTime),
		Results: []api.InputBotInlineResultClass{}}
	if r.NextOffset != "" {
		req.NextOffset = tl.Some(r.NextOffset)
	}
	if r.SwitchPmText != "" {
		req.SwitchPm = &api.InlineBotSwitchPM{Text: r.SwitchPmText, StartParam: r.SwitchPmParameter}
	}
	for _, res := range r.Results {
		in, err := s.inputInlineResult(ctx, res)
		if err != nil {
			return nil, err
		}
		if in != nil {
			req.Results = append(req.Results, in)
		}
	}
	if _, err := call(ctx, s, req); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func webDoc(url, mime string, w, h int64) *api.InputWebDocument {
	if url == "" {
		return nil
	}
	d := &api.InputWebDocument{URL: url, MimeType: mime, Attributes: []api.DocumentAttributeClass{}}
	if w > 0 && h > 0 {
		d.Attributes = append(d.Attributes, &api.DocumentAttributeImageSize{W: int32(w), H: int32(h)})
	}
	return d
}

func optString(v string) tl.Opt[string] {
	if v == "" {
		return tl.Opt[string]{}
	}
	return tl.Some(v)
}

// inlineMessage converts the message of an inline result.
func (s *Layer) inlineMessage(ctx context.Context, c InputMessageContentClass, markup ReplyMarkupClass, fallback string) (api.InputBotInlineMessageClass, error) {
	rm := replyMarkupAPI(markup)
	switch x := c.(type) {
	case *InputMessageText:
		text, entities, err := s.formatted(ctx, x.Text, x.Entities, x.ParseMode)
		if err != nil {
			return nil, err
		}
		return &api.InputBotInlineMessageText{Message: text, Entities: entities, NoWebpage: x.DisableWebPagePreview, ReplyMarkup: rm}, nil
	case *InputMessageLocation:
		if x.Location != nil {
			return &api.InputBotInlineMessageMediaGeo{GeoPoint: &api.InputGeoPoint{Lat: x.Location.Latitude, Long: x.Location.Longitude}, ReplyMarkup: rm}, nil
		}
	case *InputMessageVenue:
		if v := x.Venue; v != nil && v.Location != nil {
			return &api.InputBotInlineMessageMediaVenue{GeoPoint: &api.InputGeoPoint{Lat: v.Location.Latitude, Long: v.Location.Longitude},
				Title: v.Title, Address: v.Address, Provider: v.Provider, VenueID: v.ID, ReplyMarkup: rm}, nil
		}
	case *InputMessageContact:
		if ct := x.Contact; ct != nil {
			return &api.InputBotInlineMessageMediaContact{PhoneNumber: ct.PhoneNumber, FirstName: ct.FirstName, LastName: ct.LastName, ReplyMarkup: rm}, nil
		}
	}
	if fallback == "" {
		return &api.InputBotInlineMessageMediaAuto{ReplyMarkup: rm}, nil
	}
	return &api.InputBotInlineMessageText{Message: fallback, ReplyMarkup: rm}, nil
}

func (s *Layer) inputInlineResult(ctx context.Context, res InputInlineQueryResultClass) (api.InputBotInlineResultClass, error) {
	out := &api.InputBotInlineResult{}
	var content InputMessageContentClass
	var markup ReplyMarkupClass
	fallback := ""
	switch x := res.(type) {
	case *InputInlineQueryResultArticle:
		out.ID, out.Type, out.Title, out.Description = x.ID, "article", optString(x.Title), optString(x.Description)
		out.URL = optString(x.URL)
		out.Thumb = webDoc(x.ThumbURL, "image/jpeg", x.ThumbWidth, x.ThumbHeight)
		content, markup, fallback = x.InputMessageContent, x.ReplyMarkup, x.Title
	case *InputInlineQueryResultPhoto:
		out.ID, out.Type, out.Title, out.Description = x.ID, "photo", optString(x.Title), optString(x.Description)
		out.Thumb = webDoc(x.ThumbURL, "image/jpeg", 0, 0)
		out.Content = webDoc(x.PhotoURL, "image/jpeg", x.PhotoWidth, x.PhotoHeight)
		content, markup = x.InputMessageContent, x.ReplyMarkup
	case *InputInlineQueryResultAnimatedGIF:
		out.ID, out.Type, out.Title = x.ID, "gif", optString(x.Title)
		out.Thumb = webDoc(x.ThumbURL, "image/jpeg", 0, 0)
		out.Content = webDoc(x.GIFURL, "image/gif", x.GIFWidth, x.GIFHeight)
		content, markup = x.InputMessageContent, x.ReplyMarkup
	case *InputInlineQueryResultAnimatedMpeg4:
		out.ID, out.Type, out.Title = x.ID, "gif", optString(x.Title)
		out.Thumb = webDoc(x.ThumbURL, "image/jpeg", 0, 0)
		out.Content = webDoc(x.Mpeg4URL, "video/mp4", x.Mpeg4Width, x.Mpeg4Height)
		content, markup = x.InputMessageContent, x.ReplyMarkup
	case *InputInlineQueryResultVideo:
		out.ID, out.Type, out.Title, out.Description = x.ID, "video", optString(x.Title), optString(x.Description)
		out.Thumb = webDoc(x.ThumbURL, "image/jpeg", 0, 0)
		out.Content = webDoc(x.VideoURL, x.MimeType, x.VideoWidth, x.VideoHeight)
		content, markup = x.InputMessageContent, x.ReplyMarkup
	case *InputInlineQueryResultAudio:
		out.ID, out.Type, out.Title = x.ID, "audio", optString(x.Title)
		out.Content = webDoc(x.AudioURL, "audio/mpeg", 0, 0)
		content, markup = x.InputMessageContent, x.ReplyMarkup
	case *InputInlineQueryResultVoice:
		out.ID, out.Type, out.Title = x.ID, "voice", optString(x.Title)
		out.Content = webDoc(x.VoiceURL, "audio/ogg", 0, 0)
		content, markup = x.InputMessageContent, x.ReplyMarkup
	case *InputInlineQueryResultDocument:
		out.ID, out.Type, out.Title, out.Description = x.ID, "file", optString(x.Title), optString(x.Description)
		out.Thumb = webDoc(x.ThumbURL, "image/jpeg", x.ThumbWidth, x.ThumbHeight)
		out.Content = webDoc(x.DocumentURL, x.MimeType, 0, 0)
		content, markup = x.InputMessageContent, x.ReplyMarkup
	case *InputInlineQueryResultSticker:
		out.ID, out.Type = x.ID, "sticker"
		out.Content = webDoc(x.StickerURL, "image/webp", x.StickerWidth, x.StickerHeight)
		content, markup = x.InputMessageContent, x.ReplyMarkup
	case *InputInlineQueryResultContact:
		out.ID, out.Type = x.ID, "contact"
		if x.Contact != nil {
			out.Title = optString(x.Contact.FirstName)
		}
		out.Thumb = webDoc(x.ThumbURL, "image/jpeg", x.ThumbWidth, x.ThumbHeight)
		content, markup = x.InputMessageContent, x.ReplyMarkup
		if content == nil {
			content = &InputMessageContact{Contact: x.Contact}
		}
	case *InputInlineQueryResultLocation:
		out.ID, out.Type, out.Title = x.ID, "geo", optString(x.Title)
		out.Thumb = webDoc(x.ThumbURL, "image/jpeg", x.ThumbWidth, x.ThumbHeight)
		content, markup = x.InputMessageContent, x.ReplyMarkup
		if content == nil {
			content = &InputMessageLocation{Location: x.Location}
		}
	case *InputInlineQueryResultVenue:
		out.ID, out.Type = x.ID, "venue"
		if x.Venue != nil {
			out.Title = optString(x.Venue.Title)
		}
		out.Thumb = webDoc(x.ThumbURL, "image/jpeg", x.ThumbWidth, x.ThumbHeight)
		content, markup = x.InputMessageContent, x.ReplyMarkup
		if content == nil {
			content = &InputMessageVenue{Venue: x.Venue}
		}
	case *InputInlineQueryResultGame:
		msg := &api.InputBotInlineMessageGame{ReplyMarkup: replyMarkupAPI(x.ReplyMarkup)}
		return &api.InputBotInlineResultGame{ID: x.ID, ShortName: x.GameShortName, SendMessage: msg}, nil
	default:
		return nil, nil
	}
	msg, err := s.inlineMessage(ctx, content, markup, fallback)
	if err != nil {
		return nil, err
	}
	out.SendMessage = msg
	return out, nil
}

func (s *Layer) answerCallbackQuery(ctx context.Context, r *AnswerCallbackQueryRequest) (Object, error) {
	if _, err := call(ctx, s, &api.MessagesSetBotCallbackAnswerRequest{QueryID: r.CallbackQueryID, Message: optString(r.Text),
		Alert: r.ShowAlert, URL: optString(r.URL), CacheTime: int32(r.CacheTime)}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) getCallbackQueryAnswer(ctx context.Context, r *GetCallbackQueryAnswerRequest) (Object, error) {
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	req := &api.MessagesGetBotCallbackAnswerRequest{Peer: peer, MsgID: ServerMessageID(r.MessageID)}
	switch p := r.Payload.(type) {
	case *CallbackQueryData:
		req.Data = p.Data
	case *CallbackQueryGame:
		req.Game = true
	default:
		return nil, tdError(400, "Payload must be non-empty")
	}
	res, err := call(ctx, s, req)
	if err != nil {
		return nil, err
	}
	return &CallbackQueryAnswer{Text: res.Message.Value, ShowAlert: res.Alert, URL: res.URL.Value}, nil
}

func (s *Layer) editInline(ctx context.Context, id string, req *api.MessagesEditInlineBotMessageRequest) (Object, error) {
	in, err := parseInlineMessageID(id)
	if err != nil {
		return nil, err
	}
	req.ID = in
	if _, err := call(ctx, s, req); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) editInlineMessageText(ctx context.Context, r *EditInlineMessageTextRequest) (Object, error) {
	in, ok := r.InputMessageContent.(*InputMessageText)
	if !ok {
		return nil, tdError(400, "Input message content type must be InputMessageText")
	}
	text, entities, err := s.formatted(ctx, in.Text, in.Entities, in.ParseMode)
	if err != nil {
		return nil, err
	}
	return s.editInline(ctx, r.InlineMessageID, &api.MessagesEditInlineBotMessageRequest{Message: tl.Some(text), Entities: entities,
		NoWebpage: in.DisableWebPagePreview, ReplyMarkup: replyMarkupAPI(r.ReplyMarkup)})
}

func (s *Layer) editInlineMessageCaption(ctx context.Context, r *EditInlineMessageCaptionRequest) (Object, error) {
	return s.editInline(ctx, r.InlineMessageID, &api.MessagesEditInlineBotMessageRequest{Message: tl.Some(r.Caption),
		ReplyMarkup: replyMarkupAPI(r.ReplyMarkup)})
}

func (s *Layer) editInlineMessageReplyMarkup(ctx context.Context, r *EditInlineMessageReplyMarkupRequest) (Object, error) {
	return s.editInline(ctx, r.InlineMessageID, &api.MessagesEditInlineBotMessageRequest{ReplyMarkup: replyMarkupAPI(r.ReplyMarkup)})
}

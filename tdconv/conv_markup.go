package tdconv

import (
	"context"

	"github.com/luagram/luagram/tl/api"
)

// entitiesTD converts message entities; those the schema does not know
// (underline, spoiler, custom emoji, …) are left out.
func entitiesTD(list []api.MessageEntityClass) []MessageEntityClass {
	out := make([]MessageEntityClass, 0, len(list))
	for _, e := range list {
		if t := entityTD(e); t != nil {
			out = append(out, t)
		}
	}
	return out
}

func entityTD(e api.MessageEntityClass) MessageEntityClass {
	switch x := e.(type) {
	case *api.MessageEntityMention:
		return &MessageEntityMention{Offset: int64(x.Offset), Length: int64(x.Length)}
	case *api.MessageEntityHashtag:
		return &MessageEntityHashtag{Offset: int64(x.Offset), Length: int64(x.Length)}
	case *api.MessageEntityBotCommand:
		return &MessageEntityBotCommand{Offset: int64(x.Offset), Length: int64(x.Length)}
	case *api.MessageEntityURL:
		return &MessageEntityURL{Offset: int64(x.Offset), Length: int64(x.Length)}
	case *api.MessageEntityEmail:
		return &MessageEntityEmail{Offset: int64(x.Offset), Length: int64(x.Length)}
	case *api.MessageEntityBold:
		return &MessageEntityBold{Offset: int64(x.Offset), Length: int64(x.Length)}
	case *api.MessageEntityItalic:
		return &MessageEntityItalic{Offset: int64(x.Offset), Length: int64(x.Length)}
	case *api.MessageEntityCode:
		return &MessageEntityCode{Offset: int64(x.Offset), Length: int64(x.Length)}
	case *api.MessageEntityPre:
		if x.Language != "" {
			return &MessageEntityPreCode{Offset: int64(x.Offset), Length: int64(x.Length), Language: x.Language}
		}
		return &MessageEntityPre{Offset: int64(x.Offset), Length: int64(x.Length)}
	case *api.MessageEntityTextURL:
		return &MessageEntityTextURL{Offset: int64(x.Offset), Length: int64(x.Length), URL: x.URL}
	case *api.MessageEntityMentionName:
		return &MessageEntityMentionName{Offset: int64(x.Offset), Length: int64(x.Length), UserID: x.UserID}
	case *api.InputMessageEntityMentionName:
		var id int64
		if u, ok := x.UserID.(*api.InputUser); ok {
			id = u.UserID
		}
		return &MessageEntityMentionName{Offset: int64(x.Offset), Length: int64(x.Length), UserID: id}
	}
	return nil
}

// entitiesAPI converts TD entities for sending; mentions by name need
// the user resolved.
func (s *Layer) entitiesAPI(ctx context.Context, list []MessageEntityClass) ([]api.MessageEntityClass, error) {
	if len(list) == 0 {
		return nil, nil
	}
	out := make([]api.MessageEntityClass, 0, len(list))
	for _, e := range list {
		if x, ok := e.(*MessageEntityMentionName); ok {
			u, err := s.c.InputUser(ctx, x.UserID)
			if err != nil {
				return nil, err
			}
			out = append(out, &api.InputMessageEntityMentionName{Offset: int32(x.Offset), Length: int32(x.Length), UserID: u})
			continue
		}
		if x := entityAPI(e); x != nil {
			out = append(out, x)
		}
	}
	return out, nil
}

// entityAPI converts a TD entity other than a mention by name.
func entityAPI(e MessageEntityClass) api.MessageEntityClass {
	switch x := e.(type) {
	case *MessageEntityMention:
		return &api.MessageEntityMention{Offset: int32(x.Offset), Length: int32(x.Length)}
	case *MessageEntityHashtag:
		return &api.MessageEntityHashtag{Offset: int32(x.Offset), Length: int32(x.Length)}
	case *MessageEntityBotCommand:
		return &api.MessageEntityBotCommand{Offset: int32(x.Offset), Length: int32(x.Length)}
	case *MessageEntityURL:
		return &api.MessageEntityURL{Offset: int32(x.Offset), Length: int32(x.Length)}
	case *MessageEntityEmail:
		return &api.MessageEntityEmail{Offset: int32(x.Offset), Length: int32(x.Length)}
	case *MessageEntityBold:
		return &api.MessageEntityBold{Offset: int32(x.Offset), Length: int32(x.Length)}
	case *MessageEntityItalic:
		return &api.MessageEntityItalic{Offset: int32(x.Offset), Length: int32(x.Length)}
	case *MessageEntityCode:
		return &api.MessageEntityCode{Offset: int32(x.Offset), Length: int32(x.Length)}
	case *MessageEntityPre:
		return &api.MessageEntityPre{Offset: int32(x.Offset), Length: int32(x.Length)}
	case *MessageEntityPreCode:
		return &api.MessageEntityPre{Offset: int32(x.Offset), Length: int32(x.Length), Language: x.Language}
	case *MessageEntityTextURL:
		return &api.MessageEntityTextURL{Offset: int32(x.Offset), Length: int32(x.Length), URL: x.URL}
	}
	return nil
}

// replyMarkupTD converts a reply markup; nil stays nil.
func replyMarkupTD(m api.ReplyMarkupClass) ReplyMarkupClass {
	switch x := m.(type) {
	case *api.ReplyKeyboardHide:
		return &ReplyMarkupRemoveKeyboard{Personal: x.Selective}
	case *api.ReplyKeyboardForceReply:
		return &ReplyMarkupForceReply{Personal: x.Selective}
	case *api.ReplyKeyboardMarkup:
		t := &ReplyMarkupShowKeyboard{ResizeKeyboard: x.Resize, OneTime: x.SingleUse, Personal: x.Selective,
			Rows: make([][]*KeyboardButton, 0, len(x.Rows))}
		for _, row := range x.Rows {
			r := make([]*KeyboardButton, 0, len(row.Buttons))
			for _, b := range row.Buttons {
				switch bb := b.(type) {
				case *api.KeyboardButton:
					r = append(r, &KeyboardButton{Text: bb.Text, Type: &KeyboardButtonTypeText{}})
				case *api.KeyboardButtonRequestPhone:
					r = append(r, &KeyboardButton{Text: bb.Text, Type: &KeyboardButtonTypeRequestPhoneNumber{}})
				case *api.KeyboardButtonRequestGeoLocation:
					r = append(r, &KeyboardButton{Text: bb.Text, Type: &KeyboardButtonTypeRequestLocation{}})
				}
			}
			t.Rows = append(t.Rows, r)
		}
		return t
	case *api.ReplyInlineMarkup:
		t := &ReplyMarkupInlineKeyboard{Rows: make([][]*InlineKeyboardButton, 0, len(x.Rows))}
		for _, row := range x.Rows {
			r := make([]*InlineKeyboardButton, 0, len(row.Buttons))
			for _, b := range row.Buttons {
				switch bb := b.(type) {
				case *api.KeyboardButtonURL:
					r = append(r, &InlineKeyboardButton{Text: bb.Text, Type: &InlineKeyboardButtonTypeURL{URL: bb.URL}})
				case *api.KeyboardButtonCallback:
					r = append(r, &InlineKeyboardButton{Text: bb.Text, Type: &InlineKeyboardButtonTypeCallback{Data: bb.Data}})
				case *api.KeyboardButtonGame:
					r = append(r, &InlineKeyboardButton{Text: bb.Text, Type: &InlineKeyboardButtonTypeCallbackGame{}})
				case *api.KeyboardButtonSwitchInline:
					r = append(r, &InlineKeyboardButton{Text: bb.Text, Type: &InlineKeyboardButtonTypeSwitchInline{Query: bb.Query, InCurrentChat: bb.SamePeer}})
				}
			}
			t.Rows = append(t.Rows, r)
		}
		return t
	}
	return nil
}

// replyMarkupAPI converts a reply markup for sending; nil stays nil.
func replyMarkupAPI(m ReplyMarkupClass) api.ReplyMarkupClass {
	switch x := m.(type) {
	case *ReplyMarkupRemoveKeyboard:
		return &api.ReplyKeyboardHide{Selective: x.Personal}
	case *ReplyMarkupForceReply:
		return &api.ReplyKeyboardForceReply{Selective: x.Personal}
	case *ReplyMarkupShowKeyboard:
		out := &api.ReplyKeyboardMarkup{Resize: x.ResizeKeyboard, SingleUse: x.OneTime, Selective: x.Personal}
		for _, row := range x.Rows {
			var r api.KeyboardButtonRow
			for _, b := range row {
				if b == nil {
					continue
				}
				switch b.Type.(type) {
				case *KeyboardButtonTypeRequestPhoneNumber:
					r.Buttons = append(r.Buttons, &api.KeyboardButtonRequestPhone{Text: b.Text})
				case *KeyboardButtonTypeRequestLocation:
					r.Buttons = append(r.Buttons, &api.KeyboardButtonRequestGeoLocation{Text: b.Text})
				default:
					r.Buttons = append(r.Buttons, &api.KeyboardButton{Text: b.Text})
				}
			}
			if r.Buttons == nil {
				r.Buttons = []api.KeyboardButtonClass{}
			}
			out.Rows = append(out.Rows, r)
		}
		if out.Rows == nil {
			out.Rows = []api.KeyboardButtonRow{}
		}
		return out
	case *ReplyMarkupInlineKeyboard:
		out := &api.ReplyInlineMarkup{}
		for _, row := range x.Rows {
			var r api.KeyboardButtonRow
			for _, b := range row {
				if b == nil {
					continue
				}
				switch t := b.Type.(type) {
				case *InlineKeyboardButtonTypeURL:
					r.Buttons = append(r.Buttons, &api.KeyboardButtonURL{Text: b.Text, URL: t.URL})
				case *InlineKeyboardButtonTypeCallback:
					r.Buttons = append(r.Buttons, &api.KeyboardButtonCallback{Text: b.Text, Data: t.Data})
				case *InlineKeyboardButtonTypeCallbackGame:
					r.Buttons = append(r.Buttons, &api.KeyboardButtonGame{Text: b.Text})
				case *InlineKeyboardButtonTypeSwitchInline:
					r.Buttons = append(r.Buttons, &api.KeyboardButtonSwitchInline{Text: b.Text, Query: t.Query, SamePeer: t.InCurrentChat})
				}
			}
			if r.Buttons == nil {
				r.Buttons = []api.KeyboardButtonClass{}
			}
			out.Rows = append(out.Rows, r)
		}
		if out.Rows == nil {
			out.Rows = []api.KeyboardButtonRow{}
		}
		return out
	}
	return nil
}

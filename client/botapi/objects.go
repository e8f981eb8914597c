package botapi

import (
	"strconv"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/storage"
	"github.com/luagram/luagram/tl/api"
)

// A Converter turns MTProto objects into their Bot API forms. Users and
// Chats are the peers that came with the objects (an update's or a
// result's); a peer not among them is written with its id only.
type Converter struct {
	Users map[int64]*api.User
	Chats map[int64]api.ChatClass
}

// NewConverter indexes the users and chats of a result or update.
func NewConverter(users []api.UserClass, chats []api.ChatClass) *Converter {
	c := &Converter{Users: map[int64]*api.User{}, Chats: map[int64]api.ChatClass{}}
	for _, u := range users {
		if x, ok := u.(*api.User); ok {
			c.Users[x.ID] = x
		}
	}
	for _, ch := range chats {
		switch x := ch.(type) {
		case *api.Chat:
			c.Chats[x.ID] = x
		case *api.Channel:
			c.Chats[x.ID] = x
		case *api.ChatForbidden:
			c.Chats[x.ID] = x
		case *api.ChannelForbidden:
			c.Chats[x.ID] = x
		}
	}
	return c
}

// User is the Bot API User.
func User(u *api.User) map[string]any {
	m := map[string]any{"id": u.ID, "is_bot": u.Bot, "first_name": u.FirstName.Value}
	if v, ok := u.LastName.Get(); ok && v != "" {
		m["last_name"] = v
	}
	if v, ok := u.Username.Get(); ok {
		m["username"] = v
	}
	if v, ok := u.LangCode.Get(); ok {
		m["language_code"] = v
	}
	if u.Premium {
		m["is_premium"] = true
	}
	return m
}

// Peer is the Bot API User of a user peer (from).
func (c *Converter) Peer(p api.PeerClass) map[string]any {
	if x, ok := p.(*api.PeerUser); ok {
		if u := c.Users[x.UserID]; u != nil {
			return User(u)
		}
		return map[string]any{"id": x.UserID}
	}
	return c.Chat(p)
}

// Chat is the Bot API Chat of a peer, with its bot-API id.
func (c *Converter) Chat(p api.PeerClass) map[string]any {
	switch x := p.(type) {
	case *api.PeerUser:
		m := map[string]any{"id": x.UserID, "type": "private"}
		if u := c.Users[x.UserID]; u != nil {
			m["first_name"] = u.FirstName.Value
			if v, ok := u.LastName.Get(); ok && v != "" {
				m["last_name"] = v
			}
			if v, ok := u.Username.Get(); ok {
				m["username"] = v
			}
		}
		return m
	case *api.PeerChat:
		m := map[string]any{"id": storage.MarkedID(storage.PeerChat, x.ChatID), "type": "group"}
		if ch, ok := c.Chats[x.ChatID].(*api.Chat); ok {
			m["title"] = ch.Title
		}
		return m
	case *api.PeerChannel:
		m := map[string]any{"id": storage.MarkedID(storage.PeerChannel, x.ChannelID), "type": "channel"}
		if ch, ok := c.Chats[x.ChannelID].(*api.Channel); ok {
			m["title"] = ch.Title
			if ch.Megagroup {
				m["type"] = "supergroup"
			}
			if v, ok := ch.Username.Get(); ok {
				m["username"] = v
			}
		}
		return m
	}
	return nil
}

// entityTypes maps MTProto entities to Bot API entity types.
func (c *Converter) entity(e api.MessageEntityClass) map[string]any {
	var typ string
	var off, n int32
	m := map[string]any{}
	switch x := e.(type) {
	case *api.MessageEntityBold:
		typ, off, n = "bold", x.Offset, x.Length
	case *api.MessageEntityItalic:
		typ, off, n = "italic", x.Offset, x.Length
	case *api.MessageEntityUnderline:
		typ, off, n = "underline", x.Offset, x.Length
	case *api.MessageEntityStrike:
		typ, off, n = "strikethrough", x.Offset, x.Length
	case *api.MessageEntitySpoiler:
		typ, off, n = "spoiler", x.Offset, x.Length
	case *api.MessageEntityCode:
		typ, off, n = "code", x.Offset, x.Length
	case *api.MessageEntityPre:
		typ, off, n = "pre", x.Offset, x.Length
		if x.Language != "" {
			m["language"] = x.Language
		}
	case *api.MessageEntityTextURL:
		typ, off, n = "text_link", x.Offset, x.Length
		m["url"] = x.URL
	case *api.MessageEntityURL:
		typ, off, n = "url", x.Offset, x.Length
	case *api.MessageEntityMention:
		typ, off, n = "mention", x.Offset, x.Length
	case *api.MessageEntityMentionName:
		typ, off, n = "text_mention", x.Offset, x.Length
		m["user"] = c.Peer(&api.PeerUser{UserID: x.UserID})
	case *api.MessageEntityHashtag:
		typ, off, n = "hashtag", x.Offset, x.Length
	case *api.MessageEntityCashtag:
		typ, off, n = "cashtag", x.Offset, x.Length
	case *api.MessageEntityBotCommand:
		typ, off, n = "bot_command", x.Offset, x.Length
	case *api.MessageEntityEmail:
		typ, off, n = "email", x.Offset, x.Length
	case *api.MessageEntityPhone:
		typ, off, n = "phone_number", x.Offset, x.Length
	case *api.MessageEntityCustomEmoji:
		typ, off, n = "custom_emoji", x.Offset, x.Length
		m["custom_emoji_id"] = strconv.FormatInt(x.DocumentID, 10)
	case *api.MessageEntityBlockquote:
		typ, off, n = "blockquote", x.Offset, x.Length
		if x.Collapsed {
			typ = "expandable_blockquote"
		}
	default:
		return nil
	}
	m["type"], m["offset"], m["length"] = typ, off, n
	return m
}

// Message is the Bot API Message: ids, sender, chat, date, text or
// caption with entities, photo or document with bot-API file ids, reply
// markup.
func (c *Converter) Message(msg api.MessageClass) map[string]any {
	x, ok := msg.(*api.Message)
	if !ok {
		if s, isService := msg.(*api.MessageService); isService {
			return map[string]any{"message_id": s.ID, "date": s.Date, "chat": c.Chat(s.PeerID)}
		}
		return nil
	}
	m := map[string]any{"message_id": x.ID, "date": x.Date, "chat": c.Chat(x.PeerID)}
	switch {
	case x.FromID != nil:
		m["from"] = c.Peer(x.FromID)
	case !x.Post:
		if _, private := x.PeerID.(*api.PeerUser); private && !x.Out {
			m["from"] = c.Peer(x.PeerID)
		}
	}
	if v, ok := x.EditDate.Get(); ok {
		m["edit_date"] = v
	}
	if rt, ok := x.ReplyTo.(*api.MessageReplyHeader); ok {
		if id, ok := rt.ReplyToMsgID.Get(); ok {
			m["reply_to_message"] = map[string]any{"message_id": id, "chat": m["chat"]}
		}
	}
	textKey, entKey := "text", "entities"
	if x.Media != nil {
		textKey, entKey = "caption", "caption_entities"
		c.media(m, x.Media)
	}
	if x.Message != "" {
		m[textKey] = x.Message
	}
	if len(x.Entities) > 0 {
		list := make([]any, 0, len(x.Entities))
		for _, e := range x.Entities {
			if be := c.entity(e); be != nil {
				list = append(list, be)
			}
		}
		m[entKey] = list
	}
	if x.ReplyMarkup != nil {
		if rm := FromReplyMarkup(x.ReplyMarkup); rm != nil {
			m["reply_markup"] = rm
		}
	}
	return m
}

// media adds photo or document fields.
func (c *Converter) media(m map[string]any, media api.MessageMediaClass) {
	id, err := client.FileIDOf(media)
	if err != nil {
		return
	}
	switch x := media.(type) {
	case *api.MessageMediaPhoto:
		p, _ := x.Photo.(*api.Photo)
		if p == nil {
			return
		}
		var sizes []any
		for _, s := range p.Sizes {
			if ps, ok := s.(*api.PhotoSize); ok {
				sizes = append(sizes, map[string]any{"file_id": id.Encode(), "file_unique_id": id.UniqueID(),
					"width": ps.W, "height": ps.H, "file_size": ps.Size})
			}
		}
		m["photo"] = sizes
	case *api.MessageMediaDocument:
		d, _ := x.Document.(*api.Document)
		if d == nil {
			return
		}
		doc := map[string]any{"file_id": id.Encode(), "file_unique_id": id.UniqueID(), "mime_type": d.MimeType, "file_size": d.Size}
		for _, a := range d.Attributes {
			if fn, ok := a.(*api.DocumentAttributeFilename); ok {
				doc["file_name"] = fn.FileName
			}
		}
		m["document"] = doc
	}
}

// Update is the Bot API Update of an MTProto update, or nil for updates
// the Bot API has no form for.
func (c *Converter) Update(u api.UpdateClass) map[string]any {
	post := func(m api.MessageClass) bool {
		x, ok := m.(*api.Message)
		return ok && x.Post
	}
	switch x := u.(type) {
	case *api.UpdateNewMessage:
		return map[string]any{"message": c.Message(x.Message)}
	case *api.UpdateEditMessage:
		return map[string]any{"edited_message": c.Message(x.Message)}
	case *api.UpdateNewChannelMessage:
		if post(x.Message) {
			return map[string]any{"channel_post": c.Message(x.Message)}
		}
		return map[string]any{"message": c.Message(x.Message)}
	case *api.UpdateEditChannelMessage:
		if post(x.Message) {
			return map[string]any{"edited_channel_post": c.Message(x.Message)}
		}
		return map[string]any{"edited_message": c.Message(x.Message)}
	case *api.UpdateBotCallbackQuery:
		q := map[string]any{"id": strconv.FormatInt(x.QueryID, 10), "from": c.Peer(&api.PeerUser{UserID: x.UserID}),
			"chat_instance": strconv.FormatInt(x.ChatInstance, 10), "data": string(x.Data)}
		q["message"] = map[string]any{"message_id": x.MsgID, "chat": c.Chat(x.Peer)}
		return map[string]any{"callback_query": q}
	}
	return nil
}

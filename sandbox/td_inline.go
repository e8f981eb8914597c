package sandbox

import (
	"time"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.MessagesGetInlineBotResultsRequestTypeID] = (*call).messagesGetInlineBotResults
	handlers[api.MessagesSetInlineBotResultsRequestTypeID] = (*call).messagesSetInlineBotResults
	handlers[api.MessagesSendInlineBotResultRequestTypeID] = (*call).messagesSendInlineBotResult
}

// An inlineQuery is an inline query sent to a bot: waiting for its
// answer, then remembered so that a result can be sent.
type inlineQuery struct {
	bot, user int64
	query     string
	answer    chan *api.MessagesSetInlineBotResultsRequest
	results   []api.InputBotInlineResultClass
}

// messagesGetInlineBotResults asks a bot: it gets updateBotInlineQuery and
// has callbackTimeout to answer with messages.setInlineBotResults.
func (c *call) messagesGetInlineBotResults(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetInlineBotResultsRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	me := c.user()
	bot, err := c.inputUser(me, r.Bot)
	if err != nil || !bot.bot {
		w.mu.Unlock()
		return nil, rpcError(400, "BOT_INVALID")
	}
	id := randomInt64()
	iq := &inlineQuery{bot: bot.id, user: me.id, query: r.Query, answer: make(chan *api.MessagesSetInlineBotResultsRequest, 1)}
	w.td().inline[id] = iq
	up := &api.UpdateBotInlineQuery{QueryID: id, UserID: me.id, Query: r.Query, Offset: r.Offset, PeerType: &api.InlineQueryPeerTypePM{}}
	if g, ok := r.GeoPoint.(*api.InputGeoPoint); ok {
		up.Geo = &api.GeoPoint{Lat: g.Lat, Long: g.Long}
	}
	w.push(bot, &api.Updates{Updates: []api.UpdateClass{up}, Users: []api.UserClass{w.userView(bot, me)}, Chats: []api.ChatClass{}, Date: c.now()})
	botView := w.userView(me, bot)
	w.mu.Unlock()

	t := time.NewTimer(callbackTimeout)
	defer t.Stop()
	select {
	case ans := <-iq.answer:
		res := &api.MessagesBotResults{QueryID: id, CacheTime: ans.CacheTime, NextOffset: ans.NextOffset, SwitchPm: ans.SwitchPm,
			Results: []api.BotInlineResultClass{}, Users: []api.UserClass{botView}}
		for _, in := range ans.Results {
			if out := c.renderInlineResult(bot.id, in); out != nil {
				res.Results = append(res.Results, out)
			}
		}
		return res, nil
	case <-t.C:
		w.mu.Lock()
		delete(w.td().inline, id)
		w.mu.Unlock()
		return nil, rpcError(400, "BOT_RESPONSE_TIMEOUT")
	}
}

func webDocument(d *api.InputWebDocument) api.WebDocumentClass {
	if d == nil {
		return nil
	}
	return &api.WebDocumentNoProxy{URL: d.URL, Size: d.Size, MimeType: d.MimeType, Attributes: d.Attributes}
}

// botInlineMessage is what a result sends, as the user sees it.
func botInlineMessage(in api.InputBotInlineMessageClass) api.BotInlineMessageClass {
	switch x := in.(type) {
	case *api.InputBotInlineMessageText:
		return &api.BotInlineMessageText{Message: x.Message, Entities: x.Entities, NoWebpage: x.NoWebpage, ReplyMarkup: x.ReplyMarkup}
	case *api.InputBotInlineMessageMediaAuto:
		return &api.BotInlineMessageMediaAuto{Message: x.Message, Entities: x.Entities, ReplyMarkup: x.ReplyMarkup}
	case *api.InputBotInlineMessageMediaGeo:
		g, _ := x.GeoPoint.(*api.InputGeoPoint)
		if g == nil {
			g = &api.InputGeoPoint{}
		}
		return &api.BotInlineMessageMediaGeo{Geo: &api.GeoPoint{Lat: g.Lat, Long: g.Long}, ReplyMarkup: x.ReplyMarkup}
	case *api.InputBotInlineMessageMediaVenue:
		g, _ := x.GeoPoint.(*api.InputGeoPoint)
		if g == nil {
			g = &api.InputGeoPoint{}
		}
		return &api.BotInlineMessageMediaVenue{Geo: &api.GeoPoint{Lat: g.Lat, Long: g.Long}, Title: x.Title, Address: x.Address,
			Provider: x.Provider, VenueID: x.VenueID, VenueType: x.VenueType, ReplyMarkup: x.ReplyMarkup}
	case *api.InputBotInlineMessageMediaContact:
		return &api.BotInlineMessageMediaContact{PhoneNumber: x.PhoneNumber, FirstName: x.FirstName, LastName: x.LastName,
			Vcard: x.Vcard, ReplyMarkup: x.ReplyMarkup}
	}
	return &api.BotInlineMessageText{Message: ""}
}

func (c *call) renderInlineResult(bot int64, in api.InputBotInlineResultClass) api.BotInlineResultClass {
	switch x := in.(type) {
	case *api.InputBotInlineResultGame:
		return c.renderGameResult(bot, x) // td_inline_games.go
	case *api.InputBotInlineResult:
		return &api.BotInlineResult{ID: x.ID, Type: x.Type, Title: x.Title, Description: x.Description, URL: x.URL,
			Thumb: webDocument(x.Thumb), Content: webDocument(x.Content), SendMessage: botInlineMessage(x.SendMessage)}
	case *api.InputBotInlineResultPhoto:
		p, err := c.dc.sb.files.inputPhoto(x.Photo)
		if err != nil {
			return nil
		}
		return &api.BotInlineMediaResult{ID: x.ID, Type: x.Type, Photo: c.dc.sb.files.photoObject(p), SendMessage: botInlineMessage(x.SendMessage)}
	case *api.InputBotInlineResultDocument:
		d, err := c.dc.sb.files.inputDocument(x.Document)
		if err != nil {
			return nil
		}
		return &api.BotInlineMediaResult{ID: x.ID, Type: x.Type, Document: c.dc.sb.files.documentObject(d), Title: x.Title,
			Description: x.Description, SendMessage: botInlineMessage(x.SendMessage)}
	}
	return nil
}

func (c *call) messagesSetInlineBotResults(q tl.Object) (any, error) {
	r := q.(*api.MessagesSetInlineBotResultsRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	me := c.user()
	iq := w.td().inline[r.QueryID]
	if iq == nil || iq.bot != me.id || iq.answer == nil {
		return nil, rpcError(400, "QUERY_ID_INVALID")
	}
	iq.results = r.Results
	iq.answer <- r
	iq.answer = nil
	return boolResult(true), nil
}

// messagesSendInlineBotResult sends a result of an inline query as my
// message; the bot learns the choice with updateBotInlineSend.
func (c *call) messagesSendInlineBotResult(q tl.Object) (any, error) {
	r := q.(*api.MessagesSendInlineBotResultRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		iq := w.td().inline[r.QueryID]
		if iq == nil || iq.user != me.id {
			return nil, rpcError(400, "QUERY_ID_INVALID")
		}
		var chosen *api.InputBotInlineResult
		for _, res := range iq.results {
			if x, ok := res.(*api.InputBotInlineResult); ok && x.ID == r.ID {
				chosen = x
			}
		}
		if chosen == nil {
			return nil, rpcError(400, "RESULT_ID_INVALID")
		}
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		d := draft{}
		switch m := chosen.SendMessage.(type) {
		case *api.InputBotInlineMessageText:
			d.text, d.entities, d.markup = m.Message, m.Entities, m.ReplyMarkup
		case *api.InputBotInlineMessageMediaAuto:
			d.text, d.entities, d.markup = m.Message, m.Entities, m.ReplyMarkup
			if d.text == "" && chosen.Content != nil {
				d.text = chosen.Content.URL
			}
		case *api.InputBotInlineMessageMediaGeo:
			g, _ := m.GeoPoint.(*api.InputGeoPoint)
			if g != nil {
				d.media = &api.MessageMediaGeo{Geo: &api.GeoPoint{Lat: g.Lat, Long: g.Long}}
			}
			d.markup = m.ReplyMarkup
		case *api.InputBotInlineMessageMediaVenue:
			g, _ := m.GeoPoint.(*api.InputGeoPoint)
			if g != nil {
				d.media = &api.MessageMediaVenue{Geo: &api.GeoPoint{Lat: g.Lat, Long: g.Long}, Title: m.Title, Address: m.Address,
					Provider: m.Provider, VenueID: m.VenueID, VenueType: m.VenueType}
			}
			d.markup = m.ReplyMarkup
		case *api.InputBotInlineMessageMediaContact:
			d.media = &api.MessageMediaContact{PhoneNumber: m.PhoneNumber, FirstName: m.FirstName, LastName: m.LastName, Vcard: m.Vcard}
			d.markup = m.ReplyMarkup
		}
		if d.text == "" && d.media == nil {
			d.text = chosen.Title.Value
		}
		d.entities = withDetectedEntities(d.text, d.entities)
		if rt, ok := r.ReplyTo.(*api.InputReplyToMessage); ok {
			d.replyTo = rt.ReplyToMsgID
		}
		res, err := c.send(w, me, ref, d, r.RandomID)
		if err != nil {
			return nil, err
		}
		if bot := w.users[iq.bot]; bot != nil {
			w.push(bot, &api.Updates{Updates: []api.UpdateClass{&api.UpdateBotInlineSend{UserID: me.id, Query: iq.query, ID: r.ID}},
				Users: []api.UserClass{w.userView(bot, me)}, Chats: []api.ChatClass{}, Date: c.now()})
		}
		return res, nil
	})
}

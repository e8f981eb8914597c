package sandbox

import (
	"strings"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Games sent through a bot's inline mode (core.telegram.org/api/bots/games):
// the bot answers an inline query with inputBotInlineResultGame; the user
// who sends that result posts the game as an inline message, whose id
// (inputBotInlineMessageID64) the bot gets in updateBotInlineSend.msg_id
// and later passes to messages.setInlineGameScore and
// messages.getInlineGameHighScores. (This file sorts after td_inline.go,
// whose handler it wraps.)

func init() {
	wrap(api.MessagesSendInlineBotResultRequestTypeID, (*call).sendInlineGame)
}

// renderGameResult is a game result as the user sees it among the inline
// results: a media result of type "game" with the game's photo.
func (c *call) renderGameResult(bot int64, x *api.InputBotInlineResultGame) api.BotInlineResultClass {
	w := c.dc.sb.world
	w.mu.Lock()
	g := w.games().byName[bot][strings.ToLower(x.ShortName)]
	w.mu.Unlock()
	if g == nil {
		return nil
	}
	send := &api.BotInlineMessageMediaAuto{}
	if m, ok := x.SendMessage.(*api.InputBotInlineMessageGame); ok {
		send.ReplyMarkup = m.ReplyMarkup
	}
	if send.ReplyMarkup == nil {
		send.ReplyMarkup = playMarkup(g.title) // games.go
	}
	return &api.BotInlineMediaResult{ID: x.ID, Type: "game", Photo: c.dc.sb.files.photoObject(g.photo), Title: tl.Some(g.title),
		Description: tl.Some(g.description), SendMessage: send}
}

// chosenGame finds the game result id of an inline query, or nil. Call
// with w.mu held.
func chosenGame(w *world, iq *inlineQuery, id string) (*api.InputBotInlineResultGame, *game) {
	if iq == nil {
		return nil, nil
	}
	for _, res := range iq.results {
		if x, ok := res.(*api.InputBotInlineResultGame); ok && x.ID == id {
			return x, w.games().byName[iq.bot][strings.ToLower(x.ShortName)]
		}
	}
	return nil, nil
}

// sendInlineGame serves messages.sendInlineBotResult for a game result;
// other results go to next.
func (c *call) sendInlineGame(q tl.Object, next handler) (any, error) {
	r := q.(*api.MessagesSendInlineBotResultRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	res, _ := chosenGame(w, w.td().inline[r.QueryID], r.ID)
	w.mu.Unlock()
	if res == nil {
		return next(c, q)
	}
	return c.withUser(func(w *world, me *user) (any, error) {
		iq := w.td().inline[r.QueryID]
		if iq == nil || iq.user != me.id {
			return nil, rpcError(400, "QUERY_ID_INVALID")
		}
		x, g := chosenGame(w, iq, r.ID)
		if x == nil || g == nil {
			return nil, rpcError(400, "RESULT_ID_INVALID")
		}
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		if ref.kind == 'C' && !w.channels[ref.id].megagroup {
			return nil, rpcError(400, "CHAT_SEND_GAME_FORBIDDEN") // games are not for broadcast channels
		}
		d := draft{media: c.dc.sb.files.gameMedia(g)}
		if m, ok := x.SendMessage.(*api.InputBotInlineMessageGame); ok {
			d.markup = m.ReplyMarkup
		}
		if d.markup, err = gameMarkup(g.title, d.markup); err != nil {
			return nil, err
		}
		if rt, ok := r.ReplyTo.(*api.InputReplyToMessage); ok {
			d.replyTo = rt.ReplyToMsgID
		}
		out, err := c.send(w, me, ref, d, r.RandomID)
		if err != nil {
			return nil, err
		}
		var msgID int32
		for _, u := range toUpdates(out, me, w).Updates {
			switch nu := u.(type) {
			case *api.UpdateNewMessage:
				msgID = nu.Message.(*api.Message).ID
			case *api.UpdateNewChannelMessage:
				msgID = nu.Message.(*api.Message).ID
			}
		}
		owner := me.id // a channel's messages are the channel's
		if ref.kind == 'C' {
			owner = ref.id
		}
		gw := w.games()
		gw.seq++
		ig := &inlineGame{id: gw.seq, owner: owner, sender: me.id, ref: ref, msgID: msgID, game: g, accessHash: randomInt64()}
		gw.inline[[2]int64{owner, int64(msgID)}] = ig
		inlineID := &api.InputBotInlineMessageID64{DCID: int32(me.homeDC), OwnerID: owner, ID: msgID, AccessHash: ig.accessHash}
		if bot := w.users[iq.bot]; bot != nil {
			w.push(bot, &api.Updates{Updates: []api.UpdateClass{&api.UpdateBotInlineSend{UserID: me.id, Query: iq.query, ID: r.ID,
				MsgID: inlineID}}, Users: []api.UserClass{w.userView(bot, me)}, Chats: []api.ChatClass{}, Date: c.now()})
		}
		return out, nil
	})
}

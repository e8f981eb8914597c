package sandbox

import (
	"bytes"
	"time"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.MessagesGetBotCallbackAnswerRequestTypeID] = (*call).messagesGetBotCallbackAnswer
	handlers[api.MessagesSetBotCallbackAnswerRequestTypeID] = (*call).messagesSetBotCallbackAnswer
}

// callbackTimeout is how long a user waits for a bot to answer a button.
const callbackTimeout = 10 * time.Second

// A pendingQuery is a callback query waiting for the bot's answer.
type pendingQuery struct {
	bot    int64
	answer chan *api.MessagesBotCallbackAnswer
}

// messagesGetBotCallbackAnswer presses an inline button: the bot gets
// updateBotCallbackQuery and has callbackTimeout to answer.
func (c *call) messagesGetBotCallbackAnswer(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetBotCallbackAnswerRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	me := c.user()
	ref, err := c.inputPeer(me, r.Peer)
	if err != nil {
		w.mu.Unlock()
		return nil, err
	}
	box := me.box
	if ref.kind == 'C' {
		box = w.channels[ref.id].box
	}
	m := box.messages[r.MsgID]
	if m == nil || refOf(m.PeerID) != ref {
		w.mu.Unlock()
		return nil, rpcError(400, "MESSAGE_ID_INVALID")
	}
	markup, _ := m.ReplyMarkup.(*api.ReplyInlineMarkup)
	if markup == nil || !hasCallbackButton(markup, r.Data) {
		w.mu.Unlock()
		return nil, rpcError(400, "DATA_INVALID")
	}
	// The bot is the sender: the peer of a private message from it, or the
	// author in a group.
	var bot *user
	if from, ok := m.FromID.(*api.PeerUser); ok {
		bot = w.users[from.UserID]
	} else if ref.kind == 'u' {
		bot = w.users[ref.id]
	}
	if bot == nil || !bot.bot {
		w.mu.Unlock()
		return nil, rpcError(400, "BOT_RESPONSE_TIMEOUT")
	}
	id := randomInt64()
	pq := &pendingQuery{bot: bot.id, answer: make(chan *api.MessagesBotCallbackAnswer, 1)}
	if w.queries == nil {
		w.queries = map[int64]*pendingQuery{}
	}
	w.queries[id] = pq
	peer := ref.peer()
	if ref.kind == 'u' {
		peer = &api.PeerUser{UserID: me.id} // as the bot sees the private chat
	}
	botMsgID := r.MsgID // channels share one numbering
	if ref.kind != 'C' {
		botMsgID = w.findOut(bot, me, m)
	}
	w.push(bot, &api.UpdateShort{Update: &api.UpdateBotCallbackQuery{QueryID: id, UserID: me.id, Peer: peer,
		MsgID: botMsgID, ChatInstance: w.accessHash(bot.id, 'i', me.id), Data: r.Data}, Date: c.now()})
	w.mu.Unlock()

	t := time.NewTimer(callbackTimeout)
	defer t.Stop()
	select {
	case ans := <-pq.answer:
		return ans, nil
	case <-t.C:
		w.mu.Lock()
		delete(w.queries, id)
		w.mu.Unlock()
		return nil, rpcError(400, "BOT_RESPONSE_TIMEOUT")
	}
}

// findOut finds the bot's own copy of the message a user sees from it.
func (w *world) findOut(bot, viewer *user, m *api.Message) int32 {
	if id, ok := w.linkedCopy(viewer.id, m.ID, bot); ok {
		return id
	}
	want := refOf(m.PeerID)
	if want.kind == 'u' {
		want = peerRef{'u', viewer.id}
	}
	for id, bm := range bot.box.messages {
		if bm.Out && bm.Date == m.Date && bm.Message == m.Message && refOf(bm.PeerID) == want {
			return id
		}
	}
	return 0
}

func hasCallbackButton(m *api.ReplyInlineMarkup, data []byte) bool {
	for _, row := range m.Rows {
		for _, b := range row.Buttons {
			if cb, ok := b.(*api.KeyboardButtonCallback); ok && bytes.Equal(cb.Data, data) {
				return true
			}
		}
	}
	return false
}

func (c *call) messagesSetBotCallbackAnswer(q tl.Object) (any, error) {
	r := q.(*api.MessagesSetBotCallbackAnswerRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	me := c.user()
	pq, ok := w.queries[r.QueryID]
	if !ok || pq.bot != me.id {
		return nil, rpcError(400, "QUERY_ID_INVALID")
	}
	delete(w.queries, r.QueryID)
	pq.answer <- &api.MessagesBotCallbackAnswer{Alert: r.Alert, Message: r.Message, URL: r.URL, HasURL: r.URL.Set, CacheTime: r.CacheTime}
	return boolResult(true), nil
}

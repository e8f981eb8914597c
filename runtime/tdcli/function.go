package tdcli

import (
	"sync"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/runtime"
	"github.com/luagram/luagram/tdconv"
)

// tdcliFunction is the global tdcli_function(request, cb, extra): it reads
// the request at once, returns nothing, and later calls cb(extra, result)
// in a new coroutine — result being the object the function returns, Ok,
// or an Error table {ID = "Error", code_ = …, message_ = …}. cb may be nil
// or anything but a function, and is then not called.
//
// Requests run concurrently, except that those sending or changing
// messages of one chat (SendMessage, ForwardMessages, EditMessage*,
// DeleteMessages, …) run one after another in the order the script made
// them, as TDLib kept them.
func (e *Env) tdcliFunction(L *lua.LState) int {
	s := runtime.ScriptOf(L)
	cb, _ := L.Get(2).(*lua.LFunction)
	extra := L.Get(3)
	o, err := tdconv.Read(L, L.Get(1))
	var fn tdconv.Function
	if err == nil {
		var ok bool
		if fn, ok = o.(tdconv.Function); !ok {
			err = &tdconv.ReadError{Msg: o.TDID() + " is an object, not a function"}
		}
	}
	if err != nil {
		res := &tdconv.Error{Code: 400, Message: err.Error()}
		if cb != nil {
			s.Post(func() { s.Spawn("tdcli_function callback", cb, extra, tdconv.Push(s.State(), res)) })
		}
		return 0
	}
	chat, ordered := orderedChat(fn)
	var wait <-chan struct{}
	var done chan struct{}
	if ordered {
		wait, done = e.order.enter(chat)
	}
	go func() {
		if wait != nil {
			<-wait
		}
		res := e.layer.Call(e.ctx, fn)
		if done != nil {
			e.order.leave(chat, done)
		}
		if cb == nil {
			return
		}
		s.Post(func() { s.Spawn("tdcli_function callback", cb, extra, tdconv.Push(s.State(), res)) })
	}()
	return 0
}

// orderedChat returns the chat of a request whose order matters.
func orderedChat(fn tdconv.Function) (int64, bool) {
	switch x := fn.(type) {
	case *tdconv.SendMessageRequest:
		return x.ChatID, true
	case *tdconv.ForwardMessagesRequest:
		return x.ChatID, true
	case *tdconv.SendInlineQueryResultMessageRequest:
		return x.ChatID, true
	case *tdconv.SendBotStartMessageRequest:
		return x.ChatID, true
	case *tdconv.EditMessageTextRequest:
		return x.ChatID, true
	case *tdconv.EditMessageCaptionRequest:
		return x.ChatID, true
	case *tdconv.EditMessageReplyMarkupRequest:
		return x.ChatID, true
	case *tdconv.DeleteMessagesRequest:
		return x.ChatID, true
	}
	return 0, false
}

// A chain keeps requests of one chat in order: each waits for the one
// before it.
type chain struct {
	mu   sync.Mutex
	last map[int64]chan struct{}
}

// enter returns what to wait for (nil: nothing) and the channel to close
// when done.
func (c *chain) enter(chat int64) (<-chan struct{}, chan struct{}) {
	done := make(chan struct{})
	c.mu.Lock()
	prev := c.last[chat]
	c.last[chat] = done
	c.mu.Unlock()
	return prev, done
}

func (c *chain) leave(chat int64, done chan struct{}) {
	c.mu.Lock()
	if c.last[chat] == done {
		delete(c.last, chat)
	}
	c.mu.Unlock()
	close(done)
}

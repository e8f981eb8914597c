package runtime

import (
	"sort"
	"time"

	"github.com/luagram/luagram/bindings"
	lua "github.com/yuin/gopher-lua"
)

// Long polling, as MadelineProto's getUpdates: every update a script
// receives gets an update_id, one more than the previous one, across
// reloads. Updates that no handler took wait in the script's buffer until a
// get_updates call acknowledges them by asking for a higher offset.

// A queued update waits in the buffer for get_updates.
type queued struct {
	id int64
	u  *Update
}

// A poll is a get_updates call waiting for updates.
type poll struct {
	offset int64
	limit  int
	timer  *time.Timer
}

// Limits of get_updates.
const (
	defaultPollLimit = 100
	maxPollLimit     = 1000
)

// getUpdates is get_updates{offset = 0, limit = 100, timeout = 0}: it drops
// the buffered updates below offset and returns up to limit of the others,
// oldest first, as a list of {update_id = n, update = {...}}. If there are
// none it waits up to timeout seconds for one (0: it returns at once).
func (s *Script) getUpdates(L *lua.LState) int {
	opts := L.OptTable(1, L.NewTable())
	offset := int64(lua.LVAsNumber(opts.RawGetString("offset")))
	limit := defaultPollLimit
	if n := int(lua.LVAsNumber(opts.RawGetString("limit"))); n > 0 {
		limit = min(n, maxPollLimit)
	}
	var timeout time.Duration
	if v := opts.RawGetString("timeout"); v != lua.LNil {
		L.Push(v)
		timeout = seconds(L, L.GetTop())
		L.Pop(1)
	}
	p := s.p
	switch s.phase {
	case serving:
		p.ack(offset)
		if list := p.peek(offset, limit); len(list) > 0 || timeout == 0 {
			L.Push(s.updateList(list))
			return 1
		}
	case loading:
		// A new version asking for updates is set up: it is ready to take
		// over. It gets updates only once it has.
		p.post(func() { p.ready(s) })
		if timeout == 0 {
			L.Push(L.NewTable())
			return 1
		}
	}
	t := s.waiting(L, "get_updates")
	pl := &poll{offset: offset, limit: limit}
	s.polls[t] = pl
	if s.phase != retired {
		pl.timer = time.AfterFunc(timeout, func() {
			p.post(func() {
				if s.polls[t] == pl {
					delete(s.polls, t)
					s.resume(t, nil, s.L.NewTable())
				}
			})
		})
		t.stop = func() { pl.timer.Stop() }
	}
	return L.Yield(s.yieldMark)
}

// updateList converts buffered updates for get_updates, and records the
// highest id handed out.
func (s *Script) updateList(list []queued) *lua.LTable {
	t := s.L.CreateTable(len(list), 0)
	for i, q := range list {
		e := s.L.CreateTable(0, 2)
		e.RawSetString("update_id", lua.LNumber(q.id))
		e.RawSetString("update", bindings.Push(s.L, q.u.Object))
		t.RawSetInt(i+1, e)
		s.p.lastOut = max(s.p.lastOut, q.id)
	}
	return t
}

// feedPolls answers the waiting get_updates calls that now have updates.
func (s *Script) feedPolls() {
	if len(s.polls) == 0 || s.phase == retired {
		return
	}
	waiting := make([]*task, 0, len(s.polls))
	for t := range s.polls {
		waiting = append(waiting, t)
	}
	for _, t := range waiting {
		pl := s.polls[t]
		if pl == nil {
			continue
		}
		list := s.p.peek(pl.offset, pl.limit)
		if len(list) == 0 {
			continue
		}
		delete(s.polls, t)
		if pl.timer != nil {
			pl.timer.Stop()
		}
		s.resume(t, nil, s.updateList(list))
	}
}

// buffer keeps an update no handler took. Past Config.MaxQueued the oldest
// is dropped.
func (p *program) buffer(id int64, u *Update) {
	if limit := p.h.cfg.MaxQueued; len(p.buf) >= limit {
		p.buf = p.buf[1:]
		p.overload("get_updates buffer full; dropping the oldest update")
	}
	p.buf = append(p.buf, queued{id, u})
}

// ack drops the buffered updates below offset.
func (p *program) ack(offset int64) {
	i := sort.Search(len(p.buf), func(i int) bool { return p.buf[i].id >= offset })
	if i > 0 {
		p.buf = append(p.buf[:0:0], p.buf[i:]...)
	}
}

// peek returns up to limit buffered updates from offset on.
func (p *program) peek(offset int64, limit int) []queued {
	i := sort.Search(len(p.buf), func(i int) bool { return p.buf[i].id >= offset })
	return p.buf[i:min(len(p.buf), i+limit)]
}

package client

import (
	"context"
	"sort"
	"time"

	"github.com/luagram/luagram/storage"
	"github.com/luagram/luagram/tl/api"
)

// applyChannel applies the pts rule to an update of one channel's own
// sequence.
func (s *updateState) applyChannel(id int64, u api.UpdateClass, pts, count int32, users []api.UserClass, chats []api.ChatClass) {
	local, known := s.channels[id]
	if !known {
		// First update seen of this channel: it sets the channel's pts.
		s.channels[id] = pts
		s.emit(Update{Update: u, Users: users, Chats: chats})
		return
	}
	switch {
	case local+count == pts:
		s.channels[id] = pts
		s.emit(Update{Update: u, Users: users, Chats: chats})
		s.drainChannel(id)
	case local+count > pts:
	default:
		s.chanPending[id] = append(s.chanPending[id], pendingUpdate{pts: pts, count: count, u: Update{Update: u, Users: users, Chats: chats}})
		if s.chanTimers[id] == nil {
			s.chanTimers[id] = time.AfterFunc(gapWait, func() {
				s.run(func() {
					delete(s.chanTimers, id)
					if len(s.chanPending[id]) > 0 {
						delete(s.chanPending, id)
						s.getChannelDifference(id)
					}
				})
			})
		}
	}
}

func (s *updateState) drainChannel(id int64) {
	pend := s.chanPending[id]
	sort.Slice(pend, func(i, j int) bool { return pend[i].pts < pend[j].pts })
	rest := pend[:0]
	for _, p := range pend {
		local := s.channels[id]
		switch {
		case local+p.count == p.pts:
			s.channels[id] = p.pts
			s.emit(p.u)
		case local+p.count > p.pts:
		default:
			rest = append(rest, p)
		}
	}
	if len(rest) == 0 {
		delete(s.chanPending, id)
		if t := s.chanTimers[id]; t != nil {
			t.Stop()
			delete(s.chanTimers, id)
		}
		return
	}
	s.chanPending[id] = rest
}

// getChannelDifference fetches a channel's missed updates.
func (s *updateState) getChannelDifference(id int64) {
	p, ok := s.c.peers.ByID(storage.PeerChannel, id)
	if !ok {
		s.c.log.Warn("client: getChannelDifference for an unknown channel", "channel", id)
		return
	}
	ch := &api.InputChannel{ChannelID: id, AccessHash: p.AccessHash}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for range 1000 {
		pts := s.channels[id]
		if pts == 0 {
			pts = 1
		}
		diff, err := Call(ctx, s.c, &api.UpdatesGetChannelDifferenceRequest{Channel: ch,
			Filter: &api.ChannelMessagesFilterEmpty{}, Pts: pts, Limit: 100})
		if err != nil {
			s.c.log.Warn("client: getChannelDifference failed", "channel", id, "err", err)
			return
		}
		switch d := diff.(type) {
		case *api.UpdatesChannelDifferenceEmpty:
			s.channels[id] = d.Pts
			s.save()
			return
		case *api.UpdatesChannelDifference:
			for _, m := range d.NewMessages {
				s.emit(Update{Update: &api.UpdateNewChannelMessage{Message: m}, Users: d.Users, Chats: d.Chats})
			}
			for _, u := range d.OtherUpdates {
				s.emit(Update{Update: u, Users: d.Users, Chats: d.Chats})
			}
			s.channels[id] = d.Pts
			s.save()
			if d.Final {
				return
			}
		case *api.UpdatesChannelDifferenceTooLong:
			if dl, ok := d.Dialog.(*api.Dialog); ok && dl.Pts.Set {
				s.channels[id] = dl.Pts.Value
			}
			for _, m := range d.Messages {
				s.emit(Update{Update: &api.UpdateNewChannelMessage{Message: m}, Users: d.Users, Chats: d.Chats})
			}
			s.save()
			return
		}
	}
}

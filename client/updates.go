package client

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/luagram/luagram/storage"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// An Update is one update delivered to the handler, with the users and
// chats that came with it.
type Update struct {
	Update api.UpdateClass
	Users  []api.UserClass
	Chats  []api.ChatClass
}

// An UpdateHandler receives updates one at a time, in order.
type UpdateHandler interface {
	HandleUpdate(ctx context.Context, u Update)
}

// UpdateHandlerFunc adapts a function.
type UpdateHandlerFunc func(ctx context.Context, u Update)

// HandleUpdate calls f.
func (f UpdateHandlerFunc) HandleUpdate(ctx context.Context, u Update) { f(ctx, u) }

// gapWait is how long a gap may stay open before getDifference: "wait for
// 0.5 seconds, if the gap wasn't filled, call getDifference"
// (core.telegram.org/api/updates#recovering-gaps).
const gapWait = 500 * time.Millisecond

// updateState is the updates state machine of core.telegram.org/api/updates:
// the common sequence (pts, qts, seq, date) and one pts per channel. All its
// work runs on one goroutine, fed by a queue, so updates are applied and
// delivered in order.
type updateState struct {
	c     *Client
	in    chan func()
	done  chan struct{}
	once  sync.Once
	ready bool

	pts, qts, seq, date int32
	channels            map[int64]int32
	// pending holds updates that arrived ahead of a gap, by sequence.
	pending     []pendingUpdate
	gapTimer    *time.Timer
	chanPending map[int64][]pendingUpdate
	chanTimers  map[int64]*time.Timer
	// out is the ordered queue to the handler.
	out       chan Update
	saveTimer *time.Timer
}

type pendingUpdate struct {
	pts, count int32
	u          Update
}

func newUpdateState(c *Client) *updateState {
	s := &updateState{c: c, in: make(chan func(), 1024), done: make(chan struct{}), channels: map[int64]int32{},
		chanPending: map[int64][]pendingUpdate{}, chanTimers: map[int64]*time.Timer{}, out: make(chan Update, 1024)}
	st := c.store.Snapshot()
	s.pts, s.qts, s.seq, s.date = st.Updates.Pts, st.Updates.Qts, st.Updates.Seq, st.Updates.Date
	for id, p := range st.Updates.Channels {
		s.channels[id] = p
	}
	s.ready = st.Updates.Pts != 0 || st.Updates.Date != 0
	go s.loop()
	go s.deliver()
	return s
}

func (s *updateState) loop() {
	for {
		select {
		case f := <-s.in:
			f()
		case <-s.done:
			return
		}
	}
}

// deliver hands updates to the handler one at a time.
func (s *updateState) deliver() {
	for {
		select {
		case u := <-s.out:
			if h := s.c.cfg.Handler; h != nil {
				h.HandleUpdate(context.Background(), u)
			}
		case <-s.done:
			return
		}
	}
}

// close flushes the state into the session and stops the machine.
func (s *updateState) close() {
	flushed := make(chan struct{})
	s.run(func() { s.flush(); close(flushed) })
	select {
	case <-flushed:
	case <-time.After(5 * time.Second):
	}
	s.once.Do(func() { close(s.done) })
}

// run queues f on the state's goroutine.
func (s *updateState) run(f func()) {
	select {
	case s.in <- f:
	case <-s.done:
	}
}

// kick asks for getDifference (new_session_created, updatesTooLong).
func (s *updateState) kick() { s.run(func() { s.getDifference() }) }

// Start loads the state: with a saved state and handle_old_updates, what
// happened while the client was away is fetched (getDifference); otherwise
// the current state is taken from updates.getState.
func (c *Client) StartUpdates(ctx context.Context) error {
	s := c.updates
	if s.ready && c.set.Updates.HandleOldUpdates {
		done := make(chan struct{})
		s.run(func() { s.getDifference(); close(done) })
		select {
		case <-done:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	st, err := Call(ctx, c, &api.UpdatesGetStateRequest{})
	if err != nil {
		return err
	}
	done := make(chan struct{})
	s.run(func() {
		s.pts, s.qts, s.seq, s.date = st.Pts, st.Qts, st.Seq, st.Date
		s.ready = true
		s.flush()
		close(done)
	})
	<-done
	return nil
}

// saveDelay batches state saves: the session's copy of the state follows
// within this delay (and at Close).
const saveDelay = 200 * time.Millisecond

// save schedules copying the state into the session.
func (s *updateState) save() {
	if s.saveTimer != nil {
		return
	}
	s.saveTimer = time.AfterFunc(saveDelay, func() { s.run(s.flush) })
}

// flush copies the state into the session now.
func (s *updateState) flush() {
	if s.saveTimer != nil {
		s.saveTimer.Stop()
		s.saveTimer = nil
	}
	chans := make(map[int64]int32, len(s.channels))
	for k, v := range s.channels {
		chans[k] = v
	}
	s.c.store.Update(func(st *storage.State) error {
		st.Updates = storage.UpdateState{Pts: s.pts, Qts: s.qts, Seq: s.seq, Date: s.date, Channels: chans}
		return nil
	})
}

// onUpdates receives pushed update messages from every DC.
func (c *Client) onUpdates(dc int, body []byte) {
	d := tl.NewDecoder(body)
	obj := tl.DecodeObject(d)
	if d.Err() != nil {
		c.log.Warn("client: undecodable update", "err", d.Err())
		return
	}
	u, ok := obj.(api.UpdatesClass)
	if !ok {
		return
	}
	c.rememberPeers(u)
	c.updates.run(func() { c.updates.process(u) })
}

// fromResult feeds the updates inside a call's result.
func (s *updateState) fromResult(u api.UpdatesClass) {
	s.run(func() { s.process(u) })
}

// process applies one Updates container.
func (s *updateState) process(u api.UpdatesClass) {
	if !s.ready {
		return // not started: StartUpdates takes the state from the server
	}
	switch x := u.(type) {
	case *api.UpdatesTooLong:
		s.getDifference()
	case *api.UpdateShortMessage:
		peer := &api.PeerUser{UserID: x.UserID}
		if _, known := s.c.peers.ByID(storage.PeerUser, x.UserID); !known {
			s.getDifference() // we lack the sender: the difference brings it
			return
		}
		m := &api.Message{Out: x.Out, Mentioned: x.Mentioned, MediaUnread: x.MediaUnread, Silent: x.Silent, ID: x.ID,
			PeerID: peer, Date: x.Date, Message: x.Message, FwdFrom: x.FwdFrom, ViaBotID: x.ViaBotID,
			ReplyTo: x.ReplyTo, Entities: x.Entities, TTLPeriod: x.TTLPeriod}
		if !x.Out {
			m.FromID = peer
		}
		s.applyPts(&api.UpdateNewMessage{Message: m, Pts: x.Pts, PtsCount: x.PtsCount}, x.Pts, x.PtsCount, nil, nil)
	case *api.UpdateShortChatMessage:
		if _, known := s.c.peers.ByID(storage.PeerUser, x.FromID); !known {
			s.getDifference()
			return
		}
		m := &api.Message{Out: x.Out, Mentioned: x.Mentioned, MediaUnread: x.MediaUnread, Silent: x.Silent, ID: x.ID,
			FromID: &api.PeerUser{UserID: x.FromID}, PeerID: &api.PeerChat{ChatID: x.ChatID}, Date: x.Date,
			Message: x.Message, FwdFrom: x.FwdFrom, ViaBotID: x.ViaBotID, ReplyTo: x.ReplyTo, Entities: x.Entities}
		s.applyPts(&api.UpdateNewMessage{Message: m, Pts: x.Pts, PtsCount: x.PtsCount}, x.Pts, x.PtsCount, nil, nil)
	case *api.UpdateShortSentMessage:
		// Our own message; the caller has the answer. Only pts moves.
		s.applyPts(nil, x.Pts, x.PtsCount, nil, nil)
	case *api.UpdateShort:
		s.applyOne(x.Update, nil, nil)
		s.date = max(s.date, x.Date)
	case *api.UpdatesCombined:
		if !s.checkSeq(x.SeqStart, x.Seq) {
			return
		}
		s.applyList(x.Updates, x.Users, x.Chats)
		s.setSeq(x.Seq, x.Date)
	case *api.Updates:
		if !s.checkSeq(x.Seq, x.Seq) {
			return
		}
		s.applyList(x.Updates, x.Users, x.Chats)
		s.setSeq(x.Seq, x.Date)
	}
	s.save()
}

// checkSeq applies the seq rule: a container whose seq_start is not the
// next seq is either old (ignored) or after a gap (getDifference).
func (s *updateState) checkSeq(start, seq int32) bool {
	if seq == 0 || s.seq == 0 {
		return true
	}
	switch {
	case s.seq+1 == start:
		return true
	case s.seq+1 > start:
		return false // already applied
	default:
		s.getDifference()
		return false
	}
}

func (s *updateState) setSeq(seq, date int32) {
	if seq != 0 {
		s.seq = seq
	}
	s.date = max(s.date, date)
}

// applyList applies the updates of a container, sorted so that each
// sequence is in order.
func (s *updateState) applyList(list []api.UpdateClass, users []api.UserClass, chats []api.ChatClass) {
	sorted := append([]api.UpdateClass(nil), list...)
	sort.SliceStable(sorted, func(i, j int) bool {
		pi, _, _ := ptsOf(sorted[i])
		pj, _, _ := ptsOf(sorted[j])
		return pi < pj
	})
	for _, u := range sorted {
		s.applyOne(u, users, chats)
	}
}

// ptsOf returns the pts, pts_count and channel of an update that belongs
// to a pts sequence (channel is 0 for the common one).
func ptsOf(u api.UpdateClass) (pts, count int32, channel int64) {
	switch x := u.(type) {
	case *api.UpdateNewMessage:
		return x.Pts, x.PtsCount, 0
	case *api.UpdateEditMessage:
		return x.Pts, x.PtsCount, 0
	case *api.UpdateDeleteMessages:
		return x.Pts, x.PtsCount, 0
	case *api.UpdateReadHistoryInbox:
		return x.Pts, x.PtsCount, 0
	case *api.UpdateReadHistoryOutbox:
		return x.Pts, x.PtsCount, 0
	case *api.UpdateWebPage:
		return x.Pts, x.PtsCount, 0
	case *api.UpdateReadMessagesContents:
		return x.Pts, x.PtsCount, 0
	case *api.UpdateNewChannelMessage:
		return x.Pts, x.PtsCount, channelOf(x.Message)
	case *api.UpdateEditChannelMessage:
		return x.Pts, x.PtsCount, channelOf(x.Message)
	case *api.UpdateDeleteChannelMessages:
		return x.Pts, x.PtsCount, x.ChannelID
	}
	return 0, 0, 0
}

func channelOf(m api.MessageClass) int64 {
	var p api.PeerClass
	switch x := m.(type) {
	case *api.Message:
		p = x.PeerID
	case *api.MessageService:
		p = x.PeerID
	}
	if ch, ok := p.(*api.PeerChannel); ok {
		return ch.ChannelID
	}
	return 0
}

// applyOne routes one update to its sequence.
func (s *updateState) applyOne(u api.UpdateClass, users []api.UserClass, chats []api.ChatClass) {
	pts, count, channel := ptsOf(u)
	switch {
	case channel != 0:
		s.applyChannel(channel, u, pts, count, users, chats)
	case pts != 0:
		s.applyPts(u, pts, count, users, chats)
	default:
		switch x := u.(type) {
		case *api.UpdateChannelTooLong:
			s.getChannelDifference(x.ChannelID)
			return
		}
		s.emit(Update{Update: u, Users: users, Chats: chats})
	}
}

// applyPts applies the pts rule to a common-sequence update (u may be nil
// when only pts moves).
func (s *updateState) applyPts(u api.UpdateClass, pts, count int32, users []api.UserClass, chats []api.ChatClass) {
	switch {
	case s.pts+count == pts:
		s.pts = pts
		if u != nil {
			s.emit(Update{Update: u, Users: users, Chats: chats})
		}
		s.drainPending()
	case s.pts+count > pts:
		// Already applied: "the update was already applied, and must be ignored".
	default:
		s.pending = append(s.pending, pendingUpdate{pts: pts, count: count, u: Update{Update: u, Users: users, Chats: chats}})
		if s.gapTimer == nil {
			s.gapTimer = time.AfterFunc(gapWait, func() { s.run(s.gapExpired) })
		}
	}
}

// drainPending applies buffered updates that now fit.
func (s *updateState) drainPending() {
	for progress := true; progress; {
		progress = false
		sort.Slice(s.pending, func(i, j int) bool { return s.pending[i].pts < s.pending[j].pts })
		rest := s.pending[:0]
		for _, p := range s.pending {
			switch {
			case s.pts+p.count == p.pts:
				s.pts = p.pts
				if p.u.Update != nil {
					s.emit(p.u)
				}
				progress = true
			case s.pts+p.count > p.pts:
			default:
				rest = append(rest, p)
			}
		}
		s.pending = rest
	}
	if len(s.pending) == 0 && s.gapTimer != nil {
		s.gapTimer.Stop()
		s.gapTimer = nil
	}
}

func (s *updateState) gapExpired() {
	s.gapTimer = nil
	if len(s.pending) > 0 {
		s.pending = nil
		s.getDifference()
	}
}

// emit queues an update for the handler.
func (s *updateState) emit(u Update) {
	select {
	case s.out <- u:
	case <-s.done:
	}
}

// getDifference fetches what the server has after our pts, until it says
// there is no more ("difference slices" are applied one after another).
func (s *updateState) getDifference() {
	if !s.ready {
		return
	}
	if s.gapTimer != nil {
		s.gapTimer.Stop()
		s.gapTimer = nil
	}
	s.pending = nil
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for range 1000 {
		diff, err := Call(ctx, s.c, &api.UpdatesGetDifferenceRequest{Pts: s.pts, Date: s.date, Qts: s.qts})
		if err != nil {
			s.c.log.Warn("client: getDifference failed", "err", err)
			return
		}
		switch d := diff.(type) {
		case *api.UpdatesDifferenceEmpty:
			s.date, s.seq = max(s.date, d.Date), d.Seq
			s.save()
			return
		case *api.UpdatesDifference:
			s.applyDifference(d.NewMessages, d.OtherUpdates, d.Users, d.Chats)
			s.setState(d.State)
			s.save()
			return
		case *api.UpdatesDifferenceSlice:
			s.applyDifference(d.NewMessages, d.OtherUpdates, d.Users, d.Chats)
			s.setState(d.IntermediateState)
			s.save()
		case *api.UpdatesDifferenceTooLong:
			// Too much was missed to replay: continue from the server's pts.
			s.c.log.Warn("client: updates difference too long; some updates are lost", "from", s.pts, "to", d.Pts)
			s.pts = d.Pts
			s.save()
		}
	}
}

func (s *updateState) setState(st api.UpdatesState) {
	s.pts, s.qts, s.seq, s.date = st.Pts, st.Qts, st.Seq, max(s.date, st.Date)
}

// applyDifference delivers what getDifference returned: new messages
// first, then the other updates (which may hold channel updates).
func (s *updateState) applyDifference(msgs []api.MessageClass, other []api.UpdateClass, users []api.UserClass, chats []api.ChatClass) {
	for _, m := range msgs {
		s.emit(Update{Update: &api.UpdateNewMessage{Message: m}, Users: users, Chats: chats})
	}
	for _, u := range other {
		pts, count, channel := ptsOf(u)
		switch {
		case channel != 0:
			s.applyChannel(channel, u, pts, count, users, chats)
		case pts != 0:
			// Part of the sequence the difference already covers.
			s.emit(Update{Update: u, Users: users, Chats: chats})
		default:
			if tl, ok := u.(*api.UpdateChannelTooLong); ok {
				s.getChannelDifference(tl.ChannelID)
				continue
			}
			s.emit(Update{Update: u, Users: users, Chats: chats})
		}
	}
}

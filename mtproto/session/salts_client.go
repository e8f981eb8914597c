package session

import (
	"context"
	"sort"
	"time"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

// saltMargin: a future salt is used from its valid_since until this long
// before its valid_until.
const saltMargin = time.Minute

// saltFor returns the salt to send with at now: a fetched future salt valid
// then, or the last salt the server gave. Call with s.mu held.
func (s *Session) saltFor(now time.Time) int64 {
	for _, f := range s.futureSalts {
		if !now.Before(f.ValidSince) && now.Add(saltMargin).Before(f.ValidUntil) {
			return f.Salt
		}
	}
	return s.salt
}

// saltsCoverUntil returns until when the fetched salts last. Call with s.mu
// held.
func (s *Session) saltsCoverUntil() time.Time {
	if n := len(s.futureSalts); n > 0 {
		return s.futureSalts[n-1].ValidUntil
	}
	return time.Time{}
}

// maybeFetchSalts asks the server for future salts (get_future_salts) when
// the known ones run out within the hour, so that a salt change never
// costs a bad_server_salt round trip.
func (s *Session) maybeFetchSalts() {
	now := s.serverNow()
	s.mu.Lock()
	if s.fetchingSalts || s.saltsCoverUntil().After(now.Add(time.Hour)) {
		s.mu.Unlock()
		return
	}
	s.fetchingSalts = true
	s.mu.Unlock()
	go func() {
		defer func() {
			s.mu.Lock()
			s.fetchingSalts = false
			s.mu.Unlock()
		}()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		go func() {
			select {
			case <-s.closed:
				cancel()
			case <-ctx.Done():
			}
		}()
		var b tl.Buffer
		b.Object(&mt.GetFutureSaltsRequest{Num: 64}, "get_future_salts")
		body, err := s.InvokeWith(ctx, InvokeOptions{Query: b.Buf, NoInit: true})
		if err != nil {
			s.log.Debug("session: get_future_salts failed", "err", err)
			return
		}
		var fs mt.FutureSalts
		if err := tl.DecodeBoxed(body, &fs); err != nil {
			s.log.Warn("session: malformed future_salts", "err", err)
			return
		}
		salts := make([]FutureSalt, 0, len(fs.Salts))
		for _, f := range fs.Salts {
			salts = append(salts, FutureSalt{Salt: f.Salt, ValidSince: time.Unix(int64(f.ValidSince), 0), ValidUntil: time.Unix(int64(f.ValidUntil), 0)})
		}
		sort.Slice(salts, func(i, j int) bool { return salts[i].ValidSince.Before(salts[j].ValidSince) })
		s.mu.Lock()
		s.futureSalts = salts
		s.mu.Unlock()
	}()
}

// serverNow is our estimate of the server's clock.
func (s *Session) serverNow() time.Time {
	now := time.Now()
	if s.cfg.Now != nil {
		now = s.cfg.Now()
	}
	return now.Add(s.ids.Offset())
}

package storage

import (
	"maps"
	"math"
	"slices"
	"time"
)

// AuthKeySize is the length of an MTProto auth key in bytes.
const AuthKeySize = 256

// Size limits of stored values. Setters reject larger values with an error
// wrapping ErrInvalid; the loader reports them as corruption.
const (
	MaxBlobSize   = 16 << 20 // Settings, a secret chat, a KV value
	MaxKeySize    = 4096     // a KV namespace or key
	MaxNameSize   = 1024     // a peer's first name, last name or title
	MaxPhoneSize  = 64       // a peer's phone number
	MaxUsername   = 255      // one username, in bytes
	MaxUsernames  = 64       // usernames per peer
	maxChannelPts = 1 << 24  // channels in UpdateState.Channels
	maxSalts      = 1024     // future salts per DC
)

// State is the small part of a session: what is needed to reconnect and
// resume updates. Peers, the script key-value store and secret chats are kept
// apart (Store.Peers, Store.KV, Store.SecretChats) so that saving them can be
// incremental.
//
// Times are stored to the second; Update rounds them down.
type State struct {
	// HomeDC is the DC the account lives on; 0 before login.
	HomeDC int
	// DCs holds the keys and session parameters per DC id.
	DCs map[int]*DC
	// Self is the logged-in account; zero before login.
	Self Self
	// Updates is the common and per-channel update state.
	Updates UpdateState
	// Settings is the client's settings in effect, in its own encoding.
	Settings []byte
}

// Self identifies the logged-in account.
type Self struct {
	UserID int64
	Bot    bool
}

// DC is what a client keeps for one data center.
type DC struct {
	// AuthKey is the permanent auth key: nil or AuthKeySize bytes.
	AuthKey []byte
	// TempAuthKey is the temporary (PFS) key: nil or AuthKeySize bytes.
	TempAuthKey []byte
	// TempAuthKeyExpiresAt is when TempAuthKey expires.
	TempAuthKeyExpiresAt time.Time
	// TempAuthKeyBound reports whether auth.bindTempAuthKey succeeded for
	// TempAuthKey.
	TempAuthKeyBound bool
	// ServerSalt is the salt in use.
	ServerSalt int64
	// FutureSalts are salts from get_future_salts, oldest first.
	FutureSalts []Salt
	// TimeOffset is server time minus local time.
	TimeOffset time.Duration
}

// Salt is one future_salt: a server salt and when it is valid.
type Salt struct {
	ValidSince time.Time
	ValidUntil time.Time
	Salt       int64
}

// UpdateState is the update sequence state of updates.state, plus the pts of
// each channel (https://core.telegram.org/api/updates).
type UpdateState struct {
	Pts, Qts, Seq, Date int32
	// Channels maps a channel id to its pts.
	Channels map[int64]int32
}

// DC returns the entry for DC id, adding an empty one if there is none.
func (s *State) DC(id int) *DC {
	if s.DCs == nil {
		s.DCs = make(map[int]*DC)
	}
	dc := s.DCs[id]
	if dc == nil {
		dc = new(DC)
		s.DCs[id] = dc
	}
	return dc
}

// Clone returns a deep copy of s.
func (s *State) Clone() State {
	c := *s
	c.Settings = slices.Clone(s.Settings)
	c.Updates.Channels = maps.Clone(s.Updates.Channels)
	if s.DCs != nil {
		c.DCs = make(map[int]*DC, len(s.DCs))
		for id, dc := range s.DCs {
			if dc == nil {
				continue
			}
			d := *dc
			d.AuthKey = slices.Clone(dc.AuthKey)
			d.TempAuthKey = slices.Clone(dc.TempAuthKey)
			d.FutureSalts = slices.Clone(dc.FutureSalts)
			c.DCs[id] = &d
		}
	}
	return c
}

// normalize drops what the file cannot tell apart: empty versus nil
// collections, nil DC entries, time below a second and time zones.
func (s *State) normalize() {
	if len(s.Settings) == 0 {
		s.Settings = nil
	}
	if len(s.Updates.Channels) == 0 {
		s.Updates.Channels = nil
	}
	for id, dc := range s.DCs {
		if dc == nil {
			delete(s.DCs, id)
			continue
		}
		if len(dc.AuthKey) == 0 {
			dc.AuthKey = nil
		}
		if len(dc.TempAuthKey) == 0 {
			dc.TempAuthKey = nil
		}
		if len(dc.FutureSalts) == 0 {
			dc.FutureSalts = nil
		}
		dc.TempAuthKeyExpiresAt = roundTime(dc.TempAuthKeyExpiresAt)
		for i := range dc.FutureSalts {
			dc.FutureSalts[i].ValidSince = roundTime(dc.FutureSalts[i].ValidSince)
			dc.FutureSalts[i].ValidUntil = roundTime(dc.FutureSalts[i].ValidUntil)
		}
	}
	if len(s.DCs) == 0 {
		s.DCs = nil
	}
}

// validate reports the first value of s that cannot be stored.
func (s *State) validate() error {
	if s.HomeDC < 0 || s.HomeDC > math.MaxInt32 {
		return invalidf("home DC %d", s.HomeDC)
	}
	if len(s.Settings) > MaxBlobSize {
		return invalidf("settings are %d bytes, limit %d", len(s.Settings), MaxBlobSize)
	}
	if len(s.Updates.Channels) > maxChannelPts {
		return invalidf("%d channels in update state, limit %d", len(s.Updates.Channels), maxChannelPts)
	}
	for id, dc := range s.DCs {
		if id <= 0 || id > math.MaxInt32 {
			return invalidf("DC id %d", id)
		}
		if n := len(dc.AuthKey); n != 0 && n != AuthKeySize {
			return invalidf("auth key for DC %d is %d bytes, want %d", id, n, AuthKeySize)
		}
		if n := len(dc.TempAuthKey); n != 0 && n != AuthKeySize {
			return invalidf("temporary auth key for DC %d is %d bytes, want %d", id, n, AuthKeySize)
		}
		if len(dc.FutureSalts) > maxSalts {
			return invalidf("%d future salts for DC %d, limit %d", len(dc.FutureSalts), id, maxSalts)
		}
	}
	return nil
}

// roundTime drops what the file does not keep: the monotonic reading, the
// time zone and the fraction of a second. The zero Time and the Unix epoch
// both become the zero Time.
func roundTime(t time.Time) time.Time {
	return fromUnix(unixTime(t))
}

// unixTime is the stored form of t: seconds since 1970, 0 for the zero Time.
func unixTime(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// fromUnix inverts unixTime.
func fromUnix(sec int64) time.Time {
	if sec == 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0)
}

package session

import (
	"crypto/hmac"
	cryptorand "crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"sync"
	"time"
)

// A SaltSchedule is the server's rotating salts: one salt per period
// (30 minutes by default, as the real servers do), derived from a secret so
// that every DC of a process agrees without storing them. A message is
// accepted with the salt of the current period or of the previous one
// ("old salts are still accepted for a while", core.telegram.org/mtproto/service_messages),
// or with the first salt of its auth key during that key's first period.
type SaltSchedule struct {
	secret [32]byte
	mu     sync.Mutex
	period time.Duration
	first  map[[8]byte]firstSalt
}

type firstSalt struct {
	salt  int64
	until time.Time
}

// NewSaltSchedule returns a schedule with a random secret; period 0 means
// 30 minutes.
func NewSaltSchedule(period time.Duration) *SaltSchedule {
	s := &SaltSchedule{first: map[[8]byte]firstSalt{}}
	cryptorand.Read(s.secret[:])
	s.SetPeriod(period)
	return s
}

// SetPeriod changes how often salts rotate (fault injection makes it short).
func (s *SaltSchedule) SetPeriod(period time.Duration) {
	if period <= 0 {
		period = 30 * time.Minute
	}
	s.mu.Lock()
	s.period = period
	s.mu.Unlock()
}

func (s *SaltSchedule) slot(t time.Time) (int64, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return t.UnixNano() / int64(s.period), s.period
}

func (s *SaltSchedule) saltOf(slot int64) int64 {
	m := hmac.New(sha256.New, s.secret[:])
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(slot))
	m.Write(b[:])
	return int64(binary.LittleEndian.Uint64(m.Sum(nil)))
}

// Current returns the salt to hand out at t.
func (s *SaltSchedule) Current(t time.Time) int64 {
	slot, _ := s.slot(t)
	return s.saltOf(slot)
}

// Future returns n salts starting with the current one, with their validity.
func (s *SaltSchedule) Future(t time.Time, n int) []FutureSalt {
	slot, period := s.slot(t)
	out := make([]FutureSalt, n)
	for i := range out {
		k := slot + int64(i)
		out[i] = FutureSalt{
			Salt:       s.saltOf(k),
			ValidSince: time.Unix(0, k*int64(period)),
			ValidUntil: time.Unix(0, (k+1)*int64(period)+int64(period)),
		}
	}
	return out
}

// A FutureSalt is a salt with the time range it is accepted in.
type FutureSalt struct {
	Salt                   int64
	ValidSince, ValidUntil time.Time
}

// SetFirst records the salt the auth key exchange produced for keyID; it
// is accepted for one period.
func (s *SaltSchedule) SetFirst(keyID [8]byte, salt int64, t time.Time) {
	_, period := s.slot(t)
	s.mu.Lock()
	s.first[keyID] = firstSalt{salt: salt, until: t.Add(period)}
	s.mu.Unlock()
}

// Valid reports whether a message with salt, sent with keyID at t, is
// accepted.
func (s *SaltSchedule) Valid(keyID [8]byte, salt int64, t time.Time) bool {
	slot, _ := s.slot(t)
	if salt == s.saltOf(slot) || salt == s.saltOf(slot-1) {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.first[keyID]
	if ok && t.After(f.until) {
		delete(s.first, keyID)
		ok = false
	}
	return ok && f.salt == salt
}

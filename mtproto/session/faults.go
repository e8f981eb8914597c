package session

import (
	"math/rand/v2"
	"strconv"
	"sync"
	"time"
)

// Faults are the server's fault-injection switches, for reliability tests
// and `luagram sandbox` flags. The zero value injects nothing; fields may be
// changed at any time through the setters.
type Faults struct {
	mu        sync.Mutex
	dropEvery int
	dropRate  float64
	delay     time.Duration
	floodRate float64
	floodWait int
	badMsg    float64
	frames    int
	drops     int
}

// Drops returns how many connections fault injection has dropped.
func (f *Faults) Drops() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.drops
}

// Set replaces the switches.
func (f *Faults) Set(cfg FaultConfig) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.dropEvery, f.dropRate, f.delay = cfg.DropEvery, cfg.DropRate, cfg.Delay
	f.floodRate, f.floodWait = cfg.FloodRate, cfg.FloodWait
	f.badMsg = cfg.BadMsgRate
	f.frames, f.drops = 0, 0
}

// A FaultConfig is a set of fault switches.
type FaultConfig struct {
	DropEvery int           // drop the connection after every n client frames
	DropRate  float64       // or drop it after a frame with this probability
	Delay     time.Duration // delay each frame the server writes
	FloodRate float64       // answer this fraction of queries with FLOOD_WAIT_X
	FloodWait int           // X, in seconds
	// BadMsgRate refuses this fraction of queries with a
	// bad_msg_notification (16, 17, 32 or 33: a msg_id or seq_no the
	// client must correct), without executing them.
	BadMsgRate float64
}

func (f *Faults) dropFrame() bool {
	if f == nil {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.frames++
	if f.dropEvery > 0 && f.frames%f.dropEvery == 0 || f.dropRate > 0 && rand.Float64() < f.dropRate {
		f.drops++
		return true
	}
	return false
}

func (f *Faults) delayFor() time.Duration {
	if f == nil {
		return 0
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.delay
}

// badMsgCode returns the code of a bad_msg_notification to answer instead
// of executing a query, or 0.
func (f *Faults) badMsgCode() int32 {
	if f == nil {
		return 0
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.badMsg > 0 && rand.Float64() < f.badMsg {
		return [...]int32{16, 17, 32, 33}[rand.IntN(4)]
	}
	return 0
}

func (f *Faults) flood() (int, bool) {
	if f == nil {
		return 0, false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.floodRate > 0 && rand.Float64() < f.floodRate {
		return f.floodWait, true
	}
	return 0, false
}

func itoa(n int) string { return strconv.Itoa(n) }

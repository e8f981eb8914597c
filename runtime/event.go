package runtime

import (
	"time"

	"github.com/luagram/luagram/tl"
)

// An Update is one update from the client, as delivered to scripts.
type Update struct {
	Name   string      // TL constructor name: "updateNewMessage"
	Object tl.Object   // the api.UpdateClass value
	Users  []tl.Object // users that came with it (api.UserClass), if any
	Chats  []tl.Object // chats that came with it (api.ChatClass), if any
	// Key, when set, names the chat the update belongs to: updates with
	// the same Key are handled one after another (see order.go).
	Key string
}

// An EventKind says what an Event reports.
type EventKind int

const (
	// Started: the first version of a script is running its main chunk.
	Started EventKind = iota
	// Reloaded: a new version loaded fully and took over the updates.
	Reloaded
	// ReloadFailed: a new version did not compile or its main chunk
	// failed; the previous version goes on. Err is a *LoadError or a
	// *ScriptError.
	ReloadFailed
	// HandlerFailed: a handler, timer callback or other coroutine raised
	// an error (Err, a *ScriptError); the script goes on.
	HandlerFailed
	// Ended: the script ended; Err says why if it failed.
	Ended
)

func (k EventKind) String() string {
	switch k {
	case Started:
		return "started"
	case Reloaded:
		return "reloaded"
	case ReloadFailed:
		return "reload failed"
	case HandlerFailed:
		return "handler failed"
	case Ended:
		return "ended"
	}
	return "unknown"
}

// An Event is something that happened to a script, reported through
// Config.OnEvent.
type Event struct {
	Script  string
	Kind    EventKind
	Version int           // the version concerned: 1 for the first load
	Err     error         // see EventKind
	Latency time.Duration // Reloaded: from the first file change seen to the swap
}

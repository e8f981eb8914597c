package storage

import (
	"strconv"
	"strings"
	"time"
)

// PeerKind says which id space a peer id belongs to.
type PeerKind uint8

// Peer kinds.
const (
	PeerUser    PeerKind = 1
	PeerChat    PeerKind = 2 // a basic group
	PeerChannel PeerKind = 3 // a channel or supergroup
)

func (k PeerKind) String() string {
	switch k {
	case PeerUser:
		return "user"
	case PeerChat:
		return "chat"
	case PeerChannel:
		return "channel"
	}
	return "PeerKind(" + strconv.Itoa(int(k)) + ")"
}

func (k PeerKind) valid() bool { return k >= PeerUser && k <= PeerChannel }

// PeerFlags are the flags of user, chat and channel constructors worth
// keeping in the peer database.
type PeerFlags uint16

// Peer flags. Each applies to the kinds named in its comment.
const (
	FlagVerified   PeerFlags = 1 << iota // user, channel
	FlagScam                             // user, channel
	FlagFake                             // user, channel
	FlagPremium                          // user
	FlagDeleted                          // user (deleted account)
	FlagSupport                          // user
	FlagRestricted                       // user, channel
	FlagContact                          // user
	FlagMegagroup                        // channel (supergroup)
	FlagBroadcast                        // channel
	FlagForum                            // channel
	FlagGigagroup                        // channel
	FlagCreator                          // chat, channel
	FlagLeft                             // chat, channel
)

// Peer is what the peer database keeps about one user, chat or channel.
//
// Merging: Put of a Peer with Min set over an entry without Min keeps the
// entry's AccessHash, Phone and its full (non-min) status, as
// https://core.telegram.org/api/min asks; every other field is replaced.
type Peer struct {
	ID         int64
	Kind       PeerKind
	AccessHash int64
	// Min marks data from a min constructor: the access hash cannot be
	// used in inputPeerUser/inputPeerChannel.
	Min bool
	// Bot marks bot users.
	Bot   bool
	Flags PeerFlags
	// Usernames are the active usernames, the main one first, without '@'.
	Usernames []string
	Phone     string
	FirstName string
	LastName  string
	Title     string // of a chat or channel
	// Updated is when this entry last changed, to the second. Put sets it
	// to now when it is zero and the entry changes.
	Updated time.Time
}

// Username returns the main username, or "".
func (p Peer) Username() string {
	if len(p.Usernames) == 0 {
		return ""
	}
	return p.Usernames[0]
}

// MarkedID returns the peer's id in the Bot API form: users as is, chats
// negated, channels as -(1000000000000 + id).
func (p Peer) MarkedID() int64 { return MarkedID(p.Kind, p.ID) }

// MarkedID returns id of kind k in the Bot API form.
func MarkedID(k PeerKind, id int64) int64 {
	switch k {
	case PeerChat:
		return -id
	case PeerChannel:
		return -1_000_000_000_000 - id
	}
	return id
}

// UnmarkID inverts MarkedID.
func UnmarkID(marked int64) (PeerKind, int64) {
	switch {
	case marked >= 0:
		return PeerUser, marked
	case marked > -1_000_000_000_000:
		return PeerChat, -marked
	}
	return PeerChannel, -marked - 1_000_000_000_000
}

// maxPeerID bounds peer ids so that the id and the kind fit one uint64 key.
const maxPeerID = 1<<62 - 1

// validate checks p against the size limits and normalizes usernames:
// a leading '@' is dropped and case-insensitive duplicates removed.
func (p *Peer) validate() error {
	if !p.Kind.valid() {
		return invalidf("peer %d has kind %d", p.ID, p.Kind)
	}
	if p.ID <= 0 || p.ID > maxPeerID {
		return invalidf("peer id %d", p.ID)
	}
	if len(p.Usernames) > MaxUsernames {
		return invalidf("peer %d has %d usernames, limit %d", p.ID, len(p.Usernames), MaxUsernames)
	}
	names := p.Usernames[:0:0]
	for _, u := range p.Usernames {
		u = strings.TrimPrefix(u, "@")
		if u == "" || len(u) > MaxUsername || u[0] == '@' {
			return invalidf("peer %d has username %q", p.ID, u)
		}
		dup := false
		for _, v := range names {
			if equalFoldASCII(u, v) {
				dup = true
				break
			}
		}
		if !dup {
			names = append(names, u)
		}
	}
	if len(names) == 0 {
		names = nil
	}
	p.Usernames = names
	if len(p.Phone) > MaxPhoneSize {
		return invalidf("peer %d has a phone of %d bytes", p.ID, len(p.Phone))
	}
	for _, s := range [...]string{p.FirstName, p.LastName, p.Title} {
		if len(s) > MaxNameSize {
			return invalidf("peer %d has a name of %d bytes", p.ID, len(s))
		}
	}
	if u := unixTime(p.Updated); u < 0 || u > 1<<32-1 {
		return invalidf("peer %d updated at %v", p.ID, p.Updated)
	}
	return nil
}

// equalFoldASCII reports whether a and b are equal under ASCII case folding.
// Telegram usernames are ASCII; other bytes must match exactly.
func equalFoldASCII[S string | []byte](a S, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(b); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

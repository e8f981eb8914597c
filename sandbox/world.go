package sandbox

import (
	"crypto/hmac"
	cryptorand "crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"strings"
	"sync"

	"github.com/luagram/luagram/mtproto/session"
)

// The world is what all DCs of a sandbox share, as Telegram's DCs share
// one database: users, chats, channels, their messages and update logs,
// and which auth key is logged in as whom.
type world struct {
	mu       sync.Mutex
	secret   [32]byte // derives access hashes
	users    map[int64]*user
	byPhone  map[string]*user
	byName   map[string]peerRef // lower-case username → peer
	chats    map[int64]*chat
	channels map[int64]*channel
	nextUser int64
	nextChat int64
	nextChan int64
	// auths maps permanent auth key ids (per DC) to logged-in users.
	auths map[[8]byte]*user
	codes map[string]*sentCode // phone_code_hash → code
	// loginTokens are QR login tokens by token bytes (as string).
	loginTokens map[string]*loginToken
	// exported authorizations (auth.exportAuthorization) by id.
	exported map[int64]exportedAuth
	// queries are callback queries waiting for a bot's answer.
	queries map[int64]*pendingQuery
	faults  updateFaults
	// copies links the copies of private and basic-group messages
	// (copies.go).
	copies map[copyRef]copySet
	// mentions is each user's mention state (mentions.go).
	mentions map[int64]mentionSet
}

// A peerRef names a user, chat or channel.
type peerRef struct {
	kind byte // 'u', 'c', 'C'
	id   int64
}

func newWorld() *world {
	w := &world{
		users: map[int64]*user{}, byPhone: map[string]*user{}, byName: map[string]peerRef{},
		chats: map[int64]*chat{}, channels: map[int64]*channel{},
		nextUser: 1000000, nextChat: 5000, nextChan: 1000000000,
		auths: map[[8]byte]*user{}, codes: map[string]*sentCode{},
		loginTokens: map[string]*loginToken{}, exported: map[int64]exportedAuth{},
	}
	cryptorand.Read(w.secret[:])
	return w
}

// accessHash is the access_hash viewer sees for a user or channel: stable
// and different per viewer, as on Telegram.
func (w *world) accessHash(viewer int64, kind byte, id int64) int64 {
	m := hmac.New(sha256.New, w.secret[:])
	var b [17]byte
	binary.LittleEndian.PutUint64(b[:], uint64(viewer))
	b[8] = kind
	binary.LittleEndian.PutUint64(b[9:], uint64(id))
	m.Write(b[:])
	return int64(binary.LittleEndian.Uint64(m.Sum(nil)))
}

func randomInt64() int64 {
	var b [8]byte
	cryptorand.Read(b[:])
	return int64(binary.LittleEndian.Uint64(b[:]) >> 1)
}

// A user is an account: a person (by phone) or a bot (by token).
type user struct {
	id         int64
	phone      string
	first      string
	last       string
	username   string
	about      string
	bot        bool
	botToken   string
	homeDC     int
	password   *password
	contacts   map[int64]bool
	blocked    map[int64]bool
	box        *messageBox // private chats and basic groups, in this user's numbering
	dialogs    map[peerRef]*dialog
	sessions   map[*session.ServerSession]bool
	lastOnline int32
}

// A dialog is the state of one conversation for one user.
type dialog struct {
	peer        peerRef
	top         int32 // top message id (in the box of the peer kind)
	readInbox   int32
	readOutbox  int32
	unreadCount int32
	date        int32
}

// A password is a 2FA password in the form the server keeps: the SRP
// verifier and its parameters.
type password struct {
	salt1, salt2 []byte
	v            []byte
	hint         string
	srpID        int64
	srpB         []byte
	srpServer    any // *crypto.SRPServer of the current attempt
}

// A chat is a basic group.
type chat struct {
	id          int64
	title       string
	creator     int64
	members     map[int64]bool
	admins      map[int64]bool
	date        int32
	version     int32
	deactivated bool
	migratedTo  int64
}

// A channel is a supergroup (megagroup) or a broadcast channel, with its
// own message numbering and pts.
type channel struct {
	id        int64
	title     string
	username  string
	about     string
	creator   int64
	megagroup bool
	members   map[int64]*participant
	banned    map[int64]bool
	date      int32
	box       *messageBox // the channel's messages and pts
}

// A participant is a channel member with its rights.
type participant struct {
	userID  int64
	date    int32
	admin   bool
	inviter int64
}

func (w *world) userByUsername(name string) *user {
	ref, ok := w.byName[strings.ToLower(strings.TrimPrefix(name, "@"))]
	if !ok || ref.kind != 'u' {
		return nil
	}
	return w.users[ref.id]
}

// newUser creates a user. Call with w.mu held.
func (w *world) newUser(phone, first, last string, homeDC int) *user {
	w.nextUser++
	u := &user{
		id: w.nextUser, phone: phone, first: first, last: last, homeDC: homeDC,
		contacts: map[int64]bool{}, blocked: map[int64]bool{}, box: newMessageBox(),
		dialogs: map[peerRef]*dialog{}, sessions: map[*session.ServerSession]bool{},
	}
	w.users[u.id] = u
	if phone != "" {
		w.byPhone[phone] = u
	}
	return u
}

// setUsername changes a user's or channel's username. Call with w.mu held.
func (w *world) setUsername(ref peerRef, old, name string) bool {
	key := strings.ToLower(name)
	if name != "" {
		if cur, taken := w.byName[key]; taken && cur != ref {
			return false
		}
	}
	if old != "" {
		delete(w.byName, strings.ToLower(old))
	}
	if name != "" {
		w.byName[key] = ref
	}
	return true
}

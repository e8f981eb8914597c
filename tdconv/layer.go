package tdconv

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// A Client is what a Layer needs of an account. runtime/tdcli adapts
// *client.Client to it; tests may fake it.
type Client interface {
	// Invoke sends an encoded query and returns the encoded result.
	// Telegram errors should be *RPCError values (or wrap one).
	Invoke(ctx context.Context, query []byte) ([]byte, error)
	// InputPeer, InputUser and InputChannel resolve ids the account has
	// seen: a Bot API chat id, a user id, a bare channel id.
	InputPeer(ctx context.Context, chatID int64) (api.InputPeerClass, error)
	InputUser(ctx context.Context, userID int64) (api.InputUserClass, error)
	InputChannel(ctx context.Context, channelID int64) (api.InputChannelClass, error)
	// ParseMode turns text in "markdown" or "html" into text and entities.
	ParseMode(mode, text string) (string, []api.MessageEntityClass, error)
	// InputMedia makes the media of a file to send: a path to upload, or a
	// Bot API file id (persistent id) of a file Telegram has.
	InputMedia(ctx context.Context, file string, m Media) (api.InputMediaClass, error)
	// UploadFile uploads a file from disk (chat photos).
	UploadFile(ctx context.Context, path string) (api.InputFileClass, error)
	// Download writes the file src names (an *api.Message, *api.Photo or
	// *api.Document) to a file in dir and returns its path and size; thumb
	// picks a photo size or a thumbnail as the client's downloads do.
	Download(ctx context.Context, src any, thumb, dir string) (string, int64, error)
	// FileID returns the Bot API file id of a file (the TD persistent id),
	// or "".
	FileID(src any, thumb string) string
	// PasswordCheck proves password with SRP against pw, a fresh
	// account.password (inputCheckPasswordEmpty for an account without a
	// password and an empty password).
	PasswordCheck(pw *api.AccountPassword, password string) (api.InputCheckPasswordSRPClass, error)
	// NewPasswordHash prepares password as the new password of
	// account.updatePasswordSettings (new_algo, new_password_hash); an
	// empty password removes it.
	NewPasswordHash(pw *api.AccountPassword, password string) (api.PasswordKdfAlgoClass, []byte, error)
}

// Media describes a file to send, as the InputMessage* contents do.
type Media struct {
	Kind             string // "photo", "document", "audio", "voice", "video", "animation", "sticker"
	Duration         int
	Width, Height    int
	Title, Performer string
	Waveform         []byte
	Thumb            string // path of a thumbnail, or ""
}

// An RPCError is a Telegram error as a Client reports it; a Layer answers
// it as the TD Error {code_, message_}.
type RPCError struct {
	Code    int
	Message string
}

func (e *RPCError) Error() string { return fmt.Sprintf("rpc error %d: %s", e.Code, e.Message) }

// Config configures a Layer.
type Config struct {
	Client Client
	// DataDir is where DownloadFile writes files (a files subdirectory).
	DataDir string
	// Emit receives the updates a Layer makes of MTProto updates and of
	// its own calls, in order for each source. It must not block for long.
	Emit   func(Object)
	Logger *slog.Logger
	// Now is the clock (tests).
	Now func() time.Time
}

// A Layer serves tdcli_function requests and turns MTProto updates into
// TD updates for one account. It keeps what TDLib kept in memory to answer
// them: the users and chats seen, the last message of each chat, the files
// of received media and the messages being sent. Its methods may be called
// from several goroutines.
type Layer struct {
	cfg Config
	c   Client
	log *slog.Logger

	mu       sync.Mutex
	self     *api.User
	users    map[int64]*api.User
	groups   map[int64]*api.Chat
	channels map[int64]*api.Channel
	dialogs  map[int64]*dialogState // by TD chat id
	known    map[int64]bool         // chats an UpdateChat was sent for
	places   *msgPlaces
	files    files
	sends    sends
	botInfo  map[int64]*BotInfo
	options  map[string]OptionValueClass
	local    localState
	// stickerSets are the access hashes of the sticker sets seen, by id.
	stickerSets map[int64]int64
	// recentIDs are the file ids of the recent stickers last announced,
	// sent and attached; nil: none announced yet.
	recentIDs [2][]int64
	// stickerQueue holds the fetches of sticker updates, run one at a time
	// by a goroutine while stickerFetching (see runStickerFetch).
	stickerFetch    sync.Mutex
	stickerQueue    []func(context.Context) ([]Object, error)
	stickerFetching bool
	// phoneChange is the code changePhoneNumber sent last.
	phoneChange *phoneChange
}

// A dialogState is what a Layer knows of a chat beyond its peer.
type dialogState struct {
	top         *Message
	order       int64
	unread      int32
	readInbox   int32 // server ids
	readOutbox  int32
	pinned      int32 // channels: the pinned message
	inviteLink  string
	about       string
	lastTempSeq int64
	notify      *NotificationSettings // nil: the defaults
	draft       *DraftMessage
}

// NewLayer returns a Layer over cfg.Client.
func NewLayer(cfg Config) *Layer {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Emit == nil {
		cfg.Emit = func(Object) {}
	}
	return &Layer{
		cfg: cfg, c: cfg.Client, log: cfg.Logger,
		users: map[int64]*api.User{}, groups: map[int64]*api.Chat{}, channels: map[int64]*api.Channel{},
		dialogs: map[int64]*dialogState{}, known: map[int64]bool{}, places: newMsgPlaces(1 << 16),
		files: newFiles(), sends: newSends(), botInfo: map[int64]*BotInfo{}, options: map[string]OptionValueClass{},
		stickerSets: map[int64]int64{},
	}
}

func (s *Layer) emit(o Object) { s.cfg.Emit(o) }

func (s *Layer) now() int32 { return int32(s.cfg.Now().Unix()) }

// dialog returns the state of a chat, creating it. Call with s.mu held.
func (s *Layer) dialog(chatID int64) *dialogState {
	d := s.dialogs[chatID]
	if d == nil {
		d = &dialogState{}
		s.dialogs[chatID] = d
	}
	return d
}

// call invokes m and decodes its result; the users and chats in it are
// remembered.
func call[R any](ctx context.Context, s *Layer, m tl.Method[R]) (R, error) {
	var zero R
	var b tl.Buffer
	b.Object(m, m.TypeName())
	if err := b.Err(); err != nil {
		return zero, err
	}
	body, err := s.c.Invoke(ctx, b.Buf)
	if err != nil {
		return zero, err
	}
	d := tl.NewDecoder(body)
	r := m.DecodeResult(d)
	if err := d.End(); err != nil {
		return zero, fmt.Errorf("decoding the result of %s: %w", m.TypeName(), err)
	}
	s.absorb(any(r))
	return r, nil
}

// errorOf turns a Go error into the TD Error.
func errorOf(err error) *Error {
	var re *RPCError
	if errors.As(err, &re) {
		return &Error{Code: int64(re.Code), Message: re.Message}
	}
	var te *Error
	if errors.As(err, &te) {
		return te
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &Error{Code: 500, Message: "Request aborted"}
	}
	return &Error{Code: 400, Message: err.Error()}
}

// Error implements error, so that handlers can return TD errors as Go
// errors.
func (e *Error) Error() string { return fmt.Sprintf("TD error %d: %s", e.Code, e.Message) }

// tdError returns a TD Error as a Go error.
func tdError(code int, format string, args ...any) error {
	return &Error{Code: int64(code), Message: fmt.Sprintf(format, args...)}
}

package tdcli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/client/fileid"
	"github.com/luagram/luagram/client/parsemode"
	"github.com/luagram/luagram/tdconv"
	"github.com/luagram/luagram/tl/api"
)

// account adapts *client.Client to tdconv.Client.
type account struct{ c *client.Client }

var _ tdconv.Client = account{}

func (a account) Invoke(ctx context.Context, q []byte) ([]byte, error) {
	res, err := a.c.Invoke(ctx, q)
	return res, rpcError(err)
}

// rpcError turns the client's Telegram errors into tdconv's.
func rpcError(err error) error {
	if code, msg, ok := rpcFields(err); ok {
		return &tdconv.RPCError{Code: code, Message: msg}
	}
	var pe *client.PeerError
	if errors.As(err, &pe) {
		return &tdconv.RPCError{Code: 400, Message: "PEER_ID_INVALID: " + pe.Reason}
	}
	return err
}

func (a account) InputPeer(ctx context.Context, chatID int64) (api.InputPeerClass, error) {
	p, err := a.c.InputPeer(ctx, chatID)
	return p, rpcError(err)
}

func (a account) InputUser(ctx context.Context, userID int64) (api.InputUserClass, error) {
	u, err := a.c.InputUser(ctx, userID)
	return u, rpcError(err)
}

func (a account) InputChannel(ctx context.Context, channelID int64) (api.InputChannelClass, error) {
	ch, err := a.c.InputChannel(ctx, tdconv.ChannelChatID(channelID))
	return ch, rpcError(err)
}

func (a account) ParseMode(mode, text string) (string, []api.MessageEntityClass, error) {
	m := parsemode.ModeMarkdown
	if mode == "html" {
		m = parsemode.ModeHTML
	}
	return parsemode.Parse(m, text)
}

var mediaKinds = map[string]client.MediaKind{
	"photo": client.MediaPhoto, "document": client.MediaDocument, "audio": client.MediaAudio,
	"voice": client.MediaVoice, "video": client.MediaVideo, "animation": client.MediaAnimation,
	"sticker": client.MediaSticker,
}

func (a account) InputMedia(ctx context.Context, file string, m tdconv.Media) (api.InputMediaClass, error) {
	o := &client.MediaOptions{Kind: mediaKinds[m.Kind], Duration: float64(m.Duration), Width: m.Width, Height: m.Height,
		Title: m.Title, Performer: m.Performer, Waveform: m.Waveform}
	if m.Thumb != "" {
		o.Thumb = m.Thumb
	}
	in, err := a.c.InputMedia(ctx, file, o)
	return in, rpcError(err)
}

func (a account) UploadFile(ctx context.Context, path string) (api.InputFileClass, error) {
	f, err := a.c.UploadFile(ctx, path, nil)
	return f, rpcError(err)
}

func (a account) Download(ctx context.Context, src any, thumb, dir string) (string, int64, error) {
	if s, ok := src.(string); ok {
		if _, err := fileid.Decode(s); err != nil {
			return "", 0, fmt.Errorf("not a file id: %q", s)
		}
	}
	path, err := a.c.DownloadToDir(ctx, src, dir, &client.DownloadOptions{ThumbSize: thumb})
	if err != nil {
		return "", 0, rpcError(err)
	}
	size := int64(-1)
	if st, err := statSize(path); err == nil {
		size = st
	}
	return path, size, nil
}

// FileID computes the Bot API file id of a photo size, a document or one
// of its thumbnails.
func (a account) FileID(src any, thumb string) string {
	var media api.MessageMediaClass
	switch x := src.(type) {
	case *api.Message:
		media = x.Media
	case *api.Photo:
		media = &api.MessageMediaPhoto{Photo: x}
	case *api.Document:
		media = &api.MessageMediaDocument{Document: x}
	case string:
		return x
	}
	switch m := media.(type) {
	case *api.MessageMediaPhoto:
		p, ok := m.Photo.(*api.Photo)
		if !ok || len(thumb) != 1 {
			break
		}
		return fileid.FromPhoto(p.DCID, p.ID, p.AccessHash, p.FileReference, thumb[0]).Encode()
	case *api.MessageMediaDocument:
		d, ok := m.Document.(*api.Document)
		if !ok {
			break
		}
		if thumb != "" {
			if len(thumb) != 1 {
				return ""
			}
			return fileid.FromDocumentThumbnail(d.DCID, d.ID, d.AccessHash, d.FileReference, thumb[0]).Encode()
		}
		f, err := client.FileIDOf(m)
		if err == nil {
			return f.Encode()
		}
	}
	return ""
}

// rpcFields finds a Telegram error in err's chain: a struct with the fields
// Code int and Message string — mtproto/session's RPCError, which this
// package may not import (the dependency table keeps it away from
// mtproto), as runtime reads it.
func rpcFields(err error) (int, string, bool) {
	for e := err; e != nil; e = errors.Unwrap(e) {
		v := reflect.ValueOf(e)
		if v.Kind() != reflect.Pointer || v.IsNil() {
			continue
		}
		v = v.Elem()
		if v.Kind() != reflect.Struct {
			continue
		}
		code, msg := v.FieldByName("Code"), v.FieldByName("Message")
		if code.IsValid() && msg.IsValid() && code.Kind() == reflect.Int && msg.Kind() == reflect.String {
			return int(code.Int()), msg.String(), true
		}
	}
	return 0, "", false
}

func statSize(path string) (int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

func (a account) PasswordCheck(pw *api.AccountPassword, password string) (api.InputCheckPasswordSRPClass, error) {
	return client.PasswordCheck(pw, password)
}

func (a account) NewPasswordHash(pw *api.AccountPassword, password string) (api.PasswordKdfAlgoClass, []byte, error) {
	return client.NewPasswordHash(pw, password)
}

package clientlib

import (
	"context"
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/bindings"
	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/runtime"
	"github.com/luagram/luagram/tl/api"
)

// mediaKinds are the kind names send_media takes, as the Bot API's send
// methods.
var mediaKinds = map[string]client.MediaKind{
	"document": client.MediaDocument, "photo": client.MediaPhoto, "audio": client.MediaAudio,
	"voice": client.MediaVoice, "video": client.MediaVideo, "animation": client.MediaAnimation,
	"sticker": client.MediaSticker, "video_note": client.MediaVideoNote,
}

// fileSource turns a Lua value into what the client's file functions take:
// a bot-API file id (string) or a TL table (message, media, photo,
// document, InputFileLocation).
func fileSource(L *lua.LState, v lua.LValue) (any, error) {
	switch x := v.(type) {
	case lua.LString:
		return string(x), nil
	case *lua.LTable:
		return bindings.Check(L, x, "")
	}
	return nil, fmt.Errorf("a file is a bot-API file id or a message, media, photo or document table, got %s", v.Type())
}

// installFiles adds the file functions:
//
//	upload(path [, name])                 -> InputFile
//	download_to_file(media, path)         -> bytes written
//	download_to_dir(media, dir)           -> path written
//	send_media(peer, path_or_file, opts)  -> the message sent (opts: kind, caption, parse_mode)
//	file_id(media)                        -> bot-API file id
func installFiles(h *runtime.Host, c *client.Client) {
	h.AddGlobal("upload", func(L *lua.LState) int {
		path := L.CheckString(1)
		name := L.OptString(2, "")
		return runtime.ScriptOf(L).Await(L, "upload", func(ctx context.Context) runtime.Finish {
			in, err := c.Upload(ctx, path, &client.UploadOptions{Name: name})
			return func(L *lua.LState) (lua.LValue, error) {
				if err != nil {
					return nil, err
				}
				return bindings.Push(L, in), nil
			}
		})
	})
	h.AddGlobal("download_to_file", func(L *lua.LState) int {
		src, err := fileSource(L, L.CheckAny(1))
		if err != nil {
			L.ArgError(1, err.Error())
			return 0
		}
		path := L.CheckString(2)
		return runtime.ScriptOf(L).Await(L, "download_to_file", func(ctx context.Context) runtime.Finish {
			n, err := c.DownloadToFile(ctx, src, path, nil)
			return func(L *lua.LState) (lua.LValue, error) {
				if err != nil {
					return nil, err
				}
				return lua.LNumber(n), nil
			}
		})
	})
	h.AddGlobal("download_to_dir", func(L *lua.LState) int {
		src, err := fileSource(L, L.CheckAny(1))
		if err != nil {
			L.ArgError(1, err.Error())
			return 0
		}
		dir := L.CheckString(2)
		return runtime.ScriptOf(L).Await(L, "download_to_dir", func(ctx context.Context) runtime.Finish {
			path, err := c.DownloadToDir(ctx, src, dir, nil)
			return func(L *lua.LState) (lua.LValue, error) {
				if err != nil {
					return nil, err
				}
				return lua.LString(path), nil
			}
		})
	})
	h.AddGlobal("send_media", func(L *lua.LState) int {
		peer, err := goValue(L, L.CheckAny(1))
		if err != nil {
			L.ArgError(1, err.Error())
			return 0
		}
		var src any
		switch v := L.CheckAny(2).(type) {
		case lua.LString:
			src = string(v) // a path; file ids go in a table: {file_id = "..."}
		case *lua.LTable:
			if id, ok := v.RawGetString("file_id").(lua.LString); ok {
				src = string(id)
			} else if src, err = bindings.Check(L, v, ""); err != nil {
				L.ArgError(2, err.Error())
				return 0
			}
		default:
			L.ArgError(2, "a path, {file_id = ...} or a media table expected")
			return 0
		}
		media := &client.MediaOptions{}
		send := &client.SendOptions{}
		if opts := L.OptTable(3, nil); opts != nil {
			if k := opts.RawGetString("kind"); k != lua.LNil {
				kind, ok := mediaKinds[k.String()]
				if !ok {
					L.ArgError(3, fmt.Sprintf("kind %q is not one of document, photo, audio, voice, video, animation, sticker, video_note", k.String()))
					return 0
				}
				media.Kind = kind
			}
			if v, ok := opts.RawGetString("caption").(lua.LString); ok {
				send.Caption = string(v)
				if mode, ok := opts.RawGetString("parse_mode").(lua.LString); ok {
					text, ents, err := parseModer{}.ParseMode(L, string(mode), send.Caption)
					if err != nil {
						L.ArgError(3, err.Error())
						return 0
					}
					send.Caption, send.Entities = text, ents
				}
			}
			if v, ok := opts.RawGetString("file_name").(lua.LString); ok {
				media.FileName = string(v)
			}
		}
		return runtime.ScriptOf(L).Await(L, "send_media", func(ctx context.Context) runtime.Finish {
			m, err := c.SendMedia(ctx, peer, src, media, send)
			return func(L *lua.LState) (lua.LValue, error) {
				if err != nil {
					return nil, err
				}
				return bindings.Push(L, m), nil
			}
		})
	})
	h.AddGlobal("file_id", func(L *lua.LState) int {
		src, err := fileSource(L, L.CheckAny(1))
		if err != nil {
			L.ArgError(1, err.Error())
			return 0
		}
		var media api.MessageMediaClass
		switch x := src.(type) {
		case *api.Message:
			media = x.Media
		case api.MessageMediaClass:
			media = x
		case *api.Photo:
			media = &api.MessageMediaPhoto{Photo: x}
		case *api.Document:
			media = &api.MessageMediaDocument{Document: x}
		}
		if media == nil {
			L.ArgError(1, "a message with media, a media, photo or document table expected")
			return 0
		}
		id, err := client.FileIDOf(media)
		if err != nil {
			L.RaiseError("file_id: %v", err)
			return 0
		}
		L.Push(lua.LString(id.Encode()))
		return 1
	})
}

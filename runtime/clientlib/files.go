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

// optProgress returns the progress callback at argument n, nil if absent.
func optProgress(L *lua.LState, n int) *lua.LFunction {
	switch v := L.Get(n).(type) {
	case *lua.LNilType:
		return nil
	case *lua.LFunction:
		return v
	default:
		L.ArgError(n, "a progress callback function expected, got "+v.Type().String())
		return nil
	}
}

// optOffset returns the byte offset at argument n, 0 if absent.
func optOffset(L *lua.LState, n int) int64 {
	v := L.OptNumber(n, 0)
	if v < 0 || float64(v) != float64(int64(v)) {
		L.ArgError(n, fmt.Sprintf("a byte offset is a whole number from 0, got %v", v))
	}
	return int64(v)
}

// uploadSource turns upload's first argument into what client.Upload
// takes: a path, the content ({data = "..."}) or a stream with a read
// method (read from the script's goroutine as the upload goes).
func uploadSource(L *lua.LState) (any, error) {
	switch v := L.CheckAny(1).(type) {
	case lua.LString:
		return string(v), nil
	case *lua.LTable:
		if data, ok := v.RawGetString("data").(lua.LString); ok {
			return []byte(data), nil
		}
	}
	read, err := streamMethod(L, L.Get(1), "read")
	if err != nil {
		return nil, fmt.Errorf("a path, {data = string} or a stream expected: %v", err)
	}
	return &luaStream{s: runtime.ScriptOf(L), stream: L.Get(1), method: read, op: "read"}, nil
}

// installFiles adds the file functions:
//
//	upload(path_or_stream [, file_name] [, progress_cb])      -> InputFile
//	download_to_file(media, path [, progress_cb])              -> bytes written
//	download_to_dir(media, dir [, progress_cb])                -> path written
//	download_to_stream(media, stream [, progress_cb [, offset [, end_offset]]])
//	                                                           -> bytes written
//	send_media(peer, file, opts)          -> the message sent (opts: kind, caption, parse_mode, file_name, progress)
//	file_id(media)                        -> bot-API file id
//
// upload takes a path, {data = "the content"} or a stream: any value with
// a read method (a table, or a file handle where io exists: tdcli
// scripts). send_media takes those, an InputFile upload returned,
// {file_id = "..."} or a message, media, photo or document table (sent
// again without uploading). A stream for download_to_stream has a write
// method. Streams are called on the script's goroutine while the calling
// coroutine waits. progress_cb(percent) runs in a coroutine of its own,
// one call at a time, with percentages that never decrease; the transfer
// returns after the last call, which is 100 when it succeeded.
func installFiles(h *runtime.Host, c *client.Client) {
	h.AddGlobal("upload", func(L *lua.LState) int {
		s := runtime.ScriptOf(L)
		src, err := uploadSource(L)
		if err != nil {
			L.ArgError(1, err.Error())
			return 0
		}
		n := 2
		name := ""
		if v, ok := L.Get(2).(lua.LString); ok {
			name, n = string(v), 3
		} else if L.Get(2) == lua.LNil && L.GetTop() >= 3 {
			n = 3
		}
		relay := newProgressRelay(s, optProgress(L, n))
		return s.Await(L, "upload", func(ctx context.Context) runtime.Finish {
			if ls, ok := src.(*luaStream); ok {
				ls.ctx = ctx
			}
			in, err := c.Upload(ctx, src, &client.UploadOptions{Name: name, Progress: relay.progressFunc()})
			relay.wait(ctx) // no progress call comes after the call returns
			return func(L *lua.LState) (lua.LValue, error) {
				if err != nil {
					return nil, err
				}
				return bindings.Push(L, in), nil
			}
		})
	})
	// download installs a download function; to does the download to
	// its second argument (a path, or a *luaStream for streams).
	download := func(name string, to func(ctx context.Context, src any, arg any, o *client.DownloadOptions) (lua.LValue, error)) {
		h.AddGlobal(name, func(L *lua.LState) int {
			s := runtime.ScriptOf(L)
			src, err := fileSource(L, L.CheckAny(1))
			if err != nil {
				L.ArgError(1, err.Error())
				return 0
			}
			var arg any
			o := &client.DownloadOptions{}
			relay := newProgressRelay(s, optProgress(L, 3))
			o.Progress = relay.progressFunc()
			if name == "download_to_stream" {
				write, err := streamMethod(L, L.CheckAny(2), "write")
				if err != nil {
					L.ArgError(2, err.Error())
					return 0
				}
				o.Offset, o.End = optOffset(L, 4), optOffset(L, 5)
				if o.End != 0 && o.End < o.Offset {
					L.ArgError(5, fmt.Sprintf("end_offset %d is before offset %d", o.End, o.Offset))
					return 0
				}
				arg = &luaStream{s: s, stream: L.Get(2), method: write, op: "write"}
			} else {
				arg = L.CheckString(2)
			}
			return s.Await(L, name, func(ctx context.Context) runtime.Finish {
				if ls, ok := arg.(*luaStream); ok {
					ls.ctx = ctx
				}
				v, err := to(ctx, src, arg, o)
				relay.wait(ctx) // no progress call comes after the call returns
				return func(L *lua.LState) (lua.LValue, error) { return v, err }
			})
		})
	}
	download("download_to_file", func(ctx context.Context, src any, arg any, o *client.DownloadOptions) (lua.LValue, error) {
		n, err := c.DownloadToFile(ctx, src, arg.(string), o)
		return lua.LNumber(n), err
	})
	download("download_to_dir", func(ctx context.Context, src any, arg any, o *client.DownloadOptions) (lua.LValue, error) {
		path, err := c.DownloadToDir(ctx, src, arg.(string), o)
		return lua.LString(path), err
	})
	download("download_to_stream", func(ctx context.Context, src any, arg any, o *client.DownloadOptions) (lua.LValue, error) {
		n, err := c.DownloadToStream(ctx, src, arg.(*luaStream), o)
		return lua.LNumber(n), err
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
			} else if data, ok := v.RawGetString("data").(lua.LString); ok {
				src = []byte(data)
			} else if _, ok := v.RawGetString("_").(lua.LString); ok {
				if src, err = bindings.Check(L, v, ""); err != nil {
					L.ArgError(2, err.Error())
					return 0
				}
			} else if read, err := streamMethod(L, v, "read"); err == nil {
				src = &luaStream{s: runtime.ScriptOf(L), stream: v, method: read, op: "read"}
			} else {
				L.ArgError(2, "a path, {file_id = ...}, {data = ...}, a stream or a media table expected")
				return 0
			}
		case *lua.LUserData:
			read, err := streamMethod(L, v, "read")
			if err != nil {
				L.ArgError(2, err.Error())
				return 0
			}
			src = &luaStream{s: runtime.ScriptOf(L), stream: v, method: read, op: "read"}
		default:
			L.ArgError(2, "a path, {file_id = ...}, {data = ...}, a stream or a media table expected")
			return 0
		}
		media := &client.MediaOptions{}
		send := &client.SendOptions{}
		var relay *progressRelay
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
			switch v := opts.RawGetString("progress").(type) {
			case *lua.LNilType:
			case *lua.LFunction:
				relay = newProgressRelay(runtime.ScriptOf(L), v)
				media.Upload.Progress = relay.progressFunc()
			default:
				L.ArgError(3, "progress must be a function, got "+v.Type().String())
				return 0
			}
		}
		return runtime.ScriptOf(L).Await(L, "send_media", func(ctx context.Context) runtime.Finish {
			if ls, ok := src.(*luaStream); ok {
				ls.ctx = ctx
			}
			m, err := c.SendMedia(ctx, peer, src, media, send)
			relay.wait(ctx) // no progress call comes after the call returns
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

package tdcli

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/tl/api"
)

// uploadSticker uploads a WebP file of n bytes as a document the account
// may put into a sticker set.
func uploadSticker(t *testing.T, a *testAccount, seed byte) *api.Document {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.webp")
	data := append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), bytes.Repeat([]byte{seed}, 40)...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	f, err := a.c.UploadFile(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := call(t, a, &api.MessagesUploadMediaRequest{Peer: &api.InputPeerSelf{}, Media: &api.InputMediaUploadedDocument{File: f,
		MimeType: "image/webp", Attributes: []api.DocumentAttributeClass{&api.DocumentAttributeImageSize{W: 512, H: 512}}}})
	return m.(*api.MessageMediaDocument).Document.(*api.Document)
}

// session logs the account of a in again: another session of it, whose
// changes reach a as updates.
func (w *testWorld) session(a *testAccount) *testAccount {
	w.t.Helper()
	b := w.client()
	ctx := context.Background()
	if _, err := b.c.PhoneLogin(ctx, a.info.Phone); err != nil {
		w.t.Fatal(err)
	}
	if _, err := b.c.CompletePhoneLogin(ctx, a.info.Code); err != nil {
		w.t.Fatal(err)
	}
	b.info = a.info
	return b
}

func inputDoc(d api.DocumentClass) *api.InputDocument {
	x := d.(*api.Document)
	return &api.InputDocument{ID: x.ID, AccessHash: x.AccessHash, FileReference: x.FileReference}
}

func stickerItem(d *api.Document, emoji string) api.InputStickerSetItem {
	return api.InputStickerSetItem{Document: &api.InputDocument{ID: d.ID, AccessHash: d.AccessHash, FileReference: d.FileReference}, Emoji: emoji}
}

// TestStickers runs testdata/stickers.lua: sticker sets (installed,
// archived, trending, attached, by id and by name, emojis), recent
// stickers and saved animations, through the tdcli functions against
// sets the Go side creates with stickers.createStickerSet; then the TD
// updates of the changes another session of the account makes.
func TestStickers(t *testing.T) {
	w := newWorld(t)
	me := w.user("Script", "script_user")
	other := w.user("Other", "other_user")
	files := testFiles(t)
	cats := call(t, me, &api.StickersCreateStickerSetRequest{UserID: &api.InputUserSelf{}, Title: "Cats", ShortName: "cats_set",
		Stickers: []api.InputStickerSetItem{stickerItem(uploadSticker(t, me, 1), "😺"), stickerItem(uploadSticker(t, me, 2), "😀👍")}})
	dogs := call(t, other, &api.StickersCreateStickerSetRequest{UserID: &api.InputUserSelf{}, Title: "Dogs", ShortName: "dogs_set",
		Stickers: []api.InputStickerSetItem{stickerItem(uploadSticker(t, other, 3), "🐶")}})
	twin := w.session(me)
	input := func(r api.MessagesStickerSetClass) api.InputStickerSetClass {
		set := r.(*api.MessagesStickerSet).Set
		return &api.InputStickerSetID{ID: set.ID, AccessHash: set.AccessHash}
	}
	id := func(r api.MessagesStickerSetClass) string {
		return strconv.FormatInt(r.(*api.MessagesStickerSet).Set.ID, 10)
	}
	steps := map[string]func([]lua.LValue) any{
		"world": func([]lua.LValue) any {
			return map[string]any{"cats": id(cats), "dogs": id(dogs), "webp": files["webp"]}
		},
		"other_sends_gif": func([]lua.LValue) any {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			media, err := other.c.InputMedia(ctx, files["gif"], &client.MediaOptions{Kind: client.MediaAnimation})
			if err != nil {
				t.Fatal(err)
			}
			call(t, other, &api.MessagesSendMediaRequest{Peer: other.peer(t, "@script_user"), Media: media, Message: "gif", RandomID: rand.Int64()})
			return nil
		},
		"twin_installs_cats": func([]lua.LValue) any {
			call(t, twin, &api.MessagesInstallStickerSetRequest{Stickerset: input(cats)})
			return nil
		},
		"twin_reorders": func([]lua.LValue) any {
			call(t, twin, &api.MessagesReorderStickerSetsRequest{Order: []int64{dogs.(*api.MessagesStickerSet).Set.ID, cats.(*api.MessagesStickerSet).Set.ID}})
			return nil
		},
		"twin_uses_sticker": func([]lua.LValue) any {
			call(t, twin, &api.MessagesSaveRecentStickerRequest{ID: inputDoc(dogs.(*api.MessagesStickerSet).Documents[0])})
			return nil
		},
		"twin_reads_trending": func([]lua.LValue) any {
			call(t, twin, &api.MessagesReadFeaturedStickersRequest{ID: []int64{cats.(*api.MessagesStickerSet).Set.ID}})
			return nil
		},
		"twin_saves_gif": func([]lua.LValue) any {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			media, err := twin.c.InputMedia(ctx, files["gif"], &client.MediaOptions{Kind: client.MediaAnimation})
			if err != nil {
				t.Fatal(err)
			}
			m := call(t, twin, &api.MessagesUploadMediaRequest{Peer: &api.InputPeerSelf{}, Media: media})
			call(t, twin, &api.MessagesSaveGIFRequest{ID: inputDoc(m.(*api.MessageMediaDocument).Document)})
			return nil
		},
	}
	r := me.start(t, "stickers.lua", runConfig{}, steps)
	r.wait(60 * time.Second)
}

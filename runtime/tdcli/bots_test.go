package tdcli

import (
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/tl/api"
)

// TestBots runs testdata/bots.lua on a user and testdata/botside.lua on a
// bot: inline queries and their results, buttons and callback answers,
// /start, then contacts, blocking, profile photos and the user's profile.
func TestBots(t *testing.T) {
	w := newWorld(t)
	me := w.user("Script", "script_user")
	friend := w.user("Friend", "friend_user")
	other := w.user("Other", "other_user")
	bot := w.bot("helper")
	files := testFiles(t)
	me.peer(t, "@friend_user")
	me.peer(t, "@other_user")
	me.peer(t, "@"+bot.info.Username)
	b := bot.start(t, "botside.lua", runConfig{}, nil)
	steps := map[string]func([]lua.LValue) any{
		"world": func([]lua.LValue) any {
			return map[string]any{"bot": bot.info.ID, "friend": friend.info.ID, "other": other.info.ID, "other_phone": other.info.Phone}
		},
		"friend_blocks": func([]lua.LValue) any {
			call(t, friend, &api.ContactsBlockRequest{ID: friend.peer(t, "@script_user")})
			return nil
		},
		"friend_photo": func([]lua.LValue) any {
			f, err := friend.c.UploadFile(t.Context(), files["png"], nil)
			if err != nil {
				t.Fatal(err)
			}
			call(t, friend, &api.PhotosUploadProfilePhotoRequest{File: f})
			return nil
		},
	}
	r := me.start(t, "bots.lua", runConfig{}, steps)
	r.wait(60 * time.Second)
	select {
	case msg := <-b.failed:
		t.Fatalf("bot script: %s\n%s", msg, b.out.String())
	default:
	}
}

package tdcli

import (
	"context"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/tl/api"
)

// TestAccount runs testdata/account.lua: the account's profile photo,
// password state, sessions (other logins of the same user, terminated),
// privacy, notification settings, drafts, spam reports, recently found
// chats, devices, time to live, public channels, the functions luagram
// does not serve, and the deletion of the account.
func TestAccount(t *testing.T) {
	w := newWorld(t)
	me := w.user("Script", "script_user")
	friend := w.user("Friend", "friend_user")
	other := w.user("Other", "other_user")
	files := testFiles(t)
	me.peer(t, "@friend_user")
	me.peer(t, "@other_user")
	call(t, me, &api.ContactsImportContactsRequest{Contacts: []api.InputPhoneContact{{Phone: friend.info.Phone, FirstName: "Friend"}}})
	var logins []*testAccount
	steps := map[string]func([]lua.LValue) any{
		"world": func([]lua.LValue) any {
			return map[string]any{"friend": friend.info.ID, "other": other.info.ID, "png": files["png"]}
		},
		"second_login": func([]lua.LValue) any {
			a := w.client()
			ctx := context.Background()
			if _, err := a.c.PhoneLogin(ctx, me.info.Phone); err != nil {
				t.Fatal(err)
			}
			if _, err := a.c.CompletePhoneLogin(ctx, me.info.Code); err != nil {
				t.Fatal(err)
			}
			logins = append(logins, a)
			return nil
		},
		"second_call": func([]lua.LValue) any {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_, err := client.Call(ctx, logins[0].c, &api.UsersGetUsersRequest{ID: []api.InputUserClass{&api.InputUserSelf{}}})
			if err != nil && strings.Contains(err.Error(), "AUTH_KEY_UNREGISTERED") {
				return "AUTH_KEY_UNREGISTERED"
			}
			return "the call gave " + errString(err)
		},
		"other_says": func(a []lua.LValue) any {
			other.say(t, "@script_user", a[0].String())
			return nil
		},
		"friend_says": func(a []lua.LValue) any {
			friend.say(t, "@script_user", a[0].String())
			return nil
		},
		"friend_says_in": func(a []lua.LValue) any {
			friend.say(t, waitPeer(t, friend, int64(a[0].(lua.LNumber))), a[1].String())
			return nil
		},
		"deleted": func([]lua.LValue) any {
			users := call(t, friend, &api.UsersGetUsersRequest{ID: []api.InputUserClass{friend.inputUser(t, me.info.ID)}})
			u, ok := users[0].(*api.User)
			return ok && u.Deleted && !u.FirstName.Set && !u.Phone.Set
		},
	}
	r := me.start(t, "account.lua", runConfig{}, steps)
	r.wait(60 * time.Second)
}

func errString(err error) string {
	if err == nil {
		return "no error"
	}
	return err.Error()
}

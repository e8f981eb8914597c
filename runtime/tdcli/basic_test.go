package tdcli

import (
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

func TestBasic(t *testing.T) {
	w := newWorld(t)
	me := w.user("Script", "script_user")
	friend := w.user("Friend", "friend_user")
	friend.say(t, "@script_user", "hi")
	r := me.start(t, "basic.lua", runConfig{}, map[string]func([]lua.LValue) any{
		"peer_id": func([]lua.LValue) any { return friend.info.ID },
		"say": func(args []lua.LValue) any {
			friend.say(t, "@script_user", args[0].String())
			return nil
		},
	})
	r.wait(20 * time.Second)
}

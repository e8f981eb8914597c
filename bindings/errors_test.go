package bindings

import (
	lua "github.com/yuin/gopher-lua"
	"strings"
	"testing"
)

// TestLuaErrors runs calls that misuse the bindings under pcall and checks
// the messages (after the "<string>:1: " position gopher-lua prepends).
func TestLuaErrors(t *testing.T) {
	L := newState(t, &fakeCaller{t: t})
	cases := []struct{ code, want string }{
		{`messages.sendMessage()`, "bad argument #1 to messages.sendMessage (table expected, got nil)"},
		{`messages.sendMessage(5)`, "bad argument #1 to messages.sendMessage (table expected, got number)"},
		{`messages.sendMessage({}, 1)`, "bad argument #2 to messages.sendMessage (no value expected, got number)"},
		{`messages:sendMessage{message = "x"}`, "messages.sendMessage: called with a colon; write messages.sendMessage{…}"},
		{`messages.sendMessage{peer = 5, message = "x"}`, "messages.sendMessage: peer: InputPeer expected, got number"},
		{`messages.sendMessage{peer = "@durov", message = "x"}`, "messages.sendMessage: peer: InputPeer expected, got string"},
		{`messages.sendMessage{peer = {user_id = 1}, message = "x"}`, "messages.sendMessage: peer: InputPeer expected, got a table without _ (the constructor's name)"},
		{`messages.sendMessage{peer = {_ = "peerUser", user_id = 1}, message = "x"}`,
			"messages.sendMessage: peer: peerUser is not a constructor of InputPeer (inputPeerEmpty, inputPeerSelf, inputPeerChat, inputPeerUser, inputPeerChannel, inputPeerUserFromMessage, inputPeerChannelFromMessage)"},
		{`messages.sendMessage{peer = {_ = "inputPeerUsr", user_id = 1}, message = "x"}`,
			"messages.sendMessage: peer: inputPeerUsr is not a constructor of InputPeer (did you mean inputPeerUser?)"},
		{`messages.sendMessage{peer = {_ = "inputPeerSelf"}, mesage = "x"}`, "messages.sendMessage: mesage: unknown field (did you mean message?)"},
		{`messages.sendMessage{peer = {_ = "inputPeerSelf"}, Message = "x"}`, "messages.sendMessage: Message: unknown field (did you mean message?)"},
		{`messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "x", replyTo = 1}`, "messages.sendMessage: replyTo: unknown field (did you mean reply_to?)"},
		{`messages.sendMessage{peer = {_ = "inputPeerSelf"}}`, "messages.sendMessage: message: string expected, got nil"},
		{`messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = 5}`, "messages.sendMessage: message: string expected, got number"},
		{`messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "x", silent = 1}`, "messages.sendMessage: silent: boolean expected, got number"},
		{`messages.sendMessage{peer = {_ = "inputPeerUser", user_id = "x", access_hash = 1}, message = ""}`,
			`messages.sendMessage: peer.user_id: long expected, got string "x" (not a decimal integer)`},
		{`messages.sendMessage{peer = {_ = "inputPeerUser", user_id = 1}, message = ""}`, "messages.sendMessage: peer.access_hash: long expected, got nil"},
		{`messages.sendMessage{peer = {_ = "inputPeerSelf", x = 1}, message = ""}`, "messages.sendMessage: peer.x: unknown field: this constructor has no fields"},
		{`messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "", entities = {{_ = "messageEntityBold", offset = 0, length = 1}, {_ = "messageEntityBold", offset = "a", length = 1}}}`,
			"messages.sendMessage: entities[2].offset: int expected, got string"},
		{`messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "", entities = {_ = "messageEntityBold", offset = 0, length = 1}}`,
			"messages.sendMessage: entities._: unexpected key in Vector<MessageEntity>, a sequence {v1, v2, …}"},
		{`messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "", entities = 1}`, "messages.sendMessage: entities: Vector<MessageEntity> expected, got number"},
		{`messages.sendMessage{_ = "messages.sendMedia", peer = {_ = "inputPeerSelf"}, message = ""}`,
			`messages.sendMessage: _: "messages.sendMessage" expected, got string "messages.sendMedia"`},
		{`messages.sendMessage{"hello"}`, "messages.sendMessage: [1]: unexpected value: fields are named (no_webpage, silent,"},
		{`users.getUsers{id = {{_ = "inputUsr"}}}`, "users.getUsers: id[1]: inputUsr is not a constructor of InputUser (did you mean inputUser?)"},
		{`messages.getHistory{peer = {_ = "inputPeerSelf"}, offset_id = 1.5, offset_date = 0, add_offset = 0, limit = 1, max_id = 0, min_id = 0, hash = 0}`,
			"messages.getHistory: offset_id: int expected, got number 1.5 (not an integer)"},
		{`phone.createConferenceCall{public_key = string.rep("k", 32)}`,
			"phone.createConferenceCall: block: bytes expected, got nil (it goes with public_key: they share flags.3)"},
		{`phone.createConferenceCall{join = true}`,
			"phone.createConferenceCall: public_key: int256 expected, got nil (it goes with join: they share flags.3)"},
		{`phone.createConferenceCall{public_key = "short", block = "", params = {_ = "dataJSON", data = "{}"}}`,
			`phone.createConferenceCall: public_key: int256 expected, got string "short" (not 32 bytes)`},
		{`local j = {_ = "jsonArray"}; j.value = {j}; help.saveAppLog{events = {{_ = "inputAppEvent", time = 0, type = "", peer = 0, data = j}}}`,
			"help.saveAppLog: events[1].data.value[1].value[1].value[1]"},
		{`local j = {_ = "jsonArray"}; j.value = {j}; help.saveAppLog{events = {{_ = "inputAppEvent", time = 0, type = "", peer = 0, data = j}}}`,
			"tables nested deeper than 64 (is one inside itself?)"},
		{`tl.invokeWithTakeout{takeout_id = 1, query = {_ = "inputPeerSelf"}}`, "tl.invokeWithTakeout: query: method call expected, got inputPeerSelf"},
		{`tl.invokeWithTakeout{takeout_id = 1, query = {_ = "messages.getHistry"}}`,
			`tl.invokeWithTakeout: query._: "messages.getHistry" is not a constructor or method (did you mean messages.getHistory?)`},
		{`tl.invokeWithTakeout{takeout_id = 1}`, "tl.invokeWithTakeout: query: method call expected, got nil"},
	}
	for _, tc := range cases {
		if err := L.DoString("ok, msg = pcall(function() " + tc.code + " end)"); err != nil {
			t.Fatal(err)
		}
		if L.GetGlobal("ok") != lua.LFalse {
			t.Errorf("%s: no error", tc.code)
			continue
		}
		msg := L.GetGlobal("msg").String()
		if !strings.Contains(msg, tc.want) {
			t.Errorf("%s:\n got %s\nwant %s", tc.code, msg, tc.want)
		}
	}
}

// TestSharedTablesBounded builds a value of 2^40 objects from 40 tables,
// each used twice by the next; the conversion must give up quickly.
func TestSharedTablesBounded(t *testing.T) {
	L := newState(t, nil)
	err := run(L, `
		local j = {_ = "jsonNull"}
		for i = 1, 40 do j = {_ = "jsonArray", value = {j, j}} end
		v = j
	`)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Check(L, L.GetGlobal("v"), "JSONValue")
	if err == nil || !strings.Contains(err.Error(), "more than 65536 objects") {
		t.Errorf("got %v", err)
	}
}

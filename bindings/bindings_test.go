package bindings

import (
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
	lua "github.com/yuin/gopher-lua"
)

// TestEveryMethodInstalled counts the method functions in the namespace
// tables against the functions of api.Types.
func TestEveryMethodInstalled(t *testing.T) {
	L := newState(t, &fakeCaller{t: t})
	want, found := 0, 0
	namespaces := map[string]int{}
	for _, ti := range api.Types.All() {
		if !ti.Function {
			continue
		}
		want++
		ns, short, ok := strings.Cut(ti.Name, ".")
		if !ok {
			ns, short = "tl", ti.Name
		}
		tbl, ok := L.GetGlobal(ns).(*lua.LTable)
		if !ok {
			t.Errorf("%s: no global table %s", ti.Name, ns)
			continue
		}
		if _, ok := tbl.RawGetString(short).(*lua.LFunction); !ok {
			t.Errorf("%s: %s.%s is not a function", ti.Name, ns, short)
			continue
		}
		namespaces[ns]++
		found++
	}
	if found != want || want != len(methods) {
		t.Errorf("installed %d of %d methods (the method table has %d)", found, want, len(methods))
	}
	list, _ := L.GetGlobal("tl").(*lua.LTable).RawGetString("methods").(*lua.LTable)
	if list == nil || list.Len() != want {
		t.Errorf("tl.methods has %v entries, want %d", list, want)
	}
	if got := L.GetGlobal("tl").(*lua.LTable).RawGetString("layer"); got != lua.LNumber(api.Layer) {
		t.Errorf("tl.layer = %v, want %d", got, api.Layer)
	}
	var names []string
	for ns, n := range namespaces {
		names = append(names, ns)
		_ = n
	}
	sort.Strings(names)
	t.Logf("%d methods in %d tables: %s (tl: %d)", found, len(names), strings.Join(names, " "), namespaces["tl"])
	if !sort.StringsAreSorted(Methods()) || len(Methods()) != want {
		t.Error("Methods() is not the sorted list of methods")
	}
}

// TestCallPath follows a call from Lua to the Caller and the result back.
func TestCallPath(t *testing.T) {
	fc := &fakeCaller{t: t}
	L := newState(t, fc)

	// No parameters needed: no table needed.
	fc.reply = &api.HelpConfigSimple{}
	fc.raw = nil
	fc.reply = &api.Config{ThisDC: 2, DCOptions: []api.DCOption{{ID: 2, IPAddress: "149.154.167.50", Port: 443}}}
	if err := run(L, `
		local c = help.getConfig()
		assert(c._ == "config" and c.this_dc == 2)
		assert(c.dc_options[1]._ == "dcOption" and c.dc_options[1].ip_address == "149.154.167.50")
	`); err != nil {
		t.Fatal(err)
	}
	if _, ok := fc.reqs[0].(*api.HelpGetConfigRequest); !ok {
		t.Fatalf("sent %v", fc.reqs[0])
	}

	// Vector results; Bool results.
	fc.reply = nil
	fc.raw = vectorOfUsers(t, &api.User{ID: 1 << 60, Self: true, FirstName: tl.Some("Ann")}, &api.UserEmpty{ID: 7})
	if err := run(L, `
		local us = users.getUsers{id = {{_ = "inputUserSelf"}, {_ = "inputUser", user_id = 7, access_hash = 0}}}
		assert(#us == 2 and us[1]._ == "user" and us[1].id == "1152921504606846976" and us[1].self == true)
		assert(us[1].first_name == "Ann" and us[1].last_name == nil and us[2]._ == "userEmpty" and us[2].id == 7)
	`); err != nil {
		t.Fatal(err)
	}
	fc.raw = []byte{0xb5, 0x75, 0x72, 0x99} // boolTrue
	if err := run(L, `assert(messages.setTyping{peer = {_ = "inputPeerSelf"}, action = {_ = "sendMessageTypingAction"}} == true)`); err != nil {
		t.Fatal(err)
	}

	// A wrapper returns what its query returns.
	fc.raw = vectorOfUsers(t, &api.UserEmpty{ID: 9})
	if err := run(L, `
		local us = tl.invokeWithTakeout{takeout_id = 5, query = {_ = "users.getUsers", id = {{_ = "inputUserSelf"}}}}
		assert(us[1]._ == "userEmpty" and us[1].id == 9)
	`); err != nil {
		t.Fatal(err)
	}
	w := fc.reqs[len(fc.reqs)-1].(*api.InvokeWithTakeoutRequest)
	if _, ok := w.Query.(*api.UsersGetUsersRequest); !ok || w.TakeoutID != 5 {
		t.Fatalf("sent %v", w)
	}
	if ResultOf(&api.InvokeWithLayerRequest{Query: &api.InvokeWithoutUpdatesRequest{Query: &api.HelpGetConfigRequest{}}}) == nil {
		t.Error("ResultOf does not see through nested wrappers")
	}

	// A result that does not decode raises.
	fc.raw = []byte{1, 2, 3, 4}
	if err := run(L, `help.getConfig()`); err == nil || !strings.Contains(err.Error(), "decoding the result") {
		t.Errorf("bad result: %v", err)
	}
}

func vectorOfUsers(t *testing.T, us ...api.UserClass) []byte {
	var b tl.Buffer
	b.VectorHeader(len(us))
	for _, u := range us {
		b.Object(u, "user")
	}
	if b.Err() != nil {
		t.Fatal(b.Err())
	}
	return b.Buf
}

// TestOpen covers the globals Open creates and extends.
func TestOpen(t *testing.T) {
	L := newState(t, nil)
	if err := Open(L, nil); err == nil {
		t.Error("Open with a nil Caller succeeded")
	}
	L.SetGlobal("messages", lua.LString("taken"))
	if err := Open(L, &fakeCaller{t: t}); err == nil || !strings.Contains(err.Error(), "global messages is a string") {
		t.Errorf("Open over a string global: %v", err)
	}
	L.SetGlobal("messages", L.CreateTable(0, 0))
	L.GetGlobal("messages").(*lua.LTable).RawSetString("mine", lua.LTrue)
	if err := Open(L, &fakeCaller{t: t}); err != nil {
		t.Fatal(err)
	}
	m := L.GetGlobal("messages").(*lua.LTable)
	if m.RawGetString("mine") != lua.LTrue || m.RawGetString("sendMessage").Type() != lua.LTFunction {
		t.Error("Open did not extend the existing table")
	}
}

// resolver resolves "@name" and numbers, and fails on "@nobody".
type resolver struct{ calls int }

var errNoSuchUser = errors.New("USERNAME_NOT_OCCUPIED")

func (r *resolver) resolve(v lua.LValue) (int64, error) {
	r.calls++
	switch v := v.(type) {
	case lua.LString:
		if v == "@nobody" {
			return 0, errNoSuchUser
		}
		if strings.HasPrefix(string(v), "@") {
			return int64(len(v)), nil
		}
	case lua.LNumber:
		return int64(v), nil
	case *lua.LTable:
		if v.RawGetString("_") == lua.LString("peerUser") {
			id, _ := toLong(nil, v.RawGetString("user_id"))
			return id, nil
		}
	}
	return 0, errors.New("cannot resolve " + v.Type().String())
}

func (r *resolver) InputPeer(L *lua.LState, v lua.LValue) (api.InputPeerClass, error) {
	id, err := r.resolve(v)
	if err != nil {
		return nil, err
	}
	return &api.InputPeerUser{UserID: id, AccessHash: 42}, nil
}

func (r *resolver) InputUser(L *lua.LState, v lua.LValue) (api.InputUserClass, error) {
	id, err := r.resolve(v)
	if err != nil {
		return nil, err
	}
	return &api.InputUser{UserID: id, AccessHash: 42}, nil
}

func (r *resolver) InputChannel(L *lua.LState, v lua.LValue) (api.InputChannelClass, error) {
	if v == lua.LNumber(0) {
		return nil, nil
	}
	id, err := r.resolve(v)
	if err != nil {
		return nil, err
	}
	return &api.InputChannel{ChannelID: id, AccessHash: 42}, nil
}

// resolvingCaller is a Caller that also resolves peers.
type resolvingCaller struct {
	fakeCaller
	resolver
}

func TestPeerResolver(t *testing.T) {
	rc := &resolvingCaller{fakeCaller: fakeCaller{t: t}}
	rc.fakeCaller.raw = nil
	L := newState(t, rc)
	if err := run(L, `
		messages.sendMessage{peer = "@durov", message = "a"}
		messages.sendMessage{peer = 777, message = "b", send_as = {_ = "peerUser", user_id = 5}}
		messages.sendMessage{peer = {_ = "inputPeerChat", chat_id = 3}, message = "c"}
		users.getUsers{id = {"@ab", 12, {_ = "inputUserSelf"}}}
		channels.joinChannel{channel = "@chan"}
	`); err != nil {
		t.Fatal(err)
	}
	r := rc.fakeCaller.reqs
	if p := r[0].(*api.MessagesSendMessageRequest).Peer.(*api.InputPeerUser); p.UserID != 6 || p.AccessHash != 42 {
		t.Errorf("@durov: %v", p)
	}
	if m := r[1].(*api.MessagesSendMessageRequest); m.Peer.(*api.InputPeerUser).UserID != 777 || m.SendAs.(*api.InputPeerUser).UserID != 5 {
		t.Errorf("777: %v", m)
	}
	if p := r[2].(*api.MessagesSendMessageRequest).Peer.(*api.InputPeerChat); p.ChatID != 3 {
		t.Errorf("inputPeerChat: %v", p)
	}
	ids := r[3].(*api.UsersGetUsersRequest).ID
	if ids[0].(*api.InputUser).UserID != 3 || ids[1].(*api.InputUser).UserID != 12 {
		t.Errorf("getUsers: %v", r[3])
	}
	if _, ok := ids[2].(*api.InputUserSelf); !ok {
		t.Errorf("getUsers: %v", r[3])
	}
	if rc.resolver.calls != 6 {
		t.Errorf("resolver called %d times, want 6 (full tables never reach it)", rc.resolver.calls)
	}
	for code, want := range map[string]string{
		`messages.sendMessage{peer = "@nobody", message = ""}`: `messages.sendMessage: peer: converting string "@nobody" to InputPeer: USERNAME_NOT_OCCUPIED`,
		`messages.sendMessage{peer = true, message = ""}`:      `messages.sendMessage: peer: converting boolean to InputPeer: cannot resolve boolean`,
		`channels.joinChannel{channel = 0}`:                    `channels.joinChannel: channel: InputChannel expected, got number 0 (the peer resolver returned nothing)`,
	} {
		if err := run(L, code); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s:\n got %v\nwant %s", code, err, want)
		}
	}

	// Check uses the hooks SetHooks (here: Open) installed, and keeps the
	// resolver's error.
	_, err := Check(L, lua.LString("@nobody"), "InputPeer")
	if !errors.Is(err, errNoSuchUser) {
		t.Errorf("Check: %v does not wrap the resolver's error", err)
	}
	SetHooks(L, Hooks{})
	if _, err := Check(L, lua.LString("@durov"), "InputUser"); err == nil || err.Error() != "InputUser: InputUser expected, got string" {
		t.Errorf("Check without a resolver: %v", err)
	}
}

// TestCheckAPI covers the type names Check accepts.
func TestCheckAPI(t *testing.T) {
	L := newState(t, nil)
	L.DoString(`
		peer = {_ = "peerChannel", channel_id = 1}
		cfg = {country_code = "1", hash = 0}
		call = {peer = {_ = "inputPeerSelf"}, message = "x", random_id = 1}
	`)
	cases := []struct {
		v, typ, want string // want: a type name, or the error
	}{
		{"peer", "Peer", "peerChannel"},
		{"peer", "", "peerChannel"},
		{"peer", "User", "User: peerChannel is not a constructor of User (userEmpty, user)"},
		{"cfg", "help.countryCode", "help.countryCode: hash: unknown field (fields: country_code, prefixes, patterns)"},
		{"call", "messages.sendMessage", "messages.sendMessage"},
		{"call", "", "Check: object expected, got a table without _ (the constructor's name)"},
		{"call", "Nope", "Nope: no such type or method in layer 228"},
		{"peer", "InputPeer", "InputPeer: peerChannel is not a constructor of InputPeer"},
	}
	for _, tc := range cases {
		o, err := Check(L, L.GetGlobal(tc.v), tc.typ)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = o.TypeName()
		}
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("Check(%s, %q) = %s, want %s", tc.v, tc.typ, got, tc.want)
		}
	}
	// A type with one constructor needs no "_".
	L.DoString(`c = {_ = nil, iso2 = "DE", default_name = "Germany", country_codes = {}}`)
	if o, err := Check(L, L.GetGlobal("c"), "help.Country"); err != nil || o.(*api.HelpCountry).Iso2 != "DE" {
		t.Errorf("help.Country: %v %v", o, err)
	}
	// Push of other schemas' objects and of nil.
	if Push(L, nil) != lua.LNil || Push(L, (*api.PeerUser)(nil)) != lua.LNil || Push(L, (*api.InputPeerSelf)(nil)) != lua.LNil {
		t.Error("nil pushes a value")
	}
}

// hooks is a ParseModer and a MarkupConverter.
type hooks struct{}

func (hooks) ParseMode(L *lua.LState, mode, text string) (string, []api.MessageEntityClass, error) {
	if mode != "html" {
		return "", nil, errors.New("unknown parse mode " + mode)
	}
	plain := strings.NewReplacer("<b>", "", "</b>", "").Replace(text)
	start := strings.Index(text, "<b>")
	if start < 0 {
		return plain, []api.MessageEntityClass{}, nil
	}
	return plain, []api.MessageEntityClass{&api.MessageEntityBold{Offset: int32(start), Length: int32(len(plain) - start)}}, nil
}

func (hooks) ReplyMarkup(L *lua.LState, v lua.LValue) (api.ReplyMarkupClass, error) {
	t, ok := v.(*lua.LTable)
	if !ok || t.RawGetString("remove_keyboard") != lua.LTrue {
		return nil, errors.New("not a bot-API markup")
	}
	return &api.ReplyKeyboardHide{}, nil
}

func TestParseModeAndMarkup(t *testing.T) {
	fc := &fakeCaller{t: t}
	L := newState(t, nil)
	SetHooks(L, Hooks{ParseMode: hooks{}, Markup: hooks{}})
	if err := Open(L, fc); err != nil {
		t.Fatal(err)
	}
	if err := run(L, `
		messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "hi <b>you</b>", parse_mode = "html", reply_markup = {remove_keyboard = true}}
		messages.sendMedia{peer = {_ = "inputPeerSelf"}, media = {_ = "inputMediaEmpty"}, message = "<b>x</b>", parse_mode = "html",
			reply_markup = {_ = "replyKeyboardForceReply"}}
		messages.editMessage{peer = {_ = "inputPeerSelf"}, id = 1, parse_mode = "html"}
	`); err != nil {
		t.Fatal(err)
	}
	m := fc.reqs[0].(*api.MessagesSendMessageRequest)
	if m.Message != "hi you" || len(m.Entities) != 1 || m.Entities[0].(*api.MessageEntityBold).Offset != 3 {
		t.Errorf("parse_mode: %v", m)
	}
	if _, ok := m.ReplyMarkup.(*api.ReplyKeyboardHide); !ok {
		t.Errorf("reply_markup: %v", m.ReplyMarkup)
	}
	if _, ok := fc.reqs[1].(*api.MessagesSendMediaRequest).ReplyMarkup.(*api.ReplyKeyboardForceReply); !ok {
		t.Errorf("a ReplyMarkup table went to the converter: %v", fc.reqs[1])
	}
	if e := fc.reqs[2].(*api.MessagesEditMessageRequest); e.Message.Set || e.Entities != nil {
		t.Errorf("parse_mode without a message: %v", e)
	}
	for code, want := range map[string]string{
		`messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "x", parse_mode = "html", entities = {}}`: "messages.sendMessage: parse_mode: give entities or parse_mode, not both",
		`messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "x", parse_mode = "md"}`:                  "messages.sendMessage: message: parse_mode md: unknown parse mode md",
		`messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "x", parse_mode = 1}`:                     "messages.sendMessage: parse_mode: string expected, got number",
		`messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "x", reply_markup = 1}`:                   "messages.sendMessage: reply_markup: converting number 1 to ReplyMarkup: not a bot-API markup",
		`messages.getHistory{peer = {_ = "inputPeerSelf"}, parse_mode = "html"}`:                                "messages.getHistory: parse_mode: unknown field",
	} {
		if err := run(L, code); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s:\n got %v\nwant %s", code, err, want)
		}
	}
	// Without the hooks, parse_mode is refused and reply_markup must be a table of the schema.
	SetHooks(L, Hooks{})
	if err := Open(L, fc); err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]string{
		`messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "x", parse_mode = "html"}`:          "messages.sendMessage: parse_mode: parse modes unavailable (no hook): pass entities",
		`messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "x", reply_markup = {inline = {}}}`: "messages.sendMessage: reply_markup: ReplyMarkup expected, got a table without _",
	} {
		if err := run(L, code); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s:\n got %v\nwant %s", code, err, want)
		}
	}
}

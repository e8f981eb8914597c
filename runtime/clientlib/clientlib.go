// Package clientlib connects scripts to an account: it resolves the peers
// API calls name ("@username", bot-API ids), turns the client's updates into
// the runtime's, and installs the MadelineProto wrapper functions
// (get_self, get_info, get_full_info, get_pwr_chat, get_dialogs).
package clientlib

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/bindings"
	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/runtime"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Resolver lets API calls name peers as MadelineProto allowed: a string
// ("@username", "username", t.me link, "me", a bot-API id in decimal) or a
// number (bot-API id). Full peer tables are handled by the bindings.
type Resolver struct{ C *client.Client }

// goValue turns a Lua peer designation into what client.InputPeer takes:
// strings and numbers as they are, and tables of a Peer (message.peer_id),
// a User or a Chat as the objects they hold.
func goValue(L *lua.LState, v lua.LValue) (any, error) {
	switch x := v.(type) {
	case *lua.LTable:
		name, _ := x.RawGetString("_").(lua.LString)
		typ := ""
		switch name {
		case "peerUser", "peerChat", "peerChannel":
			typ = "Peer"
		case "user":
			typ = "User"
		case "chat", "channel", "chatForbidden", "channelForbidden":
			typ = "Chat"
		default:
			if strings.HasPrefix(string(name), "inputPeer") {
				typ = "InputPeer"
				break
			}
			return nil, fmt.Errorf("a peer table must be a Peer, User or Chat, got _ = %q", string(name))
		}
		return bindings.Check(L, x, typ)
	case lua.LString:
		return string(x), nil
	case lua.LNumber:
		f := float64(x)
		if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return nil, fmt.Errorf("peer id %v is not an exact integer: pass large ids as strings", f)
		}
		return strconv.FormatInt(int64(f), 10), nil
	}
	return nil, fmt.Errorf("a peer must be \"@username\", a bot-API id or a peer table, got %s", v.Type())
}

// InputPeer implements bindings.PeerResolver.
func (r Resolver) InputPeer(L *lua.LState, v lua.LValue) (api.InputPeerClass, error) {
	g, err := goValue(L, v)
	if err != nil {
		return nil, err
	}
	return r.C.InputPeer(context.Background(), g)
}

// InputUser implements bindings.PeerResolver.
func (r Resolver) InputUser(L *lua.LState, v lua.LValue) (api.InputUserClass, error) {
	g, err := goValue(L, v)
	if err != nil {
		return nil, err
	}
	return r.C.InputUser(context.Background(), g)
}

// InputChannel implements bindings.PeerResolver.
func (r Resolver) InputChannel(L *lua.LState, v lua.LValue) (api.InputChannelClass, error) {
	g, err := goValue(L, v)
	if err != nil {
		return nil, err
	}
	return r.C.InputChannel(context.Background(), g)
}

var _ bindings.PeerResolver = Resolver{}

// Updates adapts the host to the client's update handler.
func Updates(h *runtime.Host) client.UpdateHandler {
	return client.UpdateHandlerFunc(func(_ context.Context, u client.Update) {
		ru := runtime.Update{Name: u.Update.TypeName(), Object: u.Update, Key: ChatKey(u.Update)}
		for _, x := range u.Users {
			ru.Users = append(ru.Users, x)
		}
		for _, x := range u.Chats {
			ru.Chats = append(ru.Chats, x)
		}
		h.Dispatch(ru)
	})
}

// ChatKey names the chat an update belongs to ("u42", "c7", "C1000"), so
// that the runtime handles the updates of one chat in order; "" for
// updates of no particular chat.
func ChatKey(u api.UpdateClass) string {
	var p api.PeerClass
	switch x := u.(type) {
	case *api.UpdateNewMessage:
		p = peerOfMessage(x.Message)
	case *api.UpdateEditMessage:
		p = peerOfMessage(x.Message)
	case *api.UpdateNewChannelMessage:
		p = peerOfMessage(x.Message)
	case *api.UpdateEditChannelMessage:
		p = peerOfMessage(x.Message)
	case *api.UpdateBotCallbackQuery:
		p = x.Peer
	case *api.UpdateDeleteChannelMessages:
		return "C" + strconv.FormatInt(x.ChannelID, 10)
	}
	switch x := p.(type) {
	case *api.PeerUser:
		return "u" + strconv.FormatInt(x.UserID, 10)
	case *api.PeerChat:
		return "c" + strconv.FormatInt(x.ChatID, 10)
	case *api.PeerChannel:
		return "C" + strconv.FormatInt(x.ChannelID, 10)
	}
	return ""
}

func peerOfMessage(m api.MessageClass) api.PeerClass {
	switch x := m.(type) {
	case *api.Message:
		return x.PeerID
	case *api.MessageService:
		return x.PeerID
	}
	return nil
}

// Install adds the wrapper functions to the host's scripts.
func Install(h *runtime.Host, c *client.Client) {
	await := func(name string, work func(ctx context.Context, L *lua.LState) (tl.Object, error)) lua.LGFunction {
		return func(L *lua.LState) int {
			return runtime.ScriptOf(L).Await(L, name, func(ctx context.Context) runtime.Finish {
				o, err := work(ctx, L)
				return func(L *lua.LState) (lua.LValue, error) {
					if err != nil {
						return nil, err
					}
					return bindings.Push(L, o), nil
				}
			})
		}
	}
	peerArg := func(L *lua.LState) (any, error) { return goValue(L, L.CheckAny(1)) }
	installFiles(h, c)
	installBotAPI(h)
	h.AddGlobal("get_self", await("get_self", func(ctx context.Context, L *lua.LState) (tl.Object, error) {
		return c.GetSelf(ctx)
	}))
	h.AddGlobal("get_info", func(L *lua.LState) int {
		arg, err := peerArg(L)
		if err != nil {
			L.ArgError(1, err.Error())
			return 0
		}
		return runtime.ScriptOf(L).Await(L, "get_info", func(ctx context.Context) runtime.Finish {
			info, err := c.GetInfo(ctx, arg)
			return func(L *lua.LState) (lua.LValue, error) {
				if err != nil {
					return nil, err
				}
				return infoTable(L, info), nil
			}
		})
	})
	h.AddGlobal("get_full_info", func(L *lua.LState) int {
		arg, err := peerArg(L)
		if err != nil {
			L.ArgError(1, err.Error())
			return 0
		}
		return runtime.ScriptOf(L).Await(L, "get_full_info", func(ctx context.Context) runtime.Finish {
			o, err := c.GetFullInfo(ctx, arg)
			return func(L *lua.LState) (lua.LValue, error) {
				if err != nil {
					return nil, err
				}
				return bindings.Push(L, o), nil
			}
		})
	})
	h.AddGlobal("get_pwr_chat", func(L *lua.LState) int {
		arg, err := peerArg(L)
		if err != nil {
			L.ArgError(1, err.Error())
			return 0
		}
		return runtime.ScriptOf(L).Await(L, "get_pwr_chat", func(ctx context.Context) runtime.Finish {
			pc, err := c.GetPwrChat(ctx, arg)
			return func(L *lua.LState) (lua.LValue, error) {
				if err != nil {
					return nil, err
				}
				t := infoTable(L, pc.Info)
				t.RawSetString("full", bindings.Push(L, pc.Full))
				parts := L.CreateTable(len(pc.Participants), 0)
				for _, p := range pc.Participants {
					parts.Append(bindings.Push(L, p))
				}
				t.RawSetString("participants", parts)
				users := L.CreateTable(len(pc.Users), 0)
				for _, u := range pc.Users {
					users.Append(bindings.Push(L, u))
				}
				t.RawSetString("users", users)
				return t, nil
			}
		})
	})
	h.AddGlobal("get_dialogs", func(L *lua.LState) int {
		return runtime.ScriptOf(L).Await(L, "get_dialogs", func(ctx context.Context) runtime.Finish {
			dialogs, err := c.GetDialogs(ctx)
			return func(L *lua.LState) (lua.LValue, error) {
				if err != nil {
					return nil, err
				}
				t := L.CreateTable(len(dialogs), 0)
				for _, d := range dialogs {
					t.Append(bindings.Push(L, d))
				}
				return t, nil
			}
		})
	})
}

// infoTable renders client.Info as get_info returns it.
func infoTable(L *lua.LState, info *client.Info) *lua.LTable {
	t := L.CreateTable(0, 6)
	t.RawSetString("type", lua.LString(info.Type))
	t.RawSetString("bot_api_id", long(info.BotAPIID))
	t.RawSetString("InputPeer", bindings.Push(L, info.InputPeer))
	if info.InputUser != nil {
		t.RawSetString("InputUser", bindings.Push(L, info.InputUser))
	}
	if info.InputChannel != nil {
		t.RawSetString("InputChannel", bindings.Push(L, info.InputChannel))
	}
	if info.User != nil {
		t.RawSetString("User", bindings.Push(L, info.User))
	}
	if info.Chat != nil {
		t.RawSetString("Chat", bindings.Push(L, info.Chat))
	}
	return t
}

// long renders a 64-bit id the way the bindings do: a number up to 2^53 in
// magnitude, a decimal string beyond.
func long(v int64) lua.LValue {
	if v <= 1<<53 && v >= -(1<<53) {
		return lua.LNumber(v)
	}
	return lua.LString(strconv.FormatInt(v, 10))
}

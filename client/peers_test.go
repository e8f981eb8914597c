package client_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl/api"
)

func TestPeerResolution(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	sb.CreateUser("9996610030", "Res", "", "resolver_x", "")
	target, _ := sb.CreateUser("9996610031", "Tia", "", "tia_target", "")
	c := newClient(t, sb, "", nil)
	loginUser(t, c, "9996610030")

	created, err := client.Call(ctx(t), c, &api.MessagesCreateChatRequest{Users: []api.InputUserClass{}, Title: "mine"})
	if err != nil {
		t.Fatal(err)
	}
	chatID := created.Updates.(*api.Updates).Chats[0].(*api.Chat).ID
	res, err := client.Call(ctx(t), c, &api.ChannelsCreateChannelRequest{Megagroup: true, Title: "sg"})
	if err != nil {
		t.Fatal(err)
	}
	ch := res.(*api.Updates).Chats[0].(*api.Channel)

	userCases := []any{"@tia_target", "tia_target", "t.me/tia_target", "https://t.me/tia_target", "@TIA_TARGET"}
	for _, q := range userCases {
		p, err := c.InputPeer(ctx(t), q)
		u, ok := p.(*api.InputPeerUser)
		if err != nil || !ok || u.UserID != target.ID {
			t.Errorf("%v: %v %v", q, p, err)
		}
	}
	// Once seen, the bot-API id works in every form.
	for _, q := range []any{target.ID, int(target.ID), float64(target.ID), fmt.Sprint(target.ID)} {
		if p, err := c.InputPeer(ctx(t), q); err != nil || p.(*api.InputPeerUser).UserID != target.ID {
			t.Errorf("%v (%T): %v %v", q, q, p, err)
		}
	}
	if p, err := c.InputPeer(ctx(t), -chatID); err != nil || p.(*api.InputPeerChat).ChatID != chatID {
		t.Errorf("chat: %v %v", p, err)
	}
	marked := -1000000000000 - ch.ID
	for _, q := range []any{marked, fmt.Sprint(marked)} {
		if p, err := c.InputPeer(ctx(t), q); err != nil || p.(*api.InputPeerChannel).ChannelID != ch.ID {
			t.Errorf("channel %v: %v %v", q, p, err)
		}
	}
	if in, err := c.InputChannel(ctx(t), marked); err != nil || in.(*api.InputChannel).AccessHash != ch.AccessHash.Value {
		t.Errorf("InputChannel: %v %v", in, err)
	}
	for _, q := range []any{"me", "self", "@resolver_x"} {
		if p, err := c.InputPeer(ctx(t), q); err != nil {
			t.Errorf("%v: %v %v", q, p, err)
		}
	}
	// Unknown peers give clear errors.
	for _, q := range []any{int64(424242), "@nobody_here_x", "not a name", 1.5} {
		_, err := c.InputPeer(ctx(t), q)
		if err == nil {
			t.Errorf("%v resolved", q)
		}
		if q != "@nobody_here_x" && !errors.Is(err, client.ErrPeerNotFound) {
			t.Errorf("%v: %v is not ErrPeerNotFound", q, err)
		}
	}
	if _, err := c.InputUser(ctx(t), -chatID); err == nil {
		t.Error("a chat resolved as a user")
	}
	info, err := c.GetInfo(ctx(t), "@tia_target")
	if err != nil || info.Type != "user" || info.BotAPIID != target.ID {
		t.Errorf("GetInfo: %+v %v", info, err)
	}
}

func callCreate(t *testing.T, c *client.Client) (*api.Channel, error) {
	res, err := client.Call(ctx(t), c, &api.ChannelsCreateChannelRequest{Megagroup: true, Title: "pwr"})
	if err != nil {
		return nil, err
	}
	return res.(*api.Updates).Chats[0].(*api.Channel), nil
}

func callInvite(t *testing.T, c *client.Client, ch api.InputChannelClass, u api.InputUserClass) (api.MessagesInvitedUsers, error) {
	res, err := client.Call(ctx(t), c, &api.ChannelsInviteToChannelRequest{Channel: ch, Users: []api.InputUserClass{u}})
	if err != nil {
		return api.MessagesInvitedUsers{}, err
	}
	return *res, nil
}

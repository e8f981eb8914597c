package client_test

import (
	"testing"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl/api"
)

// TestOtherDCGetsAuthorization: a logged-in account used on a DC other
// than its home gets its authorization exported there first
// (auth.exportAuthorization / auth.importAuthorization).
func TestOtherDCGetsAuthorization(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	sb.CreateUser("9996610070", "Dee", "", "", "")
	c := newClient(t, sb, "", nil)
	loginUser(t, c, "9996610070")
	users, err := dcs.CallDC(ctx(t), c.DCs(), 3, &api.UsersGetUsersRequest{ID: []api.InputUserClass{&api.InputUserSelf{}}})
	if err != nil {
		t.Fatal(err)
	}
	if u, ok := users[0].(*api.User); !ok || u.FirstName.Value != "Dee" {
		t.Fatalf("got %v", users)
	}
}

func TestGetPwrChat(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	sb.CreateUser("9996610071", "Own", "", "", "")
	sb.CreateUser("9996610072", "Mem", "", "pwr_member", "")
	c := newClient(t, sb, "", nil)
	loginUser(t, c, "9996610071")
	res, err := c.InputUser(ctx(t), "@pwr_member")
	if err != nil {
		t.Fatal(err)
	}
	created, err := callCreate(t, c)
	if err != nil {
		t.Fatal(err)
	}
	ch := created
	in := &api.InputChannel{ChannelID: ch.ID, AccessHash: ch.AccessHash.Value}
	if _, err := callInvite(t, c, in, res); err != nil {
		t.Fatal(err)
	}
	pc, err := c.GetPwrChat(ctx(t), -1000000000000-ch.ID)
	if err != nil {
		t.Fatal(err)
	}
	if pc.Info.Type != "supergroup" || len(pc.Participants) != 2 || len(pc.Users) != 2 {
		t.Fatalf("pwr chat: type %s, %d participants, %d users", pc.Info.Type, len(pc.Participants), len(pc.Users))
	}
}

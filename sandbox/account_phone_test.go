package sandbox_test

import (
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// TestChangePhone covers account.sendChangePhoneCode, auth.resendCode and
// account.changePhone: the errors of each step, the account moving to the
// new number (users.getUsers, logging in with it) and updateUserPhone.
func TestChangePhone(t *testing.T) {
	sb := sandboxtest.Start(t, 1)
	a := login(t, sb, "9996610501")
	login(t, sb, "9996610502")
	ctx := testCtx(t)
	send := func(phone string) (*api.AuthSentCode, error) {
		r, err := dcs.Call(ctx, a, &api.AccountSendChangePhoneCodeRequest{PhoneNumber: phone, Settings: api.CodeSettings{}})
		if err != nil {
			return nil, err
		}
		return r.(*api.AuthSentCode), nil
	}
	_, err := send("12")
	wantRPC(t, "short number", err, "PHONE_NUMBER_INVALID")
	_, err = send("9996610502")
	wantRPC(t, "another account's number", err, "PHONE_NUMBER_OCCUPIED")
	_, err = send("+999 661 0501")
	wantRPC(t, "own number", err, "PHONE_NUMBER_OCCUPIED")

	sent, err := send("+999 661 0599")
	if err != nil {
		t.Fatal(err)
	}
	if ty, ok := sent.Type.(*api.AuthSentCodeTypeSMS); !ok || ty.Length != 5 || sent.NextType == nil || sent.NextType.TypeName() != "auth.codeTypeCall" || sent.Timeout.Value <= 0 {
		t.Fatalf("sent code %v", sent)
	}
	h := sent.PhoneCodeHash
	resend := func(phone, hash string) (api.AuthSentCodeClass, error) {
		return dcs.Call(ctx, a, &api.AuthResendCodeRequest{PhoneNumber: phone, PhoneCodeHash: hash})
	}
	_, err = resend("9996610599", "nope")
	wantRPC(t, "resend of an unknown hash", err, "PHONE_CODE_EXPIRED")
	_, err = resend("9996610598", h)
	wantRPC(t, "resend to another number", err, "PHONE_NUMBER_INVALID")
	again, err := resend("9996610599", h)
	if err != nil {
		t.Fatal(err)
	}
	if s := again.(*api.AuthSentCode); s.Type.TypeName() != "auth.sentCodeTypeCall" || s.NextType != nil || s.PhoneCodeHash != h {
		t.Fatalf("resent code %v", s)
	}
	_, err = resend("9996610599", h)
	wantRPC(t, "no third way", err, "SEND_CODE_UNAVAILABLE")

	change := func(phone, hash, code string) (api.UserClass, error) {
		return dcs.Call(ctx, a, &api.AccountChangePhoneRequest{PhoneNumber: phone, PhoneCodeHash: hash, PhoneCode: code})
	}
	for _, tc := range []struct{ what, phone, hash, code, want string }{
		{"empty hash", "9996610599", "", "11111", "PHONE_CODE_HASH_EMPTY"},
		{"unknown hash", "9996610599", "abc", "11111", "PHONE_CODE_EXPIRED"},
		{"other number", "9996610598", h, "11111", "PHONE_NUMBER_INVALID"},
		{"empty code", "9996610599", h, "", "PHONE_CODE_EMPTY"},
		{"wrong code", "9996610599", h, "22222", "PHONE_CODE_INVALID"},
	} {
		_, err := change(tc.phone, tc.hash, tc.code)
		wantRPC(t, tc.what, err, tc.want)
	}
	// Another session of the account hears of the change.
	updates := make(chan api.UpdatesClass, 16)
	a2 := loginSession(t, sb, "9996610501", "11111", updates)
	u, err := change("9996610599", h, "11111")
	if err != nil {
		t.Fatal(err)
	}
	if me := u.(*api.User); me.Phone.Value != "9996610599" || !me.Self {
		t.Fatalf("changePhone answered %v", me)
	}
	users, err := dcs.Call(ctx, a, &api.UsersGetUsersRequest{ID: []api.InputUserClass{&api.InputUserSelf{}}})
	if err != nil || users[0].(*api.User).Phone.Value != "9996610599" {
		t.Fatalf("users.getUsers: %v %v", users, err)
	}
	_, err = change("9996610599", h, "11111")
	wantRPC(t, "hash used", err, "PHONE_CODE_EXPIRED")
	_ = a2
	for got := false; !got; {
		select {
		case u := <-updates:
			if s, ok := u.(*api.UpdateShort); ok {
				x, ok := s.Update.(*api.UpdateUserPhone)
				got = ok && x.Phone == "9996610599" && x.UserID == u0(users).ID
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no updateUserPhone in the account's other session")
		}
	}
	// The old number is free; the new one logs in to the account.
	if _, err := send("9996610501"); err != nil {
		t.Errorf("the old number: %v", err)
	}
	_, err = send("9996610599")
	wantRPC(t, "the new number", err, "PHONE_NUMBER_OCCUPIED")
	c, err := dcs.New(sandboxtest.ClientConfig(sb))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	code, err := dcs.Call(ctx, c, &api.AuthSendCodeRequest{PhoneNumber: "9996610599", APIID: 1, APIHash: "x", Settings: api.CodeSettings{}})
	if err != nil {
		t.Fatal(err)
	}
	// A login code has no next way.
	_, err = dcs.Call(ctx, c, &api.AuthResendCodeRequest{PhoneNumber: "9996610599", PhoneCodeHash: code.(*api.AuthSentCode).PhoneCodeHash})
	wantRPC(t, "resend of a login code", err, "SEND_CODE_UNAVAILABLE")
	auth, err := dcs.Call(ctx, c, &api.AuthSignInRequest{PhoneNumber: "9996610599", PhoneCodeHash: code.(*api.AuthSentCode).PhoneCodeHash, PhoneCode: tl.Some("11111")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := auth.(*api.AuthAuthorization).User.(*api.User).ID, u.(*api.User).ID; got != want {
		t.Errorf("the new number logs in to %d, want %d", got, want)
	}
}

func u0(users []api.UserClass) *api.User { return users[0].(*api.User) }

// loginSession logs an existing account in on a new session whose pushed
// updates go to updates.
func loginSession(t *testing.T, sb *sandbox.Sandbox, phone, code string, updates chan<- api.UpdatesClass) *dcs.Client {
	t.Helper()
	cfg := sandboxtest.ClientConfig(sb)
	cfg.OnUpdates = func(_ int, body []byte) {
		if u := api.DecodeUpdates(tl.NewDecoder(body)); u != nil {
			select {
			case updates <- u:
			default:
			}
		}
	}
	c, err := dcs.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx := testCtx(t)
	sent, err := dcs.Call(ctx, c, &api.AuthSendCodeRequest{PhoneNumber: phone, APIID: 1, APIHash: "x", Settings: api.CodeSettings{}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dcs.Call(ctx, c, &api.AuthSignInRequest{PhoneNumber: phone, PhoneCodeHash: sent.(*api.AuthSentCode).PhoneCodeHash,
		PhoneCode: tl.Some(code)}); err != nil {
		t.Fatal(err)
	}
	c.SetAuthorized(true)
	// A call makes the session known for pushes.
	if _, err := dcs.Call(ctx, c, &api.UpdatesGetStateRequest{}); err != nil {
		t.Fatal(err)
	}
	return c
}

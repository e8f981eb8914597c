package sandbox_test

import (
	"testing"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// passwordOps are the 2FA steps a client takes, with fresh
// account.getPassword answers.
type passwordOps struct {
	t *testing.T
	c *dcs.Client
}

func (p passwordOps) get() *api.AccountPassword {
	p.t.Helper()
	pw, err := dcs.Call(testCtx(p.t), p.c, &api.AccountGetPasswordRequest{})
	if err != nil {
		p.t.Fatal(err)
	}
	return pw
}

// check proves password against a fresh account.password.
func (p passwordOps) check(password string) api.InputCheckPasswordSRPClass {
	p.t.Helper()
	pw := p.get()
	if !pw.HasPassword {
		return &api.InputCheckPasswordEmpty{}
	}
	in, err := client.PasswordCheck(pw, password)
	if err != nil {
		p.t.Fatal(err)
	}
	return in
}

// settings prepares the new settings of password ("" removes it).
func (p passwordOps) settings(password, hint string) *api.AccountPasswordInputSettings {
	p.t.Helper()
	algo, hash, err := client.NewPasswordHash(p.get(), password)
	if err != nil {
		p.t.Fatal(err)
	}
	return &api.AccountPasswordInputSettings{NewAlgo: algo, NewPasswordHash: hash, Hint: tl.Some(hint)}
}

func (p passwordOps) update(old string, ns *api.AccountPasswordInputSettings) error {
	p.t.Helper()
	_, err := dcs.Call(testCtx(p.t), p.c, &api.AccountUpdatePasswordSettingsRequest{Password: p.check(old), NewSettings: *ns})
	return err
}

func (p passwordOps) email(password string) (string, error) {
	p.t.Helper()
	s, err := dcs.Call(testCtx(p.t), p.c, &api.AccountGetPasswordSettingsRequest{Password: p.check(password)})
	if err != nil {
		return "", err
	}
	return s.Email.Value, nil
}

// TestPasswordSettings covers setting, changing and removing a 2FA
// password with SRP, the recovery email and its confirmation code, and
// password recovery, with the errors of each step.
func TestPasswordSettings(t *testing.T) {
	sb := sandboxtest.Start(t, 1)
	c := login(t, sb, "9996610401")
	ctx := testCtx(t)
	p := passwordOps{t, c}
	wantState := func(what string, has, recovery bool, hint, unconfirmed string) {
		t.Helper()
		pw := p.get()
		if pw.HasPassword != has || pw.HasRecovery != recovery || pw.Hint.Value != hint || pw.EmailUnconfirmedPattern.Value != unconfirmed {
			t.Errorf("%s: has_password %v has_recovery %v hint %q unconfirmed %q; want %v %v %q %q", what,
				pw.HasPassword, pw.HasRecovery, pw.Hint.Value, pw.EmailUnconfirmedPattern.Value, has, recovery, hint, unconfirmed)
		}
	}
	wantState("new account", false, false, "", "")

	// Bad new settings.
	ns := p.settings("first", "one")
	algo := *ns.NewAlgo.(*api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow)
	badSalt := algo
	badSalt.Salt1 = append([]byte{}, algo.Salt1...)
	badSalt.Salt1[0] ^= 1
	short := algo
	short.Salt1 = algo.Salt1[:8]
	badG := algo
	badG.G = 5
	for _, tc := range []struct {
		what string
		ns   api.AccountPasswordInputSettings
		want string
	}{
		{"salt not issued", api.AccountPasswordInputSettings{NewAlgo: &badSalt, NewPasswordHash: ns.NewPasswordHash}, "NEW_SALT_INVALID"},
		{"salt without random bytes", api.AccountPasswordInputSettings{NewAlgo: &short, NewPasswordHash: ns.NewPasswordHash}, "NEW_SALT_INVALID"},
		{"g", api.AccountPasswordInputSettings{NewAlgo: &badG, NewPasswordHash: ns.NewPasswordHash}, "NEW_SETTINGS_INVALID"},
		{"short hash", api.AccountPasswordInputSettings{NewAlgo: &algo, NewPasswordHash: ns.NewPasswordHash[:100]}, "NEW_SETTINGS_INVALID"},
		{"nothing", api.AccountPasswordInputSettings{}, "NEW_SETTINGS_EMPTY"},
		{"email only", api.AccountPasswordInputSettings{Email: tl.Some("a@example.com")}, "NEW_SETTINGS_EMPTY"},
	} {
		_, err := dcs.Call(ctx, c, &api.AccountUpdatePasswordSettingsRequest{Password: &api.InputCheckPasswordEmpty{}, NewSettings: tc.ns})
		wantRPC(t, tc.what, err, tc.want)
	}
	wantState("after refused settings", false, false, "", "")

	// Setting a password.
	if err := p.update("", ns); err != nil {
		t.Fatal(err)
	}
	wantState("password set", true, false, "one", "")
	// The empty check no longer passes, nor a wrong password, nor a stale srp_id.
	_, err := dcs.Call(ctx, c, &api.AccountGetPasswordSettingsRequest{Password: &api.InputCheckPasswordEmpty{}})
	wantRPC(t, "empty check", err, "PASSWORD_HASH_INVALID")
	_, err = p.email("wrong")
	wantRPC(t, "wrong password", err, "PASSWORD_HASH_INVALID")
	stale := p.check("first").(*api.InputCheckPasswordSRP)
	p.get() // a new srp_id
	_, err = dcs.Call(ctx, c, &api.AccountGetPasswordSettingsRequest{Password: stale})
	wantRPC(t, "stale srp_id", err, "SRP_ID_INVALID")
	if e, err := p.email("first"); err != nil || e != "" {
		t.Fatalf("settings: %q, %v", e, err)
	}
	_, err = dcs.Call(ctx, c, &api.AuthRequestPasswordRecoveryRequest{})
	wantRPC(t, "recovery without email", err, "PASSWORD_RECOVERY_NA")

	// A recovery email waits for its code.
	err = p.update("first", &api.AccountPasswordInputSettings{Email: tl.Some("not-an-email")})
	wantRPC(t, "bad email", err, "EMAIL_INVALID")
	err = p.update("first", &api.AccountPasswordInputSettings{Email: tl.Some("robin@example.com")})
	wantRPC(t, "new email", err, "EMAIL_UNCONFIRMED_6")
	wantState("email unconfirmed", true, false, "one", "r****@example.com")
	code := sb.EmailCode("robin@example.com")
	if len(code) != 6 {
		t.Fatalf("email code %q", code)
	}
	_, err = dcs.Call(ctx, c, &api.AccountConfirmPasswordEmailRequest{Code: "000000x"})
	wantRPC(t, "wrong email code", err, "CODE_INVALID")
	if _, err := dcs.Call(ctx, c, &api.AccountResendPasswordEmailRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, err := dcs.Call(ctx, c, &api.AccountConfirmPasswordEmailRequest{Code: sb.EmailCode("robin@example.com")}); err != nil {
		t.Fatal(err)
	}
	wantState("email confirmed", true, true, "one", "")
	if e, err := p.email("first"); err != nil || e != "robin@example.com" {
		t.Fatalf("settings: %q, %v", e, err)
	}
	_, err = dcs.Call(ctx, c, &api.AccountConfirmPasswordEmailRequest{Code: code})
	wantRPC(t, "nothing to confirm", err, "EMAIL_HASH_EXPIRED")
	_, err = dcs.Call(ctx, c, &api.AccountResendPasswordEmailRequest{})
	wantRPC(t, "nothing to resend", err, "EMAIL_HASH_EXPIRED")

	// A new password with a new email is not applied before confirmation.
	ns2 := p.settings("second", "two")
	ns2.Email = tl.Some("other@example.org")
	err = p.update("first", ns2)
	wantRPC(t, "new password and email", err, "EMAIL_UNCONFIRMED_6")
	wantState("change pending", true, true, "one", "o****@example.org")
	if _, err := p.email("first"); err != nil {
		t.Fatalf("the old password before confirmation: %v", err)
	}
	if _, err := dcs.Call(ctx, c, &api.AccountCancelPasswordEmailRequest{}); err != nil {
		t.Fatal(err)
	}
	wantState("change cancelled", true, true, "one", "")
	// Without a new email the change applies at once, keeping the email.
	if err := p.update("first", p.settings("second", "two")); err != nil {
		t.Fatal(err)
	}
	wantState("password changed", true, true, "two", "")
	if e, err := p.email("second"); err != nil || e != "robin@example.com" {
		t.Fatalf("settings with the new password: %q, %v", e, err)
	}

	// Recovery through the email.
	_, err = dcs.Call(ctx, c, &api.AuthRecoverPasswordRequest{Code: "123456"})
	wantRPC(t, "recover before request", err, "PASSWORD_RECOVERY_EXPIRED")
	rec, err := dcs.Call(ctx, c, &api.AuthRequestPasswordRecoveryRequest{})
	if err != nil || rec.EmailPattern != "r****@example.com" {
		t.Fatalf("requestPasswordRecovery: %v, %v", rec, err)
	}
	_, err = dcs.Call(ctx, c, &api.AuthRecoverPasswordRequest{Code: "x"})
	wantRPC(t, "wrong recovery code", err, "CODE_INVALID")
	_, err = dcs.Call(ctx, c, &api.AuthRecoverPasswordRequest{Code: ""})
	wantRPC(t, "empty recovery code", err, "CODE_EMPTY")
	if ok, err := dcs.Call(ctx, c, &api.AuthCheckRecoveryPasswordRequest{Code: sb.EmailCode("robin@example.com")}); err != nil || !ok {
		t.Fatalf("checkRecoveryPassword: %v %v", ok, err)
	}
	a, err := dcs.Call(ctx, c, &api.AuthRecoverPasswordRequest{Code: sb.EmailCode("robin@example.com")})
	if err != nil {
		t.Fatal(err)
	}
	if u := a.(*api.AuthAuthorization).User.(*api.User); !u.Self {
		t.Errorf("recoverPassword authorized %v", u)
	}
	wantState("recovered", false, false, "", "")
	_, err = dcs.Call(ctx, c, &api.AuthRecoverPasswordRequest{Code: sb.EmailCode("robin@example.com")})
	wantRPC(t, "code used", err, "PASSWORD_RECOVERY_EXPIRED")

	// Removing a password.
	if err := p.update("", p.settings("third", "")); err != nil {
		t.Fatal(err)
	}
	err = p.update("wrong", p.settings("", ""))
	wantRPC(t, "removal with a wrong password", err, "PASSWORD_HASH_INVALID")
	if err := p.update("third", p.settings("", "")); err != nil {
		t.Fatal(err)
	}
	wantState("removed", false, false, "", "")
	_, err = dcs.Call(ctx, c, &api.AuthRequestPasswordRecoveryRequest{})
	wantRPC(t, "recovery without password", err, "PASSWORD_EMPTY")
}

// TestPasswordRecoveryAtLogin recovers a forgotten password at the login
// step that asks for it: the recovery logs the session in.
func TestPasswordRecoveryAtLogin(t *testing.T) {
	sb := sandboxtest.Start(t, 1)
	info, err := sb.CreateUser("9996610402", "R", "", "", "secret")
	if err != nil {
		t.Fatal(err)
	}
	// The account's owner sets the recovery email from a session of hers.
	owner := loginWith2FA(t, sb, info, "secret")
	p := passwordOps{t, owner}
	err = p.update("secret", &api.AccountPasswordInputSettings{Email: tl.Some("r@example.net")})
	wantRPC(t, "email", err, "EMAIL_UNCONFIRMED_6")
	if _, err := dcs.Call(testCtx(t), owner, &api.AccountConfirmPasswordEmailRequest{Code: sb.EmailCode("r@example.net")}); err != nil {
		t.Fatal(err)
	}

	c, err := dcs.New(sandboxtest.ClientConfig(sb))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx := testCtx(t)
	_, err = dcs.Call(ctx, c, &api.AuthRequestPasswordRecoveryRequest{})
	wantRPC(t, "recovery before the code", err, "PASSWORD_EMPTY")
	sent, err := dcs.Call(ctx, c, &api.AuthSendCodeRequest{PhoneNumber: info.Phone, APIID: 1, APIHash: "x", Settings: api.CodeSettings{}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = dcs.Call(ctx, c, &api.AuthSignInRequest{PhoneNumber: info.Phone, PhoneCodeHash: sent.(*api.AuthSentCode).PhoneCodeHash, PhoneCode: tl.Some(info.Code)})
	wantRPC(t, "sign in", err, "SESSION_PASSWORD_NEEDED")
	rec, err := dcs.Call(ctx, c, &api.AuthRequestPasswordRecoveryRequest{})
	if err != nil || rec.EmailPattern != "r@example.net" {
		t.Fatalf("requestPasswordRecovery: %v, %v", rec, err)
	}
	a, err := dcs.Call(ctx, c, &api.AuthRecoverPasswordRequest{Code: sb.EmailCode("r@example.net")})
	if err != nil {
		t.Fatal(err)
	}
	if u := a.(*api.AuthAuthorization).User.(*api.User); u.ID != info.ID {
		t.Fatalf("authorized as %d, want %d", u.ID, info.ID)
	}
	c.SetAuthorized(true)
	if pw := (passwordOps{t, c}).get(); pw.HasPassword || pw.HasRecovery {
		t.Errorf("after recovery: %v", pw)
	}
}

// loginWith2FA logs a user with a password in.
func loginWith2FA(t *testing.T, sb *sandbox.Sandbox, info sandbox.UserInfo, password string) *dcs.Client {
	t.Helper()
	c, err := dcs.New(sandboxtest.ClientConfig(sb))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx := testCtx(t)
	sent, err := dcs.Call(ctx, c, &api.AuthSendCodeRequest{PhoneNumber: info.Phone, APIID: 1, APIHash: "x", Settings: api.CodeSettings{}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = dcs.Call(ctx, c, &api.AuthSignInRequest{PhoneNumber: info.Phone, PhoneCodeHash: sent.(*api.AuthSentCode).PhoneCodeHash, PhoneCode: tl.Some(info.Code)})
	wantRPC(t, "sign in", err, "SESSION_PASSWORD_NEEDED")
	in := (passwordOps{t, c}).check(password)
	if _, err := dcs.Call(ctx, c, &api.AuthCheckPasswordRequest{Password: in}); err != nil {
		t.Fatal(err)
	}
	c.SetAuthorized(true)
	return c
}

package client_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/storage"
)

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

// newClient returns a client on sb, with a session file in the test's
// temporary directory when path is not empty.
func newClient(t *testing.T, sb *sandbox.Sandbox, path string, h client.UpdateHandler) *client.Client {
	t.Helper()
	cfg := client.Config{Settings: sandboxtest.Settings(sb), Handler: h}
	if path != "" {
		st, err := storage.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Store = st
	}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func loginUser(t *testing.T, c *client.Client, phone string) {
	t.Helper()
	if _, err := c.PhoneLogin(ctx(t), phone); err != nil {
		t.Fatal(err)
	}
	code := string([]byte{phone[5], phone[5], phone[5], phone[5], phone[5]})
	if _, err := c.CompletePhoneLogin(ctx(t), code); err != nil {
		t.Fatal(err)
	}
}

func TestLoginWithCode(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	if _, err := sb.CreateUser("9996610001", "Ann", "", "ann_sandbox", ""); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, sb, "", nil)
	loginUser(t, c, "9996610001")
	me, err := c.GetSelf(ctx(t))
	if err != nil || me.FirstName.Value != "Ann" || !me.Self {
		t.Fatalf("self %v %v", me, err)
	}
}

func TestLoginPhoneMigrate(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	sb.CreateUser("9996630002", "Cid", "", "", "") // lives on DC 3
	c := newClient(t, sb, "", nil)
	loginUser(t, c, "9996630002")
	if c.DCs().Home() != 3 {
		t.Fatalf("home DC %d after PHONE_MIGRATE_3", c.DCs().Home())
	}
	if _, err := c.GetSelf(ctx(t)); err != nil {
		t.Fatal(err)
	}
}

func TestLoginWith2FA(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	sb.CreateUser("9996610003", "Pat", "", "", "hunter2")
	c := newClient(t, sb, "", nil)
	if _, err := c.PhoneLogin(ctx(t), "9996610003"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CompletePhoneLogin(ctx(t), "11111"); !errors.Is(err, client.ErrPasswordNeeded) {
		t.Fatalf("got %v, want ErrPasswordNeeded", err)
	}
	_, err := c.Complete2FALogin(ctx(t), "wrong")
	var rpcErr *session.RPCError
	if !errors.As(err, &rpcErr) || rpcErr.Type != "PASSWORD_HASH_INVALID" {
		t.Fatalf("wrong password: got %v", err)
	}
	if u, err := c.Complete2FALogin(ctx(t), "hunter2"); err != nil || u.FirstName.Value != "Pat" {
		t.Fatalf("right password: %v %v", u, err)
	}
}

func TestSignup(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	c := newClient(t, sb, "", nil)
	if _, err := c.PhoneLogin(ctx(t), "9996610004"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CompletePhoneLogin(ctx(t), "11111"); !errors.Is(err, client.ErrSignupNeeded) {
		t.Fatalf("got %v, want ErrSignupNeeded", err)
	}
	u, err := c.CompleteSignup(ctx(t), "New", "Comer")
	if err != nil || u.FirstName.Value != "New" {
		t.Fatalf("%v %v", u, err)
	}
}

func TestWrongCode(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	sb.CreateUser("9996610005", "Wes", "", "", "")
	c := newClient(t, sb, "", nil)
	if _, err := c.PhoneLogin(ctx(t), "9996610005"); err != nil {
		t.Fatal(err)
	}
	_, err := c.CompletePhoneLogin(ctx(t), "22222")
	var rpcErr *session.RPCError
	if !errors.As(err, &rpcErr) || rpcErr.Type != "PHONE_CODE_INVALID" {
		t.Fatalf("got %v", err)
	}
	if _, err := c.CompletePhoneLogin(ctx(t), "11111"); err != nil {
		t.Fatalf("right code after a wrong one: %v", err)
	}
}

func TestBotLoginUserMigrate(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	bot, err := sb.CreateBot("echo")
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, sb, "", nil)
	u, err := c.BotLogin(ctx(t), bot.Token)
	if err != nil || !u.Bot || u.ID != bot.ID {
		t.Fatalf("%v %v", u, err)
	}
	if c.DCs().Home() != bot.HomeDC {
		t.Fatalf("home %d, bot lives on %d", c.DCs().Home(), bot.HomeDC)
	}
	if _, err := c.BotLogin(ctx(t), "123:wrong"); err == nil {
		t.Fatal("a wrong token was accepted")
	}
}

func TestQRLogin(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	sb.CreateUser("9996620006", "Quinn", "", "", "") // DC 2: the new client starts on DC 1
	phone := newClient(t, sb, "", nil)
	loginUser(t, phone, "9996620006")
	desktop := newClient(t, sb, "", nil)
	accepted := make(chan struct{}, 1)
	u, err := desktop.QRLogin(ctx(t), func(token []byte, _ time.Time) error {
		go func() {
			if err := phone.AcceptLoginToken(ctx(t), token); err != nil {
				t.Error(err)
			}
			accepted <- struct{}{}
		}()
		return nil
	}, accepted)
	if err != nil || u.FirstName.Value != "Quinn" {
		t.Fatalf("%v %v", u, err)
	}
}

func TestSessionResumesWithoutLogin(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	sb.CreateUser("9996610007", "Ria", "", "", "")
	path := filepath.Join(t.TempDir(), "ria.session")
	c := newClient(t, sb, path, nil)
	loginUser(t, c, "9996610007")
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	c2 := newClient(t, sb, path, nil)
	if !c2.LoggedIn() {
		t.Fatal("the session file lost the login")
	}
	me, err := c2.GetSelf(ctx(t))
	if err != nil || me.FirstName.Value != "Ria" {
		t.Fatalf("%v %v", me, err)
	}
}

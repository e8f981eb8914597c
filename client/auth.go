package client

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/storage"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Errors of the login flows.
var (
	// ErrPasswordNeeded: the account has 2FA; call Complete2FALogin.
	ErrPasswordNeeded = errors.New("client: the account has a password (2FA): call Complete2FALogin")
	// ErrSignupNeeded: the number is not registered; call CompleteSignup.
	ErrSignupNeeded = errors.New("client: the phone number is not registered: call CompleteSignup")
	// ErrNoLoginInProgress: a completion step without PhoneLogin first.
	ErrNoLoginInProgress = errors.New("client: no login in progress: call PhoneLogin first")
)

// A login remembers a phone login between its steps.
type login struct {
	phone string
	hash  string
}

// PhoneLogin sends a login code to phone (first step of a user login). A
// PHONE_MIGRATE_X answer moves the home DC and is retried there.
func (c *Client) PhoneLogin(ctx context.Context, phone string) (*api.AuthSentCode, error) {
	if c.set.AppInfo.APIID == 0 || c.set.AppInfo.APIHash == "" {
		return nil, errors.New("client: app_info.api_id and app_info.api_hash are needed to log in (env LUAGRAM_API_ID, LUAGRAM_API_HASH)")
	}
	res, err := Call(ctx, c, &api.AuthSendCodeRequest{PhoneNumber: phone, APIID: int32(c.set.AppInfo.APIID),
		APIHash: c.set.AppInfo.APIHash, Settings: api.CodeSettings{}})
	if err != nil {
		return nil, err
	}
	sent, ok := res.(*api.AuthSentCode)
	if !ok {
		return nil, fmt.Errorf("client: unexpected answer to auth.sendCode: %s", res.TypeName())
	}
	c.mu.Lock()
	c.login = &login{phone: phone, hash: sent.PhoneCodeHash}
	c.mu.Unlock()
	return sent, nil
}

func (c *Client) pendingLogin() (*login, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.login
	if l == nil {
		return nil, ErrNoLoginInProgress
	}
	return l, nil
}

// CompletePhoneLogin checks the code. It returns ErrPasswordNeeded for a 2FA
// account and ErrSignupNeeded for a new number; RPC errors such as
// PHONE_CODE_INVALID and PHONE_CODE_EXPIRED come as *session.RPCError.
func (c *Client) CompletePhoneLogin(ctx context.Context, code string) (*api.User, error) {
	l, err := c.pendingLogin()
	if err != nil {
		return nil, err
	}
	res, err := Call(ctx, c, &api.AuthSignInRequest{PhoneNumber: l.phone, PhoneCodeHash: l.hash, PhoneCode: tl.Some(code)})
	var rpcErr *session.RPCError
	if errors.As(err, &rpcErr) && rpcErr.Type == "SESSION_PASSWORD_NEEDED" {
		return nil, ErrPasswordNeeded
	}
	if err != nil {
		return nil, err
	}
	return c.finishLogin(res)
}

// Complete2FALogin answers the password check with SRP
// (core.telegram.org/api/srp); the password never leaves the client.
func (c *Client) Complete2FALogin(ctx context.Context, password string) (*api.User, error) {
	pw, err := Call(ctx, c, &api.AccountGetPasswordRequest{})
	if err != nil {
		return nil, err
	}
	if !pw.HasPassword {
		return nil, ErrNoPassword
	}
	check, err := PasswordCheck(pw, password)
	if err != nil {
		return nil, err
	}
	res, err := Call(ctx, c, &api.AuthCheckPasswordRequest{Password: check})
	if err != nil {
		return nil, err
	}
	return c.finishLogin(res)
}

// CompleteSignup registers the number of the pending login.
func (c *Client) CompleteSignup(ctx context.Context, first, last string) (*api.User, error) {
	l, err := c.pendingLogin()
	if err != nil {
		return nil, err
	}
	res, err := Call(ctx, c, &api.AuthSignUpRequest{PhoneNumber: l.phone, PhoneCodeHash: l.hash, FirstName: first, LastName: last})
	if err != nil {
		return nil, err
	}
	return c.finishLogin(res)
}

// BotLogin logs in with a bot token from @BotFather. USER_MIGRATE_X moves
// the home DC and is retried there.
func (c *Client) BotLogin(ctx context.Context, token string) (*api.User, error) {
	if c.set.AppInfo.APIID == 0 || c.set.AppInfo.APIHash == "" {
		return nil, errors.New("client: app_info.api_id and app_info.api_hash are needed to log in (env LUAGRAM_API_ID, LUAGRAM_API_HASH)")
	}
	res, err := Call(ctx, c, &api.AuthImportBotAuthorizationRequest{APIID: int32(c.set.AppInfo.APIID),
		APIHash: c.set.AppInfo.APIHash, BotAuthToken: token})
	if err != nil {
		return nil, err
	}
	return c.finishLogin(res)
}

// finishLogin records the account in the session.
func (c *Client) finishLogin(res api.AuthAuthorizationClass) (*api.User, error) {
	switch a := res.(type) {
	case *api.AuthAuthorizationSignUpRequired:
		return nil, ErrSignupNeeded
	case *api.AuthAuthorization:
		u, ok := a.User.(*api.User)
		if !ok {
			return nil, errors.New("client: authorization without a user")
		}
		c.rememberUser(u)
		c.mu.Lock()
		c.self = u
		c.login = nil
		c.mu.Unlock()
		home := c.dcs.Home()
		c.store.Update(func(st *storage.State) error {
			st.HomeDC = home
			st.Self = storage.Self{UserID: u.ID, Bot: u.Bot}
			return nil
		})
		c.dcs.SetAuthorized(true)
		return u, c.store.Save()
	}
	return nil, fmt.Errorf("client: unexpected authorization %T", res)
}

// LoggedIn reports whether the session belongs to an account.
func (c *Client) LoggedIn() bool { return c.store.Snapshot().Self.UserID != 0 }

// Logout ends the authorization on the server and forgets it.
func (c *Client) Logout(ctx context.Context) error {
	_, err := Call(ctx, c, &api.AuthLogOutRequest{})
	c.store.Update(func(st *storage.State) error {
		st.Self = storage.Self{}
		return nil
	})
	c.dcs.SetAuthorized(false)
	c.mu.Lock()
	c.self = nil
	c.mu.Unlock()
	return err
}

// QRLogin logs in by QR code: show is called with each login token (to be
// shown as tg://login?token=BASE64URL) until a logged-in app accepts one;
// the acceptance arrives as updateLoginToken, which Wait delivers.
func (c *Client) QRLogin(ctx context.Context, show func(token []byte, expires time.Time) error, accepted <-chan struct{}) (*api.User, error) {
	if c.set.AppInfo.APIID == 0 || c.set.AppInfo.APIHash == "" {
		return nil, errors.New("client: app_info.api_id and app_info.api_hash are needed to log in")
	}
	for {
		res, err := Call(ctx, c, &api.AuthExportLoginTokenRequest{APIID: int32(c.set.AppInfo.APIID), APIHash: c.set.AppInfo.APIHash, ExceptIDs: []int64{}})
		if err != nil {
			return nil, err
		}
		switch t := res.(type) {
		case *api.AuthLoginTokenSuccess:
			return c.finishLogin(t.Authorization)
		case *api.AuthLoginTokenMigrateTo:
			c.dcs.SetHome(int(t.DCID))
			imp, err := Call(ctx, c, &api.AuthImportLoginTokenRequest{Token: t.Token})
			if err != nil {
				return nil, err
			}
			if ok, isOK := imp.(*api.AuthLoginTokenSuccess); isOK {
				return c.finishLogin(ok.Authorization)
			}
			return nil, fmt.Errorf("client: unexpected answer to auth.importLoginToken: %s", imp.TypeName())
		case *api.AuthLoginToken:
			expires := time.Unix(int64(t.Expires), 0)
			if err := show(t.Token, expires); err != nil {
				return nil, err
			}
			wait := time.NewTimer(time.Until(expires))
			select {
			case <-accepted:
			case <-wait.C:
			case <-ctx.Done():
				wait.Stop()
				return nil, ctx.Err()
			}
			wait.Stop()
		}
	}
}

// AcceptLoginToken lets this (logged-in) client approve a QR login.
func (c *Client) AcceptLoginToken(ctx context.Context, token []byte) error {
	_, err := Call(ctx, c, &api.AuthAcceptLoginTokenRequest{Token: token})
	return err
}

package sandbox

import (
	"bytes"
	cryptorand "crypto/rand"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Two-step verification settings (core.telegram.org/api/srp): changing
// and removing the password with account.updatePasswordSettings, the
// recovery email with its confirmation code, reading the settings, and
// recovering a forgotten password through the email. The sandbox "sends"
// email codes into a mailbox tests read with EmailCode.

func init() {
	handlers[api.AccountGetPasswordSettingsRequestTypeID] = (*call).accountGetPasswordSettings
	handlers[api.AccountUpdatePasswordSettingsRequestTypeID] = (*call).accountUpdatePasswordSettings
	handlers[api.AccountConfirmPasswordEmailRequestTypeID] = (*call).accountConfirmPasswordEmail
	handlers[api.AccountResendPasswordEmailRequestTypeID] = (*call).accountResendPasswordEmail
	handlers[api.AccountCancelPasswordEmailRequestTypeID] = (*call).accountCancelPasswordEmail
	handlers[api.AuthRequestPasswordRecoveryRequestTypeID] = (*call).authRequestPasswordRecovery
	handlers[api.AuthCheckRecoveryPasswordRequestTypeID] = (*call).authCheckRecoveryPassword
	handlers[api.AuthRecoverPasswordRequestTypeID] = (*call).authRecoverPassword
	// Recovery serves the login step that owes a password as well.
	for _, id := range []uint32{api.AuthRequestPasswordRecoveryRequestTypeID, api.AuthCheckRecoveryPasswordRequestTypeID,
		api.AuthRecoverPasswordRequestTypeID} {
		noLogin[id] = true
	}
}

const (
	// emailCodeLength is the length of the codes sent by email.
	emailCodeLength = 6
	// emailCodeLifetime is how long an email code is valid.
	emailCodeLifetime = time.Hour
	// maxIssuedSalts is how many new_algo salts of account.getPassword a
	// user may answer with.
	maxIssuedSalts = 8
)

// A securityWorld is the world's state of account settings: 2FA extras,
// phone number changes and the wallpapers. Guarded by the world's lock.
type securityWorld struct {
	users map[int64]*securityUser
	// mailbox holds the last code sent to each email address.
	mailbox map[string]string
	// changes are the pending phone number changes by phone_code_hash.
	changes    map[string]*phoneChange
	wallpapers []*wallpaper // seeded on first use
}

// A securityUser is one account's 2FA state beside its password.
type securityUser struct {
	// email is the confirmed recovery email of the current password.
	email string
	// salts are the new_algo salt1 prefixes account.getPassword issued,
	// with their salt2, the latest last.
	salts [][2][]byte
	// pending are settings waiting for their email to be confirmed.
	pending *pendingSettings
	// recovery is the code of auth.requestPasswordRecovery.
	recovery *emailCode
}

type emailCode struct {
	code     string
	expires  time.Time
	attempts int
}

// pendingSettings apply once the code sent to email is entered.
type pendingSettings struct {
	emailCode
	email string
	pw    *password // the password then
}

// security returns the world's account settings state. Call with w.mu held.
func (w *world) security() *securityWorld {
	t := w.td()
	if t.security == nil {
		t.security = &securityWorld{users: map[int64]*securityUser{}, mailbox: map[string]string{}, changes: map[string]*phoneChange{}}
	}
	return t.security
}

func (sw *securityWorld) user(id int64) *securityUser {
	u := sw.users[id]
	if u == nil {
		u = &securityUser{}
		sw.users[id] = u
	}
	return u
}

// EmailCode returns the last code the sandbox sent to an email address
// (a recovery email to confirm, or a password recovery code), or "".
func (sb *Sandbox) EmailCode(address string) string {
	w := sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.security().mailbox[strings.ToLower(strings.TrimSpace(address))]
}

// sendEmail "sends" a new code to address. Call with w.mu held.
func (c *call) sendEmail(address string) emailCode {
	n, _ := cryptorand.Int(cryptorand.Reader, big.NewInt(1_000_000))
	code := fmt.Sprintf("%06d", n.Int64())
	c.dc.sb.world.security().mailbox[strings.ToLower(address)] = code
	return emailCode{code: code, expires: c.dc.sb.cfg.Now().Add(emailCodeLifetime)}
}

// check compares a code, counting wrong attempts; missing and expired
// codes are reported as expired.
func (e *emailCode) check(now time.Time, code, expired string) error {
	switch {
	case e == nil || now.After(e.expires) || e.attempts >= maxCodeAttempts:
		return rpcError(400, expired)
	case code == "":
		return rpcError(400, "CODE_EMPTY")
	case code != e.code:
		e.attempts++
		return rpcError(400, "CODE_INVALID")
	}
	return nil
}

// validEmail is a plausible address: local@domain.tld.
func validEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at < 1 || at != strings.LastIndexByte(s, '@') || len(s) > 254 || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	dom := s[at+1:]
	dot := strings.LastIndexByte(dom, '.')
	return dot > 0 && dot < len(dom)-1
}

// emailPattern hides an address as the servers' patterns do
// (core.telegram.org/api/pattern): the first character of the local part
// stays, the rest of it is starred, the domain stays.
func emailPattern(s string) string {
	at := strings.IndexByte(s, '@')
	if at < 1 {
		return strings.Repeat("*", len(s))
	}
	return s[:1] + strings.Repeat("*", at-1) + s[at:]
}

// passwordExtras adds the 2FA state beside the password to
// account.password and records the new_algo salt it offers. Call with
// w.mu held.
func (c *call) passwordExtras(u *user, res *api.AccountPassword) {
	su := c.dc.sb.world.security().user(u.id)
	if a, ok := res.NewAlgo.(*api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow); ok {
		su.salts = append(su.salts, [2][]byte{a.Salt1, a.Salt2})
		if len(su.salts) > maxIssuedSalts {
			su.salts = su.salts[len(su.salts)-maxIssuedSalts:]
		}
	}
	res.HasRecovery = u.password != nil && su.email != ""
	if su.pending != nil && !c.dc.sb.cfg.Now().After(su.pending.expires) {
		res.EmailUnconfirmedPattern = tl.Some(emailPattern(su.pending.email))
	}
}

// checkPassword verifies the proof of the current password a logged-in
// user sends. Call with w.mu held.
func (c *call) checkPassword(u *user, in api.InputCheckPasswordSRPClass) error {
	switch x := in.(type) {
	case *api.InputCheckPasswordEmpty:
		if u.password != nil {
			return rpcError(400, "PASSWORD_HASH_INVALID")
		}
		return nil
	case *api.InputCheckPasswordSRP:
		p := u.password
		if p == nil {
			return rpcError(400, "PASSWORD_HASH_INVALID")
		}
		srv, _ := p.srpServer.(*crypto.SRPServer)
		if srv == nil || x.SrpID != p.srpID {
			return rpcError(400, "SRP_ID_INVALID")
		}
		if err := srv.Verify(&crypto.SRPAnswer{A: x.A, M1: x.M1}); err != nil {
			c.pendingPassword(u) // a new srp_B for the next attempt
			return rpcError(400, "PASSWORD_HASH_INVALID")
		}
		p.srpServer = nil
		return nil
	}
	return rpcError(400, "PASSWORD_HASH_INVALID")
}

// newPassword checks new_algo and new_password_hash: the salt1 must be one
// account.getPassword offered with 32 bytes appended, and the hash a
// verifier below p. passwordKdfAlgoUnknown removes the password (nil).
func (su *securityUser) newPassword(algo api.PasswordKdfAlgoClass, hash []byte, hint string) (*password, error) {
	switch a := algo.(type) {
	case *api.PasswordKdfAlgoUnknown:
		if len(hash) != 0 {
			return nil, rpcError(400, "NEW_SETTINGS_INVALID")
		}
		return nil, nil
	case *api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow:
		prime := crypto.TelegramDHPrime()
		if a.G != 3 || !bytes.Equal(a.P, prime.Bytes()) {
			return nil, rpcError(400, "NEW_SETTINGS_INVALID")
		}
		issued := false
		for _, s := range su.salts {
			if len(a.Salt1) == len(s[0])+32 && bytes.HasPrefix(a.Salt1, s[0]) && bytes.Equal(a.Salt2, s[1]) {
				issued = true
			}
		}
		if !issued {
			return nil, rpcError(400, "NEW_SALT_INVALID")
		}
		v := new(big.Int).SetBytes(hash)
		if len(hash) != 256 || v.Cmp(big.NewInt(1)) <= 0 || v.Cmp(prime) >= 0 {
			return nil, rpcError(400, "NEW_SETTINGS_INVALID")
		}
		return &password{salt1: bytes.Clone(a.Salt1), salt2: bytes.Clone(a.Salt2), v: bytes.Clone(hash), hint: hint}, nil
	}
	return nil, rpcError(400, "NEW_SETTINGS_INVALID")
}

func (c *call) accountGetPasswordSettings(q tl.Object) (any, error) {
	r := q.(*api.AccountGetPasswordSettingsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if err := c.checkPassword(me, r.Password); err != nil {
			return nil, err
		}
		res := &api.AccountPasswordSettings{}
		if e := w.security().user(me.id).email; e != "" && me.password != nil {
			res.Email = tl.Some(e)
		}
		return res, nil
	})
}

func (c *call) accountUpdatePasswordSettings(q tl.Object) (any, error) {
	r := q.(*api.AccountUpdatePasswordSettingsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if me.bot {
			return nil, rpcError(400, "BOT_METHOD_INVALID")
		}
		if err := c.checkPassword(me, r.Password); err != nil {
			return nil, err
		}
		su := w.security().user(me.id)
		ns := r.NewSettings
		next, email := me.password, su.email
		if ns.NewAlgo != nil {
			np, err := su.newPassword(ns.NewAlgo, ns.NewPasswordHash, ns.Hint.Value)
			if err != nil {
				return nil, err
			}
			next = np
		}
		if next == nil {
			if ns.NewAlgo == nil {
				return nil, rpcError(400, "NEW_SETTINGS_EMPTY")
			}
			// Removing the password removes its recovery email.
			me.password, su.email, su.pending, su.recovery = nil, "", nil, nil
			return boolResult(true), nil
		}
		if e, ok := ns.Email.Get(); ok {
			e = strings.TrimSpace(e)
			switch {
			case e == "":
				email = ""
			case !validEmail(e):
				return nil, rpcError(400, "EMAIL_INVALID")
			case !strings.EqualFold(e, su.email):
				// Nothing changes until the address is confirmed.
				su.pending = &pendingSettings{emailCode: c.sendEmail(e), email: e, pw: next}
				return nil, rpcError(400, fmt.Sprintf("EMAIL_UNCONFIRMED_%d", emailCodeLength))
			}
		}
		me.password, su.email, su.pending = next, email, nil
		return boolResult(true), nil
	})
}

func (c *call) accountConfirmPasswordEmail(q tl.Object) (any, error) {
	r := q.(*api.AccountConfirmPasswordEmailRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		su := w.security().user(me.id)
		var code *emailCode
		if su.pending != nil {
			code = &su.pending.emailCode
		}
		if err := code.check(c.dc.sb.cfg.Now(), strings.TrimSpace(r.Code), "EMAIL_HASH_EXPIRED"); err != nil {
			return nil, err
		}
		me.password, su.email, su.pending = su.pending.pw, su.pending.email, nil
		return boolResult(true), nil
	})
}

func (c *call) accountResendPasswordEmail(tl.Object) (any, error) {
	return c.withUser(func(w *world, me *user) (any, error) {
		su := w.security().user(me.id)
		if su.pending == nil || c.dc.sb.cfg.Now().After(su.pending.expires) {
			return nil, rpcError(400, "EMAIL_HASH_EXPIRED")
		}
		su.pending.emailCode = c.sendEmail(su.pending.email)
		return boolResult(true), nil
	})
}

func (c *call) accountCancelPasswordEmail(tl.Object) (any, error) {
	return c.withUser(func(w *world, me *user) (any, error) {
		w.security().user(me.id).pending = nil
		return boolResult(true), nil
	})
}

// recoveryUser is the account whose password may be recovered: the
// logged-in user, or the one whose login owes the password. Call with
// w.mu held.
func (c *call) recoveryUser() *user {
	if u := c.user(); u != nil {
		return u
	}
	return c.passwordCandidate()
}

func (c *call) authRequestPasswordRecovery(tl.Object) (any, error) {
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	u := c.recoveryUser()
	if u == nil || u.password == nil {
		return nil, rpcError(400, "PASSWORD_EMPTY")
	}
	su := w.security().user(u.id)
	if su.email == "" {
		return nil, rpcError(400, "PASSWORD_RECOVERY_NA")
	}
	code := c.sendEmail(su.email)
	su.recovery = &code
	return &api.AuthPasswordRecovery{EmailPattern: emailPattern(su.email)}, nil
}

func (c *call) authCheckRecoveryPassword(q tl.Object) (any, error) {
	r := q.(*api.AuthCheckRecoveryPasswordRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	u := c.recoveryUser()
	if u == nil {
		return nil, rpcError(400, "PASSWORD_RECOVERY_EXPIRED")
	}
	if err := w.security().user(u.id).recovery.check(c.dc.sb.cfg.Now(), r.Code, "PASSWORD_RECOVERY_EXPIRED"); err != nil {
		return nil, err
	}
	return boolResult(true), nil
}

func (c *call) authRecoverPassword(q tl.Object) (any, error) {
	r := q.(*api.AuthRecoverPasswordRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	u := c.recoveryUser()
	if u == nil {
		return nil, rpcError(400, "PASSWORD_RECOVERY_EXPIRED")
	}
	su := w.security().user(u.id)
	if err := su.recovery.check(c.dc.sb.cfg.Now(), strings.TrimSpace(r.Code), "PASSWORD_RECOVERY_EXPIRED"); err != nil {
		return nil, err
	}
	var next *password
	email := ""
	if ns := r.NewSettings; ns != nil {
		if ns.NewAlgo != nil {
			np, err := su.newPassword(ns.NewAlgo, ns.NewPasswordHash, ns.Hint.Value)
			if err != nil {
				return nil, err
			}
			next = np
		}
		// The code proved the recovery address only: another stays unset.
		if e, ok := ns.Email.Get(); ok && next != nil && strings.EqualFold(strings.TrimSpace(e), su.email) {
			email = su.email
		}
	}
	u.password, su.email, su.pending, su.recovery = next, email, nil, nil
	for h, sc := range w.codes {
		if sc.phone == u.phone {
			delete(w.codes, h)
		}
	}
	return c.authorize(u), nil
}

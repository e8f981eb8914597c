package sandbox

import (
	"bytes"
	cryptorand "crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.AuthSendCodeRequestTypeID] = (*call).authSendCode
	handlers[api.AuthSignInRequestTypeID] = (*call).authSignIn
	handlers[api.AuthSignUpRequestTypeID] = (*call).authSignUp
	handlers[api.AccountGetPasswordRequestTypeID] = (*call).accountGetPassword
	handlers[api.AuthCheckPasswordRequestTypeID] = (*call).authCheckPassword
	handlers[api.AuthImportBotAuthorizationRequestTypeID] = (*call).authImportBotAuthorization
	handlers[api.AuthLogOutRequestTypeID] = (*call).authLogOut
	handlers[api.AuthExportAuthorizationRequestTypeID] = (*call).authExportAuthorization
	handlers[api.AuthImportAuthorizationRequestTypeID] = (*call).authImportAuthorization
	handlers[api.AuthExportLoginTokenRequestTypeID] = (*call).authExportLoginToken
	handlers[api.AuthAcceptLoginTokenRequestTypeID] = (*call).authAcceptLoginToken
	handlers[api.AuthImportLoginTokenRequestTypeID] = (*call).authImportLoginToken
	for _, id := range []uint32{
		api.AuthSendCodeRequestTypeID, api.AuthSignInRequestTypeID, api.AuthSignUpRequestTypeID,
		api.AccountGetPasswordRequestTypeID, api.AuthCheckPasswordRequestTypeID,
		api.AuthImportBotAuthorizationRequestTypeID, api.AuthImportAuthorizationRequestTypeID,
		api.AuthExportLoginTokenRequestTypeID, api.AuthImportLoginTokenRequestTypeID,
	} {
		noLogin[id] = true
	}
}

// codeLifetime is how long a login code is valid.
const codeLifetime = 5 * time.Minute

// maxCodeAttempts wrong codes end a phone_code_hash.
const maxCodeAttempts = 5

type sentCode struct {
	phone    string
	code     string
	expires  time.Time
	attempts int
	// passed is set once the code was right but a password is needed.
	passed bool
}

type loginToken struct {
	token    []byte
	dc       int
	expires  time.Time
	acceptor *user // set by auth.acceptLoginToken
	waiter   [8]byte
}

type exportedAuth struct {
	user  *user
	bytes []byte
	dc    int
}

// homeDCOf applies the test-DC phone convention 99966XYYYY: X is the DC
// and the code is X five times. Other numbers live on DC 1 with code 11111.
func (sb *Sandbox) homeDCOf(phone string) (dc int, code string) {
	dc = 1
	if len(phone) == 10 && strings.HasPrefix(phone, "99966") && phone[5] >= '1' && phone[5] <= '9' {
		dc = int(phone[5] - '0')
	}
	if dc > len(sb.dcs) {
		dc = (dc-1)%len(sb.dcs) + 1
	}
	return dc, strings.Repeat(string(rune('0'+dc)), 5)
}

func normalizePhone(p string) string {
	var b strings.Builder
	for _, r := range p {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (c *call) authSendCode(q tl.Object) (any, error) {
	r := q.(*api.AuthSendCodeRequest)
	phone := normalizePhone(r.PhoneNumber)
	if len(phone) < 5 {
		return nil, rpcError(400, "PHONE_NUMBER_INVALID")
	}
	if r.APIID == 0 || r.APIHash == "" {
		return nil, rpcError(400, "API_ID_INVALID")
	}
	home, code := c.dc.sb.homeDCOf(phone)
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	if u := w.byPhone[phone]; u != nil {
		home = u.homeDC
	}
	if home != c.dc.ID {
		return nil, rpcError(303, fmt.Sprintf("PHONE_MIGRATE_%d", home))
	}
	hash := make([]byte, 9)
	cryptorand.Read(hash)
	h := hex.EncodeToString(hash)
	w.codes[h] = &sentCode{phone: phone, code: code, expires: c.dc.sb.cfg.Now().Add(codeLifetime)}
	return &api.AuthSentCode{Type: &api.AuthSentCodeTypeApp{Length: 5}, PhoneCodeHash: h,
		Timeout: tl.Some(int32(codeLifetime / time.Second))}, nil
}

// checkCode validates phone + phone_code_hash (+ code). Call with w.mu held.
func (c *call) checkCode(phone, hash string, code *string) (*sentCode, error) {
	w := c.dc.sb.world
	sc, ok := w.codes[hash]
	if !ok || sc.phone != normalizePhone(phone) {
		return nil, rpcError(400, "PHONE_CODE_HASH_EMPTY")
	}
	if c.dc.sb.cfg.Now().After(sc.expires) {
		delete(w.codes, hash)
		return nil, rpcError(400, "PHONE_CODE_EXPIRED")
	}
	if code != nil && !sc.passed {
		if *code == "" {
			return nil, rpcError(400, "PHONE_CODE_EMPTY")
		}
		if *code != sc.code {
			sc.attempts++
			if sc.attempts >= maxCodeAttempts {
				delete(w.codes, hash)
				return nil, rpcError(420, "FLOOD_WAIT_60")
			}
			return nil, rpcError(400, "PHONE_CODE_INVALID")
		}
	}
	return sc, nil
}

func (c *call) authSignIn(q tl.Object) (any, error) {
	r := q.(*api.AuthSignInRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	code := r.PhoneCode.Value
	sc, err := c.checkCode(r.PhoneNumber, r.PhoneCodeHash, &code)
	if err != nil {
		return nil, err
	}
	u := w.byPhone[sc.phone]
	if u == nil {
		sc.passed = true
		return &api.AuthAuthorizationSignUpRequired{}, nil
	}
	if u.password != nil {
		sc.passed = true
		c.pendingPassword(u)
		return nil, rpcError(401, "SESSION_PASSWORD_NEEDED")
	}
	delete(w.codes, r.PhoneCodeHash)
	return c.authorize(u), nil
}

func (c *call) authSignUp(q tl.Object) (any, error) {
	r := q.(*api.AuthSignUpRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	sc, err := c.checkCode(r.PhoneNumber, r.PhoneCodeHash, nil)
	if err != nil {
		return nil, err
	}
	if !sc.passed {
		return nil, rpcError(400, "PHONE_CODE_EMPTY")
	}
	if w.byPhone[sc.phone] != nil {
		return nil, rpcError(400, "PHONE_NUMBER_OCCUPIED")
	}
	first := strings.TrimSpace(r.FirstName)
	if first == "" || len(first) > 64 {
		return nil, rpcError(400, "FIRSTNAME_INVALID")
	}
	if len(r.LastName) > 64 {
		return nil, rpcError(400, "LASTNAME_INVALID")
	}
	delete(w.codes, r.PhoneCodeHash)
	u := w.newUser(sc.phone, first, strings.TrimSpace(r.LastName), c.dc.ID)
	return c.authorize(u), nil
}

// authorize logs the session's permanent key in as u. Call with w.mu held.
func (c *call) authorize(u *user) *api.AuthAuthorization {
	w := c.dc.sb.world
	w.auths[c.permKeyID()] = u
	u.sessions[c.req.Session] = true
	return &api.AuthAuthorization{User: w.userView(u, u)}
}

// permKeyID is the id of the permanent key behind the session: the key
// itself, or the one its temporary key is bound to.
func (c *call) permKeyID() [8]byte {
	k := c.key()
	if k.Perm != nil {
		return k.Perm.ID()
	}
	return k.Key.ID()
}

// user returns the logged-in user of the session, or nil. Call with w.mu
// held. The session is remembered for pushing updates.
func (c *call) user() *user {
	u := c.dc.sb.world.auths[c.permKeyID()]
	if u != nil {
		u.sessions[c.req.Session] = true
	}
	return u
}

// pendingPassword prepares the SRP parameters of the next check. Call with
// w.mu held.
func (c *call) pendingPassword(u *user) {
	p := u.password
	srv, err := crypto.NewSRPServer(srpParams(p), p.v, cryptorand.Reader)
	if err != nil {
		return
	}
	p.srpID = randomInt64()
	p.srpB = srv.SRPB()
	p.srpServer = srv
}

func srpParams(p *password) *crypto.SRPParams {
	return &crypto.SRPParams{Salt1: p.salt1, Salt2: p.salt2, G: 3, P: crypto.TelegramDHPrime().Bytes()}
}

func (c *call) accountGetPassword(tl.Object) (any, error) {
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	u := c.user()
	if u == nil {
		u = c.passwordCandidate()
	}
	res := &api.AccountPassword{
		NewAlgo:       &api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow{Salt1: randomBytes(8), Salt2: randomBytes(16), G: 3, P: crypto.TelegramDHPrime().Bytes()},
		NewSecureAlgo: &api.SecurePasswordKdfAlgoSHA512{Salt: randomBytes(8)},
		SecureRandom:  randomBytes(32),
	}
	if u != nil {
		c.passwordExtras(u, res)
	}
	if u == nil || u.password == nil {
		return res, nil
	}
	c.pendingPassword(u)
	p := u.password
	res.HasPassword = true
	res.CurrentAlgo = &api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow{Salt1: p.salt1, Salt2: p.salt2, G: 3, P: crypto.TelegramDHPrime().Bytes()}
	res.SrpB = p.srpB
	res.SrpID = tl.Some(p.srpID)
	if p.hint != "" {
		res.Hint = tl.Some(p.hint)
	}
	return res, nil
}

// passwordCandidate is the user whose code this session entered correctly
// and who still owes a password. Call with w.mu held.
func (c *call) passwordCandidate() *user {
	w := c.dc.sb.world
	for _, sc := range w.codes {
		if sc.passed {
			if u := w.byPhone[sc.phone]; u != nil && u.password != nil && u.homeDC == c.dc.ID {
				return u
			}
		}
	}
	return nil
}

func (c *call) authCheckPassword(q tl.Object) (any, error) {
	r := q.(*api.AuthCheckPasswordRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	in, ok := r.Password.(*api.InputCheckPasswordSRP)
	if !ok {
		return nil, rpcError(400, "PASSWORD_HASH_INVALID")
	}
	u := c.passwordCandidate()
	if u == nil {
		return nil, rpcError(400, "PASSWORD_HASH_INVALID")
	}
	p := u.password
	srv, _ := p.srpServer.(*crypto.SRPServer)
	if srv == nil || in.SrpID != p.srpID {
		return nil, rpcError(400, "SRP_ID_INVALID")
	}
	if err := srv.Verify(&crypto.SRPAnswer{A: in.A, M1: in.M1}); err != nil {
		c.pendingPassword(u) // a new srp_B for the next attempt
		return nil, rpcError(400, "PASSWORD_HASH_INVALID")
	}
	p.srpServer = nil
	for h, sc := range w.codes {
		if sc.phone == u.phone {
			delete(w.codes, h)
		}
	}
	return c.authorize(u), nil
}

func (c *call) authImportBotAuthorization(q tl.Object) (any, error) {
	r := q.(*api.AuthImportBotAuthorizationRequest)
	if r.APIID == 0 || r.APIHash == "" {
		return nil, rpcError(400, "API_ID_INVALID")
	}
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	var bot *user
	for _, u := range w.users {
		if u.bot && u.botToken != "" && u.botToken == r.BotAuthToken {
			bot = u
		}
	}
	if bot == nil {
		return nil, rpcError(401, "ACCESS_TOKEN_INVALID")
	}
	if bot.homeDC != c.dc.ID {
		return nil, rpcError(303, fmt.Sprintf("USER_MIGRATE_%d", bot.homeDC))
	}
	return c.authorize(bot), nil
}

func (c *call) authLogOut(tl.Object) (any, error) {
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	u := c.user()
	if u == nil {
		return nil, rpcError(401, "AUTH_KEY_UNREGISTERED")
	}
	delete(w.auths, c.permKeyID())
	delete(u.sessions, c.req.Session)
	return &api.AuthLoggedOut{}, nil
}

func (c *call) authExportAuthorization(q tl.Object) (any, error) {
	r := q.(*api.AuthExportAuthorizationRequest)
	if c.dc.sb.DC(int(r.DCID)) == nil || int(r.DCID) == c.dc.ID {
		return nil, rpcError(400, "DC_ID_INVALID")
	}
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	u := c.user()
	if u == nil {
		return nil, rpcError(401, "AUTH_KEY_UNREGISTERED")
	}
	id := randomInt64()
	b := randomBytes(128)
	w.exported[id] = exportedAuth{user: u, bytes: b, dc: int(r.DCID)}
	return &api.AuthExportedAuthorization{ID: id, Bytes: b}, nil
}

func (c *call) authImportAuthorization(q tl.Object) (any, error) {
	r := q.(*api.AuthImportAuthorizationRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	e, ok := w.exported[r.ID]
	if !ok || !bytes.Equal(e.bytes, r.Bytes) || e.dc != c.dc.ID {
		return nil, rpcError(400, "AUTH_BYTES_INVALID")
	}
	delete(w.exported, r.ID)
	return c.authorize(e.user), nil
}

// loginTokenLifetime is how long a QR login token is valid.
const loginTokenLifetime = 30 * time.Second

func (c *call) authExportLoginToken(q tl.Object) (any, error) {
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	now := c.dc.sb.cfg.Now()
	keyID := c.permKeyID()
	for k, t := range w.loginTokens {
		if t.waiter != keyID {
			continue
		}
		if t.acceptor != nil {
			if t.acceptor.homeDC != c.dc.ID {
				// The account lives elsewhere: the client imports the token
				// there (auth.importLoginToken), which consumes it.
				return &api.AuthLoginTokenMigrateTo{DCID: int32(t.acceptor.homeDC), Token: t.token}, nil
			}
			delete(w.loginTokens, k)
			return &api.AuthLoginTokenSuccess{Authorization: c.authorize(t.acceptor)}, nil
		}
		if now.After(t.expires) {
			delete(w.loginTokens, k)
		}
	}
	tok := &loginToken{token: randomBytes(32), dc: c.dc.ID, expires: now.Add(loginTokenLifetime), waiter: keyID}
	w.loginTokens[string(tok.token)] = tok
	return &api.AuthLoginToken{Expires: int32(tok.expires.Unix()), Token: tok.token}, nil
}

func (c *call) authAcceptLoginToken(q tl.Object) (any, error) {
	r := q.(*api.AuthAcceptLoginTokenRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	u := c.user()
	if u == nil {
		return nil, rpcError(401, "AUTH_KEY_UNREGISTERED")
	}
	t, ok := w.loginTokens[string(r.Token)]
	if !ok || c.dc.sb.cfg.Now().After(t.expires) {
		return nil, rpcError(400, "AUTH_TOKEN_EXPIRED")
	}
	if t.acceptor != nil {
		return nil, rpcError(400, "AUTH_TOKEN_ALREADY_ACCEPTED")
	}
	t.acceptor = u
	// The waiting client learns it through updateLoginToken.
	if waiter := c.dc.sb.DC(t.dc); waiter != nil {
		for _, ss := range waiter.srv.Sessions() {
			if c.boundTo(waiter, ss.Key.Key.ID()) == t.waiter {
				var b tl.Buffer
				b.Object(&api.UpdateShort{Update: &api.UpdateLoginToken{}, Date: int32(c.dc.sb.cfg.Now().Unix())}, "updateShort")
				ss.Push(b.Buf)
			}
		}
	}
	return &api.Authorization{Current: false, Hash: randomInt64(), DeviceModel: "QR login", Platform: "sandbox",
		SystemVersion: "sandbox", AppName: "luagram", AppVersion: "1", DateCreated: int32(c.dc.sb.cfg.Now().Unix()),
		DateActive: int32(c.dc.sb.cfg.Now().Unix()), IP: "127.0.0.1", Country: "XX", Region: "XX"}, nil
}

// boundTo returns the permanent key id a key of DC d is bound to (or the
// key itself).
func (c *call) boundTo(d *DC, id [8]byte) [8]byte {
	if k, ok := d.srv.Keys().Get(id, c.dc.sb.cfg.Now()); ok && k.Perm != nil {
		return k.Perm.ID()
	}
	return id
}

func (c *call) authImportLoginToken(q tl.Object) (any, error) {
	r := q.(*api.AuthImportLoginTokenRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	for k, t := range w.loginTokens {
		if bytes.Equal(t.token, r.Token) && t.acceptor != nil {
			delete(w.loginTokens, k)
			return &api.AuthLoginTokenSuccess{Authorization: c.authorize(t.acceptor)}, nil
		}
	}
	return nil, rpcError(400, "AUTH_TOKEN_INVALID")
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	cryptorand.Read(b)
	return b
}

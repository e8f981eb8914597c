package sandbox

import (
	"errors"
	"fmt"
	"strings"

	cryptorand "crypto/rand"

	"github.com/luagram/luagram/mtproto/crypto"
)

// A UserInfo describes an account the sandbox created.
type UserInfo struct {
	ID       int64
	Phone    string
	Username string
	Token    string // bots only
	Code     string // the login code of a user's phone
	HomeDC   int
}

// CreateUser registers a user account by phone (test numbers 99966XYYYY
// live on DC X and log in with code XXXXX). password, if not empty, turns
// on 2FA.
func (sb *Sandbox) CreateUser(phone, first, last, username, passwordText string) (UserInfo, error) {
	phone = normalizePhone(phone)
	home, code := sb.homeDCOf(phone)
	w := sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.byPhone[phone] != nil {
		return UserInfo{}, fmt.Errorf("sandbox: phone %s is taken", phone)
	}
	u := w.newUser(phone, first, last, home)
	if username != "" && !w.setUsername(peerRef{'u', u.id}, "", username) {
		return UserInfo{}, fmt.Errorf("sandbox: username @%s is taken", username)
	}
	u.username = username
	if passwordText != "" {
		if err := setPassword(u, passwordText, ""); err != nil {
			return UserInfo{}, err
		}
	}
	return UserInfo{ID: u.id, Phone: phone, Username: username, Code: code, HomeDC: home}, nil
}

// setPassword stores the SRP verifier of a 2FA password.
func setPassword(u *user, text, hint string) error {
	p := &password{salt1: randomBytes(40), salt2: randomBytes(16), hint: hint}
	salt1, v, err := crypto.NewPasswordHash([]byte(text), srpParams(p), cryptorand.Reader)
	if err != nil {
		return err
	}
	p.salt1, p.v = salt1, v
	u.password = p
	return nil
}

// CreateBot registers a bot with the username name (suffix "bot" added if
// missing) and returns its token "ID:SECRET". Bots live on DC 2 (or the
// last DC if there are fewer), so logging in from DC 1 exercises
// USER_MIGRATE.
func (sb *Sandbox) CreateBot(name string) (UserInfo, error) {
	name = strings.TrimPrefix(name, "@")
	if name == "" {
		return UserInfo{}, errors.New("sandbox: bot name is empty")
	}
	if !strings.HasSuffix(strings.ToLower(name), "bot") {
		name += "_bot"
	}
	home := min(2, len(sb.dcs))
	w := sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	u := w.newUser("", name, "", home)
	if !w.setUsername(peerRef{'u', u.id}, "", name) {
		delete(w.users, u.id)
		return UserInfo{}, fmt.Errorf("sandbox: username @%s is taken", name)
	}
	u.username, u.bot = name, true
	u.botToken = fmt.Sprintf("%d:%s", u.id, tokenSecret())
	return UserInfo{ID: u.id, Username: name, Token: u.botToken, HomeDC: home}, nil
}

func tokenSecret() string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	b := randomBytes(35)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

package sandbox

import (
	cryptorand "crypto/rand"
	"encoding/hex"
	"time"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Changing the phone number of an account: account.sendChangePhoneCode
// sends a code to the new number (by SMS, a call next with auth.resendCode),
// account.changePhone checks it and moves the account to the number;
// the account's other sessions and its contacts learn it through
// updateUserPhone. Codes follow the test-DC convention: the number
// 99966XYYYY gets X five times.

func init() {
	handlers[api.AccountSendChangePhoneCodeRequestTypeID] = (*call).accountSendChangePhoneCode
	handlers[api.AccountChangePhoneRequestTypeID] = (*call).accountChangePhone
	handlers[api.AuthResendCodeRequestTypeID] = (*call).authResendCode
	noLogin[api.AuthResendCodeRequestTypeID] = true
}

// changeCodeTimeout is the timeout of an auth.sentCode before the code may
// be sent the next way.
const changeCodeTimeout = 60

// A phoneChange is a code sent to a new phone number of an account.
type phoneChange struct {
	user     int64
	phone    string
	code     string
	expires  time.Time
	attempts int
	called   bool // auth.resendCode used the next way (a call)
}

func (c *call) accountSendChangePhoneCode(q tl.Object) (any, error) {
	r := q.(*api.AccountSendChangePhoneCodeRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if me.bot {
			return nil, rpcError(400, "BOT_METHOD_INVALID")
		}
		phone := normalizePhone(r.PhoneNumber)
		if len(phone) < 5 || len(phone) > 15 {
			return nil, rpcError(400, "PHONE_NUMBER_INVALID")
		}
		if w.byPhone[phone] != nil {
			return nil, rpcError(400, "PHONE_NUMBER_OCCUPIED")
		}
		_, code := c.dc.sb.homeDCOf(phone)
		b := make([]byte, 9)
		cryptorand.Read(b)
		h := hex.EncodeToString(b)
		w.security().changes[h] = &phoneChange{user: me.id, phone: phone, code: code, expires: c.dc.sb.cfg.Now().Add(codeLifetime)}
		return &api.AuthSentCode{Type: &api.AuthSentCodeTypeSMS{Length: int32(len(code))}, PhoneCodeHash: h,
			NextType: &api.AuthCodeTypeCall{}, Timeout: tl.Some(int32(changeCodeTimeout))}, nil
	})
}

// authResendCode sends a code again the next way: a phone change's code
// by a call, once. Login codes go to the app and have no next way.
func (c *call) authResendCode(q tl.Object) (any, error) {
	r := q.(*api.AuthResendCodeRequest)
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	if r.PhoneCodeHash == "" {
		return nil, rpcError(400, "PHONE_CODE_HASH_EMPTY")
	}
	phone := normalizePhone(r.PhoneNumber)
	now := c.dc.sb.cfg.Now()
	if pc := w.security().changes[r.PhoneCodeHash]; pc != nil {
		if pc.phone != phone {
			return nil, rpcError(400, "PHONE_NUMBER_INVALID")
		}
		if now.After(pc.expires) {
			delete(w.security().changes, r.PhoneCodeHash)
			return nil, rpcError(400, "PHONE_CODE_EXPIRED")
		}
		if pc.called {
			return nil, rpcError(400, "SEND_CODE_UNAVAILABLE")
		}
		pc.called = true
		return &api.AuthSentCode{Type: &api.AuthSentCodeTypeCall{Length: int32(len(pc.code))}, PhoneCodeHash: r.PhoneCodeHash}, nil
	}
	if sc := w.codes[r.PhoneCodeHash]; sc != nil && sc.phone == phone {
		if now.After(sc.expires) {
			delete(w.codes, r.PhoneCodeHash)
			return nil, rpcError(400, "PHONE_CODE_EXPIRED")
		}
		return nil, rpcError(400, "SEND_CODE_UNAVAILABLE")
	}
	return nil, rpcError(400, "PHONE_CODE_EXPIRED")
}

func (c *call) accountChangePhone(q tl.Object) (any, error) {
	r := q.(*api.AccountChangePhoneRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if r.PhoneCodeHash == "" {
			return nil, rpcError(400, "PHONE_CODE_HASH_EMPTY")
		}
		changes := w.security().changes
		pc := changes[r.PhoneCodeHash]
		if pc == nil || pc.user != me.id {
			return nil, rpcError(400, "PHONE_CODE_EXPIRED")
		}
		phone := normalizePhone(r.PhoneNumber)
		if phone != pc.phone {
			return nil, rpcError(400, "PHONE_NUMBER_INVALID")
		}
		if c.dc.sb.cfg.Now().After(pc.expires) {
			delete(changes, r.PhoneCodeHash)
			return nil, rpcError(400, "PHONE_CODE_EXPIRED")
		}
		if r.PhoneCode == "" {
			return nil, rpcError(400, "PHONE_CODE_EMPTY")
		}
		if r.PhoneCode != pc.code {
			pc.attempts++
			if pc.attempts >= maxCodeAttempts {
				delete(changes, r.PhoneCodeHash)
			}
			return nil, rpcError(400, "PHONE_CODE_INVALID")
		}
		delete(changes, r.PhoneCodeHash)
		if w.byPhone[phone] != nil {
			return nil, rpcError(400, "PHONE_NUMBER_OCCUPIED")
		}
		delete(w.byPhone, me.phone)
		me.phone = phone
		w.byPhone[phone] = me
		upd := &api.UpdateShort{Update: &api.UpdateUserPhone{UserID: me.id, Phone: phone}, Date: c.now()}
		c.pushOthers(w, me, upd)
		for _, u := range w.users {
			if u.id != me.id && u.contacts[me.id] {
				w.push(u, upd)
			}
		}
		return w.userView(me, me), nil
	})
}

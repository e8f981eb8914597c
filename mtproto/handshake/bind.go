package handshake

import (
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

// A Binding is what auth.bindTempAuthKey asserts: this temporary key (used
// by this session) belongs to that permanent key until ExpiresAt.
type Binding struct {
	Nonce         int64
	TempKeyID     int64
	PermKeyID     int64
	TempSessionID int64
	ExpiresAt     int32
}

// bindInnerLen is the size of a serialized bind_auth_key_inner.
const bindInnerLen = 4 + 8 + 8 + 8 + 8 + 4

// BindMessage returns the encrypted_message of auth.bindTempAuthKey:
// bind_auth_key_inner wrapped as an MTProto message (random salt and
// session_id, the msg_id of the auth.bindTempAuthKey request itself,
// seq_no 0) and encrypted with the permanent key by the MTProto 1.0 scheme
// (core.telegram.org/method/auth.bindTempAuthKey).
func BindMessage(perm *crypto.AuthKey, b Binding, msgID int64, random io.Reader) ([]byte, error) {
	plain := make([]byte, 32, 32+bindInnerLen+16)
	if _, err := io.ReadFull(random, plain[:16]); err != nil {
		return nil, err
	}
	binary.LittleEndian.PutUint64(plain[16:], uint64(msgID))
	binary.LittleEndian.PutUint32(plain[24:], 0)
	binary.LittleEndian.PutUint32(plain[28:], bindInnerLen)
	var inner tl.Buffer
	inner.Object(&mt.BindAuthKeyInner{Nonce: b.Nonce, TempAuthKeyID: b.TempKeyID, PermAuthKeyID: b.PermKeyID,
		TempSessionID: b.TempSessionID, ExpiresAt: b.ExpiresAt}, "bind_auth_key_inner")
	plain = append(plain, inner.Buf...)
	msgKey := crypto.MsgKeyV1(plain)
	pad := (16 - len(plain)%16) % 16
	padded := make([]byte, len(plain)+pad)
	copy(padded, plain)
	if _, err := io.ReadFull(random, padded[len(plain):]); err != nil {
		return nil, err
	}
	key, iv := crypto.KDFv1(perm, msgKey, crypto.ClientToServer)
	out := make([]byte, 24+len(padded))
	id := perm.ID()
	copy(out, id[:])
	copy(out[8:], msgKey[:])
	if err := crypto.EncryptIGE(key[:], iv[:], out[24:], padded); err != nil {
		return nil, err
	}
	return out, nil
}

// VerifyBind checks an auth.bindTempAuthKey request on the server: the
// message must decrypt under the permanent key it names, its msg_key must
// match, its msg_id must be the request's, and bind_auth_key_inner must
// repeat the request's nonce, permanent key id and expiry and name the
// temporary key and session the request arrived on. perm looks a permanent
// key up by id.
func VerifyBind(encrypted []byte, want Binding, msgID int64, perm func(id [8]byte) (*crypto.AuthKey, bool)) (*crypto.AuthKey, error) {
	fail := func(detail string) (*crypto.AuthKey, error) {
		return nil, &CheckError{Check: "bind_auth_key_inner", Detail: detail}
	}
	if len(encrypted) < 24+16 || (len(encrypted)-24)%16 != 0 {
		return fail(fmt.Sprintf("encrypted_message of %d bytes", len(encrypted)))
	}
	var id [8]byte
	copy(id[:], encrypted)
	if int64(binary.LittleEndian.Uint64(id[:])) != want.PermKeyID {
		return fail("encrypted with another key than perm_auth_key_id")
	}
	k, ok := perm(id)
	if !ok {
		return fail("unknown permanent key")
	}
	var msgKey [16]byte
	copy(msgKey[:], encrypted[8:24])
	key, iv := crypto.KDFv1(k, msgKey, crypto.ClientToServer)
	plain := make([]byte, len(encrypted)-24)
	if err := crypto.DecryptIGE(key[:], iv[:], plain, encrypted[24:]); err != nil {
		return fail(err.Error())
	}
	if len(plain) < 32+bindInnerLen {
		return fail("message too short")
	}
	n := int(binary.LittleEndian.Uint32(plain[28:]))
	if n != bindInnerLen || len(plain)-32-n > 15 {
		return fail(fmt.Sprintf("message_data_length %d", n))
	}
	got := crypto.MsgKeyV1(plain[:32+n])
	if subtle.ConstantTimeCompare(got[:], msgKey[:]) != 1 {
		return fail("msg_key mismatch")
	}
	if int64(binary.LittleEndian.Uint64(plain[16:])) != msgID {
		return fail("msg_id differs from the request's")
	}
	if binary.LittleEndian.Uint32(plain[24:]) != 0 {
		return fail("seq_no is not 0")
	}
	var inner mt.BindAuthKeyInner
	if err := tl.DecodeBoxed(plain[32:32+n], &inner); err != nil {
		return nil, &CheckError{Check: "bind_auth_key_inner", Err: err}
	}
	switch {
	case inner.Nonce != want.Nonce:
		return fail("nonce differs from the request's")
	case inner.PermAuthKeyID != want.PermKeyID:
		return fail("perm_auth_key_id differs from the request's")
	case inner.TempAuthKeyID != want.TempKeyID:
		return fail("temp_auth_key_id is not the key the request came with")
	case inner.TempSessionID != want.TempSessionID:
		return fail("temp_session_id is not the request's session")
	case inner.ExpiresAt != want.ExpiresAt:
		return fail("expires_at differs from the request's")
	}
	return k, nil
}

// KeyID returns an auth key id as the int64 the API uses.
func KeyID(k *crypto.AuthKey) int64 {
	id := k.ID()
	return int64(binary.LittleEndian.Uint64(id[:]))
}

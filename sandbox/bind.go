package sandbox

import (
	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/mtproto/handshake"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.AuthBindTempAuthKeyRequestTypeID] = (*call).authBindTempAuthKey
}

// authBindTempAuthKey binds the temporary key the request came with to a
// permanent key of this DC, after handshake.VerifyBind checks every field.
func (c *call) authBindTempAuthKey(q tl.Object) (any, error) {
	r := q.(*api.AuthBindTempAuthKeyRequest)
	ss := c.req.Session
	temp := c.key()
	if temp.ExpiresAt.IsZero() {
		return nil, rpcError(400, "TEMP_AUTH_KEY_EMPTY")
	}
	if temp.Perm != nil {
		return nil, rpcError(400, "TEMP_AUTH_KEY_ALREADY_BOUND")
	}
	if int64(r.ExpiresAt) < c.dc.sb.cfg.Now().Unix() || int64(r.ExpiresAt) > temp.ExpiresAt.Unix()+60 {
		return nil, rpcError(400, "EXPIRES_AT_INVALID")
	}
	keys := c.dc.srv.Keys()
	perm, err := handshake.VerifyBind(r.EncryptedMessage, handshake.Binding{
		Nonce: r.Nonce, TempKeyID: handshake.KeyID(temp.Key), PermKeyID: r.PermAuthKeyID,
		TempSessionID: ss.ID, ExpiresAt: r.ExpiresAt,
	}, c.req.MsgID, func(id [8]byte) (*crypto.AuthKey, bool) {
		k, ok := keys.Get(id, c.dc.sb.cfg.Now())
		if !ok || !k.ExpiresAt.IsZero() {
			return nil, false // only a permanent key can be bound to
		}
		return k.Key, true
	})
	if err != nil {
		c.dc.sb.cfg.Logger.Info("sandbox: refused auth.bindTempAuthKey", "err", err)
		return nil, rpcError(400, "ENCRYPTED_MESSAGE_INVALID")
	}
	if err := keys.Bind(temp.Key.ID(), perm); err != nil {
		return nil, rpcError(400, "TEMP_AUTH_KEY_ALREADY_BOUND")
	}
	return boolResult(true), nil
}

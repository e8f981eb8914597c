package dcs_test

import "github.com/luagram/luagram/mtproto/crypto"

func cryptoKey(b []byte) (*crypto.AuthKey, error) { return crypto.NewAuthKey(b) }

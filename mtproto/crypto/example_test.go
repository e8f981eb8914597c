package crypto_test

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"fmt"

	"github.com/luagram/luagram/mtproto/crypto"
)

func Example() {
	// Both sides hold the same auth key, normally from the DH exchange.
	raw := make([]byte, crypto.AuthKeySize)
	rand.Read(raw)
	key, _ := crypto.NewAuthKey(raw)

	// server_salt, session_id, msg_id, seq_no, message_data_length, message_data.
	body := []byte("ping")
	plain := make([]byte, 32, 32+len(body))
	binary.LittleEndian.PutUint32(plain[28:], uint32(len(body)))
	plain = append(plain, body...)

	// The client encrypts into a buffer it reuses for every message.
	buf := make([]byte, 0, 1024)
	msg, err := crypto.EncryptMessage(buf, key, crypto.ClientToServer, plain, rand.Reader)
	if err != nil {
		panic(err)
	}

	// Read as a message from the other direction, it does not pass.
	_, err = crypto.DecryptMessage(key, crypto.ServerToClient, bytes.Clone(msg))
	fmt.Println(err)

	// The server decrypts in place, checking auth_key_id, msg_key, the
	// length field and the padding.
	got, err := crypto.DecryptMessage(key, crypto.ClientToServer, msg)
	if err != nil {
		panic(err)
	}
	fmt.Println(bytes.Equal(got, plain), string(got[32:]))
	// Output:
	// crypto: msg_key mismatch
	// true ping
}

func ExampleFactorize() {
	// pq from the resPQ of core.telegram.org/mtproto/samples-auth_key.
	p, q, err := crypto.Factorize(0x17ED48941A08F981)
	fmt.Println(p, q, err)
	// Output: 1229739323 1402015859 <nil>
}

package transport

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

func TestAcceptDetects(t *testing.T) {
	tests := []struct {
		name string
		wire []byte
		want Protocol
	}{
		{"abridged", unhex(t, "ef 01 61626364"), Abridged},
		{"intermediate", unhex(t, "eeeeeeee 04000000 61626364"), Intermediate},
		{"padded", unhex(t, "dddddddd 04000000 61626364"), PaddedIntermediate},
		{"full", encode(t, Full, []byte("abcd")), Full},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Accept(newBufConn(tt.wire))
			if err != nil {
				t.Fatal(err)
			}
			if c.Protocol() != tt.want || c.Obfuscated() || c.DC() != 0 {
				t.Errorf("got %s obfuscated=%v dc=%d, want plain %s", c.Protocol(), c.Obfuscated(), c.DC(), tt.want)
			}
			f, err := c.ReadFrame(nil)
			if err != nil || string(f.Payload) != "abcd" {
				t.Errorf("got %q, %v; want abcd", f.Payload, err)
			}
		})
	}
}

func TestAcceptRefuses(t *testing.T) {
	secret, err := ParseSecret("52a493bdfb90eea55739eabff2d92a14")
	if err != nil {
		t.Fatal(err)
	}
	other, err := ParseSecret("00112233445566778899aabbccddeeff")
	if err != nil {
		t.Fatal(err)
	}
	obfuscated := func(cfg ClientConfig) []byte {
		conn := newBufConn(nil)
		c, err := Client(conn, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.WriteFrame(nil); err != nil {
			t.Fatal(err)
		}
		return conn.w.Bytes()
	}
	random := bytes.Repeat([]byte{0x5a}, 80) // decrypts to no known tag

	tests := []struct {
		name   string
		server Server
		wire   []byte
		want   error
	}{
		{"http get", Server{}, []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), ErrUnknownTransport},
		{"http post", Server{}, []byte("POST /api HTTP/1.1\r\n\r\n"), ErrUnknownTransport},
		{"http head", Server{}, []byte("HEAD / HTTP/1.1\r\n\r\n"), ErrUnknownTransport},
		{"http options", Server{}, []byte("OPTIONS * HTTP/1.1\r\n\r\n"), ErrUnknownTransport},
		{"tls", Server{}, unhex(t, "1603010200010001fc0303"), ErrUnknownTransport},
		{"garbage", Server{}, random, ErrUnknownTransport},
		{"empty", Server{}, nil, io.ErrUnexpectedEOF},
		{"three bytes", Server{}, []byte{1, 2, 3}, io.ErrUnexpectedEOF},
		{"short header", Server{}, random[:40], io.ErrUnexpectedEOF},
		{"plain to proxy", Server{Secret: &secret}, unhex(t, "eeeeeeee00000000"), ErrObfuscationRequired},
		{"no secret to proxy", Server{Secret: &secret}, obfuscated(ClientConfig{Obfuscated: true}), ErrUnknownTransport},
		{"wrong secret", Server{Secret: &secret}, obfuscated(ClientConfig{Secret: &other, DC: 2}), ErrUnknownTransport},
		{"secret to plain server", Server{}, obfuscated(ClientConfig{Secret: &secret, DC: 2}), ErrUnknownTransport},
		{"fake-TLS server", Server{Secret: &Secret{Kind: SecretFakeTLS}}, random, ErrFakeTLS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.server.Accept(newBufConn(tt.wire))
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, %v; want %v", c, err, tt.want)
			}
		})
	}
}

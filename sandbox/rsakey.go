package sandbox

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// keyFile is the name of the server key in the data directory.
const keyFile = "server_rsa.pem"

// loadOrCreateKey returns the sandbox's RSA key from dir, generating and
// saving a 2048-bit key on first start. An empty dir means a fresh key that
// is not kept.
func loadOrCreateKey(dir string) (*rsa.PrivateKey, error) {
	if dir == "" {
		return rsa.GenerateKey(rand.Reader, 2048)
	}
	return loadOrCreateKeyFile(filepath.Join(dir, keyFile))
}

// loadOrCreateKeyFile reads a PEM RSA private key, generating and saving a
// 2048-bit one if the file does not exist.
func loadOrCreateKeyFile(path string) (*rsa.PrivateKey, error) {
	dir := filepath.Dir(path)
	data, err := os.ReadFile(path)
	if err == nil {
		block, _ := pem.Decode(data)
		if block == nil || block.Type != "RSA PRIVATE KEY" {
			return nil, fmt.Errorf("sandbox: %s does not hold an RSA PRIVATE KEY PEM block", path)
		}
		k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("sandbox: %s: %w", path, err)
		}
		if k.N.BitLen() != 2048 {
			return nil, fmt.Errorf("sandbox: %s: key has %d bits, MTProto needs 2048", path, k.N.BitLen())
		}
		return k, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	out := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
	if err := os.WriteFile(path, out, 0o600); err != nil {
		return nil, err
	}
	return k, nil
}

// PublicKeyPEM encodes a public key as PKCS#1 PEM ("BEGIN RSA PUBLIC KEY"),
// the form Telegram publishes its keys in.
func PublicKeyPEM(k *rsa.PublicKey) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(k)})
}

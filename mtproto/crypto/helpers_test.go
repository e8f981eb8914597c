package crypto

import (
	"encoding/hex"
	"testing"
)

// unhex decodes a hex string of a test table; tables are checked by the
// tests that use them, so a typo is a test failure.
func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex in test table: %v", err)
	}
	return b
}

// seq returns the bytes from, from+1, ... (mod 256), n of them.
func seq(from, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(from + i)
	}
	return b
}

// errReader fails every read.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errTestRandom }

var errTestRandom = testError("test random source failed")

type testError string

func (e testError) Error() string { return string(e) }

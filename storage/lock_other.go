//go:build !unix

package storage

import (
	"errors"
	"os"
)

func lockSession(path string) (*os.File, error) {
	return nil, errors.New("storage: session locking is not implemented on this platform")
}

func unlockSession(f *os.File) {}

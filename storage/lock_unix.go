//go:build unix

package storage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"
)

// lockSession takes the session lock: flock(LOCK_EX|LOCK_NB) on path +
// ".lock", which then holds our pid. The kernel drops the lock when the
// process dies, however it dies. The lock file is never removed: removing
// it would let two processes lock two different files of the same name.
func lockSession(path string) (*os.File, error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("storage: locking session: %w", err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err != syscall.EINTR {
			break
		}
	}
	if errors.Is(err, syscall.EWOULDBLOCK) {
		pid := holderPID(f)
		f.Close()
		return nil, &InUseError{Path: path, PID: pid}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("storage: locking session: %w", err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return f, nil
}

// holderPID reads the pid the holder wrote, waiting briefly for a holder
// that has just taken the lock and not yet written it.
func holderPID(f *os.File) int {
	var buf [32]byte
	for range 20 {
		n, _ := f.ReadAt(buf[:], 0)
		if pid, err := strconv.Atoi(string(bytes.TrimSpace(buf[:n]))); err == nil && pid > 0 {
			return pid
		}
		time.Sleep(5 * time.Millisecond)
	}
	return 0
}

func unlockSession(f *os.File) {
	f.Truncate(0)
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}

//go:build !linux

package main

import "os"

// withoutEcho cannot turn echo off on this system; the password is read as
// typed.
func withoutEcho(_ *os.File, read func() (string, error)) (string, error) { return read() }

// isTerminal reports whether f is a terminal; without the ioctl, a
// character device is taken for one.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

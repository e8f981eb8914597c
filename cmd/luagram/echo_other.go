//go:build !linux

package main

import "os"

// withoutEcho cannot turn echo off on this system; the password is read as
// typed.
func withoutEcho(_ *os.File, read func() (string, error)) (string, error) { return read() }

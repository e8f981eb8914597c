package client

import (
	"iter"

	"github.com/luagram/luagram/storage"
)

// memoryBackend keeps a session only in memory: a client without a
// session file (tests, one-shot tools).
type memoryBackend struct{}

func (memoryBackend) Load(func(*storage.Changes) error) error                   { return nil }
func (memoryBackend) Commit(*storage.Changes, iter.Seq[*storage.Changes]) error { return nil }
func (memoryBackend) Close() error                                              { return nil }

// NewMemoryStore returns a session store that is not saved anywhere.
func NewMemoryStore() (*storage.Store, error) { return storage.New(memoryBackend{}) }

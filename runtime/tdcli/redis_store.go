package tdcli

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// kvStore is the embedded Redis: 16 databases of strings, sets, hashes,
// lists and sorted sets with expiry, kept in memory and saved to
// redis.json in the data directory — atomically (a temporary file renamed
// over the old one), within a second of a change and on Close. Scripts of
// one process share it, as they would share a Redis server.
type kvStore struct {
	mu    sync.Mutex
	dbs   [16]map[string]*entry
	path  string
	dirty bool
	log   *slog.Logger
	now   func() time.Time

	refs int
	stop chan struct{}
	done chan struct{}
}

// An entry is one key's value.
type entry struct {
	Kind   string             `json:"t"` // string, set, hash, list, zset
	Str    string             `json:"s,omitempty"`
	Set    map[string]bool    `json:"set,omitempty"`
	Hash   map[string]string  `json:"h,omitempty"`
	List   []string           `json:"l,omitempty"`
	ZSet   map[string]float64 `json:"z,omitempty"`
	Expire int64              `json:"x,omitempty"` // unix milliseconds; 0: none
}

// stores are the open stores by file, shared by the Envs of a process.
var (
	storesMu sync.Mutex
	stores   = map[string]*kvStore{}
)

// openKVStore opens (or shares) the store of a data directory.
func openKVStore(dir string, log *slog.Logger) (*kvStore, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	path, err := filepath.Abs(filepath.Join(dir, "redis.json"))
	if err != nil {
		return nil, err
	}
	storesMu.Lock()
	defer storesMu.Unlock()
	if s := stores[path]; s != nil {
		s.refs++
		return s, nil
	}
	s := &kvStore{path: path, log: log, now: time.Now, refs: 1, stop: make(chan struct{}), done: make(chan struct{})}
	for i := range s.dbs {
		s.dbs[i] = map[string]*entry{}
	}
	if data, err := os.ReadFile(path); err == nil {
		var dbs map[int]map[string]*entry
		if err := json.Unmarshal(data, &dbs); err != nil {
			return nil, fmt.Errorf("tdcli: reading %s: %w", path, err)
		}
		for i, db := range dbs {
			if i >= 0 && i < len(s.dbs) && db != nil {
				s.dbs[i] = db
			}
		}
	} else if !os.IsNotExist(err) {
		return nil, err
	}
	stores[path] = s
	go s.saveLoop()
	return s, nil
}

func (s *kvStore) saveLoop() {
	defer close(s.done)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			if err := s.save(); err != nil {
				s.log.Warn("tdcli: saving the redis store", "err", err)
			}
		}
	}
}

// save writes the store if it changed.
func (s *kvStore) save() error {
	s.mu.Lock()
	if !s.dirty {
		s.mu.Unlock()
		return nil
	}
	now := s.now().UnixMilli()
	dbs := map[int]map[string]*entry{}
	for i, db := range s.dbs {
		for k, e := range db {
			if e.Expire != 0 && e.Expire <= now {
				continue
			}
			if dbs[i] == nil {
				dbs[i] = map[string]*entry{}
			}
			dbs[i][k] = e
		}
	}
	data, err := json.Marshal(dbs)
	s.dirty = false
	s.mu.Unlock()
	if err != nil {
		return err
	}
	tmp := s.path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, s.path)
}

// Close saves the store; the last Env to close it stops its saver.
func (s *kvStore) Close() error {
	storesMu.Lock()
	s.refs--
	last := s.refs == 0
	if last {
		delete(stores, s.path)
	}
	storesMu.Unlock()
	if last {
		close(s.stop)
		<-s.done
	}
	return s.save()
}

// conn opens a connection to the store on database 0.
func (s *kvStore) conn() *kvConn { return &kvConn{s: s} }

// A kvConn is one client of the embedded store: its database and its
// MULTI queue.
type kvConn struct {
	s     *kvStore
	db    int
	multi [][]string
	inTx  bool
}

func (c *kvConn) close() error { return nil }

// do runs one command.
func (c *kvConn) do(args []string) (reply, error) {
	if len(args) == 0 {
		return errorReply("ERR empty command"), nil
	}
	switch name := upper(args[0]); {
	case name == "MULTI":
		if c.inTx {
			return errorReply("ERR MULTI calls can not be nested"), nil
		}
		c.inTx, c.multi = true, nil
		return statusReply("OK"), nil
	case name == "DISCARD":
		if !c.inTx {
			return errorReply("ERR DISCARD without MULTI"), nil
		}
		c.inTx, c.multi = false, nil
		return statusReply("OK"), nil
	case name == "EXEC":
		if !c.inTx {
			return errorReply("ERR EXEC without MULTI"), nil
		}
		queued := c.multi
		c.inTx, c.multi = false, nil
		c.s.mu.Lock()
		defer c.s.mu.Unlock()
		out := make([]reply, len(queued))
		for i, q := range queued {
			out[i] = c.exec(q)
		}
		return arrayReply(out), nil
	case name == "WATCH" || name == "UNWATCH":
		return statusReply("OK"), nil
	case c.inTx:
		c.multi = append(c.multi, args)
		return statusReply("QUEUED"), nil
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	return c.exec(args), nil
}

// get returns the live entry of key, dropping it if it expired. Call with
// s.mu held.
func (c *kvConn) get(key string) *entry {
	db := c.s.dbs[c.db]
	e := db[key]
	if e != nil && e.Expire != 0 && e.Expire <= c.s.now().UnixMilli() {
		delete(db, key)
		c.s.dirty = true
		return nil
	}
	return e
}

// typed returns the entry of key if it has kind; wrong reports another
// kind.
func (c *kvConn) typed(key, kind string) (e *entry, wrong bool) {
	e = c.get(key)
	if e != nil && e.Kind != kind {
		return nil, true
	}
	return e, false
}

// create returns the entry of key with kind, making it if missing.
func (c *kvConn) create(key, kind string) (*entry, bool) {
	e, wrong := c.typed(key, kind)
	if wrong {
		return nil, true
	}
	if e == nil {
		e = &entry{Kind: kind}
		switch kind {
		case "set":
			e.Set = map[string]bool{}
		case "hash":
			e.Hash = map[string]string{}
		case "zset":
			e.ZSet = map[string]float64{}
		}
		c.s.dbs[c.db][key] = e
	}
	return e, false
}

// drop removes key if its collection became empty.
func (c *kvConn) drop(key string, e *entry) {
	if len(e.Set)+len(e.Hash)+len(e.List)+len(e.ZSet) == 0 && e.Kind != "string" {
		delete(c.s.dbs[c.db], key)
	}
}

var wrongType = errorReply("WRONGTYPE Operation against a key holding the wrong kind of value")

package runtime

import (
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// A watcher reloads a script when its file or a module it required
// changes. It watches the files' directories, not the files, because
// editors often save by writing a new file and renaming it over the old
// one. Changes are debounced: the reload starts once no change was seen
// for Config.Debounce.
type watcher struct {
	p     *program
	fw    *fsnotify.Watcher
	mu    sync.Mutex
	files map[string]bool
	dirs  map[string]bool
	timer *time.Timer
	seq   int       // counts changes; a timer acts only for the last
	first time.Time // the first change since the last reload
	done  chan struct{}
}

func newWatcher(p *program) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{p: p, fw: fw, files: map[string]bool{}, dirs: map[string]bool{}, done: make(chan struct{})}
	go w.run()
	return w, nil
}

// add watches path; it is safe to call from any goroutine.
func (w *watcher) add(path string) {
	path = filepath.Clean(path)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.files[path] {
		return
	}
	w.files[path] = true
	dir := filepath.Dir(path)
	if !w.dirs[dir] {
		if err := w.fw.Add(dir); err != nil {
			w.p.log.Warn("cannot watch for changes", "dir", dir, "err", err)
			return
		}
		w.dirs[dir] = true
	}
}

func (w *watcher) run() {
	for {
		select {
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename|fsnotify.Remove) == 0 {
				continue
			}
			w.mu.Lock()
			if w.files[filepath.Clean(ev.Name)] {
				w.changed()
			}
			w.mu.Unlock()
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			w.p.log.Warn("watching for changes", "err", err)
		case <-w.done:
			return
		}
	}
}

// changed (re)starts the debounce timer; w.mu is held.
func (w *watcher) changed() {
	if w.timer == nil {
		w.first = time.Now()
	} else {
		w.timer.Stop()
	}
	w.seq++
	seq := w.seq
	w.timer = time.AfterFunc(w.p.h.cfg.Debounce, func() {
		w.mu.Lock()
		if seq != w.seq {
			w.mu.Unlock()
			return
		}
		first := w.first
		w.timer = nil
		w.mu.Unlock()
		w.p.post(func() {
			w.p.changedAt = first
			w.p.reload()
		})
	})
}

func (w *watcher) close() {
	w.mu.Lock()
	if w.timer != nil {
		w.timer.Stop()
	}
	w.mu.Unlock()
	close(w.done)
	w.fw.Close()
}

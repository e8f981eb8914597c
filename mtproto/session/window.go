package session

// An idWindow remembers the last n message ids seen, to drop duplicates.
type idWindow struct {
	ring []int64
	next int
	set  map[int64]struct{}
}

func newIDWindow(n int) *idWindow {
	return &idWindow{ring: make([]int64, 0, n), set: make(map[int64]struct{}, n)}
}

// add records id; it returns false if id was seen already.
func (w *idWindow) add(id int64) bool {
	if _, ok := w.set[id]; ok {
		return false
	}
	if len(w.ring) < cap(w.ring) {
		w.ring = append(w.ring, id)
	} else {
		delete(w.set, w.ring[w.next])
		w.ring[w.next] = id
		w.next = (w.next + 1) % len(w.ring)
	}
	w.set[id] = struct{}{}
	return true
}

// has reports whether id was seen.
func (w *idWindow) has(id int64) bool {
	_, ok := w.set[id]
	return ok
}

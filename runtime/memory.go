package runtime

// A memGuard enforces the memory budget of one Lua state. gopher-lua has no
// allocation hook, so the guard combines two measurements:
//
//   - the process's cumulative heap allocation (runtime/metrics), read at
//     every check of the guard (at most every maxInterval instructions):
//     between two walks, the state's data cannot grow by more than the
//     process allocated;
//   - a walk of everything the state can reach (size.go), done when the
//     process has allocated more than the state's remaining headroom since
//     the last walk.
//
// So at every check the state's reachable data, as the walk estimates it, is
// below limit plus limit/16, or the script is stopped.
type memGuard struct {
	limit int64 // bytes; 0 means no limit
	base  uint64
	last  uint64
	size  int64 // found by the last walk
	walk  func(limit int64) int64
}

func (m *memGuard) init(limit int64, walk func(int64) int64) {
	m.limit, m.walk = limit, walk
	m.base = allocated()
	m.last = m.base
}

// check returns whether the process allocated fast since the last check, and
// a *MemoryError if the state is over budget.
func (m *memGuard) check() (fast bool, err error) {
	if m.limit <= 0 || m.walk == nil {
		return false, nil
	}
	a := allocated()
	fast = a-m.last > uint64(m.limit/16)
	m.last = a
	headroom := max(m.limit-m.size, m.limit/16)
	if a-m.base < uint64(headroom) {
		return fast, nil
	}
	m.size = m.walk(m.limit + m.limit/16)
	m.base = allocated() // the walk's own allocations do not count
	m.last = m.base
	if m.size > m.limit {
		return fast, &MemoryError{Size: m.size, Limit: m.limit}
	}
	return fast, nil
}

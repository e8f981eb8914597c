package runtime

// Updates of one chat are handled in order: the handlers of an update with
// a Key run to their end — API calls included — before the handlers of the
// next update with the same Key start. A bot's answers to one chat thus
// come out in the order of the messages, while different chats still run
// concurrently and a slow call in one chat never stalls another.

// A chain is the order of one key: how many handler tasks of the update in
// progress are still alive, and the updates waiting for them.
type chain struct {
	busy  int
	queue []*Update
}

// chainOf returns the chain of key, creating it.
func (p *program) chainOf(key string) *chain {
	if p.chains == nil {
		p.chains = map[string]*chain{}
	}
	c := p.chains[key]
	if c == nil {
		c = &chain{}
		p.chains[key] = c
	}
	return c
}

// ordered reports whether u must wait for its chain, queueing it if so.
func (p *program) ordered(u *Update) bool {
	if u.Key == "" {
		return false
	}
	c := p.chainOf(u.Key)
	if c.busy == 0 {
		return false
	}
	c.queue = append(c.queue, u)
	return true
}

// taskStarted counts a handler task of key.
func (p *program) taskStarted(key string) {
	if key != "" {
		p.chainOf(key).busy++
	}
}

// taskEnded is called when a handler task of key ends (or is dropped with
// its state); the last one lets the next queued update of the chain go,
// from a later turn of the loop so that no handler runs inside another.
func (p *program) taskEnded(key string) {
	if key == "" {
		return
	}
	c := p.chains[key]
	if c == nil {
		return
	}
	if c.busy > 0 {
		c.busy--
	}
	if c.busy > 0 {
		return
	}
	if len(c.queue) == 0 {
		delete(p.chains, key)
		return
	}
	next := c.queue[0]
	c.queue = c.queue[1:]
	p.post(func() { p.handleUpdate(next) })
}

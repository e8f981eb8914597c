package parsemode

// A token opens or closes an entity, or a piece of one, at a byte offset of
// the text (pos) and the same UTF-16 offset (off).
type token struct {
	pos  int
	off  int32
	open bool
	e    *entity
}

// splittable reports whether an entity of kind k may be written in pieces,
// as TDLib's fix_entities splits Bold, Italic, Underline, Strikethrough and
// Spoiler around other entities.
func splittable(k kind) bool {
	switch k {
	case kindBold, kindItalic, kindUnderline, kindStrike, kindSpoiler:
		return true
	}
	return false
}

// nest turns entities, sorted with outer ones first among those that start
// together, into properly nested opening and closing tokens. When two
// entities overlap without one holding the other, the splittable one is
// written in pieces; if neither is, nest fails. offsets maps UTF-16 offsets
// to byte offsets.
func nest(es []entity, offsets []int) ([]token, error) {
	n := nester{offsets: offsets, toks: make([]token, 0, 2*len(es))}
	for i := range es {
		e := &es[i]
		n.closeTo(e.offset)
		// Splittable entities still open that end inside e are split and
		// continue inside it.
		var moved []*entity
		for len(n.stack) > 0 {
			m := n.top()
			if m.end() >= e.end() || !splittable(m.kind) {
				break
			}
			n.pop(e.offset)
			moved = append(moved, m)
		}
		if len(n.stack) > 0 && n.top().end() < e.end() && !splittable(e.kind) {
			return nil, &EntityError{Index: n.top().index, Msg: "entity overlaps another and neither can be split"}
		}
		// If the top ends inside e, e is the one split, when the top
		// closes.
		n.push(e, e.offset)
		for j := len(moved) - 1; j >= 0; j-- {
			n.push(moved[j], e.offset)
		}
	}
	n.closeTo(1<<31 - 1)
	return n.toks, nil
}

type nester struct {
	offsets []int
	toks    []token
	stack   []*entity
}

func (n *nester) top() *entity { return n.stack[len(n.stack)-1] }

func (n *nester) push(e *entity, off int32) {
	n.toks = append(n.toks, token{pos: n.offsets[off], off: off, open: true, e: e})
	n.stack = append(n.stack, e)
}

func (n *nester) pop(off int32) {
	e := n.top()
	n.stack = n.stack[:len(n.stack)-1]
	n.toks = append(n.toks, token{pos: n.offsets[off], off: off, e: e})
}

// closeTo closes every open entity that ends at or before limit, in the
// order of their ends. Entities above one that closes, which only
// splittable ones can be, are closed with it and opened again.
func (n *nester) closeTo(limit int32) {
	for {
		at := -1
		for i, e := range n.stack {
			if e.end() <= limit && (at < 0 || e.end() <= n.stack[at].end()) {
				at = i
			}
		}
		if at < 0 {
			return
		}
		end := n.stack[at].end()
		above := append([]*entity(nil), n.stack[at+1:]...)
		for range above {
			n.pop(end)
		}
		n.pop(end)
		for _, e := range above {
			n.push(e, end)
		}
	}
}

// pieces returns the entities the tokens write, each piece of a split
// entity on its own, sorted as the parsers sort them.
func pieces(toks []token) []entity {
	var (
		out   []entity
		opens []token
	)
	for _, t := range toks {
		if t.open {
			opens = append(opens, t)
			continue
		}
		o := opens[len(opens)-1]
		opens = opens[:len(opens)-1]
		if t.off > o.off {
			e := *t.e
			e.offset, e.length, e.index = o.off, t.off-o.off, 0
			out = append(out, e)
		}
	}
	sortEntities(out)
	return out
}

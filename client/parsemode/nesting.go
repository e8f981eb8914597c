package parsemode

// A token opens or closes an entity at a byte offset of the text.
type token struct {
	pos   int
	open  bool
	e     *entity
	first bool // an opening token that starts the entity, not a piece of it
	last  bool // a closing token that ends the entity
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
// together, into properly nested opening and closing tokens. An entity that
// ends inside another one that started after it is closed and reopened
// around it, when splittable; otherwise nest fails. offsets maps UTF-16
// offsets to byte offsets.
func nest(es []entity, offsets []int) ([]token, error) {
	toks := make([]token, 0, 2*len(es))
	var stack []*entity
	closeTo := func(end int32) { // close every entity ending at or before end
		for len(stack) > 0 && stack[len(stack)-1].end() <= end {
			e := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			toks = append(toks, token{pos: offsets[e.end()], e: e, last: true})
		}
	}
	for i := range es {
		e := &es[i]
		// Entities are sorted by offset, so everything ending before e
		// starts can be closed now.
		closeTo(e.offset)
		// Entities still open that end inside e move inside it.
		var moved []*entity
		for len(stack) > 0 && stack[len(stack)-1].end() < e.end() {
			m := stack[len(stack)-1]
			if !splittable(m.kind) {
				return nil, &EntityError{Index: m.index, Msg: "entity overlaps the one after it and cannot be split"}
			}
			stack = stack[:len(stack)-1]
			toks = append(toks, token{pos: offsets[e.offset], e: m})
			moved = append(moved, m)
		}
		toks = append(toks, token{pos: offsets[e.offset], open: true, e: e, first: true})
		stack = append(stack, e)
		for j := len(moved) - 1; j >= 0; j-- {
			toks = append(toks, token{pos: offsets[e.offset], open: true, e: moved[j]})
			stack = append(stack, moved[j])
		}
	}
	closeTo(1<<31 - 1)
	return toks, nil
}

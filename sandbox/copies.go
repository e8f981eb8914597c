package sandbox

// Private chats and basic groups keep a copy of every message in each
// participant's box, numbered per user. Deleting, editing, replying to or
// answering a button of a message needs the other copies; they are linked
// when the message is delivered, so that two messages with the same text
// in the same second are never confused (matching by date and text, which
// the finders fall back on for copies made elsewhere, could not tell them
// apart).

// A copyRef names one copy: the box's owner and the id in that box.
type copyRef struct {
	user int64
	id   int32
}

// copySet maps each participant to the id of their copy of one message.
type copySet map[int64]int32

// linkCopies records that refs are copies of one message. Call with w.mu
// held.
func (w *world) linkCopies(refs ...copyRef) {
	if len(refs) < 2 {
		return
	}
	if w.copies == nil {
		w.copies = map[copyRef]copySet{}
	}
	set := make(copySet, len(refs))
	for _, r := range refs {
		set[r.user] = r.id
		w.copies[r] = set
	}
}

// linkedCopy returns u's copy of owner's message id: the id and true when
// the message was linked (0 if u has no copy, or deleted it), or false
// when it was not and the caller has to search. Call with w.mu held.
func (w *world) linkedCopy(owner int64, id int32, u *user) (int32, bool) {
	set, ok := w.copies[copyRef{owner, id}]
	if !ok {
		return 0, false
	}
	if tid := set[u.id]; tid != 0 && u.box.messages[tid] != nil {
		return tid, true
	}
	return 0, true
}

package parsemode

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/luagram/luagram/tl/api"
)

// ToMarkdownV2 writes text and its entities in the MarkdownV2 parse mode,
// so that MarkdownV2 reads the result back as text and the same entities,
// when they are sorted as this package's parsers sort them. A bold, italic,
// underline, strikethrough or spoiler entity inside another of its kind is
// left out, as it changes nothing. A block quote that ends just before a
// line break is written as ending with it, as MarkdownV2 quotes do, and
// reads back one character longer.
//
// MarkdownV2 cannot say everything entities can: nothing may be formatted
// inside code, and nothing but code inside pre; a language may not contain
// white space or backticks; block quotes cannot nest, must start at the
// start of a line and must end with one or with the text. Entities it cannot
// write, and overlaps that ToHTML would fail on, are an *EntityError.
// ToMarkdownV2 checks its result by parsing it again.
func ToMarkdownV2(text string, entities []api.MessageEntityClass) (string, error) {
	es, offsets, err := fromAPI(text, entities)
	if err != nil {
		return "", err
	}
	es = dropNested(es)
	for i, e := range es {
		// A quote can only end with a line break, or with the text.
		if end := offsets[e.end()]; e.kind == kindQuote && end < len(text) && text[end] == '\n' && text[end-1] != '\n' {
			es[i].length++
		}
	}
	sortEntities(es)
	inner := innerQuotes(text, offsets, es)
	ordered := slices.Clone(es)
	slices.SortStableFunc(ordered, func(a, b entity) int {
		if c := cmp.Compare(a.offset, b.offset); c != 0 {
			return c
		}
		if c := cmp.Compare(b.length, a.length); c != 0 {
			return c
		}
		if c := cmp.Compare(mdRank(a, inner), mdRank(b, inner)); c != 0 {
			return c
		}
		return compareEntities(a, b)
	})
	toks, err := nest(ordered, offsets)
	if err != nil {
		return "", err
	}
	w := mdWriter{text: text, offsets: offsets, quoteStarts: make(map[int]bool),
		b: make([]byte, 0, len(text)+len(text)/8+16*len(toks))}
	for _, e := range es {
		if e.kind == kindQuote {
			w.quoteStarts[offsets[e.offset]] = true
		}
	}
	if err := w.write(toks); err != nil {
		return "", err
	}
	out := string(w.b)
	gotText, got, err := parseMarkdownV2(out)
	if err != nil || gotText != text || !sameEntities(got, pieces(toks)) {
		return "", &EntityError{Index: -1, Msg: "the entities cannot be written in MarkdownV2"}
	}
	return out, nil
}

// mdRank orders entities with the same range from the outside in, as
// MarkdownV2 requires: pre and then code innermost, and block quotes
// outermost, except those in inner, which must be innermost.
func mdRank(e entity, inner map[int32]bool) int {
	switch e.kind {
	case kindQuote:
		if inner[e.offset] {
			return 8
		}
		return 0
	case kindTextURL, kindMention:
		return 1
	case kindCustomEmoji, kindDate:
		return 2
	case kindPre:
		return 9
	case kindCode:
		return 10
	}
	return 3 + int(e.kind) // bold, italic, underline, strikethrough, spoiler
}

// innerQuotes returns the offsets of the block quotes that end with their
// last line break: those whose text ends with a line break that no entity
// inside them covers (pre and code always are inside). Such a quote must be the innermost of the entities
// with its range. Any other quote ends with the text, and must be the
// outermost.
func innerQuotes(text string, offsets []int, es []entity) map[int32]bool {
	inner := make(map[int32]bool)
	for _, q := range es {
		if q.kind != kindQuote || text[offsets[q.end()]-1] != '\n' {
			continue
		}
		covered := false
		for _, e := range es {
			// Code and pre with the quote's range are inside it too.
			if e.offset >= q.offset && e.end() == q.end() &&
				(e.length < q.length || e.kind == kindCode || e.kind == kindPre) {
				covered = true
				break
			}
		}
		if !covered {
			inner[q.offset] = true
		}
	}
	return inner
}

// dropNested leaves out splittable entities that lie inside another entity
// of their kind, keeping the first of identical ones. es is sorted.
func dropNested(es []entity) []entity {
	out := es[:0:0]
	for i, e := range es {
		covered := false
		if splittable(e.kind) {
			for j := 0; j < i && es[j].offset <= e.offset; j++ {
				if es[j].kind == e.kind && es[j].end() >= e.end() {
					covered = true
					break
				}
			}
		}
		if !covered {
			out = append(out, e)
		}
	}
	return out
}

// An mdWriter writes text and nested tokens as MarkdownV2.
type mdWriter struct {
	text    string
	offsets []int
	b       []byte
	stack   []*entity

	quoteStarts map[int]bool // byte offsets at which block quotes start

	underscore bool // the last byte written is the _ of a marker
	quoteEnded bool // the last byte written is the line break ending a quote
}

func (w *mdWriter) top() *entity {
	if len(w.stack) == 0 {
		return nil
	}
	return w.stack[len(w.stack)-1]
}

func (w *mdWriter) inCode() bool {
	t := w.top()
	return t != nil && (t.kind == kindCode || t.kind == kindPre)
}

func (w *mdWriter) quote() *entity {
	for _, e := range w.stack {
		if e.kind == kindQuote {
			return e
		}
	}
	return nil
}

// quoteAfter reports whether a block quote starts at pos, or after the
// carriage returns that follow pos.
func (w *mdWriter) quoteAfter(pos int) bool {
	for ; !w.quoteStarts[pos]; pos++ {
		if pos >= len(w.text) || w.text[pos] != '\r' {
			return false
		}
	}
	return true
}

// separator writes an empty entity, which keeps the markers around it
// apart: two _ markers in a row would read as one __ marker, and a > right
// after the end of a quote would continue it.
func (w *mdWriter) separator() {
	if t := w.top(); t != nil && t.kind == kindBold {
		w.b = append(w.b, "~~"...)
	} else {
		w.b = append(w.b, "**"...)
	}
}

func (w *mdWriter) marker(m string) {
	if m == "" {
		return
	}
	if w.underscore && m[0] == '_' {
		w.separator()
	}
	w.b = append(w.b, m...)
	w.underscore = m[len(m)-1] == '_'
	w.quoteEnded = false
}

func (w *mdWriter) write(toks []token) error {
	ti := 0
	for pos := 0; ; {
		for ; ti < len(toks) && toks[ti].pos == pos; ti++ {
			var err error
			if toks[ti].open {
				err = w.open(toks[ti].e, pos)
			} else {
				err = w.close(toks[ti].e, pos)
			}
			if err != nil {
				return err
			}
		}
		if pos == len(w.text) {
			return nil
		}
		_, n := utf8.DecodeRuneInString(w.text[pos:])
		if err := w.char(pos, n); err != nil {
			return err
		}
		pos += n
	}
}

func (w *mdWriter) open(e *entity, pos int) error {
	if w.inCode() && !(e.kind == kindCode && w.top().kind == kindPre) {
		// Inside pre only ` is reserved, and it opens code.
		return &EntityError{Index: e.index, Msg: "entity inside code or pre cannot be written in MarkdownV2"}
	}
	switch e.kind {
	case kindBold:
		w.marker("*")
	case kindItalic:
		w.marker("_")
	case kindUnderline:
		w.marker("__")
	case kindStrike:
		w.marker("~")
	case kindSpoiler:
		w.marker("||")
	case kindCode:
		w.marker("`")
	case kindPre:
		if strings.IndexFunc(e.arg, func(r rune) bool { return r == '`' || r < 0x80 && isSpaceOrEnd(byte(r)) }) >= 0 {
			return &EntityError{Index: e.index, Msg: "pre language with white space or backticks cannot be written in MarkdownV2"}
		}
		w.marker("```" + e.arg + "\n")
	case kindTextURL, kindMention:
		w.marker("[")
	case kindCustomEmoji, kindDate:
		w.marker("![")
	case kindQuote:
		if w.quote() != nil {
			return &EntityError{Index: e.index, Msg: "nested block quotes cannot be written in MarkdownV2"}
		}
		if line := strings.TrimRight(w.text[:pos], "\r"); line != "" && line[len(line)-1] != '\n' {
			return &EntityError{Index: e.index, Msg: "block quote not at the start of a line cannot be written in MarkdownV2"}
		}
		if w.quoteEnded {
			w.separator()
		}
		w.marker(">")
	}
	w.stack = append(w.stack, e)
	return nil
}

func (w *mdWriter) close(e *entity, pos int) error {
	// e stays on the stack while its marker is written, as it does for
	// the parser when it reads the marker.
	defer func() { w.stack = w.stack[:len(w.stack)-1] }()
	switch e.kind {
	case kindBold:
		w.marker("*")
	case kindItalic:
		w.marker("_")
	case kindUnderline:
		w.marker("__")
	case kindStrike:
		w.marker("~")
	case kindSpoiler:
		w.marker("||")
	case kindCode:
		w.marker("`")
	case kindPre:
		w.marker("```")
	case kindTextURL, kindMention, kindCustomEmoji, kindDate:
		url := entityURL(*e)
		var b strings.Builder
		b.WriteString("](")
		for i := 0; i < len(url); i++ {
			if url[i] == ')' || url[i] == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(url[i])
		}
		b.WriteByte(')')
		w.marker(b.String())
	case kindQuote:
		if w.text[pos-1] == '\n' && w.quoteEnded {
			return nil // the line break ended it
		}
		if pos != len(w.text) {
			return &EntityError{Index: e.index, Msg: "block quote ending inside a line cannot be written in MarkdownV2"}
		}
		if e.flags != 0 {
			w.marker("||")
		}
	}
	return nil
}

// char writes the n bytes of the character at pos.
func (w *mdWriter) char(pos, n int) error {
	c := w.text[pos]
	w.underscore, w.quoteEnded = false, false
	if n > 1 {
		w.b = append(w.b, w.text[pos:pos+n]...)
		return nil
	}
	if w.inCode() {
		t := w.top()
		switch {
		case c == '`' || c == '\\':
			w.b = append(w.b, '\\', c)
		case c == '\r' && pos == w.offsets[t.offset] && t.kind == kindPre:
			// The line break after ``` is skipped, and \n\r with it.
			w.b = append(w.b, '\\', c)
		case c == '\n' && w.quoteAfter(pos+1):
			// A line break read inside code does not let a quote start
			// after the code; an escaped one does.
			w.b = append(w.b, '\\', c)
		default:
			w.b = append(w.b, c)
		}
		return nil
	}
	if c == '\n' {
		q := w.quote()
		switch {
		case q == nil:
			w.b = append(w.b, '\n')
		case pos+1 == w.offsets[q.end()] && w.top() != q:
			// Other entities are open: the quote can only end with the
			// text, and the line break is escaped so as not to end it.
			if pos+1 != len(w.text) {
				return &EntityError{Index: w.top().index, Msg: "entity ending with the line break that ends a block quote cannot be written in MarkdownV2"}
			}
			w.b = append(w.b, '\\', '\n')
		case pos+1 == w.offsets[q.end()]:
			if q.flags != 0 {
				w.b = append(w.b, "||"...)
			}
			w.b = append(w.b, '\n')
			w.quoteEnded = true
		default:
			w.b = append(w.b, '\n', '>')
		}
		return nil
	}
	if strings.IndexByte(mdReserved, c) >= 0 {
		w.b = append(w.b, '\\')
	}
	w.b = append(w.b, c)
	return nil
}

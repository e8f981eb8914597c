package parsemode

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/luagram/luagram/tl/api"
)

// HTML parses the Bot API's HTML parse mode. It knows the tags b and
// strong, i and em, u and ins, s, strike and del, tg-spoiler and
// <span class="tg-spoiler">, a with href (a tg://user?id= link is a mention),
// code, pre and <pre><code class="language-x"> for code with a language,
// blockquote with the expandable attribute, tg-emoji with emoji-id and
// tg-time with unix and format. Tag names are case-insensitive and </>
// closes the innermost tag. Text may hold the character references &lt;
// &gt; &amp; &quot; and numeric references.
//
// Unknown and unclosed tags, mismatched end tags and ampersands that do not
// begin a reference are *SyntaxError values.
func HTML(s string) (text string, entities []api.MessageEntityClass, err error) {
	text, es, err := parseHTML(s)
	if err != nil {
		return "", nil, err
	}
	return text, toAPI(es), nil
}

// An htmlTag is a start tag waiting for its end tag.
type htmlTag struct {
	name   string
	arg    string
	id     int64 // tg-emoji document id, tg-time date
	flags  uint8 // tg-time format
	offset int32 // UTF-16 offset of the tag's text
	start  int   // byte offset of the tag's text in the output
	pos    int   // byte offset of the tag in the input
}

// knownTag reports whether HTML supports the tag.
func knownTag(name string) bool {
	switch name {
	case "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
		"tg-spoiler", "tg-emoji", "tg-time", "span", "pre", "code", "blockquote":
		return true
	}
	return false
}

// isSpace is TDLib's is_space without the NUL it also counts, which in this
// code marks the end of the input instead.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v'
}

func parseHTML(s string) (string, []entity, error) {
	if err := checkUTF8(s); err != nil {
		return "", nil, err
	}
	out := make([]byte, 0, len(s))
	var (
		u16   int32
		stack []htmlTag
		es    []entity
	)
	for i := 0; i < len(s); {
		c := s[i]
		if c == '&' {
			r, n, err := decodeCharRef(s, i)
			if err != nil {
				return "", nil, err
			}
			out = utf8.AppendRune(out, r)
			u16 += int32(utf16Units(r))
			i += n
			continue
		}
		if c != '<' {
			j := i + 1
			for j < len(s) && s[j] != '<' && s[j] != '&' {
				j++
			}
			u16 += runUnits(s[i:j])
			out = append(out, s[i:j]...)
			i = j
			continue
		}
		if i+1 < len(s) && s[i+1] == '/' {
			n, err := closeHTMLTag(s, i, &stack, &es, out, u16)
			if err != nil {
				return "", nil, err
			}
			i += n
			continue
		}
		t, n, err := openHTMLTag(s, i)
		if err != nil {
			return "", nil, err
		}
		t.offset, t.start = u16, len(out)
		stack = append(stack, t)
		i += n
	}
	if len(stack) > 0 {
		t := stack[len(stack)-1]
		return "", nil, &SyntaxError{Offset: t.pos, Msg: "no end tag for <" + t.name + ">"}
	}
	for i := range es {
		if es[i].kind == kindCode {
			es[i].arg = ""
		}
	}
	sortEntities(es)
	return string(out), es, nil
}

func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// openHTMLTag reads the start tag at s[begin], which is '<', and returns it
// with its length.
func openHTMLTag(s string, begin int) (htmlTag, int, error) {
	unclosed := func(name string) error {
		if name == "" {
			return &SyntaxError{Offset: begin, Msg: "unclosed start tag"}
		}
		return &SyntaxError{Offset: begin, Msg: "unclosed start tag <" + name + ">"}
	}
	i := begin + 1
	for i < len(s) && !isSpace(s[i]) && s[i] != '>' {
		i++
	}
	if i == len(s) {
		return htmlTag{}, 0, unclosed("")
	}
	t := htmlTag{name: strings.ToLower(s[begin+1 : i]), pos: begin}
	if !knownTag(t.name) {
		return htmlTag{}, 0, &SyntaxError{Offset: begin, Msg: "unsupported start tag <" + t.name + ">"}
	}
	var unix, format string
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i == len(s) {
			return htmlTag{}, 0, unclosed(t.name)
		}
		if s[i] == '>' {
			break
		}
		nameStart := i
		for i < len(s) && !isSpace(s[i]) && !strings.ContainsRune("=>/\"'", rune(s[i])) {
			i++
		}
		attr := s[nameStart:i]
		if attr == "" {
			return htmlTag{}, 0, &SyntaxError{Offset: i, Msg: "empty attribute name in <" + t.name + ">"}
		}
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i == len(s) {
			return htmlTag{}, 0, unclosed(t.name)
		}
		if s[i] != '=' {
			if t.name == "blockquote" && attr == "expandable" {
				t.arg = "1"
			}
			continue
		}
		i++
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i == len(s) {
			return htmlTag{}, 0, unclosed(t.name)
		}
		var value string
		if q := s[i]; q != '"' && q != '\'' {
			// A name token: letters, digits, periods and hyphens, which
			// are not case-sensitive.
			tokenStart := i
			for i < len(s) && (isAlpha(s[i]) || isDigit(s[i], false) || s[i] == '.' || s[i] == '-') {
				i++
			}
			if i == len(s) {
				return htmlTag{}, 0, unclosed(t.name)
			}
			if !isSpace(s[i]) && s[i] != '>' {
				return htmlTag{}, 0, &SyntaxError{Offset: i, Msg: "unexpected character in an unquoted attribute value"}
			}
			value = strings.ToLower(s[tokenStart:i])
		} else {
			i++
			start := i
			for i < len(s) && s[i] != q && s[i] != '&' {
				i++
			}
			value = s[start:i] // without references, no copy is needed
			if i < len(s) && s[i] == '&' {
				b := []byte(value)
				for i < len(s) && s[i] != q {
					if s[i] == '&' {
						r, n, err := decodeCharRef(s, i)
						if err != nil {
							return htmlTag{}, 0, err
						}
						b = utf8.AppendRune(b, r)
						i += n
						continue
					}
					b = append(b, s[i])
					i++
				}
				value = string(b)
			}
			if i == len(s) {
				return htmlTag{}, 0, unclosed(t.name)
			}
			i++
		}
		switch {
		case t.name == "a" && attr == "href":
			t.arg = value
		case t.name == "code" && attr == "class" && strings.HasPrefix(value, "language-"):
			t.arg = value[len("language-"):]
		case t.name == "span" && attr == "class" && strings.HasPrefix(value, "tg-"):
			t.arg = value[len("tg-"):]
		case t.name == "tg-emoji" && attr == "emoji-id":
			t.arg = value
		case t.name == "blockquote" && attr == "expandable":
			t.arg = "1"
		case t.name == "tg-time" && attr == "unix":
			unix = value
		case t.name == "tg-time" && attr == "format":
			format = value
		}
	}
	switch t.name {
	case "span":
		if t.arg != "spoiler" {
			return htmlTag{}, 0, &SyntaxError{Offset: begin, Msg: `<span> without class="tg-spoiler"`}
		}
	case "tg-emoji":
		id, ok := parseCanonicalInt(t.arg, 64)
		if !ok || id == 0 {
			return htmlTag{}, 0, &SyntaxError{Offset: begin, Msg: "<tg-emoji> without a valid emoji-id"}
		}
		t.id = id
	case "tg-time":
		d, ok := parseCanonicalInt(unix, 32)
		if !ok || d <= 0 {
			return htmlTag{}, 0, &SyntaxError{Offset: begin, Msg: "<tg-time> without a positive unix time"}
		}
		f, ok := dateFlags(format)
		if !ok {
			return htmlTag{}, 0, &SyntaxError{Offset: begin, Msg: "<tg-time> with an invalid format " + strconv.Quote(format)}
		}
		t.id, t.flags = d, f
	}
	return t, i + 1 - begin, nil
}

// closeHTMLTag reads the end tag at s[begin], which is "</", closes the
// innermost start tag and records its entity if its text is not empty. It
// returns the length of the end tag.
func closeHTMLTag(s string, begin int, stack *[]htmlTag, es *[]entity, out []byte, u16 int32) (int, error) {
	if len(*stack) == 0 {
		return 0, &SyntaxError{Offset: begin, Msg: "unexpected end tag"}
	}
	i := begin + 2
	for i < len(s) && !isSpace(s[i]) && s[i] != '>' {
		i++
	}
	name := strings.ToLower(s[begin+2 : i])
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i == len(s) || s[i] != '>' {
		return 0, &SyntaxError{Offset: begin, Msg: "unclosed end tag"}
	}
	t := (*stack)[len(*stack)-1]
	*stack = (*stack)[:len(*stack)-1]
	if name != "" && name != t.name {
		return 0, &SyntaxError{Offset: begin, Msg: "end tag </" + name + "> does not match <" + t.name + ">"}
	}
	if u16 > t.offset {
		e := entity{offset: t.offset, length: u16 - t.offset}
		last := len(*es) - 1
		switch t.name {
		case "b", "strong":
			e.kind = kindBold
		case "i", "em":
			e.kind = kindItalic
		case "u", "ins":
			e.kind = kindUnderline
		case "s", "strike", "del":
			e.kind = kindStrike
		case "tg-spoiler", "span":
			e.kind = kindSpoiler
		case "tg-emoji":
			e.kind, e.id = kindCustomEmoji, t.id
		case "tg-time":
			e.kind, e.id, e.flags = kindDate, t.id, t.flags
		case "a":
			url := t.arg
			if url == "" {
				url = string(out[t.start:])
			}
			if id, ok := linkUserID(url); ok {
				e.kind, e.id = kindMention, id
			} else {
				e.kind, e.arg = kindTextURL, url
			}
		case "pre":
			// <pre><code class="language-x">: the code, closed just
			// before, becomes the language of the pre.
			if last >= 0 && (*es)[last].kind == kindCode && (*es)[last].offset == e.offset &&
				(*es)[last].length == e.length && (*es)[last].arg != "" {
				(*es)[last].kind = kindPre
				return i + 1 - begin, nil
			}
			e.kind = kindPre
		case "code":
			// <code class="language-x"><pre>, the other way round.
			if last >= 0 && (*es)[last].kind == kindPre && (*es)[last].arg == "" &&
				(*es)[last].offset == e.offset && (*es)[last].length == e.length && t.arg != "" {
				(*es)[last].arg = t.arg
				return i + 1 - begin, nil
			}
			e.kind, e.arg = kindCode, t.arg
		case "blockquote":
			e.kind = kindQuote
			if t.arg != "" {
				e.flags = 1
			}
		}
		*es = append(*es, e)
	}
	return i + 1 - begin, nil
}

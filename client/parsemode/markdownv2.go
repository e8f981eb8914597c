package parsemode

import (
	"strings"

	"github.com/luagram/luagram/tl/api"
)

// MarkdownV2 parses the Bot API's MarkdownV2 parse mode: *bold*, _italic_,
// __underline__, ~strikethrough~, ||spoiler||, [text](url) (a
// tg://user?id= URL makes a mention), ![emoji](tg://emoji?id=N) for custom
// emoji and ![text](tg://time?unix=N&format=F) for dates, `code`, and
// ```pre``` with an optional language after the opening backticks. Lines
// beginning with > form a block quote; a quote whose last line ends with ||
// is expandable. Entities nest, except inside code and pre.
//
// Any character from 1 to 126 may be escaped with a backslash, and the
// characters _ * [ ] ( ) ~ ` > # + - = | { } . ! must be, where they do not
// mark an entity. Inside code and pre only ` and \ must be escaped; inside
// the (url) part, only ) and \.
//
// Following TDLib, __ is always read greedily as the start or end of an
// underline: to write italic underlined text, separate the markers with an
// empty entity, as in ___text_**__.
//
// Unescaped reserved characters and entities without their end are
// *SyntaxError values.
func MarkdownV2(s string) (text string, entities []api.MessageEntityClass, err error) {
	text, es, err := parseMarkdownV2(s)
	if err != nil {
		return "", nil, err
	}
	return text, toAPI(es), nil
}

// kindExpandableQuote is a state of the MarkdownV2 parser: a quote closed
// by a line break right after the || that makes it expandable.
const kindExpandableQuote = kindDate + 1

// An mdOpen is an entity of the MarkdownV2 parser waiting for its end.
type mdOpen struct {
	kind   kind
	arg    string
	offset int32 // UTF-16 offset of the entity's text
	pos    int   // byte offset of the opening marker in the input
	start  int   // byte offset of the entity's text in the output
}

var kindNames = map[kind]string{
	kindBold: "bold", kindItalic: "italic", kindUnderline: "underline",
	kindStrike: "strikethrough", kindSpoiler: "spoiler", kindCode: "code",
	kindPre: "pre", kindTextURL: "link", kindCustomEmoji: "custom emoji",
	kindQuote: "block quote",
}

func reservedError(s string, i int) error {
	return &SyntaxError{Offset: i, Msg: "character " + quoteByte(s[i]) + " is reserved and must be escaped with a backslash"}
}

func parseMarkdownV2(s string) (string, []entity, error) {
	if err := checkUTF8(s); err != nil {
		return "", nil, err
	}
	out := make([]byte, 0, len(s))
	var (
		u16       int32
		stack     []mdOpen
		es        []entity
		haveQuote bool
		canQuote  = true // at the start of a line, where > opens a quote
	)
	unclosed := func(o mdOpen) error {
		return &SyntaxError{Offset: o.pos, Msg: "no end of the " + kindNames[o.kind] + " entity"}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if d := at(s, i+1); c == '\\' && d > 0 && d <= 126 {
			i++
			u16++
			out = append(out, d)
			if d != '\r' {
				canQuote = d == '\n'
			}
			continue
		}

		reserved := "_*[]()~`>#+-=|{}.!\n"
		if n := len(stack); n > 0 && (stack[n-1].kind == kindCode || stack[n-1].kind == kindPre) {
			reserved = "`"
		}
		if strings.IndexByte(reserved, c) < 0 {
			if u := units(c); u > 0 {
				u16 += u
				if c != '\r' {
					canQuote = false
				}
			}
			out = append(out, c)
			continue
		}

		if !mdEndsEntity(s, i, stack, haveQuote) {
			o := mdOpen{pos: i}
			switch c {
			case '_':
				o.kind = kindItalic
				if at(s, i+1) == '_' {
					o.kind = kindUnderline
					i++
				}
			case '*':
				o.kind = kindBold
			case '~':
				o.kind = kindStrike
			case '|':
				if at(s, i+1) != '|' {
					return "", nil, reservedError(s, i)
				}
				o.kind = kindSpoiler
				i++
			case '[':
				o.kind = kindTextURL
			case '`':
				o.kind = kindCode
				if at(s, i+1) == '`' && at(s, i+2) == '`' {
					o.kind = kindPre
					o.arg, i = preStart(s, i+3)
					i--
				}
			case '!':
				if at(s, i+1) != '[' {
					return "", nil, reservedError(s, i)
				}
				o.kind = kindCustomEmoji
				i++
			case '\n':
				u16++
				out = append(out, '\n')
				canQuote = true
				continue
			case '>':
				if !canQuote {
					return "", nil, reservedError(s, i)
				}
				if haveQuote {
					continue // the > that continues a quote
				}
				o.kind = kindQuote
				haveQuote = true
			default:
				return "", nil, reservedError(s, i)
			}
			o.offset, o.start = u16, len(out)
			stack = append(stack, o)
			continue
		}

		// The end of the innermost entity.
		o := stack[len(stack)-1]
		k := o.kind
		if c == '\n' && k != kindQuote {
			// Only the || that makes a quote expandable may be open at
			// the end of the quote's last line.
			if k != kindSpoiler || !(o.pos == i-2 || o.pos == i-3 && len(out) > 0 && out[len(out)-1] == '\r') {
				return "", nil, unclosed(o)
			}
			stack = stack[:len(stack)-1]
			o = stack[len(stack)-1]
			if o.kind != kindQuote {
				return "", nil, unclosed(o)
			}
			k = kindExpandableQuote
		}
		e := entity{kind: k, offset: o.offset, arg: o.arg}
		skip := u16 == o.offset
		switch k {
		case kindUnderline, kindSpoiler:
			i++
		case kindPre:
			i += 2
		case kindTextURL:
			var url string
			if at(s, i+1) != '(' {
				url = string(out[o.start:])
			} else {
				var err error
				if url, i, err = mdURL(s, i+2); err != nil {
					return "", nil, err
				}
				if url == "" && !skip {
					return "", nil, &SyntaxError{Offset: i, Msg: "empty URL"}
				}
			}
			if id, ok := linkUserID(url); ok {
				e.kind, e.id = kindMention, id
			} else {
				e.arg = url
			}
		case kindCustomEmoji:
			if at(s, i+1) != '(' {
				return "", nil, &SyntaxError{Offset: o.pos, Msg: "custom emoji without a tg://emoji or tg://time URL"}
			}
			urlPos := i + 2
			url, j, err := mdURL(s, urlPos)
			if err != nil {
				return "", nil, err
			}
			i = j
			if id, ok := linkCustomEmojiID(url); ok {
				e.id = id
			} else if date, flags, ok := linkDate(url); ok {
				e.kind, e.id, e.flags = kindDate, int64(date), flags
			} else {
				return "", nil, &SyntaxError{Offset: urlPos, Msg: "invalid tg://emoji or tg://time URL"}
			}
		case kindQuote, kindExpandableQuote:
			haveQuote = false
			out = append(out, '\n')
			canQuote = true
			u16++
			skip = false
			e.kind = kindQuote
			if k == kindExpandableQuote {
				e.flags = 1
			}
		}
		if !skip {
			e.length = u16 - e.offset
			es = append(es, e)
		}
		stack = stack[:len(stack)-1]
	}
	if haveQuote {
		flags := uint8(0)
		if o := stack[len(stack)-1]; o.kind == kindSpoiler && o.pos == len(s)-2 {
			stack = stack[:len(stack)-1]
			flags = 1
		}
		if o := stack[len(stack)-1]; o.kind == kindQuote {
			if u16 != o.offset {
				es = append(es, entity{kind: kindQuote, offset: o.offset, length: u16 - o.offset, flags: flags})
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return "", nil, unclosed(stack[len(stack)-1])
	}
	sortEntities(es)
	return string(out), es, nil
}

// mdEndsEntity reports whether the reserved character s[i] ends the
// innermost open entity.
func mdEndsEntity(s string, i int, stack []mdOpen, haveQuote bool) bool {
	if len(stack) == 0 {
		return false
	}
	c := s[i]
	if haveQuote && c == '\n' && at(s, i+1) != '>' {
		return true
	}
	switch stack[len(stack)-1].kind {
	case kindBold:
		return c == '*'
	case kindItalic:
		return c == '_' && at(s, i+1) != '_'
	case kindCode:
		return c == '`'
	case kindPre:
		return c == '`' && at(s, i+1) == '`' && at(s, i+2) == '`'
	case kindTextURL, kindCustomEmoji:
		return c == ']'
	case kindUnderline:
		return c == '_' && at(s, i+1) == '_'
	case kindStrike:
		return c == '~'
	case kindSpoiler:
		return c == '|' && at(s, i+1) == '|'
	}
	return false
}

// mdURL reads the URL of a link from s[i] to the closing parenthesis, in
// which a backslash escapes any character from 1 to 126. It returns the URL
// and the offset of the parenthesis.
func mdURL(s string, i int) (string, int, error) {
	start := i
	var b strings.Builder
	for i < len(s) && s[i] != ')' {
		if d := at(s, i+1); s[i] == '\\' && d > 0 && d <= 126 {
			b.WriteByte(d)
			i += 2
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	if i >= len(s) {
		return "", 0, &SyntaxError{Offset: start, Msg: "no ) ending the URL"}
	}
	return b.String(), i, nil
}

package parsemode

import (
	"github.com/luagram/luagram/tl/api"
)

// Markdown parses the Bot API's legacy Markdown parse mode: *bold*,
// _italic_, `code`, ```pre``` (with a language when one follows the opening
// backticks on the same line) and [text](url), where a tg://user?id= URL
// makes a mention and [text] alone uses the text as the URL. Entities do not
// nest, and their text is taken as written. Outside entities a backslash
// escapes _, *, ` and [.
//
// An entity without its end, and a URL without its closing parenthesis, are
// *SyntaxError values.
func Markdown(s string) (text string, entities []api.MessageEntityClass, err error) {
	text, es, err := parseMarkdown(s)
	if err != nil {
		return "", nil, err
	}
	return text, toAPI(es), nil
}

// at returns s[i], or 0 past the end, which the parsers read as TDLib reads
// the terminating NUL of its strings.
func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// isSpaceOrEnd is TDLib's is_space, NUL included.
func isSpaceOrEnd(c byte) bool { return c == 0 || isSpace(c) }

// preStart reads what follows the ``` that opens a pre block at s[i]: an
// optional language, ended by white space, then one line break, which is
// skipped. It returns the language and the offset of the block's text.
func preStart(s string, i int) (string, int) {
	var lang string
	end := i
	for !isSpaceOrEnd(at(s, end)) && at(s, end) != '`' {
		end++
	}
	if i != end && end < len(s) && s[end] != '`' {
		lang, i = s[i:end], end
	}
	if c := at(s, i); c == '\n' || c == '\r' {
		if d := at(s, i+1); (d == '\n' || d == '\r') && c != d {
			i += 2
		} else {
			i++
		}
	}
	return lang, i
}

func parseMarkdown(s string) (string, []entity, error) {
	if err := checkUTF8(s); err != nil {
		return "", nil, err
	}
	out := make([]byte, 0, len(s))
	var (
		u16 int32
		es  []entity
	)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' {
			if d := at(s, i+1); d == '_' || d == '*' || d == '`' || d == '[' {
				i++
				out = append(out, d)
				u16++
				continue
			}
		}
		if c != '_' && c != '*' && c != '`' && c != '[' {
			u16 += units(c)
			out = append(out, c)
			continue
		}

		begin := i
		end := c
		if c == '[' {
			end = ']'
		}
		i++
		var (
			lang  string
			isPre bool
		)
		if c == '`' && at(s, i) == '`' && at(s, i+1) == '`' {
			isPre = true
			lang, i = preStart(s, i+2)
		}
		offset := u16
		textStart := len(out)
		for i < len(s) && (s[i] != end || isPre && !(at(s, i+1) == '`' && at(s, i+2) == '`')) {
			u16 += units(s[i])
			out = append(out, s[i])
			i++
		}
		if i == len(s) {
			return "", nil, &SyntaxError{Offset: begin, Msg: "no end of the entity starting with " + quoteByte(c)}
		}
		e := entity{offset: offset, length: u16 - offset}
		if e.length == 0 {
			// As in TDLib, an empty entity is dropped, and the URL after
			// an empty [] is plain text.
			if isPre {
				i += 2
			}
			continue
		}
		switch c {
		case '_':
			e.kind = kindItalic
		case '*':
			e.kind = kindBold
		case '`':
			e.kind = kindCode
			if isPre {
				e.kind, e.arg = kindPre, lang
				i += 2
			}
		case '[':
			var url string
			if at(s, i+1) != '(' {
				url = string(out[textStart:])
			} else {
				i += 2
				urlStart := i
				for i < len(s) && s[i] != ')' {
					i++
				}
				if i == len(s) {
					return "", nil, &SyntaxError{Offset: urlStart, Msg: "no ) ending the URL"}
				}
				url = s[urlStart:i]
				if url == "" {
					return "", nil, &SyntaxError{Offset: urlStart, Msg: "empty URL"}
				}
			}
			if id, ok := linkUserID(url); ok {
				e.kind, e.id = kindMention, id
			} else {
				e.kind, e.arg = kindTextURL, url
			}
		}
		es = append(es, e)
	}
	sortEntities(es)
	return string(out), es, nil
}

func quoteByte(c byte) string { return `"` + string(c) + `"` }

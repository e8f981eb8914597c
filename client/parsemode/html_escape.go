package parsemode

import (
	"strings"
	"unicode/utf8"
)

// decodeCharRef decodes the character reference at s[i], which is '&': one
// of &lt; &gt; &amp; &quot; or a decimal (&#NNN;) or hexadecimal (&#xHHH;)
// numeric reference. As in TDLib the final semicolon may be left out. It
// returns the character and the length of the reference, or a
// *SyntaxError.
func decodeCharRef(s string, i int) (rune, int, error) {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
		hex := j < len(s) && (s[j] == 'x' || s[j] == 'X')
		if hex {
			j++
		}
		start := j
		var r int64
		for j < len(s) && j-start < 8 && isDigit(s[j], hex) {
			r = r*base(hex) + int64(digit(s[j]))
			j++
		}
		if j == start || j < len(s) && isDigit(s[j], hex) {
			return 0, 0, &SyntaxError{Offset: i, Msg: "malformed numeric character reference"}
		}
		if r == 0 || r > utf8.MaxRune || 0xD800 <= r && r <= 0xDFFF {
			return 0, 0, &SyntaxError{Offset: i, Msg: "character reference to an invalid code point"}
		}
		if j < len(s) && s[j] == ';' {
			j++
		}
		return rune(r), j - i, nil
	}
	for j < len(s) && isAlpha(s[j]) {
		j++
	}
	var r rune
	switch s[i+1 : j] {
	case "lt":
		r = '<'
	case "gt":
		r = '>'
	case "amp":
		r = '&'
	case "quot":
		r = '"'
	case "":
		return 0, 0, &SyntaxError{Offset: i, Msg: `unescaped "&"; write &amp;`}
	default:
		return 0, 0, &SyntaxError{Offset: i, Msg: "unsupported character reference &" + s[i+1:j] + ";"}
	}
	if j < len(s) && s[j] == ';' {
		j++
	}
	return r, j - i, nil
}

func isAlpha(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isDigit(c byte, hex bool) bool {
	return '0' <= c && c <= '9' || hex && 'a' <= c|0x20 && c|0x20 <= 'f'
}

func base(hex bool) int64 {
	if hex {
		return 16
	}
	return 10
}

func digit(c byte) int {
	if c <= '9' {
		return int(c - '0')
	}
	return int(c|0x20-'a') + 10
}

var (
	htmlTextEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	htmlAttrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
)

// EscapeHTML escapes the characters that HTML gives a meaning to (&, < and
// >), so that HTML reads s as plain text.
func EscapeHTML(s string) string { return htmlTextEscaper.Replace(s) }

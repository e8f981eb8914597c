package parsemode

import (
	"unicode/utf8"
)

// UTF16Len returns the length of s in UTF-16 code units, the unit of entity
// offsets and lengths. Invalid bytes count one each.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// units returns the number of UTF-16 code units that begin at byte c of
// valid UTF-8 text: 0 for continuation bytes, 2 for the first byte of a
// four-byte sequence, 1 otherwise. It is how TDLib counts.
func units(c byte) int32 {
	switch {
	case c&0xC0 == 0x80:
		return 0
	case c >= 0xF0:
		return 2
	}
	return 1
}

// runUnits returns the UTF-16 length of valid UTF-8 text.
func runUnits(s string) int32 {
	var n int32
	for i := 0; i < len(s); i++ {
		n += units(s[i])
	}
	return n
}

// checkUTF8 returns a *SyntaxError at the first invalid byte of s.
func checkUTF8(s string) error {
	if utf8.ValidString(s) {
		return nil
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			return &SyntaxError{Offset: i, Msg: "invalid UTF-8"}
		}
		i += n
	}
	return nil
}

// byteOffsets maps UTF-16 offsets of text to byte offsets: the result has
// UTF16Len(text)+1 entries, -1 for the offset between the two halves of a
// surrogate pair.
func byteOffsets(text string) []int {
	m := make([]int, 0, len(text)+1)
	for i := 0; i < len(text); i++ {
		switch units(text[i]) {
		case 1:
			m = append(m, i)
		case 2:
			m = append(m, i, -1)
		}
	}
	return append(m, len(text))
}

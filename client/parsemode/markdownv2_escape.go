package parsemode

import "strings"

// mdReserved are the characters MarkdownV2 requires to be escaped outside
// entities, and the backslash.
const mdReserved = "_*[]()~`>#+-=|{}.!\\"

// EscapeMarkdownV2 escapes every character MarkdownV2 reserves, so that
// MarkdownV2 reads s as plain text.
func EscapeMarkdownV2(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(mdReserved, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

package parsemode

import (
	"strconv"
	"strings"

	"github.com/luagram/luagram/tl/api"
)

// ToHTML writes text and its entities in the HTML parse mode, so that HTML
// reads the result back as text and the same entities, when they are sorted
// as this package's parsers sort them.
//
// Entities Telegram detects by itself (mentions by username, hashtags, bot
// commands, URLs, e-mail addresses, phone numbers, cashtags, bank cards) are
// written as plain text. Bold, italic, underline, strikethrough and spoiler
// entities that overlap others without nesting are written in pieces; any
// other overlap is an *EntityError, as are ranges outside the text or
// inside a surrogate pair.
func ToHTML(text string, entities []api.MessageEntityClass) (string, error) {
	es, offsets, err := fromAPI(text, entities)
	if err != nil {
		return "", err
	}
	toks, err := nest(es, offsets)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(len(text) + 16*len(toks))
	pos := 0
	for _, t := range toks {
		if t.pos > pos {
			b.WriteString(EscapeHTML(text[pos:t.pos]))
			pos = t.pos
		}
		if t.open {
			writeHTMLOpen(&b, t.e)
		} else {
			writeHTMLClose(&b, t.e)
		}
	}
	b.WriteString(EscapeHTML(text[pos:]))
	return b.String(), nil
}

func writeHTMLOpen(b *strings.Builder, e *entity) {
	switch e.kind {
	case kindBold:
		b.WriteString("<b>")
	case kindItalic:
		b.WriteString("<i>")
	case kindUnderline:
		b.WriteString("<u>")
	case kindStrike:
		b.WriteString("<s>")
	case kindSpoiler:
		b.WriteString("<tg-spoiler>")
	case kindCode:
		b.WriteString("<code>")
	case kindPre:
		if e.arg == "" {
			b.WriteString("<pre>")
		} else {
			b.WriteString(`<pre><code class="language-`)
			b.WriteString(htmlAttrEscaper.Replace(e.arg))
			b.WriteString(`">`)
		}
	case kindTextURL, kindMention:
		b.WriteString(`<a href="`)
		b.WriteString(htmlAttrEscaper.Replace(entityURL(*e)))
		b.WriteString(`">`)
	case kindCustomEmoji:
		b.WriteString(`<tg-emoji emoji-id="`)
		b.WriteString(strconv.FormatInt(e.id, 10))
		b.WriteString(`">`)
	case kindQuote:
		if e.flags != 0 {
			b.WriteString("<blockquote expandable>")
		} else {
			b.WriteString("<blockquote>")
		}
	case kindDate:
		b.WriteString(`<tg-time unix="`)
		b.WriteString(strconv.FormatInt(e.id, 10))
		if f := dateFormat(e.flags); f != "" {
			b.WriteString(`" format="`)
			b.WriteString(f)
		}
		b.WriteString(`">`)
	}
}

func writeHTMLClose(b *strings.Builder, e *entity) {
	switch e.kind {
	case kindBold:
		b.WriteString("</b>")
	case kindItalic:
		b.WriteString("</i>")
	case kindUnderline:
		b.WriteString("</u>")
	case kindStrike:
		b.WriteString("</s>")
	case kindSpoiler:
		b.WriteString("</tg-spoiler>")
	case kindCode:
		b.WriteString("</code>")
	case kindPre:
		if e.arg != "" {
			b.WriteString("</code>")
		}
		b.WriteString("</pre>")
	case kindTextURL, kindMention:
		b.WriteString("</a>")
	case kindCustomEmoji:
		b.WriteString("</tg-emoji>")
	case kindQuote:
		b.WriteString("</blockquote>")
	case kindDate:
		b.WriteString("</tg-time>")
	}
}

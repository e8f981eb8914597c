// Package parsemode turns the Bot API parse modes (HTML, Markdown and
// MarkdownV2) into plain text and MTProto message entities, and writes text
// and entities back as HTML or MarkdownV2.
//
// Offsets and lengths of entities count UTF-16 code units of the text, as
// the Telegram API does: a character outside the Basic Multilingual Plane,
// such as most emoji, counts two.
//
// The parsers follow the grammar of TDLib's parse_html, parse_markdown and
// parse_markdown_v2 (td/telegram/MessageEntity.cpp), which the Bot API server
// runs, and return entities in TDLib's order. They are stricter in one
// respect: where TDLib would pass malformed markup through or drop an entity
// silently, they fail with a *SyntaxError naming the byte offset. That is
// the case for an ampersand that does not begin a known character reference,
// a link whose URL is empty or unterminated, and a tg-time tag without a
// positive unix attribute. Input must be valid UTF-8.
//
// URLs are passed on as written; Telegram checks them when the message is
// sent. A link to tg://user?id=N becomes an inputMessageEntityMentionName
// whose user is an inputUser with that id and a zero access hash: the caller
// must replace it with a resolved InputUser before sending.
//
// ToHTML and ToMarkdownV2 write the text back with markup that the parsers
// of this package read as the same text and entities: for any s that HTML
// accepts, HTML(ToHTML(HTML(s))) gives the same result as HTML(s), and the
// same holds for MarkdownV2.
package parsemode

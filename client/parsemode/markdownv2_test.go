package parsemode

import (
	"testing"

	"github.com/luagram/luagram/tl/api"
)

var markdownV2Cases = []parseCase{
	{name: "styles", in: "*bold* _italic_ __underline__ ~strike~ ||spoiler||", text: "bold italic underline strike spoiler",
		entities: ents(bold(0, 4), italic(5, 6), underline(12, 9), strike(22, 6), spoiler(29, 7))},
	{name: "nesting", in: "*b _bi ~bis~_*", text: "b bi bis", entities: ents(bold(0, 8), italic(2, 6), strike(5, 3))},
	// The example of core.telegram.org/bots/api#markdownv2-style; ___ reads
	// as the end of the underline, then of the italic, and is written back
	// with an empty bold entity between them.
	{name: "Bot API example",
		in:       "*bold _italic bold ~italic bold strikethrough ||italic bold strikethrough spoiler||~ __underline italic bold___ bold*",
		text:     "bold italic bold italic bold strikethrough italic bold strikethrough spoiler underline italic bold bold",
		entities: ents(bold(0, 103), italic(5, 93), strike(17, 59), spoiler(43, 33), underline(77, 21)),
		out:      "*bold _italic bold ~italic bold strikethrough ||italic bold strikethrough spoiler||~ __underline italic bold__**_ bold*"},
	{name: "italic underline", in: "___iu_**__", text: "iu", entities: ents(italic(0, 2), underline(0, 2)), out: "_**__iu__**_"},
	{name: "adjacent italics", in: "_a_**_b_", text: "ab", entities: ents(italic(0, 1), italic(1, 1))},
	{name: "separator inside bold", in: "*_a_~~_b_*", text: "ab", entities: ents(bold(0, 2), italic(0, 1), italic(1, 1))},
	{name: "escapes", in: `\_\*\[\]\(\)\~\` + "`" + `\>\#\+\-\=\|\{\}\.\!\\`, text: `_*[]()~` + "`" + `>#+-=|{}.!\`},
	{name: "other escapes", in: `\a\ \:`, text: "a :", out: "a :"},
	{name: "lone backslash", in: `a\`, text: `a\`, out: `a\\`},
	{name: "backslash before non-ASCII", in: `\é`, text: `\é`, out: `\\é`},
	{name: "emoji offsets", in: "😀 *hi 👍*", text: "😀 hi 👍", entities: ents(bold(3, 5))},
	{name: "surrogate pairs in links", in: "[🇺🇦](http://x) ||👨‍👩‍👧||", text: "🇺🇦 👨‍👩‍👧",
		entities: ents(link(0, 4, "http://x"), spoiler(5, 8))},
	{name: "code", in: "`a\\`b\\\\c *not bold*`", text: "a`b\\c *not bold*", entities: ents(code(0, 16))},
	{name: "pre with language", in: "```go\nfunc main() {}\n```", text: "func main() {}\n", entities: ents(pre(0, 15, "go"))},
	{name: "pre without language", in: "```\nx```", text: "x", entities: ents(pre(0, 1, ""))},
	{name: "language on the text's line", in: "```go x```", text: " x", entities: ents(pre(0, 2, "go")), out: "```go\n x```"},
	{name: "pre on one line", in: "```a```", text: "a", entities: ents(pre(0, 1, "")), out: "```\na```"},
	{name: "CRLF after the language", in: "```go\r\nx```", text: "x", entities: ents(pre(0, 1, "go")), out: "```go\nx```"},
	{name: "pre keeps leading line break", in: "```\n\nx```", text: "\nx", entities: ents(pre(0, 2, ""))},
	{name: "pre keeps leading CR", in: "```\n\\\rx```", text: "\rx", entities: ents(pre(0, 2, ""))},
	{name: "reserved characters in pre", in: "```\n*_[.\\`\\\\```", text: "*_[.`\\", entities: ents(pre(0, 6, ""))},
	{name: "code inside pre", in: "```\na`b`c```", text: "abc", entities: ents(pre(0, 3, ""), code(1, 1))},
	{name: "link", in: "[site](https://example.com/a\\)b\\\\)", text: "site", entities: ents(link(0, 4, `https://example.com/a)b\`))},
	{name: "link from text", in: "[http://x\\.com]", text: "http://x.com", entities: ents(link(0, 12, "http://x.com")),
		out: "[http://x\\.com](http://x.com)"},
	{name: "formatted link text", in: "[*b* _i_](http://x)", text: "b i", entities: ents(link(0, 3, "http://x"), bold(0, 1), italic(2, 1))},
	{name: "mention by id", in: "[John](tg://user?id=123)", text: "John", entities: ents(mention(0, 4, 123))},
	{name: "custom emoji", in: "![👍](tg://emoji?id=5368324170671202286)", text: "👍", entities: ents(emoji(0, 2, 5368324170671202286))},
	{name: "date", in: "![22:45](tg://time?unix=1647531900&format=wDT)", text: "22:45",
		entities: ents(&api.MessageEntityFormattedDate{Offset: 0, Length: 5, Date: 1647531900, DayOfWeek: true, LongDate: true, LongTime: true})},
	{name: "quote", in: ">line one\n>line two\nafter", text: "line one\nline two\nafter", entities: ents(quote(0, 18))},
	{name: "quote at the end", in: ">a\n>b", text: "a\nb", entities: ents(quote(0, 3))},
	{name: "quote after text", in: "a\n>b", text: "a\nb", entities: ents(quote(2, 1))},
	{name: "expandable quote", in: ">a\n>b||", text: "a\nb", entities: ents(expandable(0, 3))},
	{name: "expandable quote with text after", in: ">a||\nb", text: "a\nb", entities: ents(expandable(0, 2))},
	{name: "adjacent quotes", in: ">a\n**>b", text: "a\nb", entities: ents(quote(0, 2), quote(2, 1))},
	{name: "bold across quote lines", in: ">*a\n>b*", text: "a\nb", entities: ents(quote(0, 3), bold(0, 3))},
	{name: "spoiler ending a quote line", in: ">a||b||\nc", text: "ab\nc", entities: ents(quote(0, 3), spoiler(1, 1))},
	{name: "quote inside bold", in: "*>q\nx*", text: "q\nx", entities: ents(bold(0, 3), quote(0, 2))},
	{name: "pre inside quote", in: ">```\ncode\nmore```\n>x", text: "code\nmore\nx", entities: ents(quote(0, 11), pre(0, 9, ""))},
	{name: "escaped quote sign", in: "\\>a", text: ">a"},
	{name: "empty entities", in: "**x____~~||||``[](http://y)", text: "x", out: "x"},
}

func TestMarkdownV2(t *testing.T) { checkParse(t, MarkdownV2, ToMarkdownV2, markdownV2Cases) }

var markdownV2ErrorCases = []errorCase{
	{"reserved dot", "a.b", 1, `character "." is reserved`},
	{"reserved minus", "1-2", 1, `character "-" is reserved`},
	{"closing bracket", "]", 0, `character "]" is reserved`},
	{"single bar", "|a", 0, `character "|" is reserved`},
	{"exclamation mark", "a!b", 1, `character "!" is reserved`},
	{"quote sign inside a line", "a>b", 1, `character ">" is reserved`},
	{"unclosed bold", "*bold", 0, "no end of the bold entity"},
	{"unclosed italic", "x _a", 2, "no end of the italic entity"},
	{"unclosed underline", "__a", 0, "no end of the underline entity"},
	{"unclosed strikethrough", "~a", 0, "no end of the strikethrough entity"},
	{"unclosed spoiler", "||a", 0, "no end of the spoiler entity"},
	{"unclosed code", "`code", 0, "no end of the code entity"},
	{"unclosed pre", "```\ncode", 0, "no end of the pre entity"},
	{"unclosed link", "[a", 0, "no end of the link entity"},
	{"unclosed URL", "[a](http://x", 4, "no ) ending the URL"},
	{"empty URL", "[a]()", 4, "empty URL"},
	{"custom emoji without URL", "![x]", 0, "custom emoji without"},
	{"custom emoji with another URL", "![x](http://x)", 5, "invalid tg://emoji or tg://time URL"},
	{"custom emoji id zero", "![x](tg://emoji?id=0)", 5, "invalid tg://emoji"},
	{"bold across a quote's end", ">*a\nb*", 1, "no end of the bold entity"},
	{"invalid UTF-8", "\xc3(", 0, "invalid UTF-8"},
}

func TestMarkdownV2Errors(t *testing.T) { checkErrors(t, MarkdownV2, markdownV2ErrorCases) }

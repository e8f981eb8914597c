package parsemode

import "testing"

var markdownCases = []parseCase{
	{name: "styles", in: "*bold* _italic_ `code`", text: "bold italic code", entities: ents(bold(0, 4), italic(5, 6), code(12, 4))},
	{name: "pre with language", in: "```go\nfmt.Println()```", text: "fmt.Println()", entities: ents(pre(0, 13, "go"))},
	{name: "pre", in: "```\ncode```", text: "code", entities: ents(pre(0, 4, ""))},
	{name: "link", in: "[text](http://x.com)", text: "text", entities: ents(link(0, 4, "http://x.com"))},
	{name: "link from text", in: "[http://x.com]", text: "http://x.com", entities: ents(link(0, 12, "http://x.com"))},
	{name: "mention by id", in: "[a](tg://user?id=1)", text: "a", entities: ents(mention(0, 1, 1))},
	{name: "escapes", in: `\*not bold\* \_ \[ \` + "`", text: "*not bold* _ [ `"},
	{name: "other backslashes", in: `a\b\.`, text: `a\b\.`},
	{name: "emoji offsets", in: "😀 *b* 👍 _i_", text: "😀 b 👍 i", entities: ents(bold(3, 1), italic(8, 1))},
	{name: "no nesting", in: "*a _b_*", text: "a _b_", entities: ents(bold(0, 5))},
	{name: "text taken as written", in: `*a\*`, text: `a\`, entities: ents(bold(0, 2))},
	{name: "empty entity", in: "**x", text: "x"},
	{name: "empty link keeps its URL as text", in: "[](http://x)", text: "(http://x)"},
}

func TestMarkdown(t *testing.T) {
	checkParse(t, Markdown, nil, markdownCases)
	for _, tc := range markdownCases {
		text, es, err := parseMarkdown(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, tc.in, text, es, true)
	}
}

var markdownErrorCases = []errorCase{
	{"unclosed bold", "*a", 0, `no end of the entity starting with "*"`},
	{"underscore in a word", "snake_case", 5, `no end of the entity starting with "_"`},
	{"unclosed pre", "```go\nx``", 0, "no end of the entity"},
	{"unclosed link text", "[a", 0, `starting with "["`},
	{"unclosed URL", "[a](http://x", 4, "no ) ending the URL"},
	{"empty URL", "[a]()", 4, "empty URL"},
	{"invalid UTF-8", "ab\xe2\x82", 2, "invalid UTF-8"},
}

func TestMarkdownErrors(t *testing.T) { checkErrors(t, Markdown, markdownErrorCases) }

package parsemode

import (
	"errors"
	"strings"
	"testing"

	"github.com/luagram/luagram/tl/api"
)

// A writeCase is text and entities with what ToHTML and ToMarkdownV2 write
// for them; an empty want means that writer must fail.
type writeCase struct {
	name     string
	text     string
	entities []api.MessageEntityClass
	html     string
	md       string
}

var writeCases = []writeCase{
	{name: "escaping", text: "<a & b> 1.5 * x_y", html: "&lt;a &amp; b&gt; 1.5 * x_y", md: `<a & b\> 1\.5 \* x\_y`},
	{name: "received mention", text: "Ann",
		entities: ents(&api.MessageEntityMentionName{Offset: 0, Length: 3, UserID: 42}),
		html:     `<a href="tg://user?id=42">Ann</a>`, md: "[Ann](tg://user?id=42)"},
	{name: "mention from a message", text: "Ann",
		entities: ents(&api.InputMessageEntityMentionName{Offset: 0, Length: 3, UserID: &api.InputUserFromMessage{UserID: 42}}),
		html:     `<a href="tg://user?id=42">Ann</a>`, md: "[Ann](tg://user?id=42)"},
	{name: "detected entities are text", text: "@me #tag http://x.y",
		entities: ents(&api.MessageEntityMention{Offset: 0, Length: 3}, &api.MessageEntityHashtag{Offset: 4, Length: 4},
			&api.MessageEntityURL{Offset: 9, Length: 10}, nil),
		html: "@me #tag http://x.y", md: `@me \#tag http://x\.y`},
	{name: "unsorted input", text: "abc", entities: ents(italic(1, 1), bold(0, 3)),
		html: "<b>a<i>b</i>c</b>", md: "*a_b_c*"},
	{name: "empty entity", text: "abc", entities: ents(bold(1, 0)), html: "abc", md: "abc"},
	{name: "overlap split", text: "abcde", entities: ents(bold(0, 3), italic(2, 3)),
		html: "<b>ab</b><i><b>c</b>de</i>", md: "*ab*_*c*de_"},
	{name: "bold split around a link", text: "abcde", entities: ents(bold(0, 3), link(2, 3, "http://x")),
		html: `<b>ab</b><a href="http://x"><b>c</b>de</a>`, md: "*ab*[*c*de](http://x)"},
	{name: "link around split bold", text: "abcde", entities: ents(link(0, 3, "http://x"), bold(2, 3)),
		html: `<a href="http://x">ab<b>c</b></a><b>de</b>`, md: "[ab*c*](http://x)*de*"},
	{name: "nested bold left out in MarkdownV2", text: "abc", entities: ents(bold(0, 3), bold(1, 1)),
		html: "<b>a<b>b</b>c</b>", md: "*abc*"},
	{name: "URL escaping", text: "x", entities: ents(link(0, 1, `http://x/a)b\c"d`)),
		html: `<a href="http://x/a)b\c&quot;d">x</a>`, md: `[x](http://x/a\)b\\c"d)`},
	{name: "pre language with space", text: "x", entities: ents(pre(0, 1, "a b")),
		html: `<pre><code class="language-a b">x</code></pre>`},
	{name: "pre and code together", text: "x", entities: ents(pre(0, 1, ""), code(0, 1)),
		html: "<pre><code>x</code></pre>", md: "```\n`x````"},
	{name: "bold inside code", text: "x", entities: ents(code(0, 1), bold(0, 1)),
		html: "<code><b>x</b></code>", md: "*`x`*"},
	{name: "bold inside code, partly", text: "xy", entities: ents(code(0, 2), bold(1, 1)),
		html: "<code>x<b>y</b></code>"},
	{name: "quote inside a line", text: "ab", entities: ents(quote(1, 1)), html: "a<blockquote>b</blockquote>"},
	{name: "quote ending inside a line", text: "ab\nc", entities: ents(quote(0, 1)), html: "<blockquote>a</blockquote>b\nc"},
	{name: "quote ending before a line break", text: "a\nb", entities: ents(quote(0, 1)),
		html: "<blockquote>a</blockquote>\nb", md: ">a\nb"},
	{name: "nested quotes", text: "a", entities: ents(quote(0, 1), expandable(0, 1)),
		html: "<blockquote><blockquote expandable>a</blockquote></blockquote>"},
	{name: "expandable quote", text: "a\nb\nc", entities: ents(expandable(0, 4)),
		html: "<blockquote expandable>a\nb\n</blockquote>c", md: ">a\n>b||\nc"},
	{name: "line break in code after a quote line", text: "q\nx\ny", entities: ents(quote(0, 2), code(2, 2), quote(4, 1)),
		html: "<blockquote>q\n</blockquote><code>x\n</code><blockquote>y</blockquote>", md: ">q\n`x\\\n`>y"},
	{name: "surrogate pairs", text: "😀a😀", entities: ents(bold(2, 1), italic(3, 2)),
		html: "😀<b>a</b><i>😀</i>", md: "😀*a*_😀_"},
	{name: "dates", text: "ab",
		entities: ents(&api.MessageEntityFormattedDate{Offset: 0, Length: 1, Date: 9, ShortTime: true, ShortDate: true},
			&api.MessageEntityFormattedDate{Offset: 1, Length: 1, Date: 9, Relative: true}),
		html: `<tg-time unix="9" format="dt">a</tg-time><tg-time unix="9" format="r">b</tg-time>`,
		md:   "![a](tg://time?unix=9&format=dt)![b](tg://time?unix=9&format=r)"},
}

func TestWriters(t *testing.T) {
	for _, tc := range writeCases {
		for _, w := range []struct {
			name  string
			write writer
			parse parser
			want  string
		}{{"ToHTML", ToHTML, HTML, tc.html}, {"ToMarkdownV2", ToMarkdownV2, MarkdownV2, tc.md}} {
			got, err := w.write(tc.text, tc.entities)
			if w.name == "ToMarkdownV2" {
				switch tc.name {
				case "nested bold left out in MarkdownV2":
					tc.entities = ents(bold(0, 3)) // read back as one
				case "quote ending before a line break":
					tc.entities = ents(quote(0, 2)) // with the line break
				}
			}
			if w.want == "" {
				var ee *EntityError
				if !errors.As(err, &ee) || !strings.HasPrefix(err.Error(), "parsemode: ") {
					t.Errorf("%s: %s = %q, %v; want an *EntityError", tc.name, w.name, got, err)
				}
				continue
			}
			if err != nil || got != w.want {
				t.Errorf("%s: %s = %q, %v; want %q", tc.name, w.name, got, err, w.want)
				continue
			}
			if strings.Contains(tc.name, "split") {
				continue // read back in pieces
			}
			text, es, err := w.parse(got)
			if err != nil || text != tc.text {
				t.Errorf("%s: %s output %q read back as %q, %v", tc.name, w.name, got, text, err)
			}
			if want := significant(tc.entities); err == nil && !sameAPI(es, want) {
				t.Errorf("%s: %s output %q read back as%s\nwant%s", tc.name, w.name, got, showEntities(es), showEntities(want))
			}
		}
	}
}

// significant returns the entities a writer keeps, in the parsers' order.
func significant(in []api.MessageEntityClass) []api.MessageEntityClass {
	es, _, err := fromAPI(strings.Repeat("x", 64), in)
	if err != nil {
		panic(err)
	}
	return toAPI(es)
}

func sameAPI(a, b []api.MessageEntityClass) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i].String(), b[i].String()
		if x != y {
			return false
		}
	}
	return true
}

func TestWriterErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		text     string
		entities []api.MessageEntityClass
		index    int
	}{
		{"past the end", "abc", ents(bold(0, 1), bold(1, 3)), 1},
		{"negative offset", "abc", ents(bold(-1, 2)), 0},
		{"negative length", "abc", ents(bold(1, -1)), 0},
		{"inside a surrogate pair", "😀", ents(bold(0, 1)), 0},
		{"ending inside a surrogate pair", "a😀", ents(italic(0, 2)), 0},
		{"unsplittable overlap", "abcde", ents(code(0, 3), link(2, 3, "http://x")), 0},
		{"two links overlapping", "abcde", ents(link(0, 3, "http://x"), link(2, 3, "http://y")), 0},
		{"mention of self", "me", ents(&api.InputMessageEntityMentionName{Offset: 0, Length: 2, UserID: &api.InputUserSelf{}}), 0},
		{"empty URL", "x", ents(link(0, 1, "")), 0},
		{"relative date with more flags", "x", ents(&api.MessageEntityFormattedDate{Length: 1, Date: 1, Relative: true, LongTime: true}), 0},
		{"date before 1970", "x", ents(&api.MessageEntityFormattedDate{Length: 1, Date: -1}), 0},
		{"user id zero", "x", ents(mention(0, 1, 0)), 0},
		{"user id past 2^40", "x", ents(bold(0, 1), &api.MessageEntityMentionName{Length: 1, UserID: 1 << 40}), 1},
		{"custom emoji zero", "x", ents(emoji(0, 1, 0)), 0},
		{"invalid UTF-8", "a\xffb", ents(bold(0, 1)), -1},
	} {
		for _, w := range []struct {
			name  string
			write writer
		}{{"ToHTML", ToHTML}, {"ToMarkdownV2", ToMarkdownV2}} {
			got, err := w.write(tc.text, tc.entities)
			var ee *EntityError
			if !errors.As(err, &ee) || ee.Index != tc.index {
				t.Errorf("%s: %s = %q, %v; want an *EntityError for entity %d", tc.name, w.name, got, err, tc.index)
			}
		}
	}
}

func TestEscape(t *testing.T) {
	const s = "<b>&amp;</b> _*[]()~`>#+-=|{}.!\\ 😀\n>x"
	if text, es, err := HTML(EscapeHTML(s)); err != nil || text != s || es != nil {
		t.Errorf("HTML(EscapeHTML(%q)) = %q, %v, %v", s, text, es, err)
	}
	if text, es, err := MarkdownV2(EscapeMarkdownV2(s)); err != nil || text != s || es != nil {
		t.Errorf("MarkdownV2(EscapeMarkdownV2(%q)) = %q, %v, %v", s, text, es, err)
	}
	if got, want := EscapeMarkdownV2("a.b_c\\"), `a\.b\_c\\`; got != want {
		t.Errorf("EscapeMarkdownV2 = %q, want %q", got, want)
	}
	if got, want := EscapeHTML(`"<&>"`), `"&lt;&amp;&gt;"`; got != want {
		t.Errorf("EscapeHTML = %q, want %q", got, want)
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		mode Mode
		in   string
	}{{"HTML", "<b>x</b>"}, {"html", "<b>x</b>"}, {"Markdown", "*x*"}, {"markdown", "*x*"}, {"MarkdownV2", "*x*"}, {"MARKDOWNV2", "*x*"}} {
		text, es, err := Parse(tc.mode, tc.in)
		if err != nil || text != "x" || !sameAPI(es, ents(bold(0, 1))) {
			t.Errorf("Parse(%q, %q) = %q, %v, %v", tc.mode, tc.in, text, es, err)
		}
	}
	if text, es, err := Parse("", "*x*"); err != nil || text != "*x*" || es != nil {
		t.Errorf(`Parse("", "*x*") = %q, %v, %v; want the text as it is`, text, es, err)
	}
	if _, _, err := Parse("BBCode", "[b]x[/b]"); !errors.Is(err, ErrUnknownMode) {
		t.Errorf("Parse with an unknown mode: %v, want ErrUnknownMode", err)
	}
}

func TestUTF16Len(t *testing.T) {
	for _, tc := range []struct {
		s string
		n int
	}{{"", 0}, {"abc", 3}, {"é", 1}, {"中", 1}, {"😀", 2}, {"👨‍👩‍👧", 8}, {"🇺🇦", 4}, {"a\xffb", 3}} {
		if n := UTF16Len(tc.s); n != tc.n {
			t.Errorf("UTF16Len(%q) = %d, want %d", tc.s, n, tc.n)
		}
	}
}

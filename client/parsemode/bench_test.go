package parsemode

import (
	"html"
	"strings"
	"testing"
)

// benchHTML is a 4 KB message with the markup a bot typically sends: bold
// and italic words, links, a mention, code, a pre block, a quote, emoji and
// character references.
var benchHTML = func() string {
	const para = "<b>Release notes</b> for <i>version 2.4</i> 🎉: the <a href=\"https://example.com/changelog?v=2.4&amp;lang=en\">changelog</a> " +
		"lists <u>every</u> change; thanks to <a href=\"tg://user?id=123456789\">Ann</a>. Run <code>make test</code> &amp; read:\n" +
		"<pre><code class=\"language-go\">if err != nil {\n\treturn fmt.Errorf(&quot;x: %w&quot;, err)\n}</code></pre>\n" +
		"<blockquote>Quoted <s>old</s> <tg-spoiler>secret</tg-spoiler> text 👍🏽</blockquote>\n"
	var b strings.Builder
	for b.Len() < 4096-len(para) {
		b.WriteString(para)
	}
	return b.String()
}()

func BenchmarkHTML(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchHTML)))
	for b.Loop() {
		if _, _, err := HTML(benchHTML); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHTMLBaseline runs the standard library's html.UnescapeString
// over the same message, as a yardstick for a single pass over its bytes.
func BenchmarkHTMLBaseline(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchHTML)))
	for b.Loop() {
		html.UnescapeString(benchHTML)
	}
}

func BenchmarkToHTML(b *testing.B) {
	text, es, err := HTML(benchHTML)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(benchHTML)))
	for b.Loop() {
		if _, err := ToHTML(text, es); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarkdownV2(b *testing.B) {
	text, es, err := HTML(benchHTML)
	if err != nil {
		b.Fatal(err)
	}
	md, err := ToMarkdownV2(text, es)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(md)))
	for b.Loop() {
		if _, _, err := MarkdownV2(md); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkToMarkdownV2(b *testing.B) {
	text, es, err := HTML(benchHTML)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := ToMarkdownV2(text, es); err != nil {
			b.Fatal(err)
		}
	}
}

package parsemode

// Property tests: markup built at random from fragments that exercise the
// parsers' corners must, when it parses, be written back so that it reads
// the same; random entities must be written so that HTML reads them back
// (in pieces where they overlap). The seed is fixed; set PARSEMODE_SEED to
// explore others, and the count grows without -short.

import (
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestPropertyMarkdownV2(t *testing.T) {
	frags := []string{"*", "_", "__", "~", "||", "|", "`", "```", "```go\n", "```\n", "[", "]", "](http://x)", "](tg://user?id=5)", "![", "](tg://emoji?id=5)", "](tg://time?unix=5&format=r)", ">", "\n", "\\.", "a", "😀", " ", "\r", "\\\n", "**", "\\`", "\\\\", "\\_", "b", "\n>", "||\n", "**>", "\n**>", "~~", "\\>", "```py ", "`\\\n`", "\r\n", "\\\r", "\\!", "!["}
	r := rand.New(rand.NewSource(seed()))
	ok := 0
	for n := 0; n < iterations(); n++ {
		var b strings.Builder
		k := 1 + r.Intn(16)
		for i := 0; i < k; i++ {
			b.WriteString(frags[r.Intn(len(frags))])
		}
		s := b.String()
		text, es, err := parseMarkdownV2(s)
		if err != nil {
			continue
		}
		ok++
		roundTrip(t, s, text, es, true)
	}
	t.Logf("%d of %d inputs parsed", ok, iterations())
}

func TestPropertyHTML(t *testing.T) {
	frags := []string{"<b>", "</b>", "<i>", "</i>", "<u>", "</u>", "<s>", "</s>", "<tg-spoiler>", "</tg-spoiler>", "<code>", "</code>", "<pre>", "</pre>", `<code class="language-go">`, `<a href="http://x">`, "<a>", "</a>", `<a href="tg://user?id=5">`, `<tg-emoji emoji-id="5">`, "</tg-emoji>", "<blockquote>", "<blockquote expandable>", "</blockquote>", "</>", `<tg-time unix="5" format="wD">`, "</tg-time>", "a", "😀", "\n", "&lt;", "&amp;", " ", "_", "*", "`", ">", "\\", "|"}
	r := rand.New(rand.NewSource(seed()))
	ok := 0
	for n := 0; n < iterations(); n++ {
		var b strings.Builder
		k := 1 + r.Intn(12)
		for i := 0; i < k; i++ {
			b.WriteString(frags[r.Intn(len(frags))])
		}
		s := b.String()
		text, es, err := parseHTML(s)
		if err != nil {
			continue
		}
		ok++
		roundTrip(t, s, text, es, false)
	}
	t.Logf("%d of %d inputs parsed", ok, iterations())
}

func TestPropertyMarkdown(t *testing.T) {
	frags := []string{"*", "_", "`", "```", "```go\n", "[", "]", "(http://x)", "(tg://user?id=5)", "\\*", "a", "😀", "\n", " ", ")", "("}
	r := rand.New(rand.NewSource(seed()))
	ok := 0
	for n := 0; n < iterations(); n++ {
		var b strings.Builder
		k := 1 + r.Intn(12)
		for i := 0; i < k; i++ {
			b.WriteString(frags[r.Intn(len(frags))])
		}
		s := b.String()
		text, es, err := parseMarkdown(s)
		if err != nil {
			continue
		}
		ok++
		roundTrip(t, s, text, es, true)
	}
	t.Logf("%d of %d inputs parsed", ok, iterations())
}

func seed() int64 {
	v, _ := strconv.ParseInt(os.Getenv("PARSEMODE_SEED"), 10, 64)
	return v
}

func TestPropertyRandomEntities(t *testing.T) {
	r := rand.New(rand.NewSource(seed()))
	chars := []string{"a", "b", "\n", "😀", "<", "&", "_", "*", "`", "\\", "\r", ">", " "}
	kinds := []kind{kindBold, kindItalic, kindUnderline, kindStrike, kindSpoiler, kindCode, kindPre, kindTextURL, kindMention, kindCustomEmoji, kindQuote, kindDate}
	okH, okM := 0, 0
	for n := 0; n < iterations(); n++ {
		var b strings.Builder
		for i := r.Intn(10); i >= 0; i-- {
			b.WriteString(chars[r.Intn(len(chars))])
		}
		text := b.String()
		L := int32(UTF16Len(text))
		var es []entity
		for i := r.Intn(4); i >= 0; i-- {
			o := r.Int31n(L + 1)
			l := r.Int31n(L - o + 1)
			e := entity{kind: kinds[r.Intn(len(kinds))], offset: o, length: l}
			switch e.kind {
			case kindPre:
				e.arg = []string{"", "go", "a b"}[r.Intn(3)]
			case kindTextURL:
				e.arg = []string{"http://x", "a)b\\c", "tg://x"}[r.Intn(3)]
			case kindMention, kindCustomEmoji, kindDate:
				e.id = 5
			case kindQuote:
				e.flags = uint8(r.Intn(2))
			}
			es = append(es, e)
		}
		in := toAPI(es)
		if h, err := ToHTML(text, in); err == nil {
			okH++
			got, ges, err := parseHTML(h)
			if err != nil || got != text {
				t.Fatalf("ToHTML(%q, %v) = %q, read back as %q, %v", text, es, h, got, err)
			}
			fes, offsets, _ := fromAPI(text, in)
			toks, _ := nest(fes, offsets)
			if want := pieces(toks); !sameEntities(ges, want) {
				t.Fatalf("ToHTML(%q, %v) = %q, read back as %v, want %v", text, es, h, ges, want)
			}
		}
		if _, err := ToMarkdownV2(text, in); err == nil {
			okM++
		}
	}
	t.Logf("ToHTML wrote %d, ToMarkdownV2 %d of %d", okH, okM, iterations())
}

func iterations() int {
	if testing.Short() {
		return 2000
	}
	return 20000
}

package sandbox

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/luagram/luagram/tl/api"
)

// entityString renders entities as "kind offset+length" for comparisons.
func entityString(es []api.MessageEntityClass) string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		off, n := entitySpan(e)
		fmt.Fprintf(&b, "%s %d+%d", strings.TrimPrefix(e.TypeName(), "messageEntity"), off, n)
	}
	return b.String()
}

// The cases follow the rules of TDLib's find_entities
// (td/telegram/MessageEntity.cpp), which mirror the servers'.
var detectCases = []struct {
	text, want string
}{
	{"/start hello @someone https://example.com", "BotCommand 0+6, Mention 13+8, Url 22+19"},
	{"/start@my_bot arg", "BotCommand 0+13"},
	{"/start@my", ""}, // a bot username has 3 characters or more
	{"/start@bot", "BotCommand 0+10"},
	{"a/b", ""},
	{"/a/b", ""},
	{"</b>", ""},
	{"/" + strings.Repeat("c", 64), "BotCommand 0+65"},
	{"/" + strings.Repeat("c", 65), ""},
	{"😀 @durov #tag", "Mention 3+6, Hashtag 10+4"},
	{"𝕏𝕏 /go 𝕏 https://example.com/𝕏 x", "BotCommand 5+3, Url 12+22"},
	{"see https://example.com/path.", "Url 4+24"},
	{"(https://example.com/a_(b))", "Url 1+25"},
	{"is it example.com?", "Url 6+11"},
	{"example.com:8080/path", "Url 0+21"},
	{"example.com:99999", "Url 0+11"},
	{"http://x", ""},
	{"http://x.y", ""},
	{"http://example.invalidtld", "Url 0+25"},
	{"example.invalidtld", ""},
	{"example.COM", "Url 0+11"},
	{"end.Com starts", ""},
	{"hello.world", "Url 0+11"},
	{"e.g. this", ""},
	{"1.2.3", ""},
	{"192.168.0.1", "Url 0+11"},
	{"999.1.1.1", ""},
	{"сайт.рф", "Url 0+7"},
	{"xn--80ak6aa92e.com", "Url 0+18"},
	{"a_b.example.com", "Url 0+15"},
	{"example_x.com", ""},
	{"teiegram.org", ""},
	{"shttp://example.com", ""},
	{"gopher://example.com", ""},
	{"tg://resolve?domain=durov", "Url 0+25"},
	{"TON://abc", "Url 0+9"},
	{"tonsite://abc", "Url 0+13"},
	{"tonsite://example.ton/path", "Url 0+26"},
	{"wallet.ton", "Url 0+10"},
	{"e-mail@example.com", "Email 0+18"},
	{"write to a_b+c@mail.example.org.", "Email 9+22"},
	{"mailto:user@example.com", "Email 7+16"},
	{"user@localhost", ""},
	{"user@example.c0m", ""},
	{"#123", ""},
	{"#a1", "Hashtag 0+3"},
	{"#тег and #_", "Hashtag 0+4"},
	{"a#tag", ""},
	{"#a#b", ""},
	{"#" + strings.Repeat("h", 300), "Hashtag 0+257"},
	{"$USD", "Cashtag 0+4"},
	{"$usd", ""},
	{"$ABCDEFGH", "Cashtag 0+9"},
	{"$ABCDEFGHI", ""},
	{"5$USD $USD5 $$USD", ""},
	{"$1INCH", "Cashtag 0+6"},
	{"$USD@exchange", "Cashtag 0+13"},
	{"$USD@ab", "Cashtag 0+4"},
	{"#tag@channel", "Hashtag 0+12"},
	{"#tag@ch", "Hashtag 0+4"},
	{"#tag@" + strings.Repeat("c", 40), "Hashtag 0+37"},
	{"@ab @gif @Pic @abcd @nft @UFC", "Mention 4+4, Mention 9+4, Mention 14+5, Mention 20+4, Mention 25+4"},
	{"mail@me", ""},
	{"@" + strings.Repeat("u", 32), "Mention 0+33"},
	{"@" + strings.Repeat("u", 33), ""},
	{"@user_name.", "Mention 0+10"},
	{"pay 4111 1111 1111 1111 now", "BankCard 4+19"},
	{"pay 4111-1111-1111-1112 now", ""}, // fails the Luhn check
	{"id 1234567890123", ""},
	{"plain text, nothing here", ""},
}

func TestDetectEntities(t *testing.T) {
	for _, c := range detectCases {
		got := entityString(detectEntities(c.text))
		if got != c.want {
			t.Errorf("detectEntities(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestWithDetectedEntities(t *testing.T) {
	const text = "run https://example.com now" // the URL is 4+19
	cases := []struct {
		name     string
		explicit []api.MessageEntityClass
		want     string
	}{
		{"none given", nil, "Url 4+19"},
		{"code around the URL", []api.MessageEntityClass{&api.MessageEntityCode{Offset: 4, Length: 19}}, "Code 4+19"},
		{"text link over part of it", []api.MessageEntityClass{&api.MessageEntityTextURL{Offset: 0, Length: 6, URL: "https://t.me"}},
			"TextUrl 0+6"},
		{"explicit URL kept as given", []api.MessageEntityClass{&api.MessageEntityURL{Offset: 4, Length: 10}}, "Url 4+10"},
		{"bold around everything", []api.MessageEntityClass{&api.MessageEntityBold{Offset: 0, Length: 27}}, "Bold 0+27, Url 4+19"},
		{"italic after it", []api.MessageEntityClass{&api.MessageEntityItalic{Offset: 24, Length: 3}}, "Url 4+19, Italic 24+3"},
		{"blockquote holding it", []api.MessageEntityClass{&api.MessageEntityBlockquote{Offset: 0, Length: 27}}, "Blockquote 0+27, Url 4+19"},
		{"blockquote cutting it", []api.MessageEntityClass{&api.MessageEntityBlockquote{Offset: 10, Length: 17}}, "Blockquote 10+17"},
	}
	for _, c := range cases {
		if got := entityString(withDetectedEntities(text, c.explicit)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	if got := withDetectedEntities("nothing to find", nil); got != nil {
		t.Errorf("plain text: got %v, want nil (the short update forms need it)", got)
	}
}

func FuzzDetectEntities(f *testing.F) {
	for _, c := range detectCases {
		f.Add(c.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		units := utf16.Encode([]rune(text))
		end := int32(0)
		for _, e := range detectEntities(text) {
			off, n := entitySpan(e)
			if off < end || n <= 0 || int(off+n) > len(units) {
				t.Fatalf("%q: %s overlaps, is empty or leaves the text of %d units", text, entityString([]api.MessageEntityClass{e}), len(units))
			}
			if utf16.IsSurrogate(rune(units[off])) && off > 0 && utf16.IsSurrogate(rune(units[off-1])) &&
				units[off-1] < 0xdc00 {
				t.Fatalf("%q: %s starts inside a surrogate pair", text, entityString([]api.MessageEntityClass{e}))
			}
			end = off + n
		}
	})
}

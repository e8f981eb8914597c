package parsemode_test

import (
	"fmt"

	"github.com/luagram/luagram/client/parsemode"
	"github.com/luagram/luagram/tl/api"
)

func ExampleHTML() {
	text, entities, err := parsemode.HTML(`<b>Hi</b> 👋 <a href="tg://user?id=42">Ann</a>, see <code>go test</code>`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q\n", text)
	for _, e := range entities {
		fmt.Println(e)
	}
	// Output:
	// "Hi 👋 Ann, see go test"
	// {"_":"messageEntityBold","offset":0,"length":2}
	// {"_":"inputMessageEntityMentionName","offset":6,"length":3,"user_id":{"_":"inputUser","user_id":42,"access_hash":0}}
	// {"_":"messageEntityCode","offset":15,"length":7}
}

func ExampleMarkdownV2() {
	text, entities, err := parsemode.MarkdownV2("*bold _italic_* ||spoiler|| ![👍](tg://emoji?id=5368324170671202286)\n>quoted\n>lines||")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q\n", text)
	for _, e := range entities {
		fmt.Println(e)
	}
	// Output:
	// "bold italic spoiler 👍\nquoted\nlines"
	// {"_":"messageEntityBold","offset":0,"length":11}
	// {"_":"messageEntityItalic","offset":5,"length":6}
	// {"_":"messageEntitySpoiler","offset":12,"length":7}
	// {"_":"messageEntityCustomEmoji","offset":20,"length":2,"document_id":5368324170671202286}
	// {"_":"messageEntityBlockquote","collapsed":true,"offset":23,"length":12}
}

func ExampleMarkdownV2_error() {
	_, _, err := parsemode.MarkdownV2("Price: 3.50")
	fmt.Println(err)
	// Output:
	// parsemode: character "." is reserved and must be escaped with a backslash at byte 8
}

func ExampleToMarkdownV2() {
	// A received message: 😀 counts two UTF-16 code units.
	text := "😀 v1.2 is out"
	entities := []api.MessageEntityClass{
		&api.MessageEntityBold{Offset: 3, Length: 4},
		&api.MessageEntityHashtag{Offset: 0, Length: 0},
	}
	md, err := parsemode.ToMarkdownV2(text, entities)
	if err != nil {
		fmt.Println(err)
		return
	}
	html, _ := parsemode.ToHTML(text, entities)
	fmt.Println(md)
	fmt.Println(html)
	// Output:
	// 😀 *v1\.2* is out
	// 😀 <b>v1.2</b> is out
}

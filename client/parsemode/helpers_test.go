package parsemode

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/luagram/luagram/tl/api"
)

// Entity constructors for the tables.

func bold(o, l int32) api.MessageEntityClass   { return &api.MessageEntityBold{Offset: o, Length: l} }
func italic(o, l int32) api.MessageEntityClass { return &api.MessageEntityItalic{Offset: o, Length: l} }
func underline(o, l int32) api.MessageEntityClass {
	return &api.MessageEntityUnderline{Offset: o, Length: l}
}
func strike(o, l int32) api.MessageEntityClass { return &api.MessageEntityStrike{Offset: o, Length: l} }
func spoiler(o, l int32) api.MessageEntityClass {
	return &api.MessageEntitySpoiler{Offset: o, Length: l}
}
func code(o, l int32) api.MessageEntityClass { return &api.MessageEntityCode{Offset: o, Length: l} }

func pre(o, l int32, lang string) api.MessageEntityClass {
	return &api.MessageEntityPre{Offset: o, Length: l, Language: lang}
}

func link(o, l int32, url string) api.MessageEntityClass {
	return &api.MessageEntityTextURL{Offset: o, Length: l, URL: url}
}

func mention(o, l int32, id int64) api.MessageEntityClass {
	return &api.InputMessageEntityMentionName{Offset: o, Length: l, UserID: &api.InputUser{UserID: id}}
}

func emoji(o, l int32, id int64) api.MessageEntityClass {
	return &api.MessageEntityCustomEmoji{Offset: o, Length: l, DocumentID: id}
}

func quote(o, l int32) api.MessageEntityClass {
	return &api.MessageEntityBlockquote{Offset: o, Length: l}
}

func expandable(o, l int32) api.MessageEntityClass {
	return &api.MessageEntityBlockquote{Offset: o, Length: l, Collapsed: true}
}

func ents(es ...api.MessageEntityClass) []api.MessageEntityClass { return es }

func showEntities(es []api.MessageEntityClass) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString("\n\t")
		b.WriteString(e.String())
	}
	return b.String()
}

// A parseCase is markup with the text and entities it parses to. If out is
// set, it is what the writer of the same mode writes for them; otherwise
// the writer must give in back.
type parseCase struct {
	name     string
	in       string
	text     string
	entities []api.MessageEntityClass
	out      string
}

// An errorCase is malformed markup with the offset and message of the
// *SyntaxError it gives.
type errorCase struct {
	name   string
	in     string
	offset int
	msg    string
}

type parser func(string) (string, []api.MessageEntityClass, error)
type writer func(string, []api.MessageEntityClass) (string, error)

func checkParse(t *testing.T, parse parser, write writer, cases []parseCase) {
	t.Helper()
	for _, tc := range cases {
		text, es, err := parse(tc.in)
		if err != nil {
			t.Errorf("%s: parse(%q): %v", tc.name, tc.in, err)
			continue
		}
		if text != tc.text || !reflect.DeepEqual(es, tc.entities) {
			t.Errorf("%s: parse(%q) =\n\t%q%s\nwant\n\t%q%s", tc.name, tc.in, text, showEntities(es), tc.text, showEntities(tc.entities))
			continue
		}
		if write == nil {
			continue
		}
		out, err := write(text, es)
		if err != nil {
			t.Errorf("%s: writing back: %v", tc.name, err)
			continue
		}
		want := tc.out
		if want == "" {
			want = tc.in
		}
		if out != want {
			t.Errorf("%s: written back as\n\t%q\nwant\n\t%q", tc.name, out, want)
		}
		text2, es2, err := parse(out)
		if err != nil || text2 != text || !reflect.DeepEqual(es2, es) {
			t.Errorf("%s: %q read back as %q%s, %v", tc.name, out, text2, showEntities(es2), err)
		}
	}
}

func checkErrors(t *testing.T, parse parser, cases []errorCase) {
	t.Helper()
	for _, tc := range cases {
		text, es, err := parse(tc.in)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%s: parse(%q) = %q%s, %v; want a *SyntaxError", tc.name, tc.in, text, showEntities(es), err)
			continue
		}
		if se.Offset != tc.offset || !strings.Contains(se.Msg, tc.msg) {
			t.Errorf("%s: parse(%q): error %q at byte %d, want %q at byte %d", tc.name, tc.in, se.Msg, se.Offset, tc.msg, tc.offset)
		}
		if !strings.HasPrefix(err.Error(), "parsemode: ") {
			t.Errorf("%s: error %q lacks the package prefix", tc.name, err)
		}
		if text != "" || es != nil {
			t.Errorf("%s: text %q and entities returned with an error", tc.name, text)
		}
	}
}

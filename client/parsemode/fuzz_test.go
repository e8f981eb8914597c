package parsemode

import (
	"testing"
)

// roundTrip checks that ToHTML and, when must is set or it succeeds,
// ToMarkdownV2 write text and es so that the parsers read them back.
func roundTrip(t *testing.T, src, text string, es []entity, mdMust bool) {
	t.Helper()
	in := toAPI(es)
	h, err := ToHTML(text, in)
	if err != nil {
		t.Fatalf("%q: ToHTML: %v", src, err)
	}
	ht, hes, err := parseHTML(h)
	if err != nil {
		t.Fatalf("%q: ToHTML wrote %q, which HTML refuses: %v", src, h, err)
	}
	if ht != text || !sameEntities(hes, es) {
		t.Fatalf("%q: ToHTML wrote %q, read back as\n%q %v\nwant\n%q %v", src, h, ht, hes, text, es)
	}
	m, err := ToMarkdownV2(text, in)
	if err != nil {
		if mdMust {
			t.Fatalf("%q: ToMarkdownV2(%q, %v): %v", src, text, es, err)
		}
		return
	}
	// ToMarkdownV2 leaves out entities nested in one of their kind.
	mt, mes, err := parseMarkdownV2(m)
	if err != nil || mt != text || !sameEntities(mes, dropNested(es)) {
		t.Fatalf("%q: ToMarkdownV2 wrote %q, read back as %q %v, %v", src, m, mt, mes, err)
	}
}

// FuzzHTML checks that whatever HTML accepts, ToHTML writes back so that
// HTML reads the same text and entities; and that ToMarkdownV2, when it
// succeeds, does the same for MarkdownV2.
func FuzzHTML(f *testing.F) {
	for _, tc := range htmlCases {
		f.Add(tc.in)
	}
	for _, tc := range htmlErrorCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text, es, err := parseHTML(s)
		if err != nil {
			return
		}
		roundTrip(t, s, text, es, false)
	})
}

// FuzzMarkdownV2 checks that whatever MarkdownV2 accepts, ToMarkdownV2 and
// ToHTML write back so that their parsers read the same text and entities.
func FuzzMarkdownV2(f *testing.F) {
	for _, tc := range markdownV2Cases {
		f.Add(tc.in)
	}
	for _, tc := range markdownV2ErrorCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text, es, err := parseMarkdownV2(s)
		if err != nil {
			return
		}
		roundTrip(t, s, text, es, true)
	})
}

// FuzzMarkdown checks that whatever Markdown accepts, ToMarkdownV2 and
// ToHTML write so that their parsers read the same text and entities.
func FuzzMarkdown(f *testing.F) {
	for _, tc := range markdownCases {
		f.Add(tc.in)
	}
	for _, tc := range markdownErrorCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text, es, err := parseMarkdown(s)
		if err != nil {
			return
		}
		roundTrip(t, s, text, es, true)
	})
}

package botapi

import (
	"errors"
	"reflect"
	"testing"
)

func TestReplyMarkupRoundTrip(t *testing.T) {
	cases := []map[string]any{
		{"inline_keyboard": []any{
			[]any{map[string]any{"text": "Yes", "callback_data": "yes"}, map[string]any{"text": "Site", "url": "https://example.com"}},
			[]any{map[string]any{"text": "Share", "switch_inline_query": "q"}, map[string]any{"text": "Here", "switch_inline_query_current_chat": ""}},
			[]any{map[string]any{"text": "Copy", "copy_text": map[string]any{"text": "code"}}},
		}},
		{"keyboard": []any{[]any{map[string]any{"text": "A"}, map[string]any{"text": "Phone", "request_contact": true}}, []any{map[string]any{"text": "Where", "request_location": true}}},
			"resize_keyboard": true, "one_time_keyboard": true, "input_field_placeholder": "pick"},
		{"force_reply": true, "selective": true},
		{"remove_keyboard": true},
	}
	for _, m := range cases {
		r, err := ReplyMarkup(m)
		if err != nil {
			t.Fatalf("%v: %v", m, err)
		}
		if back := FromReplyMarkup(r); !reflect.DeepEqual(back, m) {
			t.Errorf("round trip:\n got %v\nwant %v", back, m)
		}
	}
	// Plain strings are accepted for reply keyboard buttons.
	if r, err := ReplyMarkup(map[string]any{"keyboard": []any{[]any{"one", "two"}}}); err != nil || r == nil {
		t.Fatalf("string buttons: %v", err)
	}
}

func TestReplyMarkupErrors(t *testing.T) {
	cases := []struct {
		m    map[string]any
		path string
	}{
		{map[string]any{}, ""},
		{map[string]any{"inline_keyboard": "x"}, ".inline_keyboard"},
		{map[string]any{"inline_keyboard": []any{"x"}}, ".inline_keyboard[1]"},
		{map[string]any{"inline_keyboard": []any{[]any{map[string]any{"text": "t"}}}}, ".inline_keyboard[1][1]"},
		{map[string]any{"inline_keyboard": []any{[]any{map[string]any{"callback_data": "d"}}}}, ".inline_keyboard[1][1].text"},
		{map[string]any{"inline_keyboard": []any{[]any{map[string]any{"text": "t", "callback_data": string(make([]byte, 65))}}}}, ".inline_keyboard[1][1].callback_data"},
	}
	for _, tc := range cases {
		_, err := ReplyMarkup(tc.m)
		var me *MarkupError
		if !errors.As(err, &me) || me.Path != tc.path {
			t.Errorf("%v: got %v, want an error at %q", tc.m, err, tc.path)
		}
	}
}

// Package botapi converts between MTProto objects and their Bot API forms:
// reply_markup (both ways) and the ids of peers. Values on the Bot API side
// are plain trees (map[string]any, []any, strings, numbers, booleans), the
// shape of the Bot API's JSON, so that Lua tables and JSON both map onto
// them.
package botapi

import (
	"fmt"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// A MarkupError names the part of a reply_markup that is wrong.
type MarkupError struct {
	Path string
	Msg  string
}

func (e *MarkupError) Error() string { return "botapi: reply_markup" + e.Path + ": " + e.Msg }

// ReplyMarkup converts a Bot API reply_markup: inline_keyboard,
// keyboard (with resize_keyboard, one_time_keyboard, is_persistent,
// selective, input_field_placeholder), force_reply or remove_keyboard.
func ReplyMarkup(m map[string]any) (api.ReplyMarkupClass, error) {
	switch {
	case m["inline_keyboard"] != nil:
		rows, err := buttonRows(m["inline_keyboard"], ".inline_keyboard", true)
		if err != nil {
			return nil, err
		}
		return &api.ReplyInlineMarkup{Rows: rows}, nil
	case m["keyboard"] != nil:
		rows, err := buttonRows(m["keyboard"], ".keyboard", false)
		if err != nil {
			return nil, err
		}
		r := &api.ReplyKeyboardMarkup{Rows: rows, Resize: flag(m, "resize_keyboard"), SingleUse: flag(m, "one_time_keyboard"),
			Persistent: flag(m, "is_persistent"), Selective: flag(m, "selective")}
		if p, ok := m["input_field_placeholder"].(string); ok {
			r.Placeholder = tl.Some(p)
		}
		return r, nil
	case flag(m, "force_reply"):
		r := &api.ReplyKeyboardForceReply{Selective: flag(m, "selective")}
		if p, ok := m["input_field_placeholder"].(string); ok {
			r.Placeholder = tl.Some(p)
		}
		return r, nil
	case flag(m, "remove_keyboard"):
		return &api.ReplyKeyboardHide{Selective: flag(m, "selective")}, nil
	}
	return nil, &MarkupError{Msg: "expected inline_keyboard, keyboard, force_reply or remove_keyboard"}
}

func flag(m map[string]any, k string) bool {
	b, _ := m[k].(bool)
	return b
}

func buttonRows(v any, path string, inline bool) ([]api.KeyboardButtonRow, error) {
	rows, ok := v.([]any)
	if !ok {
		return nil, &MarkupError{Path: path, Msg: "a list of rows expected"}
	}
	out := make([]api.KeyboardButtonRow, 0, len(rows))
	for i, r := range rows {
		cells, ok := r.([]any)
		if !ok {
			return nil, &MarkupError{Path: fmt.Sprintf("%s[%d]", path, i+1), Msg: "a list of buttons expected"}
		}
		row := api.KeyboardButtonRow{Buttons: make([]api.KeyboardButtonClass, 0, len(cells))}
		for j, c := range cells {
			b, err := button(c, fmt.Sprintf("%s[%d][%d]", path, i+1, j+1), inline)
			if err != nil {
				return nil, err
			}
			row.Buttons = append(row.Buttons, b)
		}
		out = append(out, row)
	}
	return out, nil
}

func button(v any, path string, inline bool) (api.KeyboardButtonClass, error) {
	if s, ok := v.(string); ok && !inline {
		return &api.KeyboardButton{Text: s}, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, &MarkupError{Path: path, Msg: "a button table expected"}
	}
	text, _ := m["text"].(string)
	if text == "" {
		return nil, &MarkupError{Path: path + ".text", Msg: "a button needs text"}
	}
	str := func(k string) (string, bool) {
		s, ok := m[k].(string)
		return s, ok
	}
	if inline {
		if d, ok := str("callback_data"); ok {
			if len(d) == 0 || len(d) > 64 {
				return nil, &MarkupError{Path: path + ".callback_data", Msg: "must be 1 to 64 bytes"}
			}
			return &api.KeyboardButtonCallback{Text: text, Data: []byte(d)}, nil
		}
		if u, ok := str("url"); ok {
			return &api.KeyboardButtonURL{Text: text, URL: u}, nil
		}
		if q, ok := str("switch_inline_query"); ok {
			return &api.KeyboardButtonSwitchInline{Text: text, Query: q}, nil
		}
		if q, ok := str("switch_inline_query_current_chat"); ok {
			return &api.KeyboardButtonSwitchInline{Text: text, Query: q, SamePeer: true}, nil
		}
		if c, ok := m["copy_text"].(map[string]any); ok {
			t, _ := c["text"].(string)
			return &api.KeyboardButtonCopy{Text: text, CopyText: t}, nil
		}
		return nil, &MarkupError{Path: path, Msg: "an inline button needs callback_data, url, switch_inline_query, switch_inline_query_current_chat or copy_text"}
	}
	switch {
	case flag(m, "request_contact"):
		return &api.KeyboardButtonRequestPhone{Text: text}, nil
	case flag(m, "request_location"):
		return &api.KeyboardButtonRequestGeoLocation{Text: text}, nil
	}
	return &api.KeyboardButton{Text: text}, nil
}

// FromReplyMarkup is the inverse of ReplyMarkup, for showing MTProto
// markup in Bot API form.
func FromReplyMarkup(r api.ReplyMarkupClass) map[string]any {
	rows := func(list []api.KeyboardButtonRow) []any {
		out := make([]any, 0, len(list))
		for _, row := range list {
			cells := make([]any, 0, len(row.Buttons))
			for _, b := range row.Buttons {
				cells = append(cells, fromButton(b))
			}
			out = append(out, cells)
		}
		return out
	}
	switch x := r.(type) {
	case *api.ReplyInlineMarkup:
		return map[string]any{"inline_keyboard": rows(x.Rows)}
	case *api.ReplyKeyboardMarkup:
		m := map[string]any{"keyboard": rows(x.Rows)}
		setTrue(m, "resize_keyboard", x.Resize)
		setTrue(m, "one_time_keyboard", x.SingleUse)
		setTrue(m, "is_persistent", x.Persistent)
		setTrue(m, "selective", x.Selective)
		if p, ok := x.Placeholder.Get(); ok {
			m["input_field_placeholder"] = p
		}
		return m
	case *api.ReplyKeyboardForceReply:
		m := map[string]any{"force_reply": true}
		setTrue(m, "selective", x.Selective)
		if p, ok := x.Placeholder.Get(); ok {
			m["input_field_placeholder"] = p
		}
		return m
	case *api.ReplyKeyboardHide:
		m := map[string]any{"remove_keyboard": true}
		setTrue(m, "selective", x.Selective)
		return m
	}
	return nil
}

func setTrue(m map[string]any, k string, v bool) {
	if v {
		m[k] = true
	}
}

func fromButton(b api.KeyboardButtonClass) map[string]any {
	switch x := b.(type) {
	case *api.KeyboardButtonCallback:
		return map[string]any{"text": x.Text, "callback_data": string(x.Data)}
	case *api.KeyboardButtonURL:
		return map[string]any{"text": x.Text, "url": x.URL}
	case *api.KeyboardButtonSwitchInline:
		if x.SamePeer {
			return map[string]any{"text": x.Text, "switch_inline_query_current_chat": x.Query}
		}
		return map[string]any{"text": x.Text, "switch_inline_query": x.Query}
	case *api.KeyboardButtonCopy:
		return map[string]any{"text": x.Text, "copy_text": map[string]any{"text": x.CopyText}}
	case *api.KeyboardButtonRequestPhone:
		return map[string]any{"text": x.Text, "request_contact": true}
	case *api.KeyboardButtonRequestGeoLocation:
		return map[string]any{"text": x.Text, "request_location": true}
	case *api.KeyboardButton:
		return map[string]any{"text": x.Text}
	}
	return map[string]any{"text": "?"}
}

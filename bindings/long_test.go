package bindings

import (
	"math"
	"strings"
	"testing"

	"github.com/luagram/luagram/tl/api"
	lua "github.com/yuin/gopher-lua"
)

// TestLongOut checks which longs become numbers and which strings.
func TestLongOut(t *testing.T) {
	cases := []struct {
		v    int64
		want lua.LValue
	}{
		{0, lua.LNumber(0)},
		{-1, lua.LNumber(-1)},
		{1 << 53, lua.LNumber(1 << 53)},
		{-(1 << 53), lua.LNumber(-(1 << 53))},
		{1<<53 + 1, lua.LString("9007199254740993")},
		{-(1<<53 + 1), lua.LString("-9007199254740993")},
		{math.MaxInt64, lua.LString("9223372036854775807")},
		{math.MinInt64, lua.LString("-9223372036854775808")},
	}
	for _, tc := range cases {
		if got := long(tc.v); got != tc.want {
			t.Errorf("long(%d) = %#v, want %#v", tc.v, got, tc.want)
		}
	}
}

// TestLongIn checks the longs accepted on input, through a real field.
func TestLongIn(t *testing.T) {
	L := newState(t, nil)
	cases := []struct {
		lua  string // a Lua expression
		want int64
		err  string // part of the error, if any
	}{
		{"0", 0, ""},
		{"12345", 12345, ""},
		{"-1", -1, ""},
		{"2^53", 1 << 53, ""},
		{"-2^53", -(1 << 53), ""},
		{"2^53 + 2", 0, "beyond ±2^53"}, // exactly representable, but past the limit
		{"-2^53 - 2", 0, "beyond ±2^53"},
		{"2^63", 0, "beyond ±2^53"},
		{"1.5", 0, "not an integer"},
		{"0/0", 0, "not an integer"},
		{"1/0", 0, "beyond ±2^53"},
		{`"9007199254740993"`, 1<<53 + 1, ""},
		{`"-9007199254740993"`, -(1<<53 + 1), ""},
		{`"9223372036854775807"`, math.MaxInt64, ""},
		{`"-9223372036854775808"`, math.MinInt64, ""},
		{`"9223372036854775808"`, 0, "out of the int64 range"},
		{`"42"`, 42, ""},
		{`"1.0"`, 0, "not a decimal integer"},
		{`"0x10"`, 0, "not a decimal integer"},
		{`" 1"`, 0, "not a decimal integer"},
		{`""`, 0, "not a decimal integer"},
		{"true", 0, "long expected, got boolean"},
		{"{}", 0, "long expected, got table"},
	}
	for _, tc := range cases {
		if err := L.DoString("v = {_ = 'peerUser', user_id = " + tc.lua + "}"); err != nil {
			t.Fatal(err)
		}
		o, err := Check(L, L.GetGlobal("v"), "Peer")
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: got %v, want an error containing %q", tc.lua, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.lua, err)
		case tc.err == "" && o.(*api.PeerUser).UserID != tc.want:
			t.Errorf("%s: got %d, want %d", tc.lua, o.(*api.PeerUser).UserID, tc.want)
		}
	}
	// Every long survives Go → Lua → Go, including the extremes.
	for _, v := range []int64{0, 1<<53 - 1, 1 << 53, 1<<53 + 1, -(1<<53 + 1), math.MaxInt64, math.MinInt64, math.MaxInt64 - 1} {
		o, err := Check(L, Push(L, &api.PeerUser{UserID: v}), "Peer")
		if err != nil || o.(*api.PeerUser).UserID != v {
			t.Errorf("%d: got %v, %v", v, o, err)
		}
	}
}

// TestIntIn checks the int range.
func TestIntIn(t *testing.T) {
	L := newState(t, nil)
	for expr, want := range map[string]string{
		"2147483647": "", "-2147483648": "", "2147483648": "out of the int32 range",
		"-2147483649": "out of the int32 range", "0.5": "not an integer", `"1"`: "int expected, got string",
	} {
		L.DoString("v = {_ = 'updateMessageID', id = " + expr + ", random_id = 1}")
		_, err := Check(L, L.GetGlobal("v"), "Update")
		if (want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: got %v, want %q", expr, err, want)
		}
	}
}

package bindings

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/luagram/luagram/internal/tltest"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// TestRoundTrip fills every constructor and function of the API with random
// values, pushes each to Lua and checks it back, by its "_" and by its type
// name: the result must equal the original and encode to the same bytes.
func TestRoundTrip(t *testing.T) {
	L := newState(t, nil)
	rounds := 6
	if testing.Short() {
		rounds = 2
	}
	checked := 0
	for round := range rounds {
		f := tltest.NewFiller(uint64(round)+1, api.Types)
		for _, ti := range api.Types.All() {
			x := api.Types.New(ti.ID)
			f.Fill(x)
			v := Push(L, x)
			byName := ti.Type
			if ti.Function {
				byName = ti.Name
			}
			for _, typ := range []string{"", byName} {
				y, err := Check(L, v, typ)
				if err != nil {
					t.Fatalf("%s: Check(%q): %v\nvalue: %v", ti.Name, typ, err, x)
				}
				if !reflect.DeepEqual(x, y) {
					t.Fatalf("%s: Check(%q) differs\n got %v\nwant %v", ti.Name, typ, y, x)
				}
				a, err1 := tl.Encode(x)
				b, err2 := tl.Encode(y)
				if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
					t.Fatalf("%s: encodings differ (%v, %v)", ti.Name, err1, err2)
				}
			}
			checked++
		}
	}
	t.Logf("%d values of %d constructors and functions round-tripped", checked, len(api.Types.All()))
}

// TestPushShape checks the table of one value in detail.
func TestPushShape(t *testing.T) {
	L := newState(t, nil)
	L.SetGlobal("v", Push(L, &api.MessagesSendMessageRequest{
		Silent:       true,
		Peer:         &api.InputPeerChannel{ChannelID: 1 << 60, AccessHash: -5},
		Message:      "hi",
		RandomID:     1<<53 + 1,
		ScheduleDate: tl.Some[int32](0),
		Entities:     []api.MessageEntityClass{},
	}))
	if err := run(L, `
		assert(v._ == "messages.sendMessage")
		assert(v.silent == true and v.background == nil, "true flags only when true")
		assert(v.peer._ == "inputPeerChannel")
		assert(v.peer.channel_id == "1152921504606846976", "ids beyond 2^53 are strings")
		assert(v.peer.access_hash == -5)
		assert(v.random_id == "9007199254740993")
		assert(v.schedule_date == 0, "a present zero is present")
		assert(v.reply_to == nil and v.send_as == nil, "absent optionals are left out")
		assert(type(v.entities) == "table" and #v.entities == 0, "empty vectors are empty tables")
		assert(v.flags == nil, "flag words are not fields")
		local n = 0
		for k in pairs(v) do n = n + 1 end
		assert(n == 7, "fields: " .. n)
	`); err != nil {
		t.Fatal(err)
	}
}

package bindings

import (
	"testing"

	"github.com/luagram/luagram/tl/api"
)

func TestSmoke(t *testing.T) {
	fc := &fakeCaller{t: t, reply: &api.UpdateShortSentMessage{ID: 5, Pts: 7, PtsCount: 1, Date: 1700000000}}
	L := newState(t, fc)
	err := run(L, `
		local r = messages.sendMessage{peer = {_ = "inputPeerUser", user_id = 12345, access_hash = "-9000000000000000001"}, message = "hi", silent = true, entities = {{_ = "messageEntityBold", offset = 0, length = 2}}}
		assert(r._ == "updateShortSentMessage", r._)
		assert(r.id == 5 and r.pts == 7)
	`)
	if err != nil {
		t.Fatal(err)
	}
	req := fc.reqs[0].(*api.MessagesSendMessageRequest)
	t.Logf("%v", req)
	if req.RandomID == 0 {
		t.Error("random_id not filled")
	}
}

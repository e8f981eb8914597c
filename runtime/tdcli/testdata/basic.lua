-- The contract: tdcli_function, cb(extra, result), updates, Error and Ok.
local lib = require("lib")
local call, eq, ok = lib.call, lib.eq, lib.ok
our_id = nil

function tdcli_update_callback(data)
	if data.ID == "UpdateOption" and data.name_ == "my_id" then
		our_id = data.value_.value_
	end
	lib.on_update(data)
end

lib.test(function()
	local opt = lib.expect(function(u) return u.ID == "UpdateOption" end)
	eq(opt.value_.ID, "OptionInteger", "my_id value")
	local me = ok(call({ ID = "GetMe" }), "GetMe")
	eq(me.ID, "User", "GetMe ID")
	eq(me.id_, our_id, "GetMe id_")
	eq(me.type_.ID, "UserTypeGeneral", "type_")
	local peer = step("peer_id")
	local m = ok(call({ ID = "SendMessage", chat_id_ = peer, reply_to_message_id_ = 0, disable_notification_ = 0,
		from_background_ = 1, reply_markup_ = nil,
		input_message_content_ = { ID = "InputMessageText", text_ = "hello", disable_web_page_preview_ = 1,
			clear_draft_ = 0, entities_ = {}, parse_mode_ = nil } }), "SendMessage")
	eq(m.ID, "Message", "sent ID")
	eq(m.chat_id_, peer, "chat_id_")
	eq(m.content_.text_, "hello", "text")
	eq(m.id_ % 1048576, 0, "message id is a multiple of 2^20")
	eq(m.send_state_.ID, "MessageIsSuccessfullySent", "send_state_")
	local err = call({ ID = "GetChat", chat_id_ = 987654321 })
	eq(err.ID, "Error", "unknown chat")
	eq(type(err.code_), "number", "code_")
	local unsupported = call({ ID = "FinishFileGeneration", generation_id_ = 1 })
	eq(unsupported.ID, "Error", "unsupported")
	assert(unsupported.message_:find("FinishFileGeneration"), unsupported.message_)
	local okres = call({ ID = "OpenChat", chat_id_ = peer })
	eq(okres.ID, "Ok", "Ok")
	step("say", "ping")
	local u = lib.expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.content_.text_ == "ping" end)
	eq(u.message_.sender_user_id_, peer, "sender")
	eq(u.message_.send_state_.ID, "MessageIsIncoming", "incoming")
end)

-- A tdcli echo bot, as telegram-cli ran them: telegram-cli -s echo.lua
-- samples: hello | ping
local our_id = 0

function dl_cb(extra, data)
end

function tdcli_update_callback(data)
	if data.ID == "UpdateOption" and data.name_ == "my_id" then
		our_id = data.value_.value_
	elseif data.ID == "UpdateNewMessage" then
		local msg = data.message_
		if msg.sender_user_id_ == our_id or msg.content_.ID ~= "MessageText" then
			return
		end
		local reply = "echo: " .. msg.content_.text_
		if msg.content_.text_ == "ping" then
			reply = "pong"
		end
		tdcli_function({ ID = "SendMessage", chat_id_ = msg.chat_id_, reply_to_message_id_ = msg.id_, disable_notification_ = 0,
			from_background_ = 1, reply_markup_ = nil, input_message_content_ = { ID = "InputMessageText", text_ = reply,
				disable_web_page_preview_ = 1, clear_draft_ = 0, entities_ = {}, parse_mode_ = nil } }, dl_cb, nil)
	end
end

-- botapi.lua: answers with the Bot API form of the message it got.
-- Used by TestBotAPIScript.
-- samples: <b>hi</b> /start
on("updateNewMessage", function(u, entities)
	local m = u.message
	if m._ ~= "message" or m.out then
		return
	end
	local b = mtproto_to_botapi(u, entities).message
	messages.sendMessage{peer = m.peer_id, message = b.chat.type .. " from " .. b.from.first_name .. ": " .. b.text .. " (message_id " .. b.message_id .. ")"}
end)

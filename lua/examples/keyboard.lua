-- keyboard.lua: a command bot with an inline keyboard.
--
--   luagram run --sandbox lua/examples/keyboard.lua
--
-- /start shows two buttons; pressing one answers the callback query (the
-- little notification the user sees) and edits the message.
--
-- samples: /start | !1 | /help | /ask | !2
local function buttons()
	return {_ = "replyInlineMarkup", rows = {
		{_ = "keyboardButtonRow", buttons = {
			{_ = "keyboardButtonCallback", text = "Yes", data = "yes"},
			{_ = "keyboardButtonCallback", text = "No", data = "no"},
		}},
	}}
end

on("updateNewMessage", function(u)
	local m = u.message
	if m._ ~= "message" or m.out then
		return
	end
	if m.message == "/start" or m.message == "/ask" then
		messages.sendMessage{peer = m.peer_id, message = "Do you like Lua?", reply_markup = buttons()}
	elseif m.message == "/help" then
		messages.sendMessage{peer = m.peer_id, message = "/ask shows the question again."}
	else
		messages.sendMessage{peer = m.peer_id, message = "Send /ask (or /help)."}
	end
end)

on("updateBotCallbackQuery", function(q)
	local choice = q.data == "yes" and "Yes" or "No"
	messages.setBotCallbackAnswer{query_id = q.query_id, message = "You chose " .. choice, cache_time = 0}
	messages.editMessage{peer = q.peer, id = q.msg_id, message = "Do you like Lua? " .. choice .. "!"}
end)

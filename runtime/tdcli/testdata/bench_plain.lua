-- The echo bot of the benchmark, written with the MTProto API
-- (messages.sendMessage), for comparison with echo.lua.
on("updateNewMessage", function(u)
	local m = u.message
	if m.out then
		return
	end
	local reply = "echo: " .. m.message
	if m.message == "ping" then
		reply = "pong"
	end
	messages.sendMessage({ peer = m.peer_id, message = reply, reply_to = { _ = "inputReplyToMessage", reply_to_msg_id = m.id } })
end)

-- echo.lua: a bot that answers every message with the same text.
--
--   luagram run --sandbox lua/examples/echo.lua
--
-- Each handler runs in its own coroutine; the API call waits for its
-- answer without blocking the other handlers.
on("updateNewMessage", function(u)
	local m = u.message
	if m._ ~= "message" or m.out or m.message == "" then
		return
	end
	messages.sendMessage{peer = m.peer_id, message = m.message}
end)

log.info("echo bot ready")

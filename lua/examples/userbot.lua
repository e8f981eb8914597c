-- userbot.lua: runs on a user account and reacts to its own messages:
-- sending ".ping" anywhere edits it into "pong" with the round-trip time,
-- and ".whoami" answers with the account's name.
--
--   luagram run --sandbox --as user lua/examples/userbot.lua
--
-- In the sandbox the simulated user talks to the userbot; commands in
-- incoming messages are answered too, so the conversation shows them.
--
-- samples: .whoami | .ping | hello
local me = get_self()
log.info("userbot running as " .. me.first_name)

on("updateNewMessage", function(u)
	local m = u.message
	if m._ ~= "message" then
		return
	end
	if m.message == ".ping" then
		local t0 = os.clock()
		help.getConfig()
		local ms = math.floor((os.clock() - t0) * 1000 + 0.5)
		if m.out then
			messages.editMessage{peer = m.peer_id, id = m.id, message = "pong (" .. ms .. " ms)"}
		else
			messages.sendMessage{peer = m.peer_id, message = "pong (" .. ms .. " ms)"}
		end
	elseif m.message == ".whoami" then
		messages.sendMessage{peer = m.peer_id, message = "I am " .. me.first_name .. " (id " .. me.id .. ")"}
	end
end)

-- poll.lua: long polling instead of handlers, as MadelineProto's
-- get_updates: each update has an increasing update_id, and offset
-- acknowledges everything below it.
--
--   luagram run --sandbox lua/examples/poll.lua
local offset = 0
while true do
	local list = get_updates{offset = offset, limit = 50, timeout = 30}
	for _, item in ipairs(list) do
		offset = item.update_id + 1
		local u = item.update
		if u._ == "updateNewMessage" and u.message._ == "message" and not u.message.out then
			messages.sendMessage{peer = u.message.peer_id,
				message = "update " .. item.update_id .. ": " .. u.message.message}
		end
	end
end

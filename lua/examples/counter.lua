-- counter.lua: counts the messages of each user in the key-value store,
-- which is kept in the session: the counts survive reloads and restarts.
--
--   luagram run --sandbox lua/examples/counter.lua
on("updateNewMessage", function(u)
	local m = u.message
	if m._ ~= "message" or m.out then
		return
	end
	local key = "count:" .. json.encode(m.peer_id)
	local n = tonumber(kv.get(key) or "0") + 1
	kv.set(key, tostring(n))
	messages.sendMessage{peer = m.peer_id, message = "That is message number " .. n .. " from you."}
end)

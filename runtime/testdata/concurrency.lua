-- Every handler runs in its own coroutine: a slow call in one does not
-- delay the others.
local peer = {_ = "inputPeerSelf"}
local order = {}

on("updateNewMessage", function(u)
	local text = u.message.message
	if text == "slow" then
		messages.sendMessage{peer = peer, message = "slow:300"}
	else
		messages.sendMessage{peer = peer, message = "fast"}
	end
	order[#order + 1] = text
end)

local function msg(text)
	return {_ = "updateNewMessage", pts = 1, pts_count = 1,
		message = {_ = "message", id = 1, date = 0, message = text, peer_id = {_ = "peerUser", user_id = 1}}}
end

emit(msg("slow"))
emit(msg("fast1"))
emit(msg("fast2"))
local t0 = os.clock()
sleep(0.5)
assert(#order == 3, tostring(#order))
assert(order[3] == "slow", table.concat(order, ","))
stop()

-- Telegram errors are tables with code, type, argument and message,
-- raised in the calling coroutine and catchable with pcall.
local peer = {_ = "inputPeerSelf"}

local ok, e = pcall(messages.sendMessage, {peer = peer, message = "flood"})
assert(not ok)
assert(type(e) == "table", type(e))
assert(e.code == 420, tostring(e.code))
assert(e.type == "FLOOD_WAIT", tostring(e.type))
assert(e.argument == 30, tostring(e.argument))
assert(e.message == "FLOOD_WAIT_30", tostring(e.message))
assert(e.method == "messages.sendMessage", tostring(e.method))
assert(tostring(e) == "rpc error 420: FLOOD_WAIT_30 (messages.sendMessage)", tostring(e))

-- An error value with Code/Type methods.
ok, e = pcall(function()
	return messages.sendMessage{peer = peer, message = "peer"}
end)
assert(not ok and e.code == 400 and e.type == "PEER_ID_INVALID" and e.argument == 0, tostring(e))

-- Other failures are strings naming the method.
ok, e = pcall(messages.sendMessage, {peer = peer, message = "fail"})
assert(not ok and type(e) == "string", tostring(e))
assert(e:find("messages.sendMessage: connection lost", 1, true), tostring(e))

-- Nested pcalls: the inner one catches, the outer sees success.
local outer, inner, v = pcall(function()
	local ok2, e2 = pcall(messages.sendMessage, {peer = peer, message = "flood"})
	assert(not ok2 and e2.code == 420)
	return ok2, messages.sendMessage{peer = peer, message = "after"}._
end)
assert(outer == true and inner == false and v == "updateShortSentMessage", tostring(v))

-- xpcall passes the error to the handler.
local got
ok, e = xpcall(function()
	messages.sendMessage{peer = peer, message = "flood"}
end, function(err)
	got = err
	return "handled"
end)
assert(not ok and e == "handled" and got.type == "FLOOD_WAIT")

-- error() with a table value and rethrow keep the value.
ok, e = pcall(function()
	local ok3, e3 = pcall(messages.sendMessage, {peer = peer, message = "peer"})
	error(e3)
end)
assert(not ok and e.type == "PEER_ID_INVALID")

-- pcall's results: count and values.
assert(select("#", pcall(function() end)) == 1)
assert(select("#", pcall(function() return 1, nil, 3 end)) == 4)
local a, b, c = pcall(function() help.getConfig() return "x", "y" end)
assert(a == true and b == "x" and c == "y")
-- pcall of a non-function
ok, e = pcall(nil)
assert(not ok and e == "attempt to call a nil value", tostring(e))
-- a callable table
ok, e = pcall(setmetatable({}, {__call = function(self, x) return x * 2 end}), 21)
assert(ok and e == 42)

-- on(name), on("*"), on_update and madeline_update_callback.
local seen = {named = 0, any = 0, cb = 0, upd = 0}
local function msg(text)
	return {_ = "updateNewMessage", pts = 1, pts_count = 1,
		message = {_ = "message", id = 7, date = 0, message = text, peer_id = {_ = "peerUser", user_id = 1}}}
end

local h = on("updateNewMessage", function(u)
	assert(u._ == "updateNewMessage")
	assert(u.message._ == "message" and u.message.id == 7)
	seen.named = seen.named + 1
	if u.message.message == "boom" then
		error("handler failed on purpose")
	end
end)
on("*", function(u) seen.any = seen.any + 1 end)
on_update(function(u) seen.upd = seen.upd + 1 end)
function madeline_update_callback(u)
	seen.cb = seen.cb + 1
end

emit(msg("one"))
emit({_ = "updateUserTyping", user_id = 5, action = {_ = "sendMessageTypingAction"}})
sleep(0.05)
assert(seen.named == 1, tostring(seen.named))
assert(seen.any == 2 and seen.upd == 2 and seen.cb == 2, seen.any .. seen.upd .. seen.cb)

-- An error in a handler is reported with a traceback; the script goes on.
emit(msg("boom"))
sleep(0.05)
local errs = handler_errors()
assert(#errs == 1 and errs[1]:find("handler failed on purpose"), errs[1])
emit(msg("two"))
sleep(0.05)
assert(seen.named == 3, tostring(seen.named))

-- cancel removes a handler.
assert(tostring(h):find("updateNewMessage"))
h:cancel()
emit(msg("three"))
sleep(0.05)
assert(seen.named == 3 and seen.any == 5, seen.named .. " " .. seen.any)
stop()

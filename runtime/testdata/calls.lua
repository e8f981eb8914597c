-- API calls suspend the calling coroutine and resume it with the result.
local cfg = help.getConfig()
assert(cfg._ == "config", cfg._)
assert(cfg.this_dc == 2)
assert(cfg.dc_options[1].ip_address == "149.154.167.50")

local list = users.getUsers{id = {{_ = "inputUserSelf"}, {_ = "inputUserSelf"}}}
assert(#list == 2, tostring(#list))
assert(list[1]._ == "user" and list[1].first_name == "Test")
-- longs beyond 2^53 are decimal strings
assert(list[1].access_hash == "-9000000000000000001", list[1].access_hash)

local sent = messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "hi"}
assert(sent._ == "updateShortSentMessage", sent._)
assert(type(sent.id) == "number")

-- Misuse raises a string error, catchable by pcall.
local ok, err = pcall(messages.sendMessage, {peer = {_ = "inputPeerSelf"}, mesage = "x"})
assert(not ok and type(err) == "string", tostring(err))
assert(err:find("did you mean message"), tostring(err))

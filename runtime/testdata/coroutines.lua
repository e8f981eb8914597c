-- Scripts' own coroutines behave as in Lua 5.1, also when the code inside
-- them waits for the host.
local co = coroutine.create(function(a, b)
	assert(a == 1 and b == 2)
	local c = coroutine.yield(a + b)
	assert(c == 10)
	local cfg = help.getConfig() -- waits for the host inside the coroutine
	local d, e = coroutine.yield(cfg._)
	return d + e
end)
assert(coroutine.status(co) == "suspended")
local ok, v = coroutine.resume(co, 1, 2)
assert(ok and v == 3, tostring(v))
ok, v = coroutine.resume(co, 10)
assert(ok and v == "config", tostring(v))
ok, v = coroutine.resume(co, 4, 5)
assert(ok and v == 9, tostring(v))
assert(coroutine.status(co) == "dead")
ok, v = coroutine.resume(co)
assert(not ok and v == "cannot resume dead coroutine", tostring(v))

-- Errors inside a coroutine come back from resume.
co = coroutine.create(function() error({code = 1}) end)
ok, v = coroutine.resume(co)
assert(not ok and v.code == 1)

-- wrap raises errors and passes waits through.
local gen = coroutine.wrap(function()
	for i = 1, 3 do
		messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "x"}
		coroutine.yield(i)
	end
end)
assert(gen() == 1 and gen() == 2 and gen() == 3)
local w = coroutine.wrap(function() error("inside wrap") end)
ok, v = pcall(w)
assert(not ok and v:find("inside wrap"), tostring(v))

-- yield inside pcall inside a coroutine reaches the coroutine's resumer.
co = coroutine.create(function()
	local ok2, r = pcall(function()
		local x = coroutine.yield("from pcall")
		help.getConfig()
		return x * 2
	end)
	return ok2, r
end)
ok, v = coroutine.resume(co)
assert(ok and v == "from pcall", tostring(v))
local ok3, okp, r = coroutine.resume(co, 21)
assert(ok3 and okp and r == 42, tostring(r))

-- A coroutine cannot resume itself or its resumer.
co = coroutine.create(function()
	local ok4, e = coroutine.resume(co)
	return ok4, e
end)
ok, v, w = coroutine.resume(co)
assert(ok and v == false and w == "cannot resume non-suspended coroutine", tostring(w))

-- coroutine.running, status from inside
co = coroutine.create(function()
	return coroutine.status(coroutine.running())
end)
ok, v = coroutine.resume(co)
assert(ok and v == "running", tostring(v))

-- Many coroutines waiting at once in one handler's coroutine.
local results = {}
local cos = {}
for i = 1, 5 do
	cos[i] = coroutine.wrap(function()
		local r = messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "slow:10"}
		results[i] = r._
	end)
end
for i = 1, 5 do cos[i]() end
for i = 1, 5 do assert(results[i] == "updateShortSentMessage") end

-- A yield outside any coroutine of the script lets queued work run, then continues.
local flag = false
timer(0, function() flag = true end)
sleep(0.01)
coroutine.yield()
assert(flag)

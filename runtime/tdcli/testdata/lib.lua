-- Helpers of the test scripts: call(request) waits for the answer of a
-- tdcli_function inside a coroutine started by test(fn); expect(pred)
-- waits for an update the predicate accepts (or finds one already seen).
local lib = {}
local waiters = {}
lib.seen = {}

-- The coroutine of the test. (coroutine.running() inside the pcall of
-- test would name pcall's own thread, which must not be resumed directly.)
local current

-- TDCLI_TEST_TRACE=1 prints the calls, updates and waits (shown with a
-- failure).
local trace = os.getenv("TDCLI_TEST_TRACE")

function lib.call(req)
	local co = current
	if trace then print("call " .. tostring(req.ID)) end
	tdcli_function(req, function(extra, result)
		assert(extra == req, "cb(extra, result): extra comes first")
		local ok, err = coroutine.resume(co, result)
		if not ok then
			fail(tostring(err))
		end
	end, req)
	return coroutine.yield()
end

function lib.on_update(data)
	if trace then print("update " .. tostring(data.ID) .. " " .. tostring(data.name_)) end
	lib.seen[#lib.seen + 1] = data
	for i = #waiters, 1, -1 do
		local w = waiters[i]
		if w.pred(data) then
			table.remove(waiters, i)
			local ok, err = coroutine.resume(w.co, data)
			if not ok then
				fail(tostring(err))
			end
		end
	end
end

-- expect returns the first update (after index from) that pred accepts.
function lib.expect(pred, from)
	for i = from or 1, #lib.seen do
		if pred(lib.seen[i]) then
			return lib.seen[i]
		end
	end
	if trace then print("expect from " .. tostring(from)) end
	waiters[#waiters + 1] = { pred = pred, co = current }
	return coroutine.yield()
end

function lib.mark()
	return #lib.seen + 1
end

function lib.test(fn)
	local co
	co = coroutine.create(function()
		local ok, err = pcall(fn)
		if not ok then
			fail(tostring(err))
			return
		end
		done()
	end)
	current = co
	local ok, err = coroutine.resume(co)
	if not ok then
		fail(tostring(err))
	end
end

-- eq asserts equality with a message showing both values.
function lib.eq(got, want, what)
	if got ~= want then
		error((what or "value") .. ": got " .. tostring(got) .. ", want " .. tostring(want), 2)
	end
end

function lib.ok(res, what)
	if type(res) ~= "table" then
		error((what or "result") .. ": got " .. tostring(res), 2)
	end
	if res.ID == "Error" then
		error((what or "result") .. ": Error " .. tostring(res.code_) .. " " .. tostring(res.message_), 2)
	end
	return res
end

return lib

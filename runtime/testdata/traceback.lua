-- debug.traceback: the only debug function scripts get; usable as an
-- xpcall handler, as ported scripts do.
local function fails()
	error("broken", 0)
end
local ok, msg = xpcall(fails, debug.traceback)
assert(not ok)
assert(msg:find("^broken\nstack traceback:"), msg)
assert(msg:find("traceback.lua:%d+"), msg)

local tb = debug.traceback()
assert(tb:find("^stack traceback:"), tb)
assert(debug.traceback("x"):find("^x\nstack traceback:"))
local t = {}
assert(debug.traceback(t) == t, "a table message comes back as is")
assert(debug.getinfo == nil and debug.sethook == nil, "only traceback")

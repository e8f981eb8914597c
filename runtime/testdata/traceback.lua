-- debug.traceback: the only debug function scripts get. As an xpcall
-- handler it shows where the error was raised, as in Lua 5.1.
local function deepest()
	error("broken", 0) -- line 4
end
local function fails()
	deepest() -- line 7
end
local ok, msg = xpcall(fails, debug.traceback)
assert(not ok)
assert(msg:find("^broken\nstack traceback:"), msg)
assert(msg:find("traceback.lua:4:"), "the raise's line is missing:\n" .. msg)
assert(msg:find("traceback.lua:7:"), "the caller's line is missing:\n" .. msg)

-- Called directly: the calling coroutine's stack.
local tb = debug.traceback()
assert(tb:find("^stack traceback:"), tb)
assert(tb:find("traceback.lua:16:"), tb)
assert(debug.traceback("x"):find("^x\nstack traceback:"))
local t = {}
assert(debug.traceback(t) == t, "a table message comes back as is")

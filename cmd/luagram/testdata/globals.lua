-- globals.lua: prints the globals a script sees beyond Lua's standard
-- libraries and the API namespaces, then stops. Used by
-- TestLuaReferenceCoversGlobals.
local std = {}
for _, n in ipairs{"_G", "_VERSION", "_GOPHER_LUA_VERSION", "assert", "collectgarbage", "error",
	"getfenv", "getmetatable", "ipairs", "load", "loadstring", "module", "next", "pairs",
	"pcall", "print", "rawequal", "rawget", "rawlen", "rawset", "select", "setfenv",
	"setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall", "newproxy",
	"coroutine", "math", "string", "table", "os"} do
	std[n] = true
end
local namespaces = {}
for _, m in ipairs(tl.methods) do
	local ns = m:match("^(%w+)%.")
	if ns then
		namespaces[ns] = true
	end
end
local names = {}
for k, v in pairs(_G) do
	local callable = type(v) == "function" or (getmetatable(v) or {}).__call ~= nil
	if not std[k] and (callable or not namespaces[k]) then
		names[#names + 1] = k
	end
end
table.sort(names)
print("GLOBALS " .. table.concat(names, " "))
stop()

-- gopher-lua cannot suspend a Lua function called from Go or from a
-- metamethod; waiting there raises an error instead of corrupting the
-- coroutine.
local t = setmetatable({}, {__index = function(_, k)
	return help.getConfig()
end})
local ok, e = pcall(function() return t.x end)
assert(not ok and tostring(e):find("cannot wait inside a metamethod"), tostring(e))

ok, e = pcall(table.sort, {3, 2, 1}, function(a, b)
	help.getConfig()
	return a < b
end)
assert(not ok and tostring(e):find("cannot wait"), tostring(e))

ok, e = pcall(string.gsub, "abc", "b", function()
	sleep(0)
end)
assert(not ok and tostring(e):find("sleep: cannot wait"), tostring(e))

-- A for iterator written in Lua is called from the VM's own loop in
-- gopher-lua only for the first call; waiting in it is refused too.
local function iter(s, i)
	if i < 2 then
		help.getConfig()
		return i + 1
	end
end
ok, e = pcall(function()
	for i in iter, nil, 0 do end
end)
assert(not ok and tostring(e):find("cannot wait"), tostring(e))

-- The state is fine afterwards.
assert(help.getConfig()._ == "config")

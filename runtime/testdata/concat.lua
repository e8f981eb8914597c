-- table.concat: Lua 5.1's semantics, for lists far longer than
-- gopher-lua's value stack (its own concat failed past ~32,000 items).
local big = {}
for i = 1, 100000 do
	big[i] = "x"
end
local s = table.concat(big, ",")
assert(#s == 199999, "length " .. #s)
assert(s:sub(1, 5) == "x,x,x")

assert(table.concat({}) == "")
assert(table.concat({"a", "b", "c"}) == "abc")
assert(table.concat({"a", "b", "c"}, "-") == "a-b-c")
assert(table.concat({"a", "b", "c"}, "-", 2) == "b-c")
assert(table.concat({"a", "b", "c"}, "-", 2, 2) == "b")
assert(table.concat({"a", "b", "c"}, "-", 3, 2) == "")
assert(table.concat({1, 2.5, "z"}, " ") == "1 2.5 z")

local ok, err = pcall(table.concat, {"a", {}, "c"})
assert(not ok and tostring(err):find("invalid value %(at index 2%) in table for concat"), tostring(err))
ok, err = pcall(table.concat, {"a"}, ",", 1, 2)
assert(not ok and tostring(err):find("at index 2"), tostring(err))

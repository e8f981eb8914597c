-- require loads sibling modules once, from the script's directory only.
local util = require("mods.util")
assert(util.double(21) == 42)
assert(require("mods.util") == util)
assert(require("mods/util") ~= nil)
local deep = require("mods.lib.deep")
assert(deep.name == "deep" and deep.cfg == "config") -- its main chunk waited for the host
assert(require("mods.noreturn") == true)

for _, bad in ipairs({"../x", "/etc/passwd", "mods..util", ".hidden", "mods/../require"}) do
	local ok, e = pcall(require, bad)
	assert(not ok, bad)
end
local ok, e = pcall(require, "mods.missing")
assert(not ok and e:find("not found"), e)
ok, e = pcall(require, "mods.broken")
assert(not ok and e:find("mods/broken.lua:2:"), e) -- the file and line of the syntax error
ok, e = pcall(require, "mods.loop_a")
assert(not ok and e:find("requires itself"), e)
-- io, os.execute, dofile are not reachable from a module either
assert(require("mods.util").io == nil)

-- The Lua 5.1/5.2 world of telegram-cli.
package.path = package.path .. ";.luarocks/share/lua/5.2/?.lua"
local function eq(got, want, what)
	if got ~= want then
		error(what .. ": got " .. tostring(got) .. ", want " .. tostring(want), 2)
	end
end
eq(bit32.band(0xff, 0x0f), 0x0f, "band")
eq(bit32.bor(1, 2, 4), 7, "bor")
eq(bit32.bxor(5, 1), 4, "bxor")
eq(bit32.bnot(0), 0xffffffff, "bnot")
eq(bit32.lshift(1, 4), 16, "lshift")
eq(bit32.rshift(0x80000000, 31), 1, "rshift")
eq(bit32.arshift(0x80000000, 31), 0xffffffff, "arshift")
eq(bit32.extract(0xf0, 4, 4), 0xf, "extract")
eq(bit32.replace(0, 3, 4, 2), 48, "replace")
eq(bit32.lrotate(1, 33), 2, "lrotate")
eq(require("bit32"), bit32, "require bit32")
local utf8 = require("utf8")
eq(utf8.len("héllo"), 5, "utf8.len")
eq(utf8.char(72, 233), "Hé", "utf8.char")
eq(utf8.sub("héllo", 2, 3), "él", "utf8.sub")
eq(utf8.codepoint("é"), 233, "utf8.codepoint")
eq(utf8.offset("aé", 3), 4, "utf8.offset")
eq(utf8.reverse("añb"), "bña", "utf8.reverse")
local cps = {}
for p, c in utf8.codes("aé") do
	cps[#cps + 1] = p .. ":" .. c
end
eq(table.concat(cps, ","), "1:97,2:233", "utf8.codes")
eq(select("#", table.unpack({ 1, 2, 3 })), 3, "table.unpack")
eq(table.pack(1, nil, 3).n, 3, "table.pack")
eq(unpack({ 4, 5 }), 4, "unpack")
eq(load("return 1 + 1")(), 2, "load of a string")
eq(loadstring("return 'x'")(), "x", "loadstring")
local f, err = loadstring("return +")
eq(f, nil, "syntax error")
assert(err, "message")
-- Files: dofile and require relative to the script's directory.
eq(dofile("./sub/mod.lua").name, "mod", "dofile")
eq(require("sub.mod").name, "mod", "require with dots")
eq(require("./sub/mod").name, "mod", "require of a path")
eq(package.loaded["sub.mod"].name, "mod", "package.loaded")
local lf = loadfile("sub/mod.lua")
eq(lf().name, "mod", "loadfile")
local none, why = loadfile("sub/nothing.lua")
eq(none, nil, "loadfile of nothing")
assert(why:find("cannot open"), why)
local ok, e = pcall(require, "no.such.module")
assert(not ok and e:find("module 'no.such.module' not found"), tostring(e))
local bc, bmsg = loadfile("sub/compiled.luac")
eq(bc, nil, "bytecode refused")
assert(bmsg:find("precompiled Lua bytecode is not supported"), bmsg)
local okb, eb = pcall(require, "sub.compiled2")
assert(not okb and eb:find("precompiled"), tostring(eb))
-- io and os.
local dir = step("tmp")
local fh = assert(io.open(dir .. "/x.txt", "w"))
fh:write("line1\nline2\n")
fh:close()
local lines = {}
for l in io.lines(dir .. "/x.txt") do
	lines[#lines + 1] = l
end
eq(table.concat(lines, "|"), "line1|line2", "io.lines")
eq(os.remove(dir .. "/x.txt"), true, "os.remove")
eq(os.getenv("LUAGRAM_TDCLI_TEST"), "yes", "os.getenv")
assert(type(os.time()) == "number" and os.date("%Y") ~= "", "os.time, os.date")
io.write("written ", 42, "\n")
print("printed", 1, true)
local answer = io.read()
eq(answer, "first line", "io.read")
eq(io.read("*n"), 42, "io.read *n")
done()

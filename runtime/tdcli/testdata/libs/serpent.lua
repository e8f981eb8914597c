local serpent = require("serpent")
local function eq(got, want, what)
	if got ~= want then
		error(what .. ": got " .. tostring(got) .. ", want " .. tostring(want), 2)
	end
end
local t = { 1, 2, name = "x", nested = { ok = true }, ["with space"] = 3 }
eq(serpent.line(t, { comment = false }), '{1, 2, name = "x", nested = {ok = true}, ["with space"] = 3}', "line")
local b = serpent.block(t, { comment = false })
assert(b:find('\n  name = "x"'), "block indents: " .. b)
assert(serpent.line({}, { comment = true }):find("%-%-%[%[table"), "comments")
local ok, copy = serpent.load(serpent.dump(t))
assert(ok, "load of a dump")
eq(copy.name, "x", "dump round trip")
eq(copy.nested.ok, true, "dump round trip nested")
eq(copy[2], 2, "dump round trip array")
local ok2, v = serpent.load(serpent.line({ a = { 1 } }, { comment = false }))
assert(ok2 and v.a[1] == 1, "load of a line")
local cyc = { }
cyc.me = cyc
assert(serpent.line(cyc, { comment = false }):find("nil %-%-%[%[ref%]%]"), "cycles")
eq(serpent.line("a\nb"), '"a\\nb"', "strings")
eq(serpent.line(1 / 0), "math.huge", "huge")
local ok3 = serpent.load("os.exit()")
assert(not ok3, "safe load calls nothing")
done()

-- What the safe environment leaves out, and the bounded string.rep.
assert(io == nil and package == nil and dofile == nil and loadfile == nil)
for k in pairs(debug) do assert(k == "traceback", "debug." .. k) end
assert(os.execute == nil and os.exit == nil and os.remove == nil and os.getenv == nil)
assert(type(os.time()) == "number" and type(os.clock()) == "number" and type(os.date()) == "string")
assert(string.dump == nil)
assert(collectgarbage() == 0)
local kb = collectgarbage("count")
assert(kb > 0 and kb < 4096, tostring(kb))
local ok, e = pcall(string.rep, "x", 2^40)
assert(not ok and e:find("memory limit"), e)
assert(string.rep("ab", 3) == "ababab")
assert(("x"):rep(2) == "xx")
print("print goes to the log", 1, nil, true)
log.info("structured", "n", 1, "ok", true)
-- loadstring works within the same sandbox
local f = loadstring("return io")
assert(f() == nil)
-- tl namespace
assert(type(tl.methods) == "table" and #tl.methods > 100 and tl.layer > 0)

local enc, dec = json.encode, json.decode

assert(enc({1, 2, 3}) == "[1,2,3]")
assert(enc({a = 1, b = {true, false}}) == '{"a":1,"b":[true,false]}')
assert(enc({}) == "{}")
assert(enc(json.array({})) == "[]")
assert(enc(json.array()) == "[]")
assert(enc({[1] = "a", [3] = "c"}) == '{"1":"a","3":"c"}') -- a hole: not an array
assert(enc({[1] = 1, x = 2}) == '{"1":1,"x":2}')
assert(enc("a\"b\\c\n\1") == '"a\\"b\\\\c\\n\\u0001"')
assert(enc("héllo") == '"héllo"')
assert(enc("\255") == '"\\ufffd"')
assert(enc(1.5) == "1.5")
assert(enc(-3) == "-3")
assert(enc(2^53) == "9007199254740992")
assert(enc(nil) == "null" and enc(json.null) == "null")
assert(enc({x = json.null}) == '{"x":null}')
assert(enc({1, json.null, 3}) == "[1,null,3]")
local ok, e = pcall(enc, {f = print})
assert(not ok and e:find("cannot encode a function"), e)
local cyc = {}
cyc.self = cyc
ok, e = pcall(enc, cyc)
assert(not ok and e:find("contains itself"), e)
ok, e = pcall(enc, 0/0)
assert(not ok)
assert(enc({a = {b = 1}}, "  ") == '{\n  "a": {\n    "b": 1\n  }\n}', enc({a = {b = 1}}, "  "))

-- decode
local v = dec('{"a": [1, 2, {"b": null}], "s": "x\\u00e9", "t": true, "f": 1.25}')
assert(v.a[1] == 1 and v.a[2] == 2 and v.a[3].b == json.null)
assert(v.s == "xé" and v.t == true and v.f == 1.25)
assert(#dec("[1,null,3]") == 3)
assert(enc(dec("[]")) == "[]") -- decoded arrays stay arrays
assert(enc(dec("{}")) == "{}")
-- 64-bit ids: exact integers up to 2^53 are numbers, larger ones strings
v = dec('[9007199254740992, 9007199254740993, -1234567890123456789, 123456789012345678901234]')
assert(v[1] == 2^53)
assert(v[2] == "9007199254740993", tostring(v[2]))
assert(v[3] == "-1234567890123456789", tostring(v[3]))
assert(v[4] == "123456789012345678901234", tostring(v[4]))
ok, e = pcall(dec, "[1,")
assert(not ok and e:find("json.decode"), e)
ok, e = pcall(dec, "[1] 2")
assert(not ok and e:find("after the value"), e)
ok = pcall(dec, string.rep("[", 2000) .. string.rep("]", 2000))
assert(not ok)

-- Round trip of an API result.
local cfg = help.getConfig()
local back = dec(enc(cfg))
assert(back._ == "config" and back.this_dc == 2 and back.dc_options[1].port == 443)
assert(require("json") == json)

-- The Lua 5.1/5.2 world of tdcli scripts, run in every tdcli state after
-- the host's prelude (see compat.go). Functions that run Lua code (require,
-- dofile) are Lua here so that the code may wait for the host.
local find, loadfile, preload_names, open_preload, sandboxed = ...
local type, error, pairs, setmetatable, tostring = type, error, pairs, setmetatable, tostring

package = {
	path = "./?.lua;./?/init.lua",
	cpath = "",
	config = "/\n;\n?\n!\n-",
	loaded = {},
	preload = {},
}

-- The standard libraries, as package.loaded has them in Lua.
for _, name in pairs({ "string", "table", "math", "os", "io", "coroutine", "bit32", "utf8" }) do
	if _G[name] ~= nil then
		package.loaded[name] = _G[name]
	end
end
package.loaded._G = _G

-- The modules luagram provides are loaded on first require.
for _, name in pairs(preload_names) do
	package.preload[name] = function(n)
		return open_preload(n)
	end
end

local loading = {}

function require(name)
	if type(name) ~= "string" then
		error("bad argument #1 to 'require' (string expected, got " .. type(name) .. ")", 2)
	end
	local v = package.loaded[name]
	if v ~= nil then
		return v
	end
	if loading[name] then
		error("loop or previous error loading module '" .. name .. "'", 2)
	end
	local loader = package.preload[name]
	local arg = name
	if loader == nil then
		local f, why = find(name, package.path)
		if f == nil then
			error(why, 2)
		end
		loader, arg = f, name
	end
	loading[name] = true
	local ok, r = pcall(loader, arg)
	loading[name] = nil
	if not ok then
		error(r, 0)
	end
	if r ~= nil then
		package.loaded[name] = r
	elseif package.loaded[name] == nil then
		package.loaded[name] = true
	end
	return package.loaded[name]
end

-- As Lua's, dofile raises the error of loading the file as it is: it
-- names the file and the line.
function dofile(path)
	local f, err = loadfile(path)
	if f == nil then
		error(err, 0)
	end
	return f()
end

-- Lua 5.2 names.
table.unpack = table.unpack or unpack
table.pack = table.pack or function(...)
	return { n = select("#", ...), ... }
end

return sandboxed

-- luagram's serpent: the API of Paul Kulchenko's serpent serializer
-- (line, block, dump, serialize, load), written for luagram. Tables print
-- with their array part first, then the other keys sorted; cycles print as
-- nil --[[ref]]; functions and userdata as nil --[[type]] (or their
-- tostring with nocode = false and comment on).
local type, pairs, tostring, tonumber, select = type, pairs, tostring, tonumber, select
local sformat, srep, concat, sort = string.format, string.rep, table.concat, table.sort
local huge = 1 / 0 -- math.huge is the largest float in gopher-lua, not infinity

local M = { _NAME = "serpent", _COPYRIGHT = "luagram", _DESCRIPTION = "Lua serializer and pretty printer", _VERSION = "0.302" }

local keywords = {}
for w in ("and break do else elseif end false for function goto if in local nil not or repeat return then true until while"):gmatch("%a+") do
	keywords[w] = true
end

local function quote(s)
	return (sformat("%q", s):gsub("\010", "n"):gsub("\026", "\\026"))
end

local function number(n, fmt)
	if n ~= n then
		return "0/0"
	elseif n == huge or n == math.huge then
		return "math.huge"
	elseif n == -huge or n == -math.huge then
		return "-math.huge"
	elseif n == math.floor(n) and n > -1e15 and n < 1e15 then
		return sformat("%d", n)
	end
	return sformat(fmt or "%.17g", n)
end

local function keyorder(a, b)
	local ta, tb = type(a), type(b)
	if ta == "number" and tb == "number" then
		return a < b
	elseif ta == "number" then
		return true
	elseif tb == "number" then
		return false
	end
	return tostring(a) < tostring(b)
end

local function serialize(t, opts)
	opts = opts or {}
	local indent = opts.indent
	local comment = opts.comment
	local maxlevel = opts.maxlevel or huge
	local sortkeys = opts.sortkeys
	if sortkeys == nil then
		sortkeys = true
	end
	local compact = opts.compact
	local nocode = opts.nocode
	local numformat = opts.numformat
	local keyignore, valignore = opts.keyignore or {}, opts.valignore or {}
	local seen = {}

	local function scalar(v)
		local tv = type(v)
		if tv == "string" then
			return quote(v)
		elseif tv == "number" then
			return number(v, numformat)
		elseif tv == "boolean" or tv == "nil" then
			return tostring(v)
		end
		if comment and not nocode then
			return "nil --[[" .. tostring(v) .. "]]"
		end
		return "nil --[[" .. tv .. "]]"
	end

	local function key(k)
		if type(k) == "string" and k:match("^[%a_][%w_]*$") and not keywords[k] then
			return k
		end
		return "[" .. scalar(k) .. "]"
	end

	local function value(v, level)
		if type(v) ~= "table" then
			return scalar(v)
		end
		if seen[v] then
			return "nil --[[ref]]"
		end
		if level > maxlevel then
			return "{} --[[max level]]"
		end
		seen[v] = true
		local n = #v
		local keys = {}
		for k in pairs(v) do
			if not (type(k) == "number" and k >= 1 and k <= n and k == math.floor(k)) and not keyignore[k] then
				keys[#keys + 1] = k
			end
		end
		if sortkeys == true then
			sort(keys, keyorder)
		elseif type(sortkeys) == "function" then
			sortkeys(keys, v)
		end
		local parts = {}
		for i = 1, n do
			if not valignore[v[i]] then
				parts[#parts + 1] = value(v[i], level + 1)
			end
		end
		for _, k in ipairs(keys) do
			local x = v[k]
			if not valignore[x] then
				parts[#parts + 1] = key(k) .. (compact and "=" or " = ") .. value(x, level + 1)
			end
		end
		seen[v] = nil
		local note = comment and (" --[[" .. tostring(v) .. "]]") or ""
		if #parts == 0 then
			return "{}" .. note
		end
		if indent then
			local pad = srep(indent, level)
			return "{\n" .. pad .. indent .. concat(parts, ",\n" .. pad .. indent) .. "\n" .. pad .. "}" .. note
		end
		return "{" .. concat(parts, compact and "," or ", ") .. "}" .. note
	end

	local s = value(t, 0)
	if opts.name then
		return "do local " .. opts.name .. " = " .. s .. "; return " .. opts.name .. "; end"
	end
	return s
end

local function merge(defaults, opts)
	local o = {}
	for k, v in pairs(defaults) do
		o[k] = v
	end
	for k, v in pairs(opts or {}) do
		o[k] = v
	end
	return o
end

M.serialize = serialize

function M.line(t, opts)
	return serialize(t, merge({ sortkeys = true, comment = true }, opts))
end

function M.block(t, opts)
	return serialize(t, merge({ indent = "  ", sortkeys = true, comment = true }, opts))
end

function M.dump(t, opts)
	return serialize(t, merge({ name = "_", compact = true, sparse = true }, opts))
end

-- load reads what serialize wrote: a value, or a dump. With safe (the
-- default) the text runs with no globals, so it cannot call anything.
function M.load(data, opts)
	if type(data) ~= "string" then
		return false, "serpent.load: string expected"
	end
	opts = opts or {}
	local f, err = loadstring("return " .. data)
	if not f then
		f, err = loadstring(data)
	end
	if not f then
		return false, err
	end
	if opts.safe ~= false then
		setfenv(f, { math = { huge = huge } })
	end
	return pcall(f)
end

return M

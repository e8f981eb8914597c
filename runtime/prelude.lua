-- The host's Lua glue, compiled once and run in every state (see prelude.go).
-- gopher-lua cannot yield across pcall or coroutine.resume when the yield
-- comes from a Go function, so pcall, xpcall and the coroutine functions are
-- rebuilt here on threads the host resumes from Go: each level passes the
-- host's waits (code 2 or 3 below) up to the handler's coroutine, which the
-- host resumes when the result is in.
local yield, count, check, arm, pstart, presume, cocreate, coresume, loadmod = ...
local type, error, rawset = type, error, rawset

-- pstart returns (thread, code, values…) and presume (code, values…):
-- code 0 returned, 1 raised, 2 yielded. Yields pass through pcall
-- unchanged.
local function pstep(th, code, ...)
	if code == 2 then
		return pstep(th, presume(th, yield(...)))
	end
	return code == 0, ...
end

function pcall(f, ...)
	return pstep(pstart(f, ...))
end

local function xstep(h, th, code, ...)
	if code == 2 then
		return xstep(h, th, presume(th, yield(...)))
	end
	if code == 0 then
		return true, ...
	end
	return false, h(...)
end

function xpcall(f, h)
	return xstep(h, pstart(f))
end

-- coresume returns (code, values…): 0 returned, 1 raised, 2 yielded to its
-- resumer, 3 waits for the host (passed up, then resumed with the result).
local function rstep(co, code, ...)
	if code == 3 then
		return rstep(co, coresume(co, yield(...)))
	end
	return code ~= 1, ...
end

local function wstep(co, code, ...)
	if code == 3 then
		return wstep(co, coresume(co, yield(...)))
	end
	if code == 1 then
		error((...), 0)
	end
	return ...
end

coroutine.create = cocreate
coroutine.resume = function(co, ...)
	return rstep(co, coresume(co, ...))
end
coroutine.wrap = function(f)
	local co = cocreate(f)
	return function(...)
		return wstep(co, coresume(co, ...))
	end
end

-- run starts every thread; top starts the host's top-level ones (main
-- chunk, handlers, timers) and arms their traceback hook. count prefixes
-- the results with their number. The first yield of body parks a new
-- coroutine until its first resume.
local function run(f, ...)
	return count(f(...))
end
local function top(f, ...)
	arm()
	return count(f(...))
end
local function body(f)
	return count(f(yield()))
end

-- wrap makes a Go function that may wait for the host raise the error the
-- wait ended with.
local function wrap(f)
	return function(...)
		return check(f(...))
	end
end

-- lazy is the metatable of an API namespace (messages, users, …): methods
-- are wrapped on first use.
local function lazy(raw)
	return {
		__index = function(t, k)
			local f = raw[k]
			if type(f) == "function" then
				f = wrap(f)
				rawset(t, k, f)
			end
			return f
		end,
	}
end

local loaded, loading = {}, {}

function require(name)
	if type(name) ~= "string" then
		error("bad argument #1 to require (string expected, got " .. type(name) .. ")", 2)
	end
	local v = loaded[name]
	if v == loading then
		error("require: '" .. name .. "' requires itself while loading", 2)
	elseif v ~= nil then
		return v
	end
	local f = loadmod(name)
	loaded[name] = loading
	local ok, r = pcall(f, name)
	if not ok then
		loaded[name] = nil
		error(r, 0)
	end
	if r == nil then
		r = true
	end
	loaded[name] = r
	return r
end

return run, top, body, wrap, lazy, loaded

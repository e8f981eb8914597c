-- luagram's ltn12: the sources, sinks, filters and pumps of LuaSocket's
-- ltn12 module, written for luagram.
local M = { _VERSION = "LTN12 1.0.3 (luagram)", BLOCKSIZE = 2048, source = {}, sink = {}, filter = {}, pump = {} }

function M.source.empty()
	return function()
		return nil
	end
end

function M.source.error(err)
	return function()
		return nil, err
	end
end

function M.source.string(s)
	if not s then
		return M.source.empty()
	end
	local i = 1
	return function()
		local chunk = s:sub(i, i + M.BLOCKSIZE - 1)
		i = i + M.BLOCKSIZE
		if chunk ~= "" then
			return chunk
		end
		return nil
	end
end

function M.source.file(handle, io_err)
	if not handle then
		return M.source.error(io_err or "unable to open file")
	end
	return function()
		local chunk = handle:read(M.BLOCKSIZE)
		if not chunk then
			handle:close()
		end
		return chunk
	end
end

function M.source.chain(src, f)
	return function()
		local chunk, err = src()
		if err then
			return nil, err
		end
		return f(chunk)
	end
end

function M.source.cat(...)
	local srcs = { ... }
	local i = 1
	return function()
		while srcs[i] do
			local chunk, err = srcs[i]()
			if chunk then
				return chunk
			end
			if err then
				return nil, err
			end
			i = i + 1
		end
		return nil
	end
end

function M.sink.table(t)
	t = t or {}
	return function(chunk, err)
		if chunk then
			t[#t + 1] = chunk
		end
		return 1
	end, t
end

function M.sink.null()
	return function()
		return 1
	end
end

function M.sink.error(err)
	return function()
		return nil, err
	end
end

function M.sink.file(handle, io_err)
	if not handle then
		return M.sink.error(io_err or "unable to open file")
	end
	return function(chunk, err)
		if not chunk then
			handle:close()
			return 1
		end
		return handle:write(chunk)
	end
end

function M.sink.chain(f, snk)
	return function(chunk, err)
		return snk(f(chunk), err)
	end
end

function M.filter.chain(...)
	local fs = { ... }
	return function(chunk)
		for _, f in ipairs(fs) do
			chunk = f(chunk)
		end
		return chunk
	end
end

function M.pump.step(src, snk)
	local chunk, src_err = src()
	local ret, snk_err = snk(chunk, src_err)
	if chunk and ret then
		return 1
	end
	return nil, src_err or snk_err
end

function M.pump.all(src, snk, step)
	step = step or M.pump.step
	while true do
		local ret, err = step(src, snk)
		if not ret then
			if err then
				return nil, err
			end
			return 1
		end
	end
end

return M

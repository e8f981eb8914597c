-- transfer.lua: uploads from a string and from a stream with progress
-- callbacks, downloads to a stream by byte ranges, and checks every byte
-- and every progress call in Lua; TestTransferScript reads the summary
-- it logs; then it stops. Streams are plain tables (scripts have no io).
-- samples: /transfer

-- 1009 pseudo-random bytes repeated: a prime period, so that a range that
-- starts a few KB off would not compare equal by chance.
local block = {}
local x = 12345
for i = 1, 1009 do
	x = (x * 1103515245 + 12345) % 2147483648
	block[i] = string.char(x % 256)
end
local data = string.rep(table.concat(block), 1300) -- 1,311,700 bytes: 3 parts

-- progress returns a callback recording its calls and a checker.
local function progress(wait)
	local seen = {}
	local cb = function(p)
		if wait then
			sleep(0.001) -- a callback may wait, as one editing a message would
		end
		seen[#seen + 1] = p
	end
	local check = function(what)
		if #seen == 0 then
			error(what .. ": no progress call")
		end
		for i = 2, #seen do
			if seen[i] < seen[i - 1] then
				error(what .. ": progress went back from " .. seen[i - 1] .. " to " .. seen[i])
			end
		end
		if seen[#seen] ~= 100 then
			error(what .. ": last progress " .. seen[#seen])
		end
		return #seen
	end
	return cb, check
end

local function reader(s)
	return {pos = 1, read = function(self, n)
		if self.pos > #s then
			return nil
		end
		local chunk = s:sub(self.pos, self.pos + n - 1)
		self.pos = self.pos + #chunk
		return chunk
	end}
end

local function sink()
	local parts = {}
	return {write = function(self, s) parts[#parts + 1] = s; return self end,
		bytes = function() return table.concat(parts) end}
end

on("updateNewMessage", function(u)
	local m = u.message
	if m._ ~= "message" or m.out or m.message ~= "/transfer" then
		return
	end
	local report = {}

	-- From a string, with a callback that does not wait.
	local cb, check = progress(false)
	local file = upload({data = data}, "data.bin", cb)
	local calls = check("upload")
	local sent = send_media(m.peer_id, file, {kind = "document"})
	report[#report + 1] = "upload " .. file._ .. " progress ok"

	-- Ranges at the edges of the API's alignment, into a stream.
	local ranges = {{0, 0}, {0, 1}, {1, 4097}, {4095, 4097}, {524287, 524289},
		{524288, 1048576}, {1048575, 1048577}, {#data - 1, #data}, {1000, 0}}
	for _, r in ipairs(ranges) do
		local out = sink()
		local dcb, dcheck = progress(true)
		local n = download_to_stream(sent, out, dcb, r[1], r[2])
		dcheck("range " .. r[1] .. "-" .. r[2])
		local want = data:sub(r[1] + 1, r[2] == 0 and #data or r[2])
		if out.bytes() ~= want or n ~= #want then
			error("range " .. r[1] .. "-" .. r[2] .. ": got " .. n .. " bytes, want " .. #want)
		end
	end
	report[#report + 1] = #ranges .. " ranges ok"

	-- From a stream of unknown size, with a callback that waits, sent
	-- with send_media's progress option, then downloaded by its file id.
	local scb, scheck = progress(true)
	local sent2 = send_media(m.peer_id, reader(data), {kind = "document", file_name = "stream.bin", progress = scb})
	scheck("stream upload")
	local out = sink()
	download_to_stream(file_id(sent2), out)
	if out.bytes() ~= data then
		error("stream upload: the download differs")
	end
	report[#report + 1] = "stream ok"

	-- Failing streams are errors of the call, caught by pcall.
	local bad = {read = function() error("no more data", 0) end}
	local ok, err = pcall(upload, bad, "bad.bin")
	report[#report + 1] = "read error: " .. (ok and "none" or tostring(err):match("stream read: [^\n]*"))
	local full = {write = function() return nil, "disk full" end}
	ok, err = pcall(download_to_stream, sent, full)
	report[#report + 1] = "write error: " .. (ok and "none" or tostring(err):match("stream write: [^\n]*"))
	ok, err = pcall(download_to_stream, sent, {})
	report[#report + 1] = "no method: " .. (ok and "none" or tostring(err):match("the stream has no write method"))

	-- Logged, not sent: the run ends at stop(), maybe before a message
	-- sent now would reach the simulated user.
	print("TRANSFER " .. table.concat(report, "; ") .. " (" .. calls .. " upload progress calls)")
	stop()
end)

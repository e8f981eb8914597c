-- files.lua: a bot that makes a file, sends it with a progress message,
-- and reads it back by its bot-API file id.
--
--   luagram run --sandbox lua/examples/files.lua
--
-- /report builds a CSV in memory and sends it as a document; while it
-- uploads, a status message shows the percentage (the progress callback
-- may wait, so it edits the message itself). /check downloads the last
-- report through a stream and counts its lines. See docs/lua.md, "Files".
--
-- samples: /report | /check

local last_id -- the bot-API file id of the last report (kept across handlers)

local function report_csv(rows)
	local lines = {"n,square,cube"}
	for n = 1, rows do
		lines[#lines + 1] = n .. "," .. n * n .. "," .. n * n * n
	end
	return table.concat(lines, "\n") .. "\n"
end

-- sent_id returns the id of the message a messages.sendMessage call made:
-- the answer is an updateShortSentMessage or updates holding it.
local function sent_id(res)
	if res._ == "updateShortSentMessage" then
		return res.id
	end
	for _, u in ipairs(res.updates or {}) do
		if u._ == "updateMessageID" then
			return u.id
		elseif u._ == "updateNewMessage" then
			return u.message.id
		end
	end
end

local function report(m)
	local status = sent_id(messages.sendMessage{peer = m.peer_id, message = "Uploading report.csv: 0%"})
	local shown = 0
	local function progress(percent)
		-- Edit at most every 25% (and at 100): edits are API calls.
		if percent == 100 or percent - shown >= 25 then
			shown = percent
			messages.editMessage{peer = m.peer_id, id = status,
				message = string.format("Uploading report.csv: %d%%", percent)}
		end
	end
	local sent = send_media(m.peer_id, {data = report_csv(60000)},
		{kind = "document", file_name = "report.csv", caption = "<b>Your report</b>", parse_mode = "html", progress = progress})
	last_id = file_id(sent)
end

local function check(m)
	if not last_id then
		messages.sendMessage{peer = m.peer_id, message = "No report yet: send /report first."}
		return
	end
	local lines, bytes = 0, 0
	local counter = {write = function(self, chunk)
		bytes = bytes + #chunk
		for _ in chunk:gmatch("\n") do
			lines = lines + 1
		end
		return self
	end}
	download_to_stream(last_id, counter, nil)
	messages.sendMessage{peer = m.peer_id,
		message = string.format("The last report has %d lines, %d bytes.", lines, bytes)}
end

on("updateNewMessage", function(u)
	local m = u.message
	if m._ ~= "message" or m.out then
		return
	end
	if m.message == "/report" then
		report(m)
	elseif m.message == "/check" then
		check(m)
	end
end)

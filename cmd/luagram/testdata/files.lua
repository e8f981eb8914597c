-- files.lua: sends a document, then downloads it back by its bot-API
-- file id and reports the size. Used by TestFilesScript.
-- samples: /doc
on("updateNewMessage", function(u)
	local m = u.message
	if m._ ~= "message" or m.out or m.message ~= "/doc" then
		return
	end
	-- Relative paths are relative to the working directory.
	local sent = send_media(m.peer_id, "hello.txt", {kind = "document", caption = "<b>here</b> it is", parse_mode = "html"})
	local id = file_id(sent)
	local n = download_to_file(id, "copy.txt")
	messages.sendMessage{peer = m.peer_id, message = "downloaded " .. n .. " bytes; caption entity " .. sent.entities[1]._}
end)

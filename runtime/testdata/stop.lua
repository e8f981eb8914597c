-- stop() ends the script even with handlers and timers registered, and
-- pcall does not catch it.
on("*", function() end)
every(1, function() end)
local ok = pcall(function()
	stop()
	error("not reached")
end)
error("not reached either")

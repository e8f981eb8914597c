-- Errors that are not strings are reported through tostring, under the
-- deadline too.
on("updateUserTyping", function(u)
	if u.user_id == 1 then
		error(setmetatable({}, {__tostring = function() return "custom error" end}))
	elseif u.user_id == 2 then
		error(setmetatable({}, {__tostring = function() while true do end end}))
	else
		error({code = 5})
	end
end)
for id = 1, 3 do
	emit({_ = "updateUserTyping", user_id = id, action = {_ = "sendMessageTypingAction"}})
end
sleep(0.1)
timer(3, function() end) -- keeps the script alive while the deadline runs
local errs
while true do
	errs = handler_errors()
	if #errs > 0 then break end
	sleep(0.05)
end
while #errs < 3 do
	sleep(0.1)
	for _, e in ipairs(handler_errors()) do errs[#errs + 1] = e end
end
table.sort(errs)
assert(errs[1] == "custom error", errs[1])
assert(errs[2] == "table", errs[2]) -- __tostring ran past the deadline
assert(errs[3]:find("^table: "), errs[3])
stop()

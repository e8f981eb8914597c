-- Long polling as in MadelineProto: increasing update_ids, offset
-- acknowledges, timeout blocks the caller.
local function typing(id)
	return {_ = "updateUserTyping", user_id = id, action = {_ = "sendMessageTypingAction"}}
end

-- Nothing yet: timeout 0 returns at once.
local list = get_updates{timeout = 0}
assert(#list == 0)

emit(typing(1))
emit(typing(2))
emit(typing(3))
sleep(0.01) -- let the loop take them from the inbox
list = get_updates{timeout = 1}
assert(#list == 3, tostring(#list))
local first = list[1].update_id
assert(list[2].update_id == first + 1 and list[3].update_id == first + 2)
assert(list[1].update._ == "updateUserTyping" and list[1].update.user_id == 1)

-- Without acknowledging, the same updates come again.
list = get_updates{limit = 2}
assert(#list == 2 and list[1].update_id == first)

-- offset drops what is below it.
list = get_updates{offset = first + 2}
assert(#list == 1 and list[1].update.user_id == 3)

-- Blocking: a timer emits while get_updates waits.
timer(0.05, function() emit(typing(4)) end)
local t = os.clock()
list = get_updates{offset = first + 3, timeout = 5}
assert(#list == 1 and list[1].update.user_id == 4 and list[1].update_id == first + 3)

-- Timeout with nothing: an empty list.
list = get_updates{offset = first + 4, timeout = 0.05}
assert(#list == 0)

-- sleep, timer, every and cancel.
local t0 = os.time()
local fired = {}

local once = timer(0.02, function(h)
	fired[#fired + 1] = "once"
end)
local n = 0
every(0.01, function(h)
	n = n + 1
	if n == 3 then
		h:cancel()
	end
end)
local never = timer(0.03, function()
	error("cancelled timer fired")
end)
never:cancel()
-- a timer callback can wait
timer(0.01, function()
	local cfg = help.getConfig()
	fired[#fired + 1] = cfg._
end)

sleep(0.1)
assert(n == 3, tostring(n))
table.sort(fired)
assert(#fired == 2 and fired[1] == "config" and fired[2] == "once", table.concat(fired, ","))

-- A script with timers pending does not end: the timer below keeps it
-- alive, then the script ends when nothing is left.
timer(0.02, function() done_by_timer = true end)

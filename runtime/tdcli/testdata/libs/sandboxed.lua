-- The same world, sandboxed.
local function eq(got, want, what)
	if got ~= want then
		error(what .. ": got " .. tostring(got) .. ", want " .. tostring(want), 2)
	end
end
eq(io.open, nil, "no io.open")
eq(io.popen, nil, "no io.popen")
eq(os.execute, nil, "no os.execute")
eq(os.remove, nil, "no os.remove")
assert(os.time, "os.time stays")
eq(dofile("sub/mod.lua").name, "mod", "files of the script's directory")
local f, err = loadfile("../libs_escape.lua")
eq(f, nil, "outside the directory")
local f2 = loadfile("/etc/hostname")
eq(f2, nil, "absolute paths outside")
eq(io.read(), nil, "no stdin")
done()

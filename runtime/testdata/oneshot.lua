-- A script without handlers ends when its main chunk returns.
local cfg = help.getConfig()
assert(cfg.this_dc == 2)

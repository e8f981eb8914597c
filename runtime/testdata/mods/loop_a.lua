return require("mods.loop_b")

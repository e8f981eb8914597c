return require("mods.loop_a")

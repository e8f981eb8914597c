return { name = "mod" }

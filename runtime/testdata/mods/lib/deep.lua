return {name = "deep", cfg = help.getConfig()._}

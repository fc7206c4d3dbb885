extensions = ["myst_parser", "ext.front_matter"]
project = "Front matter warnings test"
exclude_patterns = ["_build"]

extensions = ["myst_parser", "ext.last_updated"]
project = "Last updated warnings test"
exclude_patterns = ["_build"]

extensions = ["myst_parser", "ext.blog"]
project = "Blog warnings"
exclude_patterns = ["_build"]

extensions = ["myst_parser", "ext.redirects"]
project = "Redirects test"
exclude_patterns = ["_build", "_generated"]
html_baseurl = "https://handbook.example.org/"
redirects_extra = {"/old-home/": "/"}

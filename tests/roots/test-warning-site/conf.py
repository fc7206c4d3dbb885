extensions = ["myst_parser", "ext.site_files"]
project = "Site warnings test"
exclude_patterns = ["_build", "_generated"]
myst_url_schemes = ["http", "https", "mailto", "site"]

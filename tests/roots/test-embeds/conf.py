extensions = ["myst_parser", "ext.site_files", "ext.embeds"]
project = "Embeds test"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]

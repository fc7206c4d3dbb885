extensions = ["myst_parser", "ext.import_report"]
project = "Import report warnings test"
exclude_patterns = ["_build", "_generated"]

extensions = ["myst_parser", "sphinx_design", "ext.events"]
project = "Events bad data test"
exclude_patterns = ["_build"]
events_today = "2031-03-01"

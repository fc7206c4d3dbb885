extensions = ["myst_parser", "sphinx_design", "ext.events"]
project = "Events test"
exclude_patterns = ["_build"]
events_today = "2031-03-01"
events_site_url = "https://handbook.example.org/"

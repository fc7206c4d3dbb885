extensions = ["myst_parser", "sphinx_design", "ext.site_files", "ext.home"]
project = "Home test"
exclude_patterns = ["_build", "_data", "_site_static"]
html_theme = "furo"
site_base_url = "https://handbook.example.org/"

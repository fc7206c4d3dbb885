extensions = ["myst_parser", "ext.navigation", "notfound.extension"]
project = "Navigation test"
html_theme = "furo"
notfound_urls_prefix = "/en/latest/"

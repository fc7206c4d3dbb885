extensions = ["myst_parser", "ext.navigation"]
project = "Navigation test"
html_theme = "furo"

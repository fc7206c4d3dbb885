extensions = ["myst_parser", "sphinx_design", "ext.events"]
project = "Events LaTeX test"
exclude_patterns = ["_build"]
events_today = "2031-03-01"
latex_documents = [("index", "events.tex", "Events LaTeX test", "Tester", "manual")]

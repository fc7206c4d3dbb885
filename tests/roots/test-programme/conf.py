"""Test root for ext.programmes: fictional programmes, every field and quirk."""

project = "Programme tests"
extensions = ["myst_parser", "sphinx_design", "ext.programmes"]
exclude_patterns = ["_build"]
nitpicky = True
programmes_files_url = "https://files.example.org/programmes/"
latex_documents = [("index", "programmes.tex", "Programme tests", "Tester", "manual")]

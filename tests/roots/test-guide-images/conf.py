extensions = ["myst_parser", "ext.member_guide", "sphinx.ext.imgconverter"]
project = "Guide images test"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
latex_engine = "xelatex"
latex_documents = [("index", "images.tex", "Guide images test", "Tester", "manual", True)]

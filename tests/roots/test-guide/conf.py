extensions = ["myst_parser", "ext.site_files", "ext.embeds", "ext.markup", "ext.member_guide"]
project = "Guide LaTeX test"
exclude_patterns = ["_build", "_site_static"]
myst_enable_extensions = ["colon_fence"]
myst_url_schemes = ["http", "https", "mailto", "site"]
myst_heading_anchors = 3
site_base_url = "https://handbook.example.org/"
latex_engine = "xelatex"
latex_show_urls = "footnote"
latex_documents = [("guide", "guide.tex", "Guide LaTeX test", "Tester", "manual", True)]
embeds_calendar_url = "https://calendar.example.org/embed?src=team%40example.org&ctz=UTC"

# The handbook's page history features on a few pages: last updated dates, the
# sitemap, "Edit this page" and the member guide PDF link. tests/test_page_history.py
# adds the handbook's own values (repository, branch, templates, sidebar) and puts the
# folder in a git repository as docs/.
extensions = ["myst_parser", "sphinx_sitemap", "ext.last_updated", "ext.sitemap_pages", "ext.source_links",
              "ext.guide_pdf_link"]
project = "Page history test"
exclude_patterns = ["_build", "**/.hugo-import.json"]
html_theme = "furo"
html_baseurl = "https://handbook.example.org/"
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search/", "genindex/"]

extensions = ["myst_parser", "ext.blog"]
project = "Blog test"
exclude_patterns = ["_build"]
blog_base_url = "https://blog.example.org/"
blog_site_title = "Example Society"
nitpicky = True

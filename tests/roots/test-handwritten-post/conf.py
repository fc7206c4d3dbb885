# A migrated handbook in small, with a blog post a volunteer wrote by hand
# (tests/test_handwritten_post.py): the handbook's own conf.py, as if it stood here.
import runpy
from pathlib import Path

import ext

globals().update({k: v for k, v in runpy.run_path(str(Path(ext.__file__).parents[1] / "conf.py")).items()
                  if not k.startswith("__")})
html_baseurl = "https://handbook.example.org/"

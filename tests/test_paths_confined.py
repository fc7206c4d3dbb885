"""URLs that climb above the site (``..``, also written ``%2e%2e``) resolve as a browser
resolves them: the import writes nothing outside its destination, and every page and
redirect lands inside the site."""

from __future__ import annotations

import json
from pathlib import Path

from ext.hugo_import.redirect_list import site_path
from ext.hugo_import.site_urls import without_dot_segments
from ext.hugo_import.importer import import_site

from .conftest import MINI_CONFIG, write_site

CLIMBING = {
    "x.md": '+++\ntitle = "X"\nurl = "/../../x/"\naliases = ["/../../old-x/"]\n+++\nThe x page.\n',
    "notes/w.md": '+++\ntitle = "W"\nurl = "/%2e%2e/%2E%2e/w/"\noldpath = "/a/..%2F..%2F..%2Fold-w"\n+++\nThe w page.\n',
    "blog/post.md": '+++\ntitle = "Post"\ndate = 2024-05-01\n+++\nA post.\n',
}
NETLIFY = '[[redirects]]\nfrom = "/../../z"\nto = "/x/"\n'


def test_dot_segments_resolve_inside_the_site() -> None:
    assert without_dot_segments("/../../x/") == "/x/"
    assert without_dot_segments("/a/./b/../c/") == "/a/c/"
    assert without_dot_segments("/%2e%2e/%2E%2e/etc/passwd") == "/etc/passwd"
    assert without_dot_segments("/a%20b/") == "/a%20b/"  # other segments as written
    assert site_path("/a/..%2F..%2Fx", "iassistdata.org") == "/x"  # decoded, then resolved


def test_climbing_urls_write_nothing_outside_the_destination(tmp_path: Path) -> None:
    config = MINI_CONFIG.replace('blog = "/blog/:year/:month/:day/:filename/"', 'blog = "/../../../:filename/"')
    site = write_site(tmp_path / "work" / "site", CLIMBING, config)
    (site / "netlify.toml").write_text(NETLIFY, encoding="utf-8")
    dest = tmp_path / "work" / "out" / "docs"
    before = {p for p in tmp_path.rglob("*")}
    import_site(site, dest)
    outside = sorted(str(p) for p in set(tmp_path.rglob("*")) - before if dest not in p.parents and p != dest)
    assert outside == [str(dest.parent)]  # only the destination's own folder was made
    assert (dest / "x.md").is_file() and (dest / "w.md").is_file() and (dest / "post.md").is_file()
    redirects = json.loads((dest / "_generated" / "redirects.json").read_text(encoding="utf-8"))["redirects"]
    assert {(r["from"], r["to"]) for r in redirects} >= {("/old-x/", "/x/"), ("/old-w", "/w/"), ("/z", "/x/")}
    assert not [r for r in redirects if ".." in r["from"]]

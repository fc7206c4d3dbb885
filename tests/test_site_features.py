"""The real site with the site features: redirects, home page, 404, sitemap, OpenGraph.

Skipped when ``../shared/corpus/iassist-site`` is absent. The source folder is
the import of the real site plus the home page of
``tests/roots/test-site-features/index.md``; the configuration is the
handbook's ``conf.py`` plus :data:`SITE_FEATURES_CONF` (the lines that go into
``conf.py``).
"""

from __future__ import annotations

import io
import json
import posixpath
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from ext.hugo_import.redirect_list import site_path
from ext.hugo_import.site import read_site
from tests.conftest import REAL_SITE, REPO, import_site
from tests.test_redirects import check_redirect_page

pytestmark = pytest.mark.skipif(not REAL_SITE.is_dir(), reason="the real site is not beside the repository")

SITE_FEATURES_CONF = f"""
import os
from urllib.parse import urlparse
extensions = extensions + ["ext.home", "ext.redirects", "notfound.extension", "sphinx_sitemap", "sphinxext.opengraph"]
templates_path = [{str(REPO / "docs" / "_templates")!r}]
html_static_path = [{str(REPO / "docs" / "_static")!r}]
html_css_files = ["handbook.css"]
sitemap_url_scheme = "{{link}}"
sitemap_excludes = ["search/", "genindex/", "404/"]
notfound_urls_prefix = urlparse(os.environ.get("READTHEDOCS_CANONICAL_URL", "/")).path
ogp_social_cards = {{"enable": False}}
"""


@pytest.fixture(scope="module")
def real_build(tmp_path_factory) -> tuple[Path, Path, str]:
    """(source folder, output folder, warnings) of one dirhtml build of the real site."""
    tmp = tmp_path_factory.mktemp("site-features")
    docs = tmp / "docs"
    docs.mkdir()
    shutil.copy(REPO / "tests" / "roots" / "test-site-features" / "index.md", docs / "index.md")
    import_site(REAL_SITE, docs)
    (docs / "conf.py").write_text(
        "import runpy\n"
        f"globals().update({{k: v for k, v in runpy.run_path({str(REPO / 'conf.py')!r}).items() if not k.startswith('__')}})\n"
        + SITE_FEATURES_CONF, encoding="utf-8")
    warnings = io.StringIO()
    app = SphinxTestApp("dirhtml", srcdir=docs, builddir=tmp / "build", status=io.StringIO(), warning=warnings,
                        confoverrides={"events_today": "2026-06-01"}, parallel=3)
    try:
        app.build()
    finally:
        app.cleanup()
    return docs, Path(app.outdir), warnings.getvalue()


def test_no_warnings_of_ours(real_build) -> None:
    _docs, _out, warnings = real_build
    ours = [line for line in warnings.splitlines() if "[redirects." in line or "[home." in line]
    assert ours == []


def test_every_oldpath_leads_to_its_page(real_build) -> None:
    docs, out, _ = real_build
    site = read_site(REAL_SITE)
    checked = 0
    for page in site.pages.values():
        old = page.front.data.get("oldpath")
        if not isinstance(old, str) or not old.strip():
            continue
        path = site_path(old, "iassistdata.org")
        own = page.url.strip("/")
        rel = path.strip("/")
        rel = rel if rel.endswith(".html") else posixpath.join(rel, "index.html") if rel else "index.html"
        assert (out / rel).is_file(), old
        text = (out / rel).read_text(encoding="utf-8")
        if "handbook-redirects" not in text:  # the old path is a page of its own (reported by the import)
            continue
        assert check_redirect_page(out, rel) == posixpath.join(own, "index.html"), old
        checked += 1
    assert checked == 447


def test_netlify_rules(real_build) -> None:
    _docs, out, _ = real_build
    assert check_redirect_page(out, "conferences/archive/2018/index.html") == "conferences/archive/2018-montreal/index.html"
    assert check_redirect_page(out, "iq/evolution-data-citation-principles-implementation/index.html").startswith(
        "https://iassistquarterly.com/")
    listed = json.loads((out / "_redirects" / "redirects.json").read_text())
    assert {"type": "page", "from_url": "/conferences/archive/2019/*", "to_url": "/conferences/archive/2019-sydney/",
            "http_status": 301, "description": "netlify.toml:27"} in listed
    assert len(listed) == 450


def test_home_cards_match_the_feature_data(real_build) -> None:
    _docs, out, _ = real_build
    features = [yaml.safe_load(p.read_text()) for p in sorted((REAL_SITE / "data" / "features").glob("*.yaml"))]
    features.sort(key=lambda f: f.get("weight", 0))
    home = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    cards = home.select(".home-features .home-card")
    assert [c.select_one(".home-card-title").get_text() for c in cards] == [f["name"] for f in features]
    for card, feature in zip(cards, features):
        assert card.select_one("svg.sd-octicon"), feature["name"]
        href = card.select_one("a.sd-btn")["href"]
        if feature["url"].startswith("http"):
            assert href == feature["url"]
        elif (out / feature["url"].strip("/") / "index.html").is_file():
            assert href == feature["url"].strip("/") + "/"
        else:  # not a page of the site's source (served by the live site): linked there
            assert href == "https://iassistdata.org" + feature["url"]
    slides = [t.get_text() for t in home.select(".home-carousel .home-card-title")]
    assert "IASSIST 2025" not in slides and len(slides) == 4  # the disabled slide is left out
    assert not home.select(".home-alert")
    assert len(home.select("ul.home-social li")) == 6


def test_404_sitemap_and_opengraph(real_build) -> None:
    docs, out, _ = real_build
    notfound = BeautifulSoup((out / "404" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert notfound.select_one('link[rel="stylesheet"]')["href"].startswith("/_static/")
    names = {"": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {e.text for e in ET.parse(out / "sitemap.xml").getroot().iterfind("url/loc", names)}
    pages = set()
    for index in out.rglob("index.html"):
        rel = index.relative_to(out).parent.as_posix()
        if rel.split("/")[0] in {"_static", "_images", "_redirects", "search", "genindex", "404"}:
            continue
        if "data-content_root" not in index.read_text(encoding="utf-8", errors="replace")[:300]:
            continue  # a redirect page, or an HTML file of the site's static/ folder
        pages.add("https://iassistdata.org/" + ("" if rel == "." else rel + "/"))
    assert pages and pages <= locs
    officials = BeautifulSoup((out / "about" / "officials" / "index.html").read_text(encoding="utf-8"), "html.parser")
    tags = {m["property"]: m["content"] for m in officials.select("meta[property]")}
    assert tags["og:url"] == "https://iassistdata.org/about/officials/"
    assert tags["og:title"] == "Officials" and tags["og:description"]
    assert "og:image" not in tags or urlsplit(tags["og:image"]).scheme

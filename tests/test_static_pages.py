"""HTML pages of the site's static/ folder: served without the site's scripts."""

from __future__ import annotations

from ext.hugo_import.static_pages import clean_static_page
from ext.hugo_import.importer import import_site

from .conftest import write_site

PAGE = b"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Programme</title>
<script src="openconf.js?v=9"></script>
</head>
<body onload="init()">
<p><a href="javascript:toggle(1)">Session 1</a> <a href="s1.html">Session 1 page</a></p>
<script>oc_checkB();</script>
</body>
</html>
"""


def test_scripts_event_attributes_and_javascript_urls_are_removed_and_reported() -> None:
    cleaned = clean_static_page(PAGE, "static/programme/a1.html")
    html = cleaned.data.decode("utf-8")
    for unsafe in ("<script", "onload", "javascript:", "oc_checkB"):
        assert unsafe not in html
    assert '<a href="s1.html">Session 1 page</a>' in html and "<title>Programme</title>" in html
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert [str(p) for p in cleaned.problems] == [
        'static/programme/a1.html:4: <script src="openconf.js?v=9"> of a static page removed: '
        "the handbook serves no scripts of the site [hugo.dropped-html]",
        "static/programme/a1.html:8: an inline <script> of a static page removed: "
        "the handbook serves no scripts of the site [hugo.dropped-html]",
        "static/programme/a1.html:6: event attribute onload of <body> removed [hugo.unsafe-html]",
        "static/programme/a1.html:7: javascript: URL in href of <a> removed [hugo.unsafe-html]",
    ]


def test_a_safe_page_is_left_alone() -> None:
    assert clean_static_page(b"<html><body><p>Only text, about the onion scripts.</p></body></html>", "x.html") is None


def test_the_import_serves_cleaned_pages_and_never_writes_the_site(tmp_path) -> None:
    site = write_site(tmp_path / "site", {})
    (site / "static" / "programme").mkdir()
    original = site / "static" / "programme" / "a1.html"
    original.write_bytes(PAGE)
    (site / "static" / "programme" / "safe.html").write_bytes(b"<p>safe</p>")
    docs = tmp_path / "docs"
    for _ in range(2):  # a second, forced import finds the same problems and leaves the copy as it is
        report = import_site(site, docs, force=True)
        served = docs / "_site_static" / "programme" / "a1.html"
        assert b"<script" not in served.read_bytes()
        assert sum(p.file == "static/programme/a1.html" for p in report.problems) == 4
    assert original.read_bytes() == PAGE
    assert served.stat().st_ino != original.stat().st_ino
    safe = docs / "_site_static" / "programme" / "safe.html"
    assert safe.read_bytes() == b"<p>safe</p>"


def test_links_to_a_new_tab_get_noopener() -> None:
    cleaned = clean_static_page(b'<p><a href="https://a.example/" target="_blank" rel="external">A</a>'
                                b'<a href="b.html" target="_blank" rel="noopener">B</a></p>', "static/p.html")
    assert cleaned.problems == []
    assert b'<a href="https://a.example/" target="_blank" rel="external noopener">A</a>' in cleaned.data
    assert b'<a href="b.html" target="_blank" rel="noopener">B</a>' in cleaned.data
    assert not cleaned.data.startswith(b"<!DOCTYPE")  # no doctype the page did not have

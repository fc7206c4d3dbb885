"""The import as a whole: URLs, navigation, manifest safety, idempotence, report."""

from __future__ import annotations

import json

from ext.hugo_import.__main__ import main
from ext.hugo_import.importer import import_site

from .conftest import EXAMPLE_SITE, new_docs, write_site


def test_pages_are_written_where_dirhtml_serves_their_hugo_url(tmp_path) -> None:
    docs = new_docs(tmp_path)
    import_site(EXAMPLE_SITE, docs)
    for path in [
        "about/index.md",                       # content/about/_index.md   -> /about/
        "about/faq.md",                         # content/about/faq.md      -> /about/faq/
        "conferences/archive/2024-halifax.md",  # lower-cased, as Hugo does
        "blog/2013/04/02/call-for-iq-contributions.md",  # [Permalinks] blog
        "contact.md",
        "blog/index.md",                        # generated: the blog has no _index.md
        "_site_static/img/logo.png",            # static/ served at the same URL
        "_site_static/community/representation-in-data-ig/data-sources-example.csv",  # bundle file
    ]:
        assert (docs / path).is_file(), path
    assert not (docs / "blog" / "draft-election-notes.md").exists()


def test_front_matter_is_kept_as_page_metadata(tmp_path) -> None:
    docs = new_docs(tmp_path)
    import_site(EXAMPLE_SITE, docs)
    text = (docs / "blog/2013/04/02/call-for-iq-contributions.md").read_text()
    head, _, body = text.partition("\n---\n")
    assert "hugo_url: /blog/2013/04/02/call-for-iq-contributions/" in head
    assert "date: 2013-04-02 10:22:46 -0700" in head
    assert "orphan: true" in head
    assert "tags:" in head and "author:" in head
    assert body.lstrip().startswith("# ")


def test_navigation_follows_the_menu(tmp_path) -> None:
    docs = new_docs(tmp_path)
    import_site(EXAMPLE_SITE, docs)
    nav = (docs / "_generated/navigation.md").read_text()
    entries = [line for line in nav.splitlines() if "</" in line or line.startswith("/")]
    assert entries[:6] == [
        "About </about/index>", "Conferences </conferences/index>", "IQ Journal </iq/index>",
        "iBlog </blog/index>", "Community </community/index>", "Contact </contact>",
    ]
    blog = (docs / "blog/index.md").read_text()
    assert blog.index("## 2024") < blog.index("## 2013")  # newest first


def test_reimport_rewrites_nothing_and_gives_the_same_bytes(tmp_path) -> None:
    docs = new_docs(tmp_path)
    import_site(EXAMPLE_SITE, docs)
    before = {p: p.read_bytes() for p in docs.rglob("*.md")}
    again = import_site(EXAMPLE_SITE, docs)
    assert again.skipped and not again.written
    forced = import_site(EXAMPLE_SITE, docs, force=True)
    assert forced.written == [] and forced.removed == []
    assert {p: p.read_bytes() for p in docs.rglob("*.md")} == before


def test_an_unchanged_site_is_imported_again_when_its_pages_were_deleted(tmp_path) -> None:
    docs = new_docs(tmp_path)
    import_site(EXAMPLE_SITE, docs)
    (docs / "about" / "faq.md").unlink()
    again = import_site(EXAMPLE_SITE, docs)
    assert not again.skipped and again.written == ["about/faq.md"]


def test_authored_pages_are_never_overwritten_and_removed_pages_go(tmp_path) -> None:
    site = write_site(tmp_path / "site", {"contact.md": '+++\ntitle = "Contact"\n+++\nWrite to us.\n'})
    docs = new_docs(tmp_path)
    (docs / "contact.md").write_text("# Our own contact page\n")
    report = import_site(site, docs)
    assert (docs / "contact.md").read_text() == "# Our own contact page\n"
    assert any("contact.md exists in the handbook source" in str(p) for p in report.problems)
    assert (docs / "about/faq.md").is_file()
    (site / "content/about/faq.md").unlink()
    report = import_site(site, docs)
    assert report.removed == ["about/faq.md"]
    assert not (docs / "about/faq.md").exists()
    assert (docs / "index.md").is_file() and (docs / "contact.md").is_file()


def test_cli_writes_the_report_and_a_summary(tmp_path, capsys) -> None:
    docs = new_docs(tmp_path)
    assert main([str(EXAMPLE_SITE), str(docs), "--report", str(tmp_path / "report.json")]) == 0
    out = capsys.readouterr().out
    assert "written" in out and "drafts skipped" in out
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["drafts_skipped"] == ["content/blog/draft-election-notes.md"]
    dead = [p for p in report["problems"] if p["kind"] == "dead-link"]
    assert any(p["file"] == "content/blog/webinar-series-recap.md" for p in dead)
    assert all(p["line"] > 0 for p in dead)
    assert main([str(tmp_path / "nowhere"), str(docs)]) == 2


def test_clean_removes_only_what_the_import_wrote(tmp_path) -> None:
    docs = new_docs(tmp_path)
    authored = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*"))
    import_site(EXAMPLE_SITE, docs)
    assert main(["--clean", str(docs)]) == 0
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == authored


def test_a_date_that_is_no_date_is_reported_once_and_not_written(tmp_path) -> None:
    """The import reports it (``hugo.bad-date``); the page's metadata keeps it as written
    under ``params``, not as its date, so the build does not report it a second time."""
    site = write_site(tmp_path / "site", {"about/when.md": '+++\ntitle = "When"\ndate = "yesterday"\n+++\nText.\n'})
    docs = new_docs(tmp_path)
    report = import_site(site, docs)
    assert [(p.file, p.line, p.kind.value) for p in report.problems] == [("content/about/when.md", 3, "bad-date")]
    head = (docs / "about" / "when.md").read_text(encoding="utf-8").split("\n---\n")[0]
    assert "\ndate:" not in head and "params:\n  date: yesterday" in head


def test_links_to_explicit_ids_go_by_url_and_to_heading_slugs_by_page(tmp_path) -> None:
    """An id that a page defines explicitly (``{#id}``, an HTML ``id``, one written with
    an entity) is linked by URL; a heading's slug through the page; a missing one is
    reported and the page linked."""
    from ext.hugo_import.links import SiteIndex
    from ext.hugo_import.site import read_site

    site_root = write_site(tmp_path / "site", {
        "about/ids.md": '+++\ntitle = "Ids"\n+++\n## Rules {#rules}\n\n<div id="caf&eacute;">Text.</div>\n\n## Plain heading\n',
        "about/links.md": (
            '+++\ntitle = "Links"\n+++\n[a](/about/ids/#rules) [b](/about/ids/#café) '
            '[c](/about/ids/#plain-heading) [d](/about/ids/#nowhere)\n'
        ),
    })
    anchors = SiteIndex(read_site(site_root)).anchors
    assert [anchors.is_explicit_id(f) for f in ("rules", "café", "plain-heading", "nowhere")] == [True, True, False, False]
    docs = new_docs(tmp_path)
    report = import_site(site_root, docs)
    text = (docs / "about/links.md").read_text()
    assert "[a](site:/about/ids/#rules) [b](site:/about/ids/#café) [c](ids.md#plain-heading) [d](ids.md)" in text
    assert [str(p) for p in report.problems] == [
        "content/about/links.md:4: link to '/about/ids/#nowhere': the page has no anchor #nowhere; linking the page [hugo.missing-anchor]",
    ]

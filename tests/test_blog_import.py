"""The import's blog pages: tag pages at Hugo's URLs, the tags index, the blog index."""

from __future__ import annotations

from pathlib import Path

from .conftest import import_site, write_site

POSTS = {
    "blog/a.md": '+++\ntitle = "A"\ndate = "2021-02-03 10:00:00 -0700"\ntags = ["Data Access & Open Data", "R*Stats"]\n+++\nA.\n',
    "blog/b.md": '+++\ntitle = "B"\ndate = "2019-02-03"\ntags = ["data access & open data"]\n+++\nB.\n',
    "blog/c.md": '+++\ntitle = "C"\ntags = "Data Access & Open Data"\n+++\nC.\n',
}


def test_tag_pages_at_hugo_urls(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    import_site(write_site(tmp_path / "site", POSTS), docs)
    page = (docs / "tags" / "data-access-open-data" / "index.md").read_text()
    assert page == (
        "---\norphan: true\nhugo_url: /tags/data-access-open-data/\nblog_tag: Data Access & Open Data\n---\n\n"
        '# Posts tagged “Data Access \\& Open Data”\n\n```{post-list}\n:tag: "Data Access & Open Data"\n:summary:\n```\n'
    )
    assert "# Posts tagged “R\\*Stats”\n" in (docs / "tags" / "rstats" / "index.md").read_text()
    assert "```{tag-list}\n```" in (docs / "tags" / "index.md").read_text()
    blog = (docs / "blog" / "index.md").read_text()
    assert "{doc}`all tags </tags/index>`" in blog
    assert blog.index("## 2021\n\n```{post-list}\n:year: 2021\n```") < blog.index("## 2019") < blog.index("## Undated\n\n```{post-list}\n:undated:\n```")


def test_no_tags_no_tag_pages(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    import_site(write_site(tmp_path / "site", {}), docs)
    assert not (docs / "tags").exists()
    assert "all tags" not in (docs / "blog" / "index.md").read_text()

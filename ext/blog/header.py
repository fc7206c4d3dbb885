"""Reading a post: register it in the blog domain and put its date, author(s) and
tags under its title (``doctree-read``).

The header is part of the page's doctree, so search finds posts by author and
tag. Tags are ``blog:tag`` references, resolved to the tag's page at write time.

A post is an orphan whether its front matter says ``orphan: true`` or not: posts are
listed by ``{post-list}``, never by a toctree, so a post written by hand needs
nothing more than its date, author(s) and tags.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx

from .nodes import post_date, post_header
from .posts import (
    BadDate, Post, PostDate, metadata_list, opening_words, parse_post_date, read_front_matter, tag_slug, unique_tags,
)
from .warnings_ import BlogWarning, warn


def is_post(docname: str, blog_path: str) -> bool:
    """Whether ``docname`` is a post: under ``blog_path``, and no ``index`` page."""
    prefix = blog_path.strip("/") + "/"
    return docname.startswith(prefix) and not (docname == "index" or docname.endswith("/index"))


def read_post(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: for a post, note it in the domain and add its header."""
    env = app.env
    docname = env.docname
    if not is_post(docname, app.config.blog_path):
        return
    meta = read_front_matter(Path(env.doc2path(docname)))
    title_node = next(doctree.findall(nodes.title), None)
    description = str(meta.get("description") or meta.get("summary") or "").strip()
    post = Post(
        docname=docname,
        title=title_node.astext() if title_node is not None else docname,
        date=_post_date(app, docname, meta),
        authors=tuple(metadata_list(meta.get("authors")) or metadata_list(meta.get("author"))),
        tags=unique_tags(metadata_list(meta.get("tags"))),
        description=" ".join(description.split()),
        summary=" ".join(description.split()) or opening_words(doctree, app.config.blog_summary_words),
        url_path=str(meta.get("hugo_url") or "") or post_url_path(docname),
    )
    env.domains["blog"].note_post(post)
    # Sphinx reads "orphan" from the metadata when it checks the toctrees (after reading).
    env.metadata[docname]["orphan"] = True
    header = post_header_node(post, docname)
    tags_line = _front_matter_line(app, docname, "tags") if post.tags else None
    for ref in header.findall(pending_xref):
        ref.source, ref.line = str(env.doc2path(docname)), tags_line
    section = title_node.parent if title_node is not None else doctree
    section.insert(section.index(title_node) + 1 if title_node is not None else 0, header)


def post_url_path(docname: str) -> str:
    """The URL path of a post page without a ``hugo_url``, as the dirhtml builder
    writes it: ``blog/2027/05/25/our-new-handbook`` -> ``/blog/2027/05/25/our-new-handbook/``."""
    return f"/{docname.removesuffix('/index')}/"


def _post_date(app: Sphinx, docname: str, meta: dict) -> PostDate | None:
    value = meta.get("date")
    if value is None or not str(value).strip():
        params = meta.get("params")
        if isinstance(params, dict) and str(params.get("date") or "").strip() and meta.get("hugo_source"):
            return None  # a date the migration could not read, kept under params: the import reported it
        warn(app.config, BlogWarning.MISSING_DATE, "the post has no date (add one, date: YYYY-MM-DD, to its "
             "front matter); it is listed last", location=(docname, _front_matter_line(app, docname, "date") or 1))
        return None
    try:
        return parse_post_date(str(value))
    except BadDate as error:
        warn(app.config, BlogWarning.BAD_DATE, f"date {str(value)!r}: {error}; the post is listed as undated",
             location=(docname, _front_matter_line(app, docname, "date")))
        return None


def _front_matter_line(app: Sphinx, docname: str, key: str) -> int | None:
    """The 1-based line of ``key:`` in the page's front matter (for warnings only)."""
    try:
        lines = Path(app.env.doc2path(docname)).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in {"---", "+++"}:
            break
        if line.startswith(f"{key}:") or line.startswith(f"{key} ="):
            return number
    return None


def join_names(names: tuple[str, ...]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def post_header_node(post: Post, docname: str) -> post_header:
    """The header: a line ``March 2, 2015 · by A and B`` and a line of tag links."""
    header = post_header()
    line = nodes.paragraph(classes=["post-meta"])
    if post.date is not None:
        line += date_node(post.date)
    if post.authors:
        if post.date is not None:
            line += nodes.Text(" · ")
        line += nodes.inline("", f"by {join_names(post.authors)}", classes=["post-authors"])
    if len(line):
        header += line
    if post.tags:
        tags = nodes.paragraph(classes=["post-tags"])
        tags += nodes.inline("", "Tags: ", classes=["post-tags-label"])
        for i, tag in enumerate(post.tags):
            if i:
                tags += nodes.Text(", ")
            tags += tag_reference(tag, docname)
        header += tags
    return header


def date_node(when: PostDate, *, day_only: bool = False) -> post_date:
    """``when`` for people, with its ISO value (the day alone with ``day_only``)."""
    text = when.for_people()
    return post_date(text, text, datetime=when.day.isoformat() if day_only else when.iso)


def tag_reference(tag: str, docname: str) -> pending_xref:
    """A ``blog:tag`` reference to ``tag``'s page (resolved by the domain)."""
    ref = pending_xref("", refdomain="blog", reftype="tag", reftarget=tag_slug(tag), refdoc=docname,
                       refexplicit=True, refwarn=False)
    ref += nodes.inline("", tag, classes=["post-tag"])
    return ref

"""RSS 2.0 feeds of the blog, written with feedgen when an HTML build finishes.

``<blog_path>/index.xml`` has every dated post (as Hugo's ``/blog/index.xml``
had), ``<blog_tags_path>/<slug>/index.xml`` the posts of one tag (as Hugo makes
for every taxonomy term). Each item: title, absolute link (the site's address +
the page's URL), ``pubDate``, ``dc:creator`` per author (RSS's own ``author``
wants an e-mail address), one ``category`` per tag, and the summary.

The bytes depend only on the posts: items newest first (then by docname),
``lastBuildDate`` is the newest post's date, not the time of the build. A file
whose bytes did not change is not rewritten. Characters XML cannot hold (a NUL or
another control character in a title or a tag) are left out of the feed
(:func:`xml_text`; the import reports them in the front matter it reads).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx

from .._common import OutputStamp
from ..background import start_early, take_result
from .domain import BlogDomain
from .lists import site_url
from .posts import Post
from .warnings_ import BlogWarning, warn


#: Characters XML 1.0 cannot hold (lxml refuses them): C0 controls but tab, newline and
#: carriage return, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", str(text))


def feed_bytes(
    posts: list[Post], *, title: str, description: str, page_url: str, feed_url: str,
    links: dict[str, str],
) -> bytes:
    """One RSS 2.0 document. ``posts`` newest first; ``links`` maps each post's
    docname to its absolute URL; ``page_url`` is the HTML page the feed belongs to."""
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.title(xml_text(title))
    fg.link(href=feed_url, rel="self", type="application/rss+xml")
    fg.link(href=page_url, rel="alternate")  # after "self": RSS's <link> is the last one set
    fg.description(xml_text(description))
    fg.language("en")
    fg.generator("Sphinx (ext.blog) with python-feedgen")
    dated = [post for post in posts if post.date is not None]
    if dated:
        fg.lastBuildDate(dated[0].date.moment)
    for post in dated:
        entry = fg.add_entry(order="append")
        link = links[post.docname]
        entry.title(xml_text(post.title))
        entry.link(href=link)
        entry.guid(link, permalink=True)
        entry.pubDate(post.date.moment)
        if post.summary:
            entry.description(xml_text(post.summary))
        for author in post.authors:
            entry.dc.dc_creator(xml_text(author), replace=False)
        for tag in post.tags:
            entry.category(term=xml_text(tag))
    return fg.rss_str(pretty=True)


@dataclass
class FeedInputs:
    """What the feeds are made of: ``made`` is ``(file relative to the output, posts
    newest first, title, page URL)`` per feed; ``stamp`` hashes all of it."""

    made: list[tuple[str, list[Post], str, str]]
    site: str
    base: str
    links: dict[str, str]
    stamp: OutputStamp


def feed_inputs(app: Sphinx) -> FeedInputs | None:
    """The feeds of this HTML build, or None when there are none (no posts, or no
    address for the site, which :func:`write_feeds` warns about). Warns nothing: it
    also runs in a forked process (:func:`prepare_feeds`)."""
    domain: BlogDomain = app.env.domains["blog"]
    base = site_url(app)
    if not domain.posts or not base:
        return None
    base = base.rstrip("/") + "/"
    posts = domain.sorted_posts()
    links = {post.docname: base + app.builder.get_target_uri(post.docname) for post in posts}
    site = app.config.blog_site_title or app.config.html_title or app.config.project
    blog_path = app.config.blog_path.strip("/")
    blog_index = f"{blog_path}/index"
    blog_title = _title(app, blog_index) or "Blog"
    feeds = {
        f"{blog_path}/index.xml": (posts, blog_title, blog_index, blog_index in app.env.all_docs),
    }
    tagged: dict[str, list[Post]] = {}  # newest first, as posts
    for post in posts:
        for slug in dict.fromkeys(post.tag_slugs):
            tagged.setdefault(slug, []).append(post)
    for slug, (name, _count) in domain.tags().items():
        page = domain.tag_page(slug)
        feeds[f"{app.config.blog_tags_path.strip('/')}/{slug}/index.xml"] = (
            tagged.get(slug, []), name, page, domain.has_tag_page(slug, app.builder))
    made = [(rel, selected, title, base + app.builder.get_target_uri(page) if has_page else base)
            for rel, (selected, title, page, has_page) in sorted(feeds.items())]
    stamp = OutputStamp(app, "blog-feeds", (made, site, base, links), code=(__file__,),
                        versions=(version("feedgen"),))
    return FeedInputs(made, site, base, links, stamp)


def feed_files(inputs: FeedInputs) -> dict[str, bytes]:
    """``{file relative to the output: RSS bytes}`` of every feed."""
    return {
        rel: feed_bytes(selected, title=f"{title} on {inputs.site}", description=f"Recent posts in {title} on {inputs.site}",
                        page_url=page_url, feed_url=inputs.base + rel, links=inputs.links)
        for rel, selected, title, page_url in inputs.made
    }


def prepare_feeds(app: Sphinx, builder) -> None:
    """``write-started``: in a build that works in the background
    (:func:`ext.background.in_background`), the feeds are made in a forked process
    while the pages are written; :func:`write_feeds` picks them up (0.2 s of the real
    site's cold build, where the main process worked alone)."""
    if builder.format == "html":
        start_early(app, "blog-feeds", _feeds_made_early, app)


def _feeds_made_early(app: Sphinx) -> tuple[str, dict[str, bytes]] | None:
    """In the fork: (the stamp's digest of what they are made of, the feeds)."""
    inputs = feed_inputs(app)
    return None if inputs is None else (inputs.stamp.digest, feed_files(inputs))


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the blog feed and one feed per tag (HTML builders only).

    Made again only when what they are made from changed (a rebuild after one edit
    mostly has nothing new for them); the ones :func:`prepare_feeds` made are used when
    they were made from the same (the stamp's digest), else they are made here."""
    if exception is not None or app.builder.format != "html" or not app.env.domains["blog"].posts:
        return
    if not site_url(app):
        warn(app.config, BlogWarning.NO_BASE_URL,
             "no feeds written: set blog_base_url (or site_base_url or html_baseurl) to the site's address")
        return
    inputs = feed_inputs(app)
    if inputs is None or inputs.stamp.current(Path(app.outdir, rel) for rel, *_rest in inputs.made):
        return
    files = take_result(app, "blog-feeds", inputs.stamp.digest) or feed_files(inputs)
    for rel, data in files.items():
        _write_if_changed(Path(app.outdir, rel), data)
    inputs.stamp.record()


def _title(app: Sphinx, docname: str) -> str:
    title = app.env.titles.get(docname)
    return title.astext() if title is not None else ""


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def feed_link_tags(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: on every page, a ``<link rel="alternate">`` to the blog
    feed (as the old site had); on a tag page, to the tag's feed too."""
    domain: BlogDomain = app.env.domains["blog"]
    if not domain.posts or not site_url(app) or "pathto" not in context:
        return
    pathto = context["pathto"]
    blog_path = app.config.blog_path.strip("/")
    links = [(f"{blog_path}/index.xml", _title(app, f"{blog_path}/index") or "Blog")]
    tags_path = app.config.blog_tags_path.strip("/")
    parts = pagename.split("/")
    if len(parts) == 3 and parts[0] == tags_path and parts[2] == "index" and parts[1] in domain.tags():
        links.append((f"{tags_path}/{parts[1]}/index.xml", domain.tags()[parts[1]][0]))
    tags = "".join(
        f'<link rel="alternate" type="application/rss+xml" title="{html.escape(title)}" '
        f'href="{html.escape(pathto(rel, 1))}">\n'
        for rel, title in links
    )
    context["metatags"] = context.get("metatags", "") + tags

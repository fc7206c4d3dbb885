"""The ``post-list`` and ``tag-list`` directives, and rendering their lists once
every document is read.

``post-list`` options (all optional)::

    :tag: Research Data Management   posts with this tag (matched by slug)
    :year: 2024                      posts of one year
    :undated:                        posts without a date
    :limit: 10                       the newest N only
    :summary:                        each post's description or opening words

Each entry: the date, the title linking to the post, the author(s), and the
post's front matter ``description`` (or, with ``:summary:``, its summary).
``tag-list`` lists every tag with its number of posts, linking to the tag pages.

The directives leave placeholders; ``doctree-resolved`` replaces them from the
domain's complete data. ``env-get-outdated`` / ``env-updated`` make an
incremental build rewrite the pages whose lists show a post that was added,
removed or changed (date, title, tags, authors, summary).
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .._common import resolves_one_document
from .domain import BlogDomain, ListSpec, changed_posts, pages_to_rewrite
from .header import date_node, join_names
from .nodes import post_list, tag_list
from .posts import Post, tag_slug
from .warnings_ import BlogWarning, warn


class PostListDirective(SphinxDirective):
    """``post-list``: the blog's posts, newest first, narrowed by the options."""

    option_spec = {
        "tag": directives.unchanged_required,
        "year": directives.nonnegative_int,
        "undated": directives.flag,
        "limit": directives.nonnegative_int,
        "summary": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        tag = " ".join(self.options.get("tag", "").split())
        spec = ListSpec(
            tag=tag, tag_slug=tag_slug(tag) if tag else "", year=self.options.get("year"),
            undated="undated" in self.options, limit=self.options.get("limit", 0),
            summary="summary" in self.options,
        )
        node = post_list(spec=spec)
        self.set_source_info(node)
        self.env.domains["blog"].note_list(self.env.docname, spec)
        return [node]


class TagListDirective(SphinxDirective):
    """``tag-list``: every tag of the blog, by name, with its number of posts."""

    def run(self) -> list[nodes.Node]:
        node = tag_list()
        self.set_source_info(node)
        self.env.domains["blog"].note_list(self.env.docname, ListSpec(kind="tags"))
        return [node]


def resolve_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace every list placeholder with its list (in HTML,
    only pages that noted a list are looked through: the others have no placeholder)."""
    domain: BlogDomain = app.env.domains["blog"]
    if docname not in domain.lists and resolves_one_document(app):
        return
    for node in list(doctree.findall(post_list)):
        spec: ListSpec = node["spec"]
        if spec.tag_slug and spec.tag_slug not in domain.tags():
            warn(app.config, BlogWarning.UNKNOWN_TAG, f"no post has the tag {spec.tag!r}", location=node)
        posts = domain.sorted_posts(spec)
        node.replace_self(render_post_list(app, docname, posts, spec))
    for node in list(doctree.findall(tag_list)):
        node.replace_self(render_tag_list(app, docname, domain))


def render_post_list(app: Sphinx, docname: str, posts: list[Post], spec: ListSpec) -> nodes.Element:
    """A bullet list (class ``post-list``) of ``posts``; a paragraph when empty."""
    if not posts:
        return nodes.paragraph("", "No posts.", classes=["post-list-empty"])
    items = nodes.bullet_list(classes=["post-list"])
    for post in posts:
        # No classes on the item and its first paragraph: Sphinx writes a one-line
        # item without <p>, which keeps a 455-post index small.
        entry = nodes.paragraph()
        if post.date is not None:
            entry += date_node(post.date, day_only=True)
            entry += nodes.Text(" ")
        entry += _link(app, docname, post)
        if post.authors:
            entry += nodes.Text(" ")
            entry += nodes.inline("", f"by {join_names(post.authors)}", classes=["post-authors"])
        item = nodes.list_item()
        item += entry
        summary = post.summary if spec.summary else post.description
        if summary:
            item += nodes.paragraph("", summary, classes=["post-summary"])
        items += item
    return items


def _link(app: Sphinx, docname: str, post: Post) -> nodes.Node:
    """The post's title linking to it: relative in HTML, the live site's URL in
    other formats (when known), else plain text."""
    title = nodes.Text(post.title)
    if app.builder.format == "html":
        uri = app.builder.get_relative_uri(docname, post.docname)
    else:
        base = site_url(app)
        if not (base and post.url_path):
            return title
        uri = base.rstrip("/") + "/" + post.url_path.lstrip("/")
    ref = nodes.reference("", "", internal=app.builder.format == "html", refuri=uri)
    ref += title
    return ref


def render_tag_list(app: Sphinx, docname: str, domain: BlogDomain) -> nodes.Element:
    """A bullet list (class ``tag-list``): ``Name (count)`` per tag, sorted by name."""
    tags = domain.tags()
    if not tags:
        return nodes.paragraph("", "No tags.", classes=["post-list-empty"])
    items = nodes.bullet_list(classes=["tag-list"])
    for slug, (name, count) in sorted(tags.items(), key=lambda kv: (kv[1][0].casefold(), kv[0])):
        line = nodes.paragraph()
        page = domain.tag_page(slug)
        label = nodes.inline("", name, classes=["post-tag"])
        if app.builder.format == "html" and domain.has_tag_page(slug, app.builder):
            ref = nodes.reference("", "", internal=True, refuri=app.builder.get_relative_uri(docname, page))
            ref += label
            line += ref
        else:
            line += label
        line += nodes.inline("", f" ({count})", classes=["tag-count"])
        item = nodes.list_item()
        item += line
        items += item
    return items


def site_url(app: Sphinx) -> str:
    """The live site's address: ``blog_base_url``, else ``site_base_url`` (set by
    ``ext.site_files`` from the import), else ``html_baseurl``; ``""`` if none."""
    config = app.config
    return config.blog_base_url or getattr(config, "site_base_url", "") or config.html_baseurl or ""


def snapshot_posts(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                   removed: set[str]) -> Iterable[str]:
    """``env-get-outdated``: remember the posts as they were before this build reads."""
    env.domains["blog"].data["snapshot"] = dict(env.domains["blog"].posts)
    return []


def lists_to_rewrite(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """``env-updated``: the pages whose lists show a post that changed in this build."""
    domain: BlogDomain = env.domains["blog"]
    before = domain.data.get("snapshot")
    domain.data["snapshot"] = None
    if before is None:
        return []
    return sorted(pages_to_rewrite(domain.lists, changed_posts(before, domain.posts)))


def setup_lists(app: Sphinx) -> None:
    app.add_directive("post-list", PostListDirective)
    app.add_directive("tag-list", TagListDirective)
    app.connect("doctree-resolved", resolve_lists)
    app.connect("env-get-outdated", snapshot_posts)
    app.connect("env-updated", lists_to_rewrite)

"""The blog domain: every post and every post list of the project.

Posts are registered when their page is read, lists when their directive runs;
both are keyed by docname, so ``clear_doc`` forgets a re-read page and
``merge_domaindata`` brings the posts read by parallel workers together. The
lists are rendered only after all documents are read (``doctree-resolved``),
from this complete data.

Data shape (``env.domaindata["blog"]``)::

    posts:      {docname: Post}
    lists:      {docname: [ListSpec, ...]}   pages that show lists
    snapshot:   {docname: Post} | None       the posts before this build's reading
    post_years: (year, ...)                  the years of the dated posts, newest
                                             first, known before this build's reading
    year_pages: {docname: (year, ...)}       the years a page added sections for
                                             (:mod:`.years`)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from .posts import Post, tag_slug


@dataclass(frozen=True)
class ListSpec:
    """What one list shows: ``kind`` is ``"posts"`` or ``"tags"``; a posts list is
    narrowed to one tag (by slug), one year, or the undated posts; ``limit`` 0 is
    no limit."""

    kind: str = "posts"
    tag: str = ""
    tag_slug: str = ""
    year: int | None = None
    undated: bool = False
    limit: int = 0
    summary: bool = False

    def matches(self, post: Post) -> bool:
        """Whether ``post`` belongs in this list (any post counts for a tags list)."""
        if self.kind == "tags":
            return True
        if self.tag_slug and self.tag_slug not in post.tag_slugs:
            return False
        if self.undated and post.date is not None:
            return False
        if self.year is not None and (post.date is None or post.date.day.year != self.year):
            return False
        return True


class BlogDomain(Domain):
    """Cross-document blog data, and the ``blog:tag`` references of post headers."""

    name = "blog"
    label = "Blog"
    initial_data: dict[str, Any] = {"posts": {}, "lists": {}, "snapshot": None, "post_years": (), "year_pages": {}}

    @property
    def posts(self) -> dict[str, Post]:
        return self.data["posts"]

    @property
    def lists(self) -> dict[str, list[ListSpec]]:
        return self.data["lists"]

    def note_post(self, post: Post) -> None:
        self.posts[post.docname] = post

    def note_list(self, docname: str, spec: ListSpec) -> None:
        self.lists.setdefault(docname, []).append(spec)

    def sorted_posts(self, spec: ListSpec | None = None) -> list[Post]:
        """Posts newest first (undated last), those matching ``spec`` only."""
        posts = sorted(self.posts.values(), key=Post.sort_key)
        if spec is not None:
            posts = [post for post in posts if spec.matches(post)]
            if spec.limit:
                posts = posts[: spec.limit]
        return posts

    def tags(self) -> dict[str, tuple[str, int]]:
        """``{slug: (name, number of posts)}``; the name is the spelling most posts use."""
        spellings: dict[str, dict[str, int]] = {}
        for post in self.posts.values():
            for name in post.tags:
                counts = spellings.setdefault(tag_slug(name), {})
                counts[name] = counts.get(name, 0) + 1
        return {
            slug: (min(counts, key=lambda n: (-counts[n], n)), sum(counts.values()))
            for slug, counts in spellings.items()
        }

    def tag_page(self, slug: str) -> str:
        return f"{self.env.config.blog_tags_path}/{slug}/index"

    def has_tag_page(self, slug: str, builder: Builder) -> bool:
        """Whether the tag ``slug`` has a page in this build's output: a document of
        the project, or (HTML builders) the page :mod:`.tag_pages` makes for a tag
        that has none."""
        return self.tag_page(slug) in self.env.all_docs or builder.format == "html"

    def clear_doc(self, docname: str) -> None:
        self.posts.pop(docname, None)
        self.lists.pop(docname, None)
        self.data["year_pages"].pop(docname, None)

    def merge_domaindata(self, docnames: set[str], otherdata: dict[str, Any]) -> None:
        for key in ("posts", "lists", "year_pages"):
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value

    def resolve_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str, target: str,
        node: pending_xref, contnode: nodes.Element,
    ) -> nodes.Element | None:
        """A ``tag`` reference (target: the tag's slug) links to the tag's page in
        HTML (its document, or the page made for a tag that has none); elsewhere it
        is plain text."""
        if typ != "tag":
            return None
        if builder.format != "html" or not self.has_tag_page(target, builder):
            return contnode
        return make_refnode(builder, fromdocname, self.tag_page(target), None, contnode, contnode.astext())

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode) -> list:
        return []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        return iter(())


def changed_posts(before: dict[str, Post], after: dict[str, Post]) -> list[Post]:
    """Every post added, removed or changed between two ``posts`` maps (both versions
    of a changed post)."""
    changed: list[Post] = []
    for docname in before.keys() | after.keys():
        old, new = before.get(docname), after.get(docname)
        if old != new:
            changed.extend(post for post in (old, new) if post is not None)
    return changed


def pages_to_rewrite(lists: dict[str, list[ListSpec]], changed: Iterable[Post]) -> set[str]:
    """Docnames of the pages with a list that shows (or showed) one of ``changed``."""
    changed = list(changed)
    return {
        docname for docname, specs in lists.items()
        if any(spec.matches(post) for spec in specs for post in changed)
    }

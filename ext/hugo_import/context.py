"""The per-page conversion context: problems, placeholders, heading levels, links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from ..shared.paths import SITE_SCHEME, STATIC_DIR
from .links import SiteIndex, Target, relative_doc_path
from .model import Page, Problem, ProblemKind
from .myst import one_line
from ..shared.slugs import served_url
from .shortcode_calls import PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN, PLACEHOLDER_RE, REF_SCHEME, Shortcode

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|{}~$%:+=&-])")

#: What Markdown is converted as (``env["hugo_mode"]``): a page, content of a
#: directive (an HTML table cell), one paragraph (a caption), or a raw HTML block's
#: Markdown that becomes tokens of the page around it (whose rules then see it as
#: part of the page).
PAGE, FRAGMENT, PARAGRAPH, SPLICE = "page", "fragment", "paragraph", "splice"


class MarkdownRenderer(Protocol):
    """Converts Hugo Markdown of the page of ``ctx`` to MyST (:func:`.markdown.convert_markdown`);
    ``first_line`` is the file line of its first line, ``mode`` what it is converted as."""

    def __call__(self, markdown: str, ctx: PageContext, first_line: int, *, mode: str = PAGE) -> str: ...


@dataclass
class Placeholder:
    """What a placeholder stands for: a shortcode, or MyST text already rendered.

    ``block`` is true for content that must stand as its own block (a directive),
    ``trailing`` for a block moved after the paragraph it was found in (an
    inline HTML comment).
    """

    shortcode: Shortcode | None = None
    text: str = ""
    block: bool = False
    trailing: bool = False


@dataclass
class PageContext:
    """Everything the conversion rules of one page share.

    ``render`` converts the page's Markdown (:func:`.markdown.convert_markdown`, given
    by the caller: the rules that call it back through :meth:`convert_markdown` and
    :meth:`convert_inline` are the renderer's own). ``line`` is the file line of the
    Markdown being converted (it moves while an HTML block is converted), ``problems``
    collects what is reported.
    """

    page: Page
    index: SiteIndex
    render: MarkdownRenderer
    problems: list[Problem] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)
    heading_stack: list[int] = field(default_factory=list)
    used_ids: set[str] = field(default_factory=set)
    line: int = 1

    # -- nested Markdown -------------------------------------------------------------
    def convert_markdown(self, markdown: str, line: int) -> str:
        """``markdown`` at file line ``line`` as MyST that goes into a directive (an
        HTML table cell)."""
        return self.render(markdown, self, line, mode=FRAGMENT)

    def convert_inline(self, markdown: str, line: int) -> str:
        """``markdown`` at file line ``line`` as MyST that must be one paragraph (a
        caption); blocks in it are reported."""
        return self.render(markdown, self, line, mode=PARAGRAPH)

    # -- reporting ---------------------------------------------------------------
    def report(self, line: int, kind: ProblemKind, message: str) -> None:
        self.problems.append(Problem(self.page.site_file, line, kind, message))

    # -- placeholders -------------------------------------------------------------
    def _add(self, item: Placeholder) -> str:
        self.placeholders.append(item)
        return f"{PLACEHOLDER_OPEN}{len(self.placeholders) - 1}{PLACEHOLDER_CLOSE}"

    def add_shortcode(self, code: Shortcode) -> str:
        return self._add(Placeholder(shortcode=code, block=code.name not in {"ref", "relref"}))

    def add_block(self, myst: str) -> str:
        """A placeholder for a block of finished MyST (a directive, a comment)."""
        return self._add(Placeholder(text=myst, block=True))

    def add_inline(self, myst: str) -> str:
        """A placeholder for finished inline MyST (a role) kept out of escaping."""
        return self._add(Placeholder(text=myst))

    def add_anchor(self, anchor: str, line: int) -> str:
        """An inline anchor (``[]{#id}``) for a heading's ``{#id}`` or an HTML
        ``id``/``name`` at file line ``line``: a placeholder, or ``""`` for an anchor
        that is no valid id or that the page already has (``duplicate-anchor``: the
        first one is kept, as a browser follows a link to the first)."""
        if not re.fullmatch(r"[\w:.-]+", anchor):
            return ""
        if anchor in self.used_ids:
            self.report(line, ProblemKind.DUPLICATE_ANCHOR, f"anchor #{anchor} is already on the page; this one is dropped")
            return ""
        self.used_ids.add(anchor)
        return self.add_inline(f"[]{{#{anchor}}}")

    def add_trailing(self, myst: str) -> str:
        return self._add(Placeholder(text=myst, block=True, trailing=True))

    def restore(self, text: str) -> str:
        """Placeholders in ``text`` back to what the site wrote (for code and comments)."""
        def replace(match: re.Match) -> str:
            item = self.placeholders[int(match.group(1))]
            return item.shortcode.raw if item.shortcode is not None else item.text
        return PLACEHOLDER_RE.sub(replace, text)

    # -- headings ------------------------------------------------------------------
    def heading_level(self, level: int) -> int:
        """Normalised level for a body heading of source ``level``: the page title is
        level 1, the first body heading level 2, and no level is ever skipped."""
        while self.heading_stack and self.heading_stack[-1] >= level:
            self.heading_stack.pop()
        self.heading_stack.append(level)
        return min(len(self.heading_stack) + 1, 6)

    def nested_heading_level(self) -> int:
        """Level for a heading inside a list, quote, table cell or footnote: one below
        the current section. MyST makes it a rubric (a heading that opens no section),
        so it does not count for the levels of the headings after it."""
        return min(len(self.heading_stack) + 2, 6)

    # -- links --------------------------------------------------------------------
    def resolve(self, href: str, line: int) -> Target:
        """Resolve ``href`` and report dead links and unsafe URLs at ``line``."""
        target = self.index.resolve(href, self.page.url, self.page.source)
        if href.startswith(REF_SCHEME):
            href = f'{{{{< ref "{href[len(REF_SCHEME):]}" >}}}}'
        if target.kind == "dead" and target.unpublished:
            self.report(line, ProblemKind.DEAD_LINK, (
                f"link to {href!r}: the page is {target.unpublished}, not imported; pointed at {target.url}"))
        elif target.kind == "dead":
            self.report(line, ProblemKind.DEAD_LINK, f"link to {href!r}: the site has no such page or file; pointed at {target.url}")
        elif target.kind == "unsafe":
            self.report(line, ProblemKind.UNSAFE_HTML, f"unsafe URL {href[:40]!r} removed")
        elif target.kind == "doc" and target.fragment and not self.anchor_exists(target.docname, target.fragment):
            self.report(line, ProblemKind.MISSING_ANCHOR, f"link to {href!r}: the page has no anchor #{target.fragment}; linking the page")
            target = Target("doc", docname=target.docname)
        elif target.kind == "anchor" and target.fragment and not self.anchor_exists(self.page.docname, target.fragment):
            self.report(line, ProblemKind.MISSING_ANCHOR, f"link to #{target.fragment}: this page has no such anchor; kept as text")
            target = Target("unsafe", url=href)
        return target

    def anchor_exists(self, docname: str, fragment: str) -> bool:
        return fragment in self.index.anchors.of(docname)

    def href_for(self, target: Target) -> str | None:
        """The Markdown link destination for ``target``; ``None`` when there is none."""
        if target.fragment and self.index.anchors.is_explicit_id(target.fragment):
            # Explicit ids are HTML anchors, not Sphinx labels (pages share them,
            # and a label is project-wide); the import checked the anchor exists.
            docname = target.docname or self.page.docname
            return f"{SITE_SCHEME}{served_url(docname)}#{target.fragment}"
        if target.kind == "doc":
            path = relative_doc_path(self.page.docname, target.docname)
            return path + (f"#{target.fragment}" if target.fragment else "")
        if target.kind == "anchor":
            return f"#{target.fragment}"
        if target.kind == "file":
            return SITE_SCHEME + target.url
        if target.kind in {"external", "dead"}:
            return target.url
        return None

    def resolve_target(self, href: str, line: int) -> str:
        """A URI for directive options (figure ``target``, embeds): files as ``site:``."""
        target = self.resolve(href, line)
        if target.kind == "doc":
            return SITE_SCHEME + served_url(target.docname)
        return self.href_for(target) or ""

    def resolve_image(self, src: str, line: int) -> str | None:
        """Source path of an image for a MyST image/figure; ``None`` if it is missing
        or its URL is not a safe one (:func:`ext.shared.urls.is_safe_url`; both reported).

        Local images are read from the copy of ``static/`` in the handbook source
        (``/_site_static/img/a.png``); remote images keep their URL.
        """
        target = self.index.resolve(src, self.page.url, self.page.source)
        if target.kind == "external" and target.url.startswith(SITE_SCHEME):
            # a site path written as the handbook writes it: the file must be the site's
            target = self.index.resolve(target.url[len(SITE_SCHEME):], self.page.url, self.page.source)
        if target.kind == "external":
            return target.url
        if target.kind == "file":
            return f"/{STATIC_DIR}{target.url}"
        if target.kind == "unsafe":
            self.report(line, ProblemKind.UNSAFE_HTML, f"unsafe URL {src[:40]!r} removed")
            return None
        self.report(line, ProblemKind.MISSING_FILE, f"image {src!r} does not exist under static/ or the page bundle")
        return None

    def live_url(self, path: str) -> str:
        return self.index.live_url(path)

    # -- text ----------------------------------------------------------------------
    @staticmethod
    def escape(text: str) -> str:
        """Backslash-escape Markdown syntax characters in plain ``text``, on one line
        (a line break could start a block: ``1.``, a fence)."""
        return _MD_SPECIAL.sub(r"\\\1", one_line(text))

    def inline_markdown(self, text: str, line: int) -> str:
        """``text`` written by the site as Markdown at file line ``line`` (a shortcode's
        parameter), converted as one paragraph of MyST (blocks in it are reported)."""
        return self.convert_inline(text, line).strip()

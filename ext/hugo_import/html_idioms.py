"""Raw HTML in Hugo pages: one rule per tag, for HTML blocks and for inline tags.

HTML blocks are parsed with BeautifulSoup and walked; each tag has a rule in
:data:`BLOCK_RULES` that returns Markdown (directives go in as placeholders), and
the result is converted again as Markdown so links and images follow the same
rules everywhere. Inline tags (``html_inline`` tokens inside a paragraph) have rules
of their own, in :mod:`.inline_html`; the tags both know are named here
(:data:`ROLE_TAGS`, :data:`INLINE_WRAPPERS`).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Callable
from urllib.parse import quote, unquote, urlsplit

import nh3
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..shared.embeds import iframe_allowed
from .model import ProblemKind
from .theme_idioms import button_directive, icon_role, is_button, is_icon, tag_classes
from .myst import directive, fenced, inline_code, one_line
from ..shared.urls import is_safe_url

if TYPE_CHECKING:
    from .context import PageContext

BR = "\x00BR\x00"

_DROP = {"style", "script", "noscript", "link", "meta"}
#: Tags written as a MyST role (``None``: inline code), in blocks and inline alike.
ROLE_TAGS = {"code": None, "tt": None, "kbd": "kbd", "sup": "sup", "sub": "sub", "s": "del", "del": "del", "strike": "del"}
INLINE_WRAPPERS = {"span", "font", "small", "u", "big", "abbr", "cite", "q", "mark", "ins", "label", "time"}
_BLOCK_WRAPPERS = {"div", "section", "center", "article", "header", "footer", "main", "nav", "aside", "figure", "figcaption", "form", "fieldset", "body", "html", "tbody", "thead", "address"}
#: Tags without a rule that show a file, and what a link to the file keeps of its URL as
#: written; the rest (spaces, brackets, parentheses) is percent-encoded: one link stays one.
_FILE_TAGS = {"embed", "object", "video", "audio", "source", "track"}
_URL_SAFE = "/:?#@!$&'*+,;=%~"


def check_attributes(name: str, attrs: dict[str, str], ctx: PageContext, line: int) -> None:
    """Report ``on*`` event handlers and ``javascript:`` URLs (they are never written).

    ``href`` and ``src`` are reported where they are resolved, not here."""
    for key, value in attrs.items():
        if key.lower() in {"href", "src"}:
            continue
        if key.lower().startswith("on"):
            ctx.report(line, ProblemKind.UNSAFE_HTML, f"event attribute {key!r} on <{name}> removed")
        elif value and str(value).strip().lower().startswith(("javascript:", "vbscript:")):
            ctx.report(line, ProblemKind.UNSAFE_HTML, f"unsafe URL in {key!r} of <{name}> removed")


def _style_width(tag: Tag) -> str:
    match = re.search(r"(?:^|;)\s*(?:max-)?width\s*:\s*([\d.]+(?:px|%|em|rem))", str(tag.get("style") or ""))
    width = match.group(1) if match else str(tag.get("width") or "")
    return f"{width}px" if width.isdigit() else width


class HtmlWalker:
    """Turns a parsed HTML fragment into Markdown, one rule per tag name."""

    def __init__(self, ctx: PageContext) -> None:
        self.ctx = ctx

    @property
    def line(self) -> int:
        return self.ctx.line

    def children(self, node: Tag) -> str:
        return "".join(self.render(child) for child in node.children)

    def render(self, node) -> str:
        if isinstance(node, Comment):
            return "\n\n" + self.ctx.add_block(myst_comment(self.ctx.restore(str(node)))) + "\n\n"
        if isinstance(node, NavigableString):
            if type(node) is not NavigableString:  # doctype, CDATA, processing instruction
                return ""
            return self.ctx.escape(re.sub(r"\s+", " ", str(node)))
        if not isinstance(node, Tag):
            return ""
        check_attributes(node.name, {k: str(v) for k, v in node.attrs.items()}, self.ctx, self.line)
        rule = BLOCK_RULES.get(node.name)
        if rule is None:
            return self.raw(node)
        return rule(node, self)

    def raw(self, node: Tag) -> str:
        """A tag without a rule: kept as sanitised raw HTML, reported (``raw-html``).
        One that shows a file (:data:`_FILE_TAGS`: its ``src`` or ``data``, or its
        ``<source>``'s), which sanitising would empty, becomes its text (the
        fallback a browser shows) and a link to the file; with an unsafe URL, its text."""
        url = ""
        if node.name in _FILE_TAGS:
            source = node if node.get("src") or node.get("data") else node.find("source", src=True)
            url = str(source.get("src") or source.get("data")) if source is not None else ""
        text = self.block(self.ctx.escape(re.sub(r"\s+", " ", node.get_text()).strip()))
        if url and not is_safe_url(url):
            # check_attributes() has reported the URL.
            self.ctx.report(self.line, ProblemKind.RAW_HTML, f"<{node.name}> has no conversion rule; its text is kept")
            return text
        if url:
            self.ctx.report(self.line, ProblemKind.RAW_HTML, f"<{node.name}> has no conversion rule; shown as a link to {url!r}")
            name = unquote(url.rstrip("/").rsplit("/", 1)[-1]) or url
            return text + self.block(f"[{self.ctx.escape(name)}]({quote(url, safe=_URL_SAFE)})")
        self.ctx.report(self.line, ProblemKind.RAW_HTML, f"<{node.name}> has no conversion rule; kept as sanitised raw HTML")
        cleaned = nh3.clean(str(node))
        if not cleaned.strip():
            return self.children(node)
        return "\n\n" + self.ctx.add_block(fenced("{raw} html", cleaned.strip())) + "\n\n"

    def block(self, markdown: str) -> str:
        return f"\n\n{markdown.strip()}\n\n" if markdown.strip() else "\n\n"

    def inline_myst(self, node: Tag) -> str:
        """The converted MyST of a tag's content, as one inline run."""
        markdown = finish_markdown(self.children(node))
        return self.ctx.convert_markdown(markdown, self.line).strip()

    def target(self, node: Tag) -> str:
        """An inline anchor for the tag's ``id`` (or an ``<a name>``), if it has one."""
        anchor = node.get("id") or (node.get("name") if node.name == "a" else None)
        return self.ctx.add_anchor(str(anchor), self.line) if anchor else ""


def myst_comment(text: str) -> str:
    """An HTML comment as a MyST comment: every line starts with ``%``."""
    lines = text.strip("\n").split("\n")
    return "\n".join(("% " + line.rstrip()).rstrip() for line in lines)


def _wrap_inline(marker: str) -> Callable[[Tag, HtmlWalker], str]:
    def rule(node: Tag, walker: HtmlWalker) -> str:
        inner = walker.children(node)
        stripped = inner.strip()
        if not stripped:
            return inner
        lead = " " if inner[:1].isspace() else ""
        trail = " " if inner[-1:].isspace() else ""
        return f"{lead}{marker}{stripped}{marker}{trail}"
    return rule


def _role(name: str) -> Callable[[Tag, HtmlWalker], str]:
    def rule(node: Tag, walker: HtmlWalker) -> str:
        text = " ".join(node.get_text().split())
        if not text:
            return ""
        return walker.ctx.add_inline(f"{{{name}}}`{text.replace('`', '')}`")
    return rule


def convert_code_tag(node: Tag, walker: HtmlWalker) -> str:
    text = " ".join(node.get_text().split())
    return walker.ctx.add_inline(inline_code(text)) if text else ""


def convert_inline_wrapper(node: Tag, walker: HtmlWalker) -> str:
    classes = tag_classes(node)
    if is_icon(classes):
        role = icon_role(classes, walker.ctx, walker.line)
        return walker.ctx.add_inline(role) if role else ""
    return walker.target(node) + walker.children(node)


def convert_italic_tag(node: Tag, walker: HtmlWalker) -> str:
    if is_icon(tag_classes(node)):
        return convert_inline_wrapper(node, walker)
    return _wrap_inline("*")(node, walker)


def convert_block_wrapper(node: Tag, walker: HtmlWalker) -> str:
    return walker.target(node) + walker.block(walker.children(node))


def convert_paragraph_tag(node: Tag, walker: HtmlWalker) -> str:
    return walker.target(node) + walker.block(walker.children(node))


def convert_br_tag(node: Tag, walker: HtmlWalker) -> str:
    return walker.target(node) + BR


def convert_hr_tag(node: Tag, walker: HtmlWalker) -> str:
    return "\n\n---\n\n"


def convert_heading_tag(node: Tag, walker: HtmlWalker) -> str:
    level = int(node.name[1])
    text = " ".join(walker.children(node).replace(BR, " ").split())
    return walker.target(node) + walker.block("#" * level + " " + text) if text else ""


def convert_anchor_tag(node: Tag, walker: HtmlWalker) -> str:
    href = str(node.get("href") or "").strip()
    target = walker.target(node) if not href else ""
    if not href:
        return target + walker.children(node)
    if is_button(tag_classes(node)):
        label = walker.inline_myst(node)
        return "\n\n" + walker.ctx.add_block(button_directive(href, label, walker.ctx, walker.line)) + "\n\n"
    if node.find(_LINK_BLOCKS):
        return _block_link(node, href, walker)
    text = walker.children(node).replace(BR, " ").strip() or walker.ctx.escape(href)
    title = one_line(str(node.get("title") or "")).strip().replace("\\", "\\\\")
    title_part = f' "{title.replace(chr(34), chr(39))}"' if title else ""
    return f"[{text}](<{href.replace('>', '%3E')}>{title_part})"


_LINK_BLOCKS = ["div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"]


def _block_link(node: Tag, href: str, walker: HtmlWalker) -> str:
    """An ``<a>`` wrapped around blocks (a linked box: icon, heading, text).

    Markdown links cannot hold blocks, so the link moves inside: onto the first
    heading if there is one, else onto each paragraph; with neither, the blocks
    are kept and the link follows them with its address as text.
    """
    heading = node.find(re.compile(r"^h[1-6]$"))
    holders = [heading] if heading is not None else node.find_all("p")
    for holder in holders:
        link = Tag(name="a", attrs={"href": href})
        link.extend(list(holder.children))
        holder.append(link)
    markdown = walker.target(node) + walker.block(walker.children(node))
    if not holders:
        markdown += walker.block(convert_anchor_tag(Tag(name="a", attrs={"href": href}), walker))
    return markdown


def convert_img_tag(node: Tag, walker: HtmlWalker) -> str:
    src = str(node.get("src") or "").strip()
    if not src:
        return ""
    image = walker.ctx.resolve_image(src, walker.line)
    alt = " ".join(str(node.get("alt") or "").split())
    if image is None and not is_safe_url(src):
        return walker.ctx.escape(alt)
    if image is None:
        return f"[{walker.ctx.escape(alt or src)}](<{walker.ctx.live_url(src)}>)"
    width = _style_width(node)
    return walker.ctx.add_inline(f"![{walker.ctx.escape(alt)}](<{image}>)") if not width else (
        "\n\n" + walker.ctx.add_block(directive("image", image, {"alt": alt, "width": width})) + "\n\n"
    )


def convert_iframe_tag(node: Tag, walker: HtmlWalker) -> str:
    src = html.unescape(str(node.get("src") or "")).strip()
    return "\n\n" + walker.ctx.add_block(iframe_embed(src, node, walker.ctx, walker.line)) + "\n\n"


def iframe_embed(src: str, node: Tag, ctx: PageContext, line: int) -> str:
    """An allowed ``<iframe>`` as ``{youtube}``/``{iframe}``; any other as a link (reported)."""
    parts = urlsplit(src if "//" in src else "https:" + src)
    host = (parts.hostname or "").lower()
    title = str(node.get("title") or "").strip()
    if not iframe_allowed(src):
        ctx.report(line, ProblemKind.IFRAME_HOST, f"<iframe> from {host or src!r} is not on the allow-list; kept as a link")
        return f"[{ctx.escape(title or src)}](<{src}>)"
    match = re.match(r"/embed/([\w-]{6,})", parts.path)
    if "youtube" in host and match:
        return directive("youtube", match.group(1), {"title": title})
    height = str(node.get("height") or "").strip()
    return directive("iframe", parts.geturl(), {"title": title, "height": f"{height}px" if height.isdigit() else height})


def convert_list_tag(node: Tag, walker: HtmlWalker) -> str:
    items = []
    for number, item in enumerate(node.find_all("li", recursive=False), start=1):
        marker = f"{number}." if node.name == "ol" else "-"
        body = finish_markdown(walker.children(item)).strip()
        indent = " " * (len(marker) + 1)
        items.append(marker + " " + body.replace("\n", "\n" + indent))
    return walker.block("\n".join(items))


def convert_table_tag(node: Tag, walker: HtmlWalker) -> str:
    """An HTML ``<table>`` as a MyST ``{list-table}`` (header rows from ``<th>`` rows)."""
    rows = [row for row in node.find_all("tr") if row.find_parent("table") is node]
    if any(cell.get("colspan") or cell.get("rowspan") for row in rows for cell in row.find_all(["td", "th"])):
        return walker.raw(node)
    header_rows = 0
    for row in rows:
        if row.find_parent("thead") is not None or all(c.name == "th" for c in row.find_all(["td", "th"], recursive=False)):
            header_rows += 1
        else:
            break
    width = max((len(row.find_all(["td", "th"], recursive=False)) for row in rows), default=0)
    lines = []
    for row in rows:
        cells = row.find_all(["td", "th"], recursive=False)
        cells += [None] * (width - len(cells))
        for position, cell in enumerate(cells):
            marker = "* - " if position == 0 else "  - "
            text = "" if cell is None else walker.ctx.convert_markdown(finish_markdown(walker.children(cell)), walker.line).strip()
            lines.append(marker + "\n".join(line.rstrip() for line in text.replace("\n", "\n    ").split("\n")))
    options = {"header-rows": str(header_rows) if header_rows else ""}
    caption = node.find("caption")
    argument = " ".join(caption.get_text().split()) if caption else ""
    return "\n\n" + walker.ctx.add_block(directive("list-table", argument, options, "\n".join(lines))) + "\n\n"


def convert_dropped_tag(node: Tag, walker: HtmlWalker) -> str:
    walker.ctx.report(walker.line, ProblemKind.DROPPED_HTML, f"<{node.name}> block dropped (the handbook has its own styles and scripts)")
    return ""


BLOCK_RULES: dict[str, Callable[[Tag, HtmlWalker], str]] = {
    **{name: convert_inline_wrapper for name in INLINE_WRAPPERS},
    **{name: convert_block_wrapper for name in _BLOCK_WRAPPERS},
    **{name: convert_dropped_tag for name in _DROP},
    **{f"h{n}": convert_heading_tag for n in range(1, 7)},
    "p": convert_paragraph_tag,
    "br": convert_br_tag,
    "hr": convert_hr_tag,
    "strong": _wrap_inline("**"),
    "b": _wrap_inline("**"),
    "em": _wrap_inline("*"),
    "i": convert_italic_tag,
    **{name: convert_code_tag if role is None else _role(role) for name, role in ROLE_TAGS.items()},
    "a": convert_anchor_tag,
    "img": convert_img_tag,
    "iframe": convert_iframe_tag,
    "ul": convert_list_tag,
    "ol": convert_list_tag,
    "table": convert_table_tag,
}


#: Line-break markers and white space at the start or end of a paragraph.
_EDGE_BR = re.compile(f"^(?:\\s|{BR})+|(?:\\s|{BR})+$")


def finish_markdown(text: str) -> str:
    """Resolve line-break markers and tidy blank lines in walker output."""
    paragraphs = []
    for para in re.split(r"\n\s*\n", text):
        para = _EDGE_BR.sub("", para)
        para = re.sub(f"(?:\\s*{BR}\\s*){{2,}}", "\n\n", para)
        para = re.sub(f"\\s*{BR}\\s*", "\\\\\n", para)
        para = "\n".join(line.strip() for line in para.split("\n"))
        if para:
            paragraphs.append(para)
    return "\n\n".join(paragraphs) + "\n"


#: How deep the walker follows nested tags; deeper tags are kept as their text only
#: (real pages nest a dozen levels; thousands would exhaust Python's stack).
MAX_HTML_DEPTH = 40


def flatten_deep_tags(soup: Tag, ctx: PageContext, line: int) -> None:
    """Replace every tag nested :data:`MAX_HTML_DEPTH` levels deep by its text, in
    place, without recursion; reported once (``deep-html``) at ``line``."""
    stack = [(soup, 0)]
    deepest = 0
    while stack:
        node, depth = stack.pop()
        for child in list(node.children):
            if not isinstance(child, Tag):
                continue
            if depth + 1 < MAX_HTML_DEPTH:
                stack.append((child, depth + 1))
                continue
            deepest = max(deepest, depth + 1 + _depth_below(child))
            child.replace_with(NavigableString(" " + " ".join(child.get_text(" ").split()) + " "))
    if deepest:
        ctx.report(line, ProblemKind.DEEP_HTML, f"HTML nested {deepest} levels deep; tags below level {MAX_HTML_DEPTH} kept as plain text")


def _depth_below(tag: Tag) -> int:
    """How many levels of tags ``tag`` holds (0 for a tag without child tags), iteratively."""
    deepest, stack = 0, [(tag, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.children if isinstance(child, Tag))
    return deepest


def convert_html_block(source: str, ctx: PageContext) -> str:
    """Markdown for the raw HTML block ``source`` (directives as placeholders)."""
    soup = BeautifulSoup(source, "html.parser")
    flatten_deep_tags(soup, ctx, ctx.line)
    return finish_markdown(HtmlWalker(ctx).children(soup))

"""The inline renderers of the Markdown conversion (:mod:`.markdown`): text, code,
links, images, headings, inline HTML and strikethrough, one function per markdown-it
node type (``render_<type>(node, context) -> str``, mdformat's signature), and the
helpers the block renderers share: the page's context (:func:`node_ctx`), a node's
file line (:func:`node_line`) and the placeholders' MyST (:func:`expand_placeholders`).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from mdformat.renderer import DEFAULT_RENDERERS, RenderContext, RenderTreeNode

from ..shared.paths import STATIC_DIR
from .context import PageContext
from .shortcode_calls import PLACEHOLDER_OPEN, PLACEHOLDER_RE
from .shortcodes import convert_shortcode
from .myst import one_line
from .site_urls import without_dot_segments
from .structure import source_line
from ..shared.urls import is_safe_url


def node_ctx(context: RenderContext) -> PageContext:
    """The context of the page being converted (``env["hugo_ctx"]``)."""
    return context.env["hugo_ctx"]


def node_line(node: RenderTreeNode, context: RenderContext) -> int:
    """The file line of ``node`` (of the closest node around it that has lines)."""
    while node is not None and not node.map:
        node = node.parent
    return source_line(context.env, node) if node is not None else context.env["hugo_first_line"]


def expand_placeholders(text: str, ctx: PageContext, *, blocks: bool) -> str:
    """Replace inline placeholders by their MyST; block ones only when ``blocks``."""
    if PLACEHOLDER_OPEN not in text:
        return text

    def replace(match: re.Match) -> str:
        item = ctx.placeholders[int(match.group(1))]
        if item.block and not blocks:
            return match.group(0)
        if item.shortcode is not None:
            return convert_shortcode(item.shortcode, ctx)
        return item.text
    return PLACEHOLDER_RE.sub(replace, text)


#: What mdformat's text renderer may escape or rewrite: backslashes, ``*``, brackets,
#: ``<``, backticks, tabs, newlines, runs of spaces, an ``_`` not inside a word, an
#: ``&`` that may start a character reference, a ``!`` at the end (before a link). Text
#: with none of these it writes as it is, so it is not passed through it: most text of
#: a page is such, and the renderer is costly (its character-reference pattern has
#: 2,000 alternatives). ``test_text_without_markdown_syntax_is_what_mdformat_writes``
#: holds this to what mdformat does.
TEXT_SYNTAX = re.compile(r"[\\*\[\]<`\t\n]| {2}|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|&[#A-Za-z]|!\Z")


#: A ``[^`` that no backslash escapes: MyST reads ``[^label]`` as a footnote reference
#: whether or not the page defines the label; in text it is text (Hugo shows it).
_FOOTNOTE_MARK = re.compile(r"(?<!\\)((?:\\\\)*)\[\^")
#: A ``{`` right after a ``]`` that no backslash escapes: MyST reads ``[text]{.x}`` as
#: a span with attributes.
_SPAN_ATTRIBUTES = re.compile(r"(?<!\\)((?:\\\\)*\])\{")
#: ``{name}`` at the end of a text before inline code: MyST reads it as a role.
_ROLE_NAME = re.compile(r"(?<!\\)((?:\\\\)*)(\{[a-zA-Z0-9_\-+:]{1,36}\})$")
#: ``{name}`` right before an inline placeholder (inline code from HTML's ``<code>``, a
#: role): MyST would read it as a role on that code (``{download}`` copies any file).
_ROLE_NAME_BEFORE_PLACEHOLDER = re.compile(
    r"(?<!\\)((?:\\\\)*)(\{[a-zA-Z0-9_\-+:]{1,36}\})(?=" + PLACEHOLDER_OPEN + ")")


def render_text(node: RenderTreeNode, context: RenderContext) -> str:
    text = node.content
    if TEXT_SYNTAX.search(text) is not None or context.do_wrap:
        text = DEFAULT_RENDERERS["text"](node, context)
        if "[^" in text:
            text = _FOOTNOTE_MARK.sub(r"\1\\[^", text)
    if "{" in text:
        text = escape_myst_braces(text, node)
        if PLACEHOLDER_OPEN in text:
            text = _ROLE_NAME_BEFORE_PLACEHOLDER.sub(r"\1\\\2", text)
    return expand_placeholders(text, node_ctx(context), blocks=False)


def escape_myst_braces(text: str, node: RenderTreeNode) -> str:
    """``text`` (rendered) with a backslash before each ``{`` that MyST, not Hugo, would
    read as syntax there: inline attributes right after inline code, an image or a
    link (``code``{#id}), a span's attributes (``[text]{.x}``), a role's name right
    before inline code (``{name}``code``) or an inline placeholder (HTML's ``<code>``)."""
    before, after = node.previous_sibling, node.next_sibling
    if text.startswith("{") and before is not None and before.type in {"code_inline", "image", "link"}:
        text = "\\" + text
    text = _SPAN_ATTRIBUTES.sub(r"\1\\{", text)
    if after is not None and (after.type == "code_inline" or after.content.startswith(PLACEHOLDER_OPEN)):
        text = _ROLE_NAME.sub(r"\1\\\2", text)
    return text


def render_code(node: RenderTreeNode, context: RenderContext) -> str:
    rendered = DEFAULT_RENDERERS[node.type](node, context)
    return node_ctx(context).restore(rendered)


def render_link(node: RenderTreeNode, context: RenderContext) -> str:
    """A link to where the Hugo link pointed: page (``.md``), file (``site:``) or URL."""
    ctx = node_ctx(context)
    text = "".join(child.render(context) for child in node.children)
    href = str(node.attrs.get("href", ""))
    if node.info == "auto" and not href.startswith(("/", "hugo-ref:")):
        target = ctx.index.resolve(href, ctx.page.url, ctx.page.source)
        if target.kind == "external":
            return DEFAULT_RENDERERS["link"](node, context)
    target = ctx.resolve(href, node_line(node, context))
    destination = ctx.href_for(target)
    if destination is None:
        return text
    if not text.strip():
        text = ctx.escape(href)
    title = node.attrs.get("title")
    title_part = ' "{}"'.format(one_line(str(title)).replace("\\", "\\\\").replace('"', '\\"')) if title else ""
    if re.search(r"[\s()<>]", destination):
        destination = "<" + destination.replace(">", "%3E").replace("<", "%3C") + ">"
    return f"[{text}]({destination}{title_part})"


def render_image(node: RenderTreeNode, context: RenderContext) -> str:
    ctx = node_ctx(context)
    src = str(node.attrs.get("src", ""))
    alt = " ".join(_plain_text(node).split())
    if src.startswith(("http://", "https://")) or (src.startswith(f"/{STATIC_DIR}/") and _stays_put(src)):
        image = src
    else:
        image = ctx.resolve_image(src, node_line(node, context))
    if image is None and not is_safe_url(src):
        return ctx.escape(alt)
    if image is None:
        return f"[{ctx.escape(alt or src)}]({ctx.live_url(src)})"
    return f"![{ctx.escape(alt)}](<{image}>)"


def _stays_put(src: str) -> bool:
    """Whether the site path ``src`` has no ``.``/``..`` step (also escaped): an image
    already placed in the static copy (a shortcode's) may be used as it is; any other
    is resolved as a browser resolves it, so it never leads outside the site."""
    return without_dot_segments(unquote(src)) == unquote(src)


def _plain_text(node: RenderTreeNode) -> str:
    """The text of an inline node without its Markdown (an image's alt as readers see it:
    ``![a \\& *b*](x)`` is ``a & b``), not the source between the brackets."""
    parts = []
    for child in node.children:
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
        else:
            parts.append(_plain_text(child))
    return "".join(parts)


def render_heading(node: RenderTreeNode, context: RenderContext) -> str:
    """A body heading at its normalised level, after its anchor (``[]{#id}``, from
    Hugo's ``{#id}``, so the old ``#id`` links keep working); a heading inside a list,
    quote or footnote (``meta["nested"]``) one level below the current section."""
    ctx = node_ctx(context)
    text = "".join(child.render(context) for child in node.children).replace("\n", " ")
    text = expand_placeholders(node.meta.get("anchor", ""), ctx, blocks=False) + text
    level = ctx.nested_heading_level() if node.meta.get("nested") else ctx.heading_level(int(node.tag[1]))
    if text.endswith("#"):
        text = text[:-1] + "\\#"
    return f"{'#' * level} {text.strip()}"


def render_html_inline(node: RenderTreeNode, context: RenderContext) -> str:
    return node_ctx(context).escape(node.content)


def render_strikethrough(node: RenderTreeNode, context: RenderContext) -> str:
    text = "".join(child.content for child in node.children if child.type == "text")
    return f"{{del}}`{text.replace('`', '')}`"


def render_nothing(node: RenderTreeNode, context: RenderContext) -> str:
    return ""


def render_inline_children(node: RenderTreeNode, context: RenderContext) -> str:
    return "".join(child.render(context) for child in node.children)

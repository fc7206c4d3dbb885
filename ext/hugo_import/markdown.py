"""Hugo Markdown to MyST: markdown-it-py parses, mdformat's renderer writes.

mdformat renders a markdown-it syntax tree back to CommonMark with one function
per node type. This module registers our own functions for the node types where
MyST differs from what Hugo meant (links, images, headings, raw HTML, tables,
definition lists, strikethrough, shortcode placeholders), and keeps mdformat's
for everything else (escaping, lists, emphasis, code). Before they render, the
page's tokens are read as Hugo meant them (:mod:`.hugo_tokens`: raw HTML, heading
ids) and made a structure docutils accepts (:mod:`.structure`).
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import unquote

from markdown_it import MarkdownIt
from mdformat.codepoints import UNICODE_WHITESPACE
from mdformat.renderer import DEFAULT_RENDERERS, MDRenderer, RenderContext, RenderTreeNode
from mdformat.renderer._util import is_tight_list
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from ..shared.paths import STATIC_DIR
from .context import PAGE, PageContext
from .html_idioms import button_directive
from .hugo_tokens import read_hugo_source
from .shortcode_calls import PLACEHOLDER_OPEN, PLACEHOLDER_RE
from .shortcodes import convert_shortcode
from ..shared.limits import PARSE_BLOCK_NESTING, PARSE_INLINE_NESTING
from .myst import one_line
from .site import without_dot_segments
from .structure import flatten_deep_blocks, lift_blocks, place_footnotes, source_line, valid_structure
from ..shared.urls import is_safe_url

#: Paragraph lines MyST would read as a block: a comment, a block break, a colon fence, a
#: target; and a code fence of tildes (or backticks), which mdformat writes as it is in
#: text (``<p>~~~{raw} html …</p>`` would open a raw directive).
_MYST_LINE_START = re.compile(r"^(%|\+\+\+|:::|~~~|```|\(([^)]*)\)=\s*$)")


def _ctx(context: RenderContext) -> PageContext:
    return context.env["hugo_ctx"]


def _line(node: RenderTreeNode, context: RenderContext) -> int:
    """The file line of ``node`` (of the closest node around it that has lines)."""
    while node is not None and not node.map:
        node = node.parent
    return source_line(context.env, node) if node is not None else context.env["hugo_first_line"]


def _expand_placeholders(text: str, ctx: PageContext, *, blocks: bool) -> str:
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


# --- renderers: one function per node type ------------------------------------------

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
    return _expand_placeholders(text, _ctx(context), blocks=False)


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
    return _ctx(context).restore(rendered)


def render_link(node: RenderTreeNode, context: RenderContext) -> str:
    """A link to where the Hugo link pointed: page (``.md``), file (``site:``) or URL."""
    ctx = _ctx(context)
    text = "".join(child.render(context) for child in node.children)
    href = str(node.attrs.get("href", ""))
    if node.info == "auto" and not href.startswith(("/", "hugo-ref:")):
        target = ctx.index.resolve(href, ctx.page.url, ctx.page.source)
        if target.kind == "external":
            return DEFAULT_RENDERERS["link"](node, context)
    target = ctx.resolve(href, _line(node, context))
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
    ctx = _ctx(context)
    src = str(node.attrs.get("src", ""))
    alt = " ".join(_plain_text(node).split())
    if src.startswith(("http://", "https://")) or (src.startswith(f"/{STATIC_DIR}/") and _stays_put(src)):
        image = src
    else:
        image = ctx.resolve_image(src, _line(node, context))
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
    ctx = _ctx(context)
    text = "".join(child.render(context) for child in node.children).replace("\n", " ")
    text = _expand_placeholders(node.meta.get("anchor", ""), ctx, blocks=False) + text
    level = ctx.nested_heading_level() if node.meta.get("nested") else ctx.heading_level(int(node.tag[1]))
    if text.endswith("#"):
        text = text[:-1] + "\\#"
    return f"{'#' * level} {text.strip()}"


def render_html_inline(node: RenderTreeNode, context: RenderContext) -> str:
    return _ctx(context).escape(node.content)


def render_strikethrough(node: RenderTreeNode, context: RenderContext) -> str:
    text = "".join(child.content for child in node.children if child.type == "text")
    return f"{{del}}`{text.replace('`', '')}`"


def render_paragraph(node: RenderTreeNode, context: RenderContext) -> str:
    """A paragraph; block shortcodes and directives in it become their own blocks."""
    ctx = _ctx(context)
    inline = node.children[0] if node.children else None
    if inline is not None and _only_buttons(inline):
        return "\n\n".join(
            button_directive(str(link.attrs.get("href", "")), "".join(c.render(context) for c in link.children), ctx, _line(node, context))
            for link in inline.children if link.type == "link"
        )
    text = commonmark_paragraph(node, context)
    text = "\n".join(_escape_myst_line(line) for line in text.split("\n"))
    return _split_blocks(text, ctx)


#: The start of a (stripped) paragraph line that mdformat's paragraph renderer may
#: escape or indent so that CommonMark does not read it as another block: an ATX
#: heading, a block quote, a list item, a thematic break or setext underline (any line
#: of only ``-*_=`` and blanks), an HTML block (``<``). A looser test than mdformat's,
#: and cheap: ``test_paragraph_fast_path_is_what_mdformat_writes`` holds it to mdformat.
PARAGRAPH_LINE_SYNTAX = re.compile(r"#{1,6}(?:[ \t]|$)|>|[-*+](?:[ \t]|$)|[0-9]+[.)](?:[ \t]|$)|[-*_= \t]*$|<")


def commonmark_paragraph(node: RenderTreeNode, context: RenderContext) -> str:
    """A paragraph node as mdformat writes it: its inline content rendered, each line
    stripped, and lines that would read as another block escaped.

    Most paragraphs have no such line (none matches :data:`PARAGRAPH_LINE_SYNTAX`) and
    no blank at either end to write as a character reference: their lines are only
    stripped, which skips mdformat's dozen pattern tests per line (a tenth of the
    import's time). Any other paragraph is handed, already rendered, to mdformat's
    paragraph renderer, so its inline content is rendered (and its problems reported)
    once.
    """
    if not node.children:
        return DEFAULT_RENDERERS["paragraph"](node, context)
    text = node.children[0].render(context)
    lines = [line.strip() for line in text.split("\n")]
    if (
        context.do_wrap
        or text[:1] in UNICODE_WHITESPACE
        or text[-1:] in UNICODE_WHITESPACE
        or any(PARAGRAPH_LINE_SYNTAX.match(line) for line in lines)
    ):
        return DEFAULT_RENDERERS["paragraph"](rendered_paragraph(text), context)
    return "\n".join(lines)


def rendered_paragraph(text: str) -> SimpleNamespace:
    """A stand-in for a paragraph node whose inline content renders as ``text``: what
    mdformat's paragraph renderer reads of a node (``node.children[0].render``)."""
    return SimpleNamespace(children=[SimpleNamespace(render=lambda _context: text)])


def _only_buttons(inline: RenderTreeNode) -> bool:
    links = [c for c in inline.children if c.type == "link"]
    if not links or not all(link.meta.get("button") for link in links):
        return False
    others = [c for c in inline.children if c.type != "link"]
    return all(c.type in {"softbreak", "hardbreak"} or (c.type == "text" and not c.content.strip()) for c in others)


def _escape_myst_line(line: str) -> str:
    """Escape paragraph lines that MyST would read as syntax (:data:`_MYST_LINE_START`)."""
    if _MYST_LINE_START.match(line) and not PLACEHOLDER_RE.fullmatch(line.strip()):
        return "\\" + line
    return line


def _split_blocks(text: str, ctx: PageContext) -> str:
    """Split a rendered paragraph at its block placeholders: the text around them
    stays paragraphs, the blocks are written as they are, trailing blocks (moved
    comments) go after the paragraph without splitting it."""
    if PLACEHOLDER_OPEN not in text or not PLACEHOLDER_RE.search(text):
        return text
    pieces: list[str] = []
    trailing: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        segment = _EDGE_BREAKS.sub("", "".join(pending))
        pending.clear()
        pieces.extend(chunk.strip() for chunk in re.split(r"\n\s*\n", segment) if chunk.strip())

    pos = 0
    for match in PLACEHOLDER_RE.finditer(text):
        item = ctx.placeholders[int(match.group(1))]
        if not item.block:
            continue
        pending.append(text[pos:match.start()])
        pos = match.end()
        block = _expand_placeholders(match.group(0), ctx, blocks=True)
        if item.trailing:
            trailing.append(block)
            if pending[-1].endswith(" ") and text[pos:pos + 1] == " ":
                pos += 1
            continue
        flush()
        pieces.append(block)
    pending.append(text[pos:])
    flush()
    return "\n\n".join(pieces + trailing)


#: Hard breaks and decimal-encoded white space left at the edge of a split paragraph.
_EDGE_BREAKS = re.compile(r"^(?:\\\n|&#32;|&#10;|\s)+|(?:\\|&#32;|&#10;|\s)+$")


def render_table(node: RenderTreeNode, context: RenderContext) -> str:
    """A GFM pipe table, cells rendered inline, pipes escaped."""
    rows: list[list[str]] = []
    aligns: list[str] = []
    for section in node.children:
        for row in section.children:
            cells = []
            for cell in row.children:
                content = "".join(child.render(context) for child in cell.children)
                cells.append(content.replace("|", "\\|").replace("\n", " ").strip())
                if section.type == "thead":
                    style = str(cell.attrs.get("style", ""))
                    aligns.append(style.replace("text-align:", "").strip())
            rows.append(cells)
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    marks = {"left": ":--", "right": "--:", "center": ":-:"}
    delimiter = [marks.get(a, "---") for a in aligns] + ["---"] * (width - len(aligns))
    lines = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join(delimiter) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def render_dl(node: RenderTreeNode, context: RenderContext) -> str:
    """A definition list in MyST ``deflist`` syntax (term, then ``: definition``)."""
    out: list[str] = []
    for child in node.children:
        if child.type == "dt":
            text = "".join(c.render(context) for c in child.children)
            out.append(("\n\n" if out else "") + text)
        else:
            with context.indented(2):
                body = "\n\n".join(c.render(context) for c in child.children)
            out.append("\n: " + body.replace("\n", "\n  ").replace("\n  \n", "\n\n"))
    return "".join(out)


def render_footnote_ref(node: RenderTreeNode, context: RenderContext) -> str:
    return f"[^{node.meta['label']}]"


def render_footnote_block(node: RenderTreeNode, context: RenderContext) -> str:
    """Footnote definitions (Hugo's Goldmark has footnotes on), at the page end."""
    notes = []
    for note in node.children:
        with context.indented(4):
            body = "\n\n".join(c.render(context) for c in note.children if c.type != "footnote_anchor")
        notes.append(f"[^{note.meta['label']}]: " + body.replace("\n", "\n    ").replace("\n    \n", "\n\n"))
    return "\n\n".join(notes)


def render_list_item(node: RenderTreeNode, context: RenderContext) -> str:
    """A list item as mdformat writes it (its blocks, one line apart in a tight list),
    the list's tightness found once per list: mdformat looks at every item of the list
    for each item, which is quadratic (8,000 items took 40 s)."""
    tight = context.env.setdefault("hugo_tight_lists", {})
    parent = node.parent
    if id(parent) not in tight:
        tight[id(parent)] = (parent, is_tight_list(parent))  # the node kept: its id stays its own
    separator = "\n" if tight[id(parent)][1] else "\n\n"
    text = separator.join(out for out in (child.render(context) for child in node.children) if out)
    return text if text.strip() else ""


def list_marker(node: RenderTreeNode, context: RenderContext) -> str:
    """The marker of the list ``node`` as mdformat chooses it (``-`` or ``.``, the
    other one, ``*`` or ``)``, for a list right after a list of its kind, so that
    they stay two lists), found for all the lists of a parent in one pass: mdformat
    walks back through the lists before it, each step a search of the parent's
    children (8,000 lists took minutes)."""
    markers = context.env.setdefault("hugo_list_markers", {})
    if id(node) not in markers:
        previous = None
        count = 0
        for child in node.parent.children:
            count = count + 1 if child.type == previous else 1
            previous = child.type
            if child.type in {"bullet_list", "ordered_list"}:
                primary, secondary = ("-", "*") if child.type == "bullet_list" else (".", ")")
                markers[id(child)] = (child, primary if count % 2 else secondary)
    return markers[id(node)][1]


def _list_items(node: RenderTreeNode, context: RenderContext, markers: list[str], indent: int) -> str:
    """The items of the list ``node``, each after its marker (``markers[i]``, the last
    one for the rest), their other lines indented by ``indent``."""
    separator = "\n" if is_tight_list(node) else "\n\n"
    items = []
    with context.indented(indent):
        for i, child in enumerate(node.children):
            first, *rest = child.render(context).split("\n")
            marker = markers[min(i, len(markers) - 1)]
            lines = [f"{marker} {first}" if first else marker]
            lines += [" " * indent + line if line else "" for line in rest]
            items.append("\n".join(lines))
    return separator.join(items)


def render_bullet_list(node: RenderTreeNode, context: RenderContext) -> str:
    """A bullet list as mdformat writes it, in linear time (:func:`list_marker`)."""
    marker = list_marker(node, context)
    return _list_items(node, context, [marker], len(marker) + 1)


def render_ordered_list(node: RenderTreeNode, context: RenderContext) -> str:
    """An ordered list as mdformat writes it without consecutive numbering (the first
    item's number, then ``1`` padded to its width), in linear time."""
    delimiter = list_marker(node, context)
    start = node.attrs.get("start")
    start = start if isinstance(start, int) else 1
    first = f"{start}{delimiter}"
    other = "0" * (len(str(start)) - 1) + "1" + delimiter
    return _list_items(node, context, [first, other], len(first) + 1)


def render_nothing(node: RenderTreeNode, context: RenderContext) -> str:
    return ""


def render_inline_children(node: RenderTreeNode, context: RenderContext) -> str:
    return "".join(child.render(context) for child in node.children)


RENDERERS = {
    "text": render_text,
    "code_inline": render_code,
    "fence": render_code,
    "code_block": render_code,
    "link": render_link,
    "image": render_image,
    "heading": render_heading,
    "html_inline": render_html_inline,
    "s": render_strikethrough,
    "paragraph": render_paragraph,
    "list_item": render_list_item,
    "bullet_list": render_bullet_list,
    "ordered_list": render_ordered_list,
    "table": render_table,
    "dl": render_dl,
    "dt": render_inline_children,
    "dd": render_inline_children,
    "footnote_ref": render_footnote_ref,
    "footnote_block": render_footnote_block,
    "footnote_anchor": render_nothing,
}


def _update_mdit(mdit: MarkdownIt) -> None:
    mdit.enable(["table", "strikethrough"])
    mdit.use(deflist_plugin)
    # Hugo's Goldmark has no inline footnotes (``^[text]`` is text), and the footnotes
    # are placed by place_footnotes, which keeps the text of those nothing refers to.
    mdit.use(footnote_plugin, inline=False, move_to_end=False)
    # Blocks are read deeper than MyST reads them, to be flattened; inline markup as deep.
    mdit.core.ruler.before("block", "hugo_block_nesting", _nesting(PARSE_BLOCK_NESTING))
    mdit.core.ruler.before("inline", "hugo_inline_nesting", _nesting(PARSE_INLINE_NESTING))
    mdit.core.ruler.push("hugo_source", read_hugo_source)
    mdit.core.ruler.push("hugo_deep_blocks", flatten_deep_blocks)
    mdit.core.ruler.push("hugo_lift_blocks", lift_blocks)
    mdit.core.ruler.push("hugo_footnotes", place_footnotes)
    mdit.core.ruler.push("hugo_structure", valid_structure)


def _nesting(depth: int):
    """A markdown-it core rule that sets the parser's ``maxNesting`` to ``depth`` (for
    the block or the inline rules that follow it)."""
    def rule(state) -> None:
        state.md.options["maxNesting"] = depth
    return rule


_PLUGIN = SimpleNamespace(update_mdit=_update_mdit, RENDERERS=RENDERERS, POSTPROCESSORS={})


def build_parser() -> MarkdownIt:
    """The markdown-it parser with mdformat's renderer and our rules."""
    mdit = MarkdownIt("commonmark", renderer_cls=MDRenderer)
    mdit.options["mdformat"] = {"wrap": "keep", "number": False}
    mdit.options["store_labels"] = True
    mdit.options["parser_extension"] = [_PLUGIN]
    mdit.options["codeformatters"] = {}
    # Every link is parsed, whatever its URL: the handbook's allow-list decides and reports
    # (render_link, ext.shared.urls), where markdown-it's own list would leave a
    # javascript: link as literal Markdown text, silently.
    mdit.validateLink = lambda url: True
    _update_mdit(mdit)
    return mdit


_PARSER = build_parser()


def convert_markdown(markdown: str, ctx: PageContext, first_line: int, *, mode: str = PAGE) -> str:
    """Convert Hugo Markdown (shortcodes already expanded) to MyST.

    ``first_line`` is the file line of ``markdown``'s first line, for problems.
    Block placeholders left standing alone become their MyST blocks. ``mode`` says
    what the MyST must be valid as (:mod:`.structure`): a page (``PAGE``), content
    of a directive (``FRAGMENT``: an HTML table cell), or one paragraph
    (``PARAGRAPH``: a caption).
    """
    saved = ctx.line
    ctx.line = first_line
    env = {"hugo_ctx": ctx, "hugo_first_line": first_line, "hugo_mode": mode}
    text = _PARSER.render(markdown, env)
    ctx.line = saved
    return text

"""The block renderers of the Markdown conversion (:mod:`.markdown`): paragraphs (with
the MyST a paragraph line may not start), tables, definition lists, footnotes and
lists, one function per markdown-it node type (``render_<type>(node, context) ->
str``, mdformat's signature).
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from mdformat.codepoints import UNICODE_WHITESPACE
from mdformat.renderer import DEFAULT_RENDERERS, RenderContext, RenderTreeNode
from mdformat.renderer._util import is_tight_list

from .context import PageContext
from .theme_idioms import button_directive
from .shortcode_calls import PLACEHOLDER_OPEN, PLACEHOLDER_RE
from .inline_renderers import expand_placeholders, node_ctx, node_line

#: Paragraph lines MyST would read as a block: a comment, a block break, a colon fence, a
#: target; and a code fence of tildes (or backticks), which mdformat writes as it is in
#: text (``<p>~~~{raw} html …</p>`` would open a raw directive).
_MYST_LINE_START = re.compile(r"^(%|\+\+\+|:::|~~~|```|\(([^)]*)\)=\s*$)")


def render_paragraph(node: RenderTreeNode, context: RenderContext) -> str:
    """A paragraph; block shortcodes and directives in it become their own blocks."""
    ctx = node_ctx(context)
    inline = node.children[0] if node.children else None
    if inline is not None and _only_buttons(inline):
        return "\n\n".join(
            button_directive(str(link.attrs.get("href", "")), "".join(c.render(context) for c in link.children), ctx, node_line(node, context))
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
        block = expand_placeholders(match.group(0), ctx, blocks=True)
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

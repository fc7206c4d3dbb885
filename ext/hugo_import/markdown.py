"""Hugo Markdown to MyST: markdown-it-py parses, mdformat's renderer writes.

mdformat renders a markdown-it syntax tree back to CommonMark with one function
per node type. This module registers our own functions (:data:`RENDERERS`:
:mod:`.inline_renderers`, :mod:`.block_renderers`) for the node types where MyST
differs from what Hugo meant (links, images, headings, raw HTML, tables, definition
lists, strikethrough, shortcode placeholders), and keeps mdformat's for everything
else (escaping, emphasis). Before they render, the
page's tokens are read as Hugo meant them (:mod:`.hugo_tokens`: raw HTML, heading
ids) and made a structure docutils accepts (:mod:`.structure`).
"""

from __future__ import annotations

from types import SimpleNamespace

from markdown_it import MarkdownIt
from mdformat.renderer import MDRenderer
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .context import PAGE, PageContext
from .hugo_tokens import read_hugo_source
from ..shared.limits import PARSE_BLOCK_NESTING, PARSE_INLINE_NESTING
from .structure import flatten_deep_blocks, lift_blocks, place_footnotes, valid_structure
from .block_renderers import (
    render_bullet_list, render_dl, render_footnote_block, render_footnote_ref, render_list_item, render_ordered_list,
    render_paragraph, render_table,
)
from .inline_renderers import (
    render_code, render_heading, render_html_inline, render_image, render_inline_children, render_link, render_nothing,
    render_strikethrough, render_text,
)


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

"""Hugo's Markdown read into the tokens the MyST renderer writes (a markdown-it core rule).

markdown-it parses a page as CommonMark; what Hugo meant beyond it is read here, on
the token stream, before the structure rules (:mod:`.structure`) and the renderer
(:mod:`.markdown`) see it:

* a raw HTML block becomes the tokens of its Markdown (:func:`.convert_html_block`),
  in its place, so that the page is one token stream: a ``<hr>`` next to a ``---`` is
  two breaks in a row, an ``<h3>`` in a list item a heading in a list;
* inline HTML tokens become Markdown tokens (:func:`.inline_html.rewrite_inline_html`);
* a heading's Hugo ``{#id}`` becomes its ``meta["anchor"]``;
* a code fence keeps of its info only a language Pygments highlights the code in
  (:func:`code_language`).

All in the page's order, so that of two equal anchors the first is the one kept.
"""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from pygments.lexers import get_lexer_by_name
from pygments.token import Error
from pygments.util import ClassNotFound

from .context import SPLICE, PageContext
from .html_idioms import convert_html_block
from .inline_html import rewrite_inline_html
from .structure import source_line

#: Hugo's heading attribute at the end of a heading's text: ``## Fees {#fees}``.
HEADING_ID = re.compile(r"\s*\{#([\w:.-]+)\}\s*$")


def read_hugo_source(state: StateCore) -> None:
    """markdown-it core rule: raw HTML blocks spliced (:func:`spliced_html_block`),
    inline HTML rewritten, heading ids taken (:func:`take_heading_id`)."""
    ctx: PageContext = state.env["hugo_ctx"]
    source = state.tokens
    tokens: list[Token] = []
    opened: list[int] = []  # indexes in source of the blocks around the current token
    for i, token in enumerate(source):
        if token.type == "html_block":
            in_item = bool(opened) and source[opened[-1]].type == "list_item_open"
            tokens += spliced_html_block(state, token, tight=in_item and _tight_list(source, opened[-2]))
            continue
        if token.type == "fence":
            token.info = code_language(token.info, token.content)
        elif token.type == "inline" and token.children:
            line = source_line(state.env, token)
            if any(t.type == "html_inline" for t in token.children):
                token.children = rewrite_inline_html(token.children, ctx, line)
            if tokens and tokens[-1].type == "heading_open":
                take_heading_id(tokens[-1], token, ctx, line)
        tokens.append(token)
        if token.nesting == 1:
            opened.append(i)
        elif token.nesting == -1:
            opened.pop()
    state.tokens = tokens


def code_language(info: str, code: str) -> str:
    """The language of a code fence whose info is ``info`` (Hugo's ``LANG {attributes}``),
    or ``""`` when Pygments has no lexer of that name or finds an error in ``code``:
    Sphinx would warn (``misc.highlighting_failure``) where Hugo shows the code plain.
    Never one in braces (``{r}``), which MyST reads as a directive."""
    words = info.split("{", 1)[0].split()
    if not words:
        return ""
    try:
        lexer = get_lexer_by_name(words[0])
    except ClassNotFound:
        return ""
    if any(kind in Error for kind, _value in lexer.get_tokens(code)):
        return ""
    return words[0]


def take_heading_id(heading: Token, inline: Token, ctx: PageContext, line: int) -> None:
    """Move a trailing ``{#id}`` out of a heading's text (``inline``) into
    ``heading.meta["anchor"]``: an inline anchor placeholder, or ``""`` for an id the
    page already has (reported by :meth:`.PageContext.add_anchor`)."""
    last = inline.children[-1] if inline.children else None
    match = HEADING_ID.search(last.content) if last is not None and last.type == "text" else None
    if match is None:
        return
    last.content = last.content[:match.start()]
    if not last.content:
        inline.children.pop()
    heading.meta["anchor"] = ctx.add_anchor(match.group(1), line)


def spliced_html_block(state: StateCore, block: Token, *, tight: bool) -> list[Token]:
    """The tokens of the raw HTML block ``block``'s Markdown, to stand where it stood:
    parsed on their own (their inline HTML and heading ids too, by this rule), given
    the block's level and lines (what they report is at the block's first line). In
    an item of a ``tight`` list their paragraphs are tight too, as the list's own."""
    ctx: PageContext = state.env["hugo_ctx"]
    line = source_line(state.env, block)
    saved, ctx.line = ctx.line, line
    markdown = convert_html_block(block.content, ctx)
    ctx.line = saved
    if not markdown.strip():
        return []
    tokens = state.md.parse(markdown, {"hugo_ctx": ctx, "hugo_first_line": line, "hugo_mode": SPLICE})
    for token in tokens:
        if tight and token.level == 0 and token.type in {"paragraph_open", "paragraph_close"}:
            token.hidden = True
        token.level += block.level
        token.map = block.map if token.map else None
    return tokens


def _tight_list(tokens: list[Token], start: int) -> bool:
    """Whether the list opened by ``tokens[start]`` is tight: markdown-it hid the
    paragraphs of its items (a list of raw HTML blocks only has none, and is)."""
    opening = tokens[start]
    closing = opening.type.replace("_open", "_close")
    for token in tokens[start + 1:]:
        if token.type == "paragraph_open" and token.level == opening.level + 2:
            return token.hidden
        if token.type == closing and token.level == opening.level:
            break
    return True

"""Block structure that docutils accepts, made on the markdown-it token stream.

Markdown lets a page put any block anywhere; docutils' document model does not, and
the handbook builds with ``-W``, so one page would stop the build. These markdown-it
core rules (registered by :mod:`.markdown` after :mod:`.hugo_tokens`, so raw HTML
blocks are tokens of the page already) bring a page's tokens into that model before
they are rendered, and report (with file and line) what they change:

:func:`lift_blocks`
    A heading, a table and a definition list's term hold only text: a block found
    in it (an HTML comment, a shortcode's directive) goes after it (a shortcode is
    reported, ``invalid-structure``; a comment shows nothing anyway).
:func:`place_footnotes`
    Footnote definitions that something refers to go to the end of the page, as
    Hugo shows them. A definition that nothing refers to, or a second definition of
    a label, would be lost (markdown-it drops it, MyST warns): its text stays where
    it was written, as paragraphs (``footnote``). A footnote whose label is also an
    anchor of the page gets another label (MyST would drop it; readers see numbers).
:func:`valid_structure`
    Thematic breaks (docutils' transitions) may stand only between blocks of the
    page or of a section: one at the start or end of the page, right after a
    heading, right after another one (``****`` on two lines, two rules in Hugo), or
    inside a list, quote, table or footnote is dropped (``invalid-structure``). A
    heading inside a list, quote or footnote is marked ``nested``: MyST makes it a
    rubric, which opens no section, so it must not count for the levels of the
    headings after it. An empty heading (``##`` alone) is dropped, its anchor
    kept; an empty paragraph (raw HTML that converts to nothing) is dropped silently.

A fragment (the Markdown of an HTML table cell, rendered into a directive) is all
nested: its breaks are dropped, its headings nested, and it can hold no footnote (a
reference becomes its text, a definition its paragraphs). A caption is a fragment
that must be one paragraph (:func:`_one_paragraph`).
"""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .context import FRAGMENT, PAGE, PARAGRAPH, SPLICE, PageContext
from .inline_html import trim_blank_ends
from ..shared.limits import MAX_BLOCK_DEPTH, PARSE_BLOCK_NESTING
from .model import ProblemKind
from .shortcode_calls import PLACEHOLDER_OPEN, PLACEHOLDER_RE

#: What the content of a fragment or a paragraph is in, for what is reported.
_OUTERMOST = {FRAGMENT: "a table cell", PARAGRAPH: "a caption"}

#: Containers a transition may not be in, by the type of their opening token.
_CONTAINERS = {
    "bullet_list_open": "a list",
    "ordered_list_open": "a list",
    "blockquote_open": "a block quote",
    "dl_open": "a definition list",
    "table_open": "a table",
    "footnote_reference_open": "a footnote",
    "footnote_open": "a footnote",
}


def source_line(env: dict, token: Token) -> int:
    """The file line of ``token`` of the Markdown converted with ``env``: its own line
    in a page; in a fragment or a raw HTML block's Markdown, which are no text of the
    file, the line where that HTML or shortcode starts (``env["hugo_first_line"]``)."""
    if env.get("hugo_mode", PAGE) != PAGE or not token.map:
        return env["hugo_first_line"]
    return env["hugo_first_line"] + token.map[0]


def _located(state: StateCore) -> tuple[PageContext, str]:
    return state.env["hugo_ctx"], state.env.get("hugo_mode", PAGE)


# -- nesting -----------------------------------------------------------------------------

#: Containers flattened when nested too deep, by their opening token.
_NESTING_CONTAINERS = {"bullet_list_open", "ordered_list_open", "blockquote_open", "dl_open"}
#: The parts of a container, dropped with it (a term becomes a paragraph).
_CONTAINER_PARTS = {"list_item_open", "dd_open", "dt_open"}


def flatten_deep_blocks(state: StateCore) -> None:
    """markdown-it core rule: lists, block quotes and definition lists nested so deep
    that MyST would not read their content (its ``maxNesting``; their text and the
    rest of the page would be lost) written without their markers, their blocks at
    the deepest level MyST reads (:data:`ext.shared.limits.MAX_BLOCK_DEPTH`), reported once per
    outermost container flattened (``invalid-structure``). Text nested deeper than the
    converter's own parser reads (:data:`ext.shared.limits.PARSE_BLOCK_NESTING`) is reported
    as lost."""
    ctx, mode = _located(state)
    if mode == SPLICE:
        return
    out: list[Token] = []
    kept: list[bool] = []  # for each open token: whether it is written
    level = 0
    for token in state.tokens:
        if token.level >= PARSE_BLOCK_NESTING - 1 and token.nesting == 1:
            ctx.report(source_line(state.env, token), ProblemKind.INVALID_STRUCTURE, (
                f"blocks nested more than {PARSE_BLOCK_NESTING} deep: the converter reads no deeper; "
                "the text nested deeper is lost"))
        if token.nesting == -1:
            if kept.pop():
                level -= 1
            elif token.type == "dt_close":
                token.type, token.tag = "paragraph_close", "p"
            else:
                continue
        elif token.nesting == 1:
            dropped = kept and not kept[-1]
            if token.type in _NESTING_CONTAINERS and level + 2 > MAX_BLOCK_DEPTH:
                if not dropped:
                    ctx.report(source_line(state.env, token), ProblemKind.INVALID_STRUCTURE, (
                        f"lists or block quotes nested deeper than MyST reads (more than {MAX_BLOCK_DEPTH} "
                        "blocks deep): the inner ones are written without their markers, their text kept"))
                kept.append(False)
                continue
            if token.type in _CONTAINER_PARTS and dropped:
                kept.append(False)
                if token.type != "dt_open":
                    continue
                token.type, token.tag = "paragraph_open", "p"
            else:
                kept.append(True)
            if token.type == "paragraph_open" and dropped:
                token.hidden = False
        if token.type == "paragraph_close" and kept and not kept[-1]:
            token.hidden = False
        token.level = level
        if token.nesting == 1 and kept[-1]:
            level += 1
        out.append(token)
    state.tokens = out


# -- blocks in text -------------------------------------------------------------------------

#: Blocks whose text can hold no other block, by their opening token: what a block
#: found in their text goes after.
_TEXT_ONLY = {"heading_open": "heading", "table_open": "table", "dl_open": "definition list"}


def lift_blocks(state: StateCore) -> None:
    """markdown-it core rule: the block placeholders in the text of a heading, a table
    or a definition list's term (where MyST would show their characters) taken out,
    each a paragraph after that heading, table or list (see the module docstring)."""
    ctx, mode = _located(state)
    if mode == SPLICE:
        return
    tokens: list[Token] = []
    opened: list[Token] = []
    lifted: list[tuple[Token, list[Token]]] = []  # (the holder's opening, paragraphs to follow it)
    for token in state.tokens:
        if token.type == "inline" and opened and any(PLACEHOLDER_OPEN in child.content for child in token.children or []):
            holder = _text_holder(opened)
            if holder is not None:
                lifted.append((holder, _lifted(token, holder, ctx, source_line(state.env, token))))
        tokens.append(token)
        if token.nesting == 1:
            opened.append(token)
        elif token.nesting == -1:
            opening = opened.pop()
            if lifted and lifted[-1][0] is opening:
                tokens += [t for holder, paragraphs in lifted if holder is opening for t in paragraphs]
                lifted = [entry for entry in lifted if entry[0] is not opening]
    state.tokens = tokens


def _text_holder(opened: list[Token]) -> Token | None:
    """The heading, table or definition list whose text is the inline token that
    ``opened`` (the blocks open around it) holds, if any (a definition's paragraphs
    are no such text)."""
    parent = opened[-1].type
    wanted = {"heading_open": "heading_open", "th_open": "table_open", "td_open": "table_open", "dt_open": "dl_open"}.get(parent)
    return next((token for token in reversed(opened) if token.type == wanted), None)


def _lifted(inline: Token, holder: Token, ctx: PageContext, line: int) -> list[Token]:
    """The block placeholders of ``inline``'s text, taken out of it, as paragraphs
    (a shortcode's reported)."""
    where = _TEXT_ONLY[holder.type]
    taken = _take_blocks(inline, ctx)
    for text in taken:
        item = ctx.placeholders[int(PLACEHOLDER_RE.search(text).group(1))]
        if item.shortcode is not None:
            ctx.report(line, ProblemKind.INVALID_STRUCTURE, f"shortcode {item.shortcode.name!r} in a {where} moved after it (a {where} holds text only)")
    return [token for text in taken for token in paragraph_tokens(text, holder)]


def _take_blocks(inline: Token, ctx: PageContext) -> list[str]:
    """Take the block placeholders out of ``inline``'s text (and the blanks and line
    breaks they leave at either end): returns them, in their order."""
    taken: list[str] = []

    def take(match: re.Match) -> str:
        if not ctx.placeholders[int(match.group(1))].block:
            return match.group(0)
        taken.append(match.group(0))
        return ""

    for child in inline.children or []:
        if child.type == "text" and PLACEHOLDER_OPEN in child.content:
            child.content = PLACEHOLDER_RE.sub(take, child.content)
    if taken:
        children = [child for child in inline.children if child.type != "text" or child.content]
        inline.children = trim_blank_ends(children, _blank_child)
    return taken


# -- footnotes ------------------------------------------------------------------------------


def place_footnotes(state: StateCore) -> None:
    """markdown-it core rule: footnote definitions to the end of the page (the
    referenced ones, in the order of their first reference), the others' text in
    place; in a fragment, references become text (see the module docstring).

    Replaces the footnote plugin's own ``footnote_tail`` and makes the same tokens
    (``footnote_block``, ``footnote`` with ``meta["label"]``)."""
    ctx, mode = _located(state)
    notes = state.env.get("footnotes", {}) if mode == PAGE else {}
    referenced = {label[1:] for label, number in notes.get("refs", {}).items() if number >= 0}
    kept: dict[str, list[Token]] = {}
    bodies: list[list[Token]] = [[]]
    openers: list[Token] = []
    for token in state.tokens:
        if token.type == "footnote_reference_open":
            openers.append(token)
            bodies.append([])
        elif token.type == "footnote_reference_close":
            opener, body = openers.pop(), bodies.pop()
            label = opener.meta["label"]
            if label in referenced and label not in kept:
                kept[label] = body
                continue
            if label in kept:
                why = "is defined again (the first definition is the footnote)"
            elif mode != PAGE:
                why = "cannot be a footnote here"
            else:
                why = "is never referred to"
            ctx.report(source_line(state.env, opener), ProblemKind.FOOTNOTE, f"footnote [^{label}] {why}; its text is kept here as a paragraph")
            bodies[-1].extend(body)
        else:
            if mode != PAGE and token.type == "inline" and token.children:
                for child in token.children:
                    if child.type == "footnote_ref":
                        child.type, child.content = "text", f"[^{child.meta['label']}]"
            bodies[-1].append(token)
    tokens = bodies[0]
    if kept:
        tokens.append(Token("footnote_block_open", "", 1))
        for number in sorted(notes.get("list", {})):
            label = notes["list"][number].get("label")
            if label in kept:
                note = Token("footnote_open", "", 1)
                note.meta = {"id": number, "label": label}
                tokens += [note, *kept[label], Token("footnote_close", "", -1)]
        tokens.append(Token("footnote_block_close", "", -1))
        _relabel_footnotes(tokens, set(kept), ctx.used_ids)
    state.tokens = tokens


def _relabel_footnotes(tokens: list[Token], labels: set[str], anchors: set[str]) -> None:
    """Give a footnote whose label is also an anchor of the page (``[^note]`` and
    ``{#note}``) another label, in its definition and its references: MyST would drop
    it (a footnote's label is a target name). Readers never see a label (MyST numbers
    footnotes), so nothing is reported."""
    anchor_names = {anchor.lower() for anchor in anchors}
    taken = anchor_names | {label.lower() for label in labels}
    renamed: dict[str, str] = {}
    for label in sorted(labels):
        if label.lower() in anchor_names:
            new, number = f"{label}-note", 1
            while new.lower() in taken:
                number += 1
                new = f"{label}-note-{number}"
            taken.add(new.lower())
            renamed[label] = new
    if not renamed:
        return
    for token in tokens:
        if token.type == "footnote_open" and token.meta["label"] in renamed:
            token.meta["label"] = renamed[token.meta["label"]]
        for child in token.children or []:
            if child.type == "footnote_ref" and child.meta["label"] in renamed:
                child.meta["label"] = renamed[child.meta["label"]]


# -- thematic breaks and headings -------------------------------------------------------------


def _blank(inline: Token) -> bool:
    """Whether an inline token renders as nothing (white space and line breaks only;
    a no-break space is something, as mdformat writes it as a character reference)."""
    return all(_blank_child(child) for child in inline.children or [])


def _blank_child(child: Token) -> bool:
    return child.type in {"softbreak", "hardbreak"} or (child.type == "text" and not child.content.strip(" \t\r\n"))


def valid_structure(state: StateCore) -> None:
    """markdown-it core rule: the page's transitions, headings and empty paragraphs
    made what docutils accepts (see the module docstring); what it drops is reported,
    except empty paragraphs, which show nothing in Hugo either."""
    ctx, mode = _located(state)
    if mode == SPLICE:
        return
    tokens = state.tokens
    out: list[Token] = []
    opened: list[str] = []  # the types of the open tokens around the current one
    outermost = _OUTERMOST.get(mode)
    #: The last block at the top of the page: the start of a section (the page title
    #: counts), a kept transition (its index in ``out``), or anything else.
    last: str | int = "heading"
    i = 0
    while i < len(tokens):
        token = tokens[i]
        inside = next((_CONTAINERS[t] for t in reversed(opened) if t in _CONTAINERS), outermost)
        top = not opened and mode == PAGE
        if token.type in {"paragraph_open", "heading_open"}:
            unit = tokens[i:i + 3]
            i += 3
            if token.type == "paragraph_open" and _blank(unit[1]):
                continue
            if token.type == "heading_open":
                anchor = token.meta.get("anchor", "")
                if _blank(unit[1]):
                    ctx.report(source_line(state.env, token), ProblemKind.INVALID_STRUCTURE, "empty heading dropped" + (" (its anchor kept)" if anchor else ""))
                    if not anchor:
                        continue
                    unit = paragraph_tokens(anchor, token)
                elif inside is not None:
                    token.meta["nested"] = True
                else:
                    last = "heading"
                    out += unit
                    continue
            last = "content" if top else last
            out += unit
            continue
        i += 1
        if token.type == "hr":
            line = source_line(state.env, token)
            if inside is not None:
                ctx.report(line, ProblemKind.INVALID_STRUCTURE, f"thematic break inside {inside} dropped (docutils allows one only between the blocks of a section)")
            elif last == "heading":
                where = "at the start of the page" if not out else "right after a heading"
                ctx.report(line, ProblemKind.INVALID_STRUCTURE, f"thematic break {where} dropped (a section may not start with one)")
            elif last != "content":
                ctx.report(line, ProblemKind.INVALID_STRUCTURE, "thematic break right after another one dropped (docutils allows no two in a row)")
            else:
                last = len(out)
                out.append(token)
            continue
        if top and token.nesting >= 0 and token.type != "footnote_block_open":
            last = "content"
        if token.nesting == 1:
            opened.append(token.type)
        elif token.nesting == -1:
            opened.pop()
        out.append(token)
    if isinstance(last, int):
        ctx.report(source_line(state.env, out[last]), ProblemKind.INVALID_STRUCTURE, "thematic break at the end of the page dropped (docutils allows none there)")
        del out[last]
    state.tokens = _one_paragraph(out, ctx, state.env["hugo_first_line"]) if mode == PARAGRAPH else out


def _one_paragraph(tokens: list[Token], ctx: PageContext, line: int) -> list[Token]:
    """``tokens`` as what a figure's content must be: one paragraph (the caption; of
    several blocks, the text of each on a line of its own, a code block as inline
    code), then what must be a block (a table, an embed, a comment from raw HTML: the
    legend), reported at ``line``. Without text, an empty comment stands for the
    caption (a figure with a legend only)."""
    if not tokens:
        return tokens
    several = [token.type for token in tokens] != ["paragraph_open", "inline", "paragraph_close"]
    children: list[Token] = []
    for token in tokens:
        if token.type == "inline":
            part = token.children or []
        elif token.type in {"fence", "code_block"} and token.content.strip():
            part = [Token("code_inline", "code", 0, content=" ".join(token.content.split()), markup="`")]
        else:
            continue
        if children and part:
            children.append(Token("hardbreak", "br", 0))
        children += part
    opening, inline, closing = paragraph_tokens("", tokens[0])
    inline.children = children
    legend = _take_blocks(inline, ctx)
    if several or any(not _is_comment(ctx, text) for text in legend):
        ctx.report(line, ProblemKind.INVALID_STRUCTURE, "a caption of more than one paragraph written as one (each block on a line of its own; tables and embeds after it)")
    if _blank(inline):
        opening, inline, closing = paragraph_tokens(ctx.add_block("%"), tokens[0])
    return [opening, inline, closing, *(token for text in legend for token in paragraph_tokens(text, tokens[0]))]


def _is_comment(ctx: PageContext, placeholder: str) -> bool:
    """Whether ``placeholder`` stands for a MyST comment (an HTML comment's)."""
    item = ctx.placeholders[int(PLACEHOLDER_RE.search(placeholder).group(1))]
    return item.shortcode is None and item.text.startswith("%")


def paragraph_tokens(text: str, like: Token) -> list[Token]:
    """The tokens of a paragraph of ``text`` (already MyST: a placeholder, an anchor),
    at the level and lines of the token ``like``."""
    opening = Token("paragraph_open", "p", 1, map=like.map, level=like.level, block=True)
    inline = Token("inline", "", 0, map=like.map, level=like.level + 1, content=text, children=[Token("text", "", 0, content=text)])
    return [opening, inline, Token("paragraph_close", "p", -1, level=like.level, block=True)]

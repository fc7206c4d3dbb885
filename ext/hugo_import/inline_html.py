"""Inline HTML in a paragraph (``html_inline`` tokens): one rule per tag, in a table.

markdown-it leaves each tag of a paragraph as an ``html_inline`` token. They are read
with Python's HTML parser (:func:`read_tag`), paired (an opening tag with its closing
one), and rewritten into Markdown tokens by the tag's rule in :data:`INLINE_RULES`:
pairs of tags become emphasis, strong, links (``btn`` links are marked with
``meta["button"]``), code spans and roles; ``<br>`` becomes a hard break, icons an
``{octicon}`` role, wrappers disappear (content kept), comments move after the
paragraph. A tag without its partner is reported (``unclosed-html``) and dropped, its
content kept; a tag without a rule is kept as text (``raw-html``). The tags blocks know
too (roles, wrappers) are named once, in :mod:`.html_idioms`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from markdown_it.token import Token

from ..shared.urls import is_safe_url
from .html_idioms import INLINE_WRAPPERS, ROLE_TAGS, check_attributes, myst_comment
from .theme_idioms import icon_role, is_button, is_icon
from .model import ProblemKind

if TYPE_CHECKING:
    from .context import PageContext


class TagReader(HTMLParser):
    """Reads one ``html_inline`` token: a start, end or empty tag, or a comment
    (``kind`` ``open``/``close``/``empty``/``comment``, ``name``, ``attrs``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.kind = ""
        self.name = ""
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.kind, self.name, self.attrs = "open", tag, {k: v or "" for k, v in attrs}

    def handle_startendtag(self, tag, attrs):
        self.kind, self.name, self.attrs = "empty", tag, {k: v or "" for k, v in attrs}

    def handle_endtag(self, tag):
        self.kind, self.name = "close", tag

    def handle_comment(self, data):
        self.kind, self.name, self.attrs = "comment", "", {"text": data}


def read_tag(raw: str) -> TagReader:
    """The tag (or comment) of the ``html_inline`` token text ``raw``."""
    reader = TagReader()
    reader.feed(raw)
    reader.close()
    return reader


#: Tags that have no closing tag.
VOID = {"br", "img", "hr", "wbr", "input"}
#: Tags whose pair becomes a pair of Markdown tokens: strong, emphasis, link.
PAIRED_TOKENS = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "a": "link"}


def _token(type_: str, nesting: int = 0, content: str = "", **attrs: str) -> Token:
    tag = {"strong": "strong", "em": "em", "link": "a"}.get(type_.rsplit("_", 1)[0], "")
    token = Token(type_, tag, nesting, content=content)
    for key, value in attrs.items():
        token.attrSet(key, value)
    return token


@dataclass
class InlineRun:
    """One inline run being rewritten: its tokens (``children``), the tag each
    ``html_inline`` token is (``readers``, ``None`` for other tokens), the partner of
    each paired tag (``partner``: index to index), and the tokens written so far
    (``out``). A rule may skip the tokens up to ``skip_until`` (a role's content)."""

    children: list[Token]
    readers: list[TagReader | None]
    partner: dict[int, int]
    ctx: PageContext
    line: int
    out: list[Token] = field(default_factory=list)
    skip_until: int = -1
    skip_partner: set[int] = field(default_factory=set)


#: A rule: the run, the index of the tag's token, its reader and the token.
InlineRule = Callable[[InlineRun, int, TagReader, Token], None]


def _hard_break(run: InlineRun, i: int, reader: TagReader, token: Token) -> None:
    run.out.append(_token("hardbreak"))


def _image(run: InlineRun, i: int, reader: TagReader, token: Token) -> None:
    src = reader.attrs.get("src", "")
    image = run.ctx.resolve_image(src, run.line) if src else None
    if image is None and src and not is_safe_url(src):
        run.out.append(_token("text", content=reader.attrs.get("alt", "")))
    elif image:
        img = _token("image", src=image, alt="")
        img.children = [_token("text", content=reader.attrs.get("alt", ""))]
        img.content = reader.attrs.get("alt", "")
        run.out.append(img)


def _icon_or(rule: InlineRule) -> InlineRule:
    """``<i class="fa …">``/``<span class="fa …">``: the icon's ``{octicon}`` role (the
    tag's content skipped); any other such tag by ``rule``."""
    def icon(run: InlineRun, i: int, reader: TagReader, token: Token) -> None:
        classes = reader.attrs.get("class", "").split()
        if not is_icon(classes):
            rule(run, i, reader, token)
            return
        role = icon_role(classes, run.ctx, run.line) if reader.kind == "open" else None
        if role:
            run.out.append(_token("text", content=run.ctx.add_inline(role)))
        if reader.kind == "open":
            run.skip_until = run.partner.get(i, i)
    return icon


def _role(run: InlineRun, i: int, reader: TagReader, token: Token) -> None:
    if reader.kind != "open":
        _no_rule(run, i, reader, token)
        return
    end = run.partner[i]
    text = " ".join("".join(t.content for t in run.children[i + 1 : end] if t.type in {"text", "code_inline"}).split())
    if text:
        role = ROLE_TAGS[reader.name]
        myst = f"`{text}`" if role is None else f"{{{role}}}`{text}`"
        run.out.append(_token("text", content=run.ctx.add_inline(myst)))
    run.skip_until = end


def _link(run: InlineRun, i: int, reader: TagReader, token: Token) -> None:
    if reader.kind == "open" and not reader.attrs.get("href"):
        anchor = reader.attrs.get("id") or reader.attrs.get("name")
        if anchor:
            run.out.append(_token("text", content=run.ctx.add_anchor(anchor, run.line)))
        run.skip_partner.add(run.partner[i])
    elif reader.kind == "close" and i in run.skip_partner:
        pass
    elif reader.kind == "open":
        link = _token("link_open", 1, href=reader.attrs.get("href", ""))
        if reader.attrs.get("title"):
            link.attrSet("title", reader.attrs["title"])
        link.meta["button"] = is_button(reader.attrs.get("class", "").split())
        run.out.append(link)
    else:
        run.out.append(_token("link_close", -1))


def _emphasis(run: InlineRun, i: int, reader: TagReader, token: Token) -> None:
    kind = PAIRED_TOKENS[reader.name]
    run.out.append(_token(f"{kind}_{reader.kind}", 1 if reader.kind == "open" else -1, content=""))
    run.out[-1].markup = {"strong": "**", "em": "*"}[kind]


def _wrapper(run: InlineRun, i: int, reader: TagReader, token: Token) -> None:
    if reader.kind == "open" and reader.attrs.get("id"):
        run.out.append(_token("text", content=run.ctx.add_anchor(reader.attrs["id"], run.line)))


def _nothing(run: InlineRun, i: int, reader: TagReader, token: Token) -> None:
    """A void tag without a rule of its own (``<hr>``, ``<wbr>``, ``<input>``): dropped."""


def _no_rule(run: InlineRun, i: int, reader: TagReader, token: Token) -> None:
    run.ctx.report(run.line, ProblemKind.RAW_HTML, f"inline <{reader.name}> has no conversion rule; kept as text")
    run.out.append(_token("text", content=html.unescape(token.content)))


#: The rule of each inline tag; a tag without one is kept as text (``raw-html``).
INLINE_RULES: dict[str, InlineRule] = {
    **{name: _nothing for name in VOID},
    **{name: _wrapper for name in INLINE_WRAPPERS | {"p", "div"}},
    **{name: _emphasis for name, kind in PAIRED_TOKENS.items() if kind != "link"},
    **{name: _role for name in ROLE_TAGS},
    "a": _link,
    "br": _hard_break,
    "img": _image,
    "i": _icon_or(_emphasis),
    "span": _icon_or(_wrapper),
}
#: Tags that pair (every tag with a rule but the void ones).
_PAIRING = set(INLINE_RULES) - VOID


def _partners(readers: list[TagReader | None]) -> dict[int, int]:
    """Each opening tag's index and its closing tag's, both ways (innermost first)."""
    partner: dict[int, int] = {}
    stack: list[int] = []
    for i, reader in enumerate(readers):
        if reader is None or reader.kind not in {"open", "close"} or reader.name in VOID:
            continue
        if reader.kind == "open":
            stack.append(i)
        else:
            for depth in range(len(stack) - 1, -1, -1):
                if readers[stack[depth]].name == reader.name:
                    opener = stack.pop(depth)
                    partner[opener], partner[i] = i, opener
                    break
    return partner


def rewrite_inline_html(children: list[Token], ctx: PageContext, line: int) -> list[Token]:
    """Rewrite the ``html_inline`` tokens of one inline run (``children``, at file line
    ``line``) into Markdown tokens by :data:`INLINE_RULES` (see the module's docstring)."""
    readers = [read_tag(t.content) if t.type == "html_inline" else None for t in children]
    run = InlineRun(children, readers, _partners(readers), ctx, line)
    for i, (token, reader) in enumerate(zip(children, readers)):
        if i <= run.skip_until:
            continue
        if reader is None:
            run.out.append(token)
            continue
        check_attributes(reader.name, reader.attrs, ctx, line)
        if reader.kind == "comment":
            run.out.append(_token("text", content=ctx.add_trailing(myst_comment(ctx.restore(reader.attrs["text"])))))
            continue
        if reader.kind in {"open", "close"} and reader.name not in VOID and i not in run.partner:
            if reader.name in _PAIRING:
                ctx.report(line, ProblemKind.UNCLOSED_HTML, f"<{'/' if reader.kind == 'close' else ''}{reader.name}> has no matching tag; dropped, content kept")
            else:
                ctx.report(line, ProblemKind.UNKNOWN_TAG, f"{token.content!r} is no HTML tag the converter knows; kept as text")
                run.out.append(_token("text", content=token.content))
            continue
        INLINE_RULES.get(reader.name, _no_rule)(run, i, reader, token)
    return trim_blank_ends(run.out)


def _is_blank(token: Token) -> bool:
    return token.type in {"hardbreak", "softbreak"} or (token.type == "text" and not token.content.strip())


def trim_blank_ends(tokens: list[Token], blank: Callable[[Token], bool] = _is_blank) -> list[Token]:
    """Drop the tokens at the start and end of an inline run that are ``blank`` (line
    breaks and white space: a ``<br>`` ending a paragraph is spacing, not a line
    break), and the white space at the ends of the text left; ``tokens`` is changed
    and returned."""
    while tokens and blank(tokens[0]):
        tokens.pop(0)
    while tokens and blank(tokens[-1]):
        tokens.pop()
    if tokens and tokens[0].type == "text":
        tokens[0].content = tokens[0].content.lstrip()
    if tokens and tokens[-1].type == "text":
        tokens[-1].content = tokens[-1].content.rstrip()
    return tokens

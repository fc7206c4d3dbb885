"""Hugo shortcodes: their expansion, and one conversion rule per shortcode.

Hugo expands shortcodes before it renders Markdown, everywhere in the body. The
converter does the same: :func:`expand_shortcodes` replaces ``ref``/``relref`` by
the URL they stand for and every other shortcode by a placeholder (two
private-use characters around an index) that the Markdown renderer later turns
into MyST with the rule registered in :data:`SHORTCODE_RULES`. The calls are read by
:mod:`.shortcode_calls`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from .model import ProblemKind
from .shortcode_calls import CALL_OPEN, REF_SCHEME, Shortcode, call_end, parse_call
from .myst import directive, inline_code
from ..shared.urls import YOUTUBE_ID

if TYPE_CHECKING:
    from .context import PageContext


def expand_shortcodes(body: str, first_line: int, ctx: PageContext) -> str:
    """Replace shortcodes in ``body`` as Hugo would, before Markdown is parsed.

    ``first_line`` is the file line of the body's first line. ``ref``/``relref``
    become ``hugo-ref:<target>`` URLs, escaped calls (``{{</* x */>}}``) become
    their literal text, other calls become placeholders registered in
    ``ctx.shortcodes``. A call that is never closed is reported
    (``bad-shortcode``) and kept as text. The Markdown between a shortcode without a
    rule and its closing call stays in the page, to be converted with it (the calls
    become literal text).
    """
    out: list[str] = []
    pos = 0
    stack: list[tuple[Shortcode, int]] = []
    while True:
        match = CALL_OPEN.search(body, pos)
        if not match:
            break
        delim = ">" if match.group(1) == "<" else "%"
        end = call_end(body, match.end(), delim)
        line = first_line + body.count("\n", 0, match.start())
        if end < 0:
            ctx.report(line, ProblemKind.BAD_SHORTCODE, "shortcode call is never closed with '}}'; kept as text")
            out.append(body[pos:match.end()])
            pos = match.end()
            continue
        out.append(body[pos:match.start()])
        raw = body[match.start():end]
        pos = end
        if raw[3:].lstrip().startswith("/*"):
            literal = raw[3:-3].strip().removeprefix("/*").removesuffix("*/").strip()
            out.append(f"{raw[:3]} {literal} {raw[-3:]}")
            continue
        code = parse_call(raw, line)
        if code is None:
            ctx.report(line, ProblemKind.BAD_SHORTCODE, f"malformed shortcode call {raw!r}; kept as text")
            out.append(raw)
            continue
        if code.closing:
            if stack and stack[-1][0].name == code.name:
                opener, index = stack.pop()
                opener.inner = "".join(out[index + 1:])
                out.append(ctx.add_block(inline_code(f"{{{{< /{opener.name} >}}}}", least=2)))
            else:
                ctx.report(line, ProblemKind.BAD_SHORTCODE, f"closing {{{{< /{code.name} >}}}} without an opening call; dropped")
            continue
        if code.name in ("ref", "relref"):
            out.append(REF_SCHEME + code.get("path", 0))
        elif code.name not in SHORTCODE_RULES and _has_closing(body, pos, code.name):
            stack.append((code, len(out)))
            out.append(ctx.add_shortcode(code))
        else:
            out.append(ctx.add_shortcode(code))
    out.append(body[pos:])
    for opener, _index in reversed(stack):
        ctx.report(opener.line, ProblemKind.BAD_SHORTCODE, f"shortcode {opener.name!r} is opened but its closing tag is misplaced")
    return "".join(out)


def _has_closing(body: str, pos: int, name: str) -> bool:
    return re.search(r"\{\{[<%]\s*/\s*" + re.escape(name) + r"\s*[>%]\}\}", body[pos:]) is not None


# --- conversion rules: one function per shortcode --------------------------------




def _length(value: str) -> str:
    value = value.strip()
    return f"{value}px" if value.isdigit() else value


def convert_figure_shortcode(code: Shortcode, ctx: PageContext) -> str:
    """``{{< figure src alt title caption width height link class >}}`` to a MyST figure.

    ``wrap``/``wrap-right`` classes float the figure right, ``wrap-left`` left;
    ``title`` and ``caption`` together form the caption. A missing image is
    reported (``missing-file``) and the figure becomes a link to the live site.
    """
    src = code.get("src", 0)
    image = ctx.resolve_image(src, code.line)
    caption = " ".join(part for part in (code.get("title"), code.get("caption")) if part.strip())
    classes = code.get("class").split()
    options = {
        "alt": " ".join(code.get("alt").split()),
        "width": _length(code.get("width")),
        "height": _length(code.get("height")),
    }
    align = "right" if {"wrap", "wrap-right", "float-right"} & set(classes) else ""
    align = "left" if {"wrap-left", "float-left"} & set(classes) else align
    if align:
        options["align"] = align
    if code.get("link"):
        options["target"] = ctx.resolve_target(code.get("link"), code.line)
    if image is None:
        label = caption or options["alt"] or src
        return f"[{ctx.escape(label)}]({ctx.live_url(src)})"
    if caption:
        return directive("figure", image, options, ctx.inline_markdown(caption, code.line))
    return directive("image", image, options)


def convert_youtube_shortcode(code: Shortcode, ctx: PageContext) -> str:
    """``{{< youtube ID >}}`` or ``{{< youtube id="ID" title="…" >}}`` to ``{youtube}``.

    An ID that is no video ID (:data:`ext.shared.urls.YOUTUBE_ID`: letters, digits, ``-`` and
    ``_``) is reported (``bad-shortcode``) and the call kept as literal text."""
    video = code.get("id", 0).strip()
    if not YOUTUBE_ID.fullmatch(video):
        ctx.report(code.line, ProblemKind.BAD_SHORTCODE, (
            f"youtube ID {video!r} is no video ID (letters, digits, - and _); its text is kept"))
        return inline_code(code.raw, least=2)
    return directive("youtube", video, {"title": code.get("title")})


def convert_embed_pdf_shortcode(code: Shortcode, ctx: PageContext) -> str:
    """``{{< embed-pdf url="/file/x.pdf" >}}`` to ``{pdf-embed}`` on the site file."""
    target = ctx.resolve_target(code.get("url", 0), code.line)
    return directive("pdf-embed", target, {})


def convert_event_calendar_shortcode(code: Shortcode, ctx: PageContext) -> str:
    """``{{< event-calendar >}}`` to ``{event-calendar}`` (the URL is a Sphinx config value)."""
    return directive("event-calendar", "", {})


def convert_unknown_shortcode(code: Shortcode, ctx: PageContext) -> str:
    """A shortcode without a rule: reported, its call kept visible as literal text.
    The Markdown between it and its closing call stays in the page, converted with
    it (:func:`expand_shortcodes`), and the closing call is literal text too."""
    ctx.report(code.line, ProblemKind.UNKNOWN_SHORTCODE, f"no conversion rule for shortcode {code.name!r}; its text is kept")
    return inline_code(code.raw, least=2)


SHORTCODE_RULES: dict[str, Callable[[Shortcode, PageContext], str]] = {
    "figure": convert_figure_shortcode,
    "youtube": convert_youtube_shortcode,
    "embed-pdf": convert_embed_pdf_shortcode,
    "event-calendar": convert_event_calendar_shortcode,
}


def convert_shortcode(code: Shortcode, ctx: PageContext) -> str:
    """Convert one shortcode call to a MyST block with its registered rule."""
    rule = SHORTCODE_RULES.get(code.name, convert_unknown_shortcode)
    return rule(code, ctx)

"""Hugo shortcode calls as written in a page: the lexer, and the placeholders that stand
for them while the page's Markdown is parsed.

A call is ``{{< name arg key="value" >}}`` (or ``{{% … %}}``); :func:`parse_call` reads
one into a :class:`Shortcode`. :func:`.shortcodes.expand_shortcodes` finds the calls of
a page (:data:`CALL_OPEN`, :func:`call_end`) and replaces each by a placeholder
(:data:`PLACEHOLDER_OPEN`, its index, :data:`PLACEHOLDER_CLOSE`) that the Markdown
renderer turns into MyST, or a ``ref``/``relref`` by a :data:`REF_SCHEME` URL that the
link rules resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: The private-use characters around a placeholder's index.
PLACEHOLDER_OPEN = "\ue000"
PLACEHOLDER_CLOSE = "\ue001"
PLACEHOLDER_RE = re.compile(f"{PLACEHOLDER_OPEN}(\\d+){PLACEHOLDER_CLOSE}")
#: What a ``ref``/``relref`` call becomes until the link rules resolve it.
REF_SCHEME = "hugo-ref:"
#: The start of a call: ``{{<`` or ``{{%``.
CALL_OPEN = re.compile(r"\{\{([<%])")
_NAME_RE = re.compile(r"\s*(/?)\s*([A-Za-z0-9_.-]+)")
_PARAM_RE = re.compile(r'\s*(?:([A-Za-z_][\w-]*)\s*=\s*)?("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+)')


@dataclass
class Shortcode:
    """One shortcode call as written in the page.

    ``params`` holds named parameters, ``args`` positional ones (quotes removed);
    ``line`` is 1-based in the file; ``inner`` is the Markdown between an opening
    and a closing tag (``None`` for a shortcode used without a closing tag).
    """

    name: str
    raw: str
    line: int
    params: dict[str, str] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    inner: str | None = None
    closing: bool = False

    def get(self, key: str, position: int | None = None, default: str = "") -> str:
        if key in self.params:
            return self.params[key]
        if position is not None and position < len(self.args):
            return self.args[position]
        return default


def _unquote(value: str) -> str:
    if value[:1] == '"' and value[-1:] == '"' and len(value) >= 2:
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if value[:1] == "`" and value[-1:] == "`" and len(value) >= 2:
        return value[1:-1]
    return value


def call_end(text: str, start: int, delim: str) -> int:
    """Index just past the closing ``>}}``/``%}}`` of a call starting at ``start``; -1 if none."""
    close = delim + "}}"
    quote = ""
    i = start
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\" and quote == '"':
                i += 2
                continue
            if char == quote:
                quote = ""
        elif char in "\"`":
            quote = char
        elif text.startswith(close, i):
            return i + len(close)
        elif text.startswith("{{", i):
            return -1
        i += 1
    return -1


def parse_call(raw: str, line: int) -> Shortcode | None:
    """Parse the text of one call such as ``{{< figure src="a.png" >}}``; ``None`` if malformed."""
    inner = raw[3:-3].strip()
    if inner.endswith("/"):
        inner = inner[:-1]
    match = _NAME_RE.match(inner)
    if not match:
        return None
    code = Shortcode(name=match.group(2), raw=raw, line=line, closing=bool(match.group(1)))
    rest = inner[match.end():]
    pos = 0
    while pos < len(rest):
        if not rest[pos:].strip():
            break
        param = _PARAM_RE.match(rest, pos)
        if not param:
            return None
        key, value = param.group(1), _unquote(param.group(2))
        if key:
            code.params[key] = value
        else:
            code.args.append(value)
        pos = param.end()
    return code

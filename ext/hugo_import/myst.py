"""Writing MyST syntax: a whole page (front matter and body), directives and their options,
code, headings, one-line text.

Text the site wrote (a title, a shortcode's argument, an attribute) goes into these
constructs as it is; they are written so that it can neither close them nor open a
block of its own: no line break in a one-line place, fences longer than any run of
their marker in the text.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml


def one_line(text: str) -> str:
    """``text`` on one line: each run of white space that holds a line break a space
    (Markdown shows a line break in a paragraph as a space)."""
    return re.sub(r"[ \t]*[\r\n][\s]*", " ", str(text))


def longest_run(text: str, char: str) -> int:
    """The length of the longest run of ``char`` in ``text`` (0 without one)."""
    return max((len(run) for run in re.findall(re.escape(char) + "+", text)), default=0)


def inline_code(text: str, least: int = 1) -> str:
    """``text`` as MyST inline code that shows it: on one line, between backtick runs
    longer than any in it and at least ``least`` long (with a space inside when
    longer than one, or when ``text`` starts or ends with a backtick or a space)."""
    text = one_line(text)
    ticks = "`" * max(least, longest_run(text, "`") + 1)
    pad = " " if len(ticks) > 1 or text[:1] in {"`", " "} or text[-1:] in {"`", " "} else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def fenced(info: str, body: str, char: str = "`") -> str:
    """A fenced block (``char`` ``` ` ``` or ``:``) with info string ``info`` around
    ``body``: the fence longer than any run of ``char`` that starts a line of it."""
    runs = [len(m.group(1)) for m in re.finditer(r"^[ \t]*(" + re.escape(char) + "+)", body, re.MULTILINE)]
    fence = char * max(3, 1 + max(runs, default=0))
    return f"{fence}{one_line(info)}\n{body}\n{fence}" if body else f"{fence}{one_line(info)}\n{fence}"


def option_value(value: str) -> str:
    """A directive option value, quoted when YAML would misread it (``#``, ``: ``…)."""
    value = " ".join(str(value).split())
    if re.search(r"[#:'\"\[\]{}&*!|>%@`,]", value) or value[:1] in "-?":
        return json.dumps(value, ensure_ascii=False)
    return value


def directive(name: str, argument: str, options: dict[str, str], body: str = "") -> str:
    """A colon-fenced MyST directive; empty options are left out. The argument is
    written on one line, the fence is longer than any colon fence in ``body``."""
    lines = [f"{{{name}}} {one_line(argument)}".rstrip()]
    lines += [f":{key}: {option_value(value)}" for key, value in options.items() if value]
    if body.strip():
        lines += ["", body.strip()]
    return fenced(lines[0], "\n".join(lines[1:]), ":")


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when the wheel has it: same output, faster


def render_document(front_matter: dict[str, Any], body: str) -> str:
    """A complete MyST file: YAML front matter, then ``body``."""
    dumped = yaml.dump(front_matter, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{dumped}---\n\n{body}"


def heading_text(text: str) -> str:
    """``text`` as literal Markdown inline text: punctuation that would start
    emphasis, code, links, HTML or an entity is backslash-escaped; on one line."""
    return re.sub(r"([\\`*_\[\]<>&#|~$])", r"\\\1", one_line(text))

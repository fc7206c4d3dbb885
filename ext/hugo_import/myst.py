"""Writing MyST syntax: directives and their options."""

from __future__ import annotations

import json
import re


def option_value(value: str) -> str:
    """A directive option value, quoted when YAML would misread it (``#``, ``: ``…)."""
    value = " ".join(str(value).split())
    if re.search(r"[#:'\"\[\]{}&*!|>%@`,]", value) or value[:1] in "-?":
        return json.dumps(value, ensure_ascii=False)
    return value


def directive(name: str, argument: str, options: dict[str, str], body: str = "") -> str:
    """A colon-fenced MyST directive; empty options are left out."""
    lines = [f":::{{{name}}} {argument}".rstrip()]
    lines += [f":{key}: {option_value(value)}" for key, value in options.items() if value]
    if body.strip():
        lines += ["", body.strip()]
    lines.append(":::")
    return "\n".join(lines)

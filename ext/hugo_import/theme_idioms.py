"""The Hugo theme's idioms in a page's HTML: Font Awesome icons (``<i class="fas
fa-bell">``, drawn as an ``{octicon}`` role: :func:`icon_role`) and links styled as
buttons (``<a class="btn …">``: :func:`html_buttons` finds them, :func:`button_directive`
writes one as a sphinx-design button). The block and inline HTML rules
(:mod:`.html_idioms`, :mod:`.inline_html`), the Markdown renderers and the events'
readers all go by them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

from ..shared.icons import ICONS
from .model import ProblemKind
from .myst import directive

if TYPE_CHECKING:
    from .context import PageContext


def tag_classes(tag: Tag) -> list[str]:
    """The classes of the HTML element ``tag``."""
    value = tag.get("class") or []
    return value.split() if isinstance(value, str) else list(value)


def icon_role(classes: list[str], ctx: PageContext, line: int) -> str | None:
    """The ``{octicon}`` role for a Font Awesome icon, or ``None`` (reported) if unknown."""
    names = [c for c in classes if c.startswith("fa-") and not re.fullmatch(r"fa-(\dx|lg|fw|sm|xs)", c)]
    for name in names:
        if name in ICONS:
            return f"{{octicon}}`{ICONS[name]}`"
    ctx.report(line, ProblemKind.RAW_HTML, f"icon {' '.join(classes)!r} has no octicon equivalent; dropped")
    return None


def is_icon(classes: list[str]) -> bool:
    return any(c in {"fa", "fas", "far", "fab", "fal"} or c.startswith("fa-") for c in classes)


def is_button(classes: list[str]) -> bool:
    return "btn" in classes


@dataclass(frozen=True)
class HtmlButton:
    """A link of the site's HTML styled as a button (``<a class="btn …">``): where it
    leads (``href``, ``None`` without the attribute) and its text (``label``, on one line)."""

    href: str | None
    label: str


def html_buttons(text: str) -> tuple[list[HtmlButton], bool]:
    """The buttons of ``text`` (HTML, or Markdown with HTML in it), in order, and
    whether the text is nothing but buttons (and line breaks between them)."""
    soup = BeautifulSoup(text, "html.parser")
    buttons = []
    for link in soup.find_all("a"):
        if is_button(tag_classes(link)):
            href = link.get("href")
            buttons.append(HtmlButton(None if href is None else str(href), " ".join(link.get_text().split())))
            link.extract()
    for br in soup.find_all("br"):
        br.decompose()
    return buttons, bool(buttons) and not str(soup).strip()


def button_directive(href: str, label_myst: str, ctx: PageContext, line: int) -> str:
    """A sphinx-design button: ``button-ref`` for pages of the handbook (so it works
    under any URL prefix), ``button-link`` for files and other sites."""
    target = ctx.resolve(href, line)
    label = label_myst.strip() or ctx.escape(href)
    if target.kind == "doc":
        return directive("button-ref", "/" + target.docname, {"ref-type": "doc", "color": "primary"}, label)
    url = ctx.href_for(target)
    if url is None:
        return label
    return directive("button-link", url, {"color": "primary"}, label)

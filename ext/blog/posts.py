"""Blog posts as data: what a post page says about itself, read from its front matter.

A post is a document under ``blog_path`` (``blog/2015/03/02/spring-forward``) other
than an ``index`` page. Its YAML front matter (:func:`read_front_matter`) gives:

``date``
    ``YYYY-MM-DD``, optionally with a time (``HH:MM`` or ``HH:MM:SS``, ``T`` or a
    space before it) and an offset (``Z``, ``+02:00``, ``-0700``, with or without a
    space before it), as Hugo sites write it. A date without an offset is taken as
    UTC when posts are sorted; the day shown is always the day as written.
``author`` / ``authors``
    a name or a list of names.
``tags``
    a list of tag names (a single name is accepted); a tag's URL segment is
    :func:`tag_slug` of its name, as Hugo writes taxonomy URLs.
``description`` / ``summary``
    a short text for lists and feeds; without one, the summary is the first
    ``blog_summary_words`` words of the post's text (Hugo's ``.Summary``).
"""

from __future__ import annotations


import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml

from docutils import nodes

from ext.shared.limits import FastTextDatesLoader
from ext.shared.slugs import tag_slug

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

_DATE = re.compile(
    r"^(?P<day>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
    r"\s*(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?)?$",
    re.IGNORECASE,
)


class BadDate(ValueError):
    """A ``date`` that is not one of the accepted forms, or not a real day."""


@dataclass(frozen=True)
class PostDate:
    """When a post was published.

    ``day`` is the calendar day as the post wrote it; ``moment`` is an aware
    datetime (UTC when the post gave no offset) used for sorting and feeds;
    ``iso`` is the value for HTML ``<time datetime>`` (the day alone when the post
    gave no time).
    """

    day: date
    moment: datetime
    iso: str

    def for_people(self) -> str:
        """``March 2, 2015``: the day as written, US style like the rest of the handbook."""
        return f"{MONTHS[self.day.month - 1]} {self.day.day}, {self.day.year}"


def parse_post_date(text: str) -> PostDate:
    """Parse a front matter date (see the module docstring for the forms).

    Raises :class:`BadDate` with a short reason.
    """
    match = _DATE.match(text.strip())
    if not match:
        raise BadDate("not YYYY-MM-DD, optionally followed by a time and an offset")
    try:
        day = date.fromisoformat(match["day"])
    except ValueError as error:
        raise BadDate(str(error)) from None
    clock = match["time"] or "00:00"
    offset = match["offset"]
    tz = timezone.utc
    if offset and offset.upper() != "Z":
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        if hours > 23 or minutes > 59:
            raise BadDate(f"offset {offset} is out of range")
        delta = timedelta(hours=hours, minutes=minutes)
        tz = timezone(-delta if offset[0] == "-" else delta)
    try:
        moment = datetime.fromisoformat(f"{match['day']}T{clock}").replace(tzinfo=tz)
    except ValueError as error:
        raise BadDate(str(error)) from None
    if not match["time"]:
        iso = day.isoformat()
    elif offset:
        iso = moment.isoformat()
    else:
        iso = moment.replace(tzinfo=None).isoformat()
    return PostDate(day=day, moment=moment, iso=iso)


@dataclass(frozen=True)
class Post:
    """One blog post, as the blog domain keeps it (picklable, comparable).

    ``tags`` keeps the names as written, in the post's order, without repeats of
    the same slug; ``summary`` is plain text (description, or the opening words).
    """

    docname: str
    title: str
    date: PostDate | None
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    description: str
    summary: str
    url_path: str = ""

    @property
    def tag_slugs(self) -> tuple[str, ...]:
        return tuple(tag_slug(tag) for tag in self.tags)

    def sort_key(self) -> tuple:
        """Newest first when sorted ascending: undated last, then by docname."""
        when = self.date.moment.timestamp() if self.date else float("inf")
        return (self.date is None, -when if self.date else 0, self.docname)


def read_front_matter(path: Path) -> dict[str, Any]:
    """The YAML front matter of the MyST file at ``path`` as written (lists as lists,
    dates as their text); ``{}`` when there is none or it does not
    parse (MyST warns about that itself).

    Read from the file because ``env.metadata`` has been through docutils: it
    parses ``author``, ``authors`` and ``date`` as bibliographic fields (Markdown,
    smart quotes, ``authors`` split at commas).
    """
    try:
        text = path.read_text(encoding="utf-8").lstrip("\ufeff")
    except OSError:
        return {}
    if not text.startswith("---"):
        return {}
    end = re.search(r"^---[ \t]*$", text[3:], re.MULTILINE)
    if end is None:
        return {}
    try:
        data = yaml.load(text[3 : 3 + end.start()], Loader=FastTextDatesLoader)  # noqa: S506 (a safe loader)
    except (yaml.YAMLError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(key): _iso(value) for key, value in data.items()}


def _iso(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def metadata_list(value: Any) -> list[str]:
    """A front matter value as a list of non-empty strings.

    Accepts a list, a JSON list as text (how MyST hands list values to Sphinx),
    a single string, or nothing.
    """
    if value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                value = [text]
        else:
            value = [text]
    if not isinstance(value, (list, tuple)):
        value = [value]
    return [str(item).strip() for item in value if item is not None and str(item).strip()]


def unique_tags(names: list[str]) -> tuple[str, ...]:
    """``names`` without a second name of the same slug (``R`` and ``r``), in order."""
    seen: set[str] = set()
    kept: list[str] = []
    for name in names:
        slug = tag_slug(name)
        if slug and slug not in seen:
            seen.add(slug)
            kept.append(name)
    return tuple(kept)


def opening_words(doctree: nodes.Node, words: int, skip: type[nodes.Element] | None = None) -> str:
    """The first ``words`` words of the paragraphs of ``doctree``, as one line of
    plain text; ``…`` marks a cut. Paragraphs inside a ``skip`` node are left out."""
    taken: list[str] = []
    for paragraph in doctree.findall(nodes.paragraph):
        if skip is not None and _inside(paragraph, skip):
            continue
        taken.extend(paragraph.astext().split())
        if len(taken) > words:
            return " ".join(taken[:words]) + " …"
    return " ".join(taken)


def _inside(node: nodes.Node, kind: type[nodes.Element]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kind):
            return True
        parent = parent.parent
    return False

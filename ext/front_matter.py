"""Front matter checks: a key nobody reads, or a date that is no date, is a located warning.

Docutils and MyST-Parser take any front matter key as page metadata and say nothing,
so ``tittle:`` or ``tag:`` would be lost without a word, and a date no page shows
(``lastmod: "2027-13-01"``) would be ignored. When a MyST page is read
(``source-read``), this extension reads its YAML front matter (:func:`front_matter_keys`:
dates as written, the line of every key) and warns, at the key's line:

* about a key that is not known (:data:`KNOWN_KEYS`, plus ``front_matter_keys`` of
  ``conf.py``; ``og:`` keys are sphinxext-opengraph's), with the closest known key,
  or, for Hugo's ``title`` and ``draft`` (:data:`NOT_READ`), what to do instead;
* about a ``date``, ``lastmod``, ``publishDate`` or ``expiryDate`` that is not a
  real date in one of Hugo's forms (:func:`ext.hugo_import.frontmatter.parse_date`,
  as ``ext.last_updated`` reads them). A blog post's ``date`` is left to ``ext.blog``,
  which says what becomes of the post (``blog.bad-date``).

The known keys are those that something reads (Sphinx, MyST-Parser, furo,
sphinxext-opengraph, the handbook's extensions) and those the migration copies from
the Hugo pages: the converter keeps every key of a page's front matter but its title
and ``draft``, so they are Hugo's own front matter fields and the custom keys of the
IASSIST site (:data:`HUGO_KEYS`). A site migrated with other custom keys lists them
in ``front_matter_keys``.

An impossible date written as a bare YAML date (``date: 2027-02-30``) makes PyYAML,
and so MyST-Parser, drop the whole front matter ("Malformed YAML", at line 1): the
page would lose ``orphan``, ``description`` and the rest as well. The line of such a
value is quoted in the text MyST parses (the file is not changed), so the page keeps
its other keys and the date warning above is the one message.

Config value: ``front_matter_keys`` (list of str, ``[]``): more keys to accept.
Warnings: ``type="front-matter"``, subtypes in :class:`FrontMatterWarning`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx

from ext._common import warn_typed
from ext.hugo_import.frontmatter import KNOWN_KEYS, parse_date

WARNING_TYPE = "front-matter"


class FrontMatterWarning(Enum):
    """The subtypes of ``front-matter`` warnings."""

    UNKNOWN_KEY = "unknown-key"
    """A front matter key nothing reads (a typo, most often): it is ignored."""

    BAD_DATE = "bad-date"
    """A date key whose value is no date or no real day: it is ignored."""


#: Keys people write from their Hugo days that the handbook does not read, so that a
#: page would silently differ from what they meant: what to do instead. (The migration
#: turns a page's ``title`` into its first heading and leaves drafts out.)
NOT_READ = {
    "title": "a page's title is its first heading ('# ...' under the front matter)",
    "draft": "every page in docs/ is published; keep a draft out of docs/ (in a branch) until it is ready",
}

#: Keys whose value is a date (Hugo's date fields).
DATE_KEYS = ("date", "lastmod", "publishDate", "expiryDate")

#: ``key: 2027-02-30`` (a bare YAML date, optionally with a time) on one line.
_BARE_DATE_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)(?P<colon>\s*:\s*)(?P<value>\d{4}-\d{1,2}-\d{1,2}(?:[Tt ][^#]*?)?)\s*$")


@dataclass(frozen=True)
class FrontMatterKey:
    """One top-level key of a page's front matter: its ``name``, its ``value`` (dates
    as the text written) and its 1-based ``line`` in the file."""

    name: str
    value: Any
    line: int


class _TextDatesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML's safe loader (libyaml's when PyYAML has it: every page is read) with dates
    left as the text written, so an impossible one is reported, not a loader error."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def front_matter_keys(text: str) -> list[FrontMatterKey] | None:
    """The top-level keys of the YAML front matter that opens ``text`` (a ``---`` line
    first, as MyST-Parser reads it, up to the next ``---`` line), in their order;
    ``None`` when there is none, or it is not a YAML mapping (MyST-Parser reports that)."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None
    end = next((number for number, line in enumerate(lines[1:], start=1) if line.rstrip() == "---"), None)
    if end is None:
        return None
    loader = _TextDatesLoader("\n".join(lines[1:end]))
    try:
        mapping = loader.get_single_node()
        if not isinstance(mapping, yaml.MappingNode):
            return None
        return [FrontMatterKey(str(loader.construct_object(key, deep=True)), loader.construct_object(value, deep=True),
                               key.start_mark.line + 2)
                for key, value in mapping.value]
    except (yaml.YAMLError, ValueError, TypeError):
        return None
    finally:
        loader.dispose()


def warn(app: Sphinx, kind: FrontMatterWarning, message: str, location: Any) -> None:
    """Log ``message`` as a ``front-matter.<subtype>`` warning at ``location``."""
    warn_typed(app.config, WARNING_TYPE, kind, message, location)


def unknown_key_message(key: str, known: frozenset[str] | set[str]) -> str:
    """The warning text for ``key``: with the closest known key when one is close
    (``tittle`` -> ``title``, ``tag`` -> ``tags``, ``Date`` -> ``date``)."""
    if key in NOT_READ and key not in known:
        return f"front matter key {key!r} is not read: {NOT_READ[key]}"
    by_folded = {name.casefold(): name for name in [*known, *NOT_READ]}
    close = difflib.get_close_matches(key.casefold(), list(by_folded), n=1, cutoff=0.7)
    if close:
        match = by_folded[close[0]]
        if match in NOT_READ and match not in known:
            return f"unknown front matter key {key!r}; did you mean {match!r}? That is not read either: {NOT_READ[match]}"
        return f"unknown front matter key {key!r}; did you mean {match!r}?"
    return (f"unknown front matter key {key!r}: nothing reads it "
            "(if it is meant, add it to front_matter_keys in conf.py)")


def check_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: warn about the unknown keys and bad dates of a MyST page's
    front matter; quote a bare impossible date so MyST keeps the other keys."""
    text = source[0]
    if not text.startswith("---") or Path(app.env.doc2path(docname)).suffix != ".md":
        return
    keys = front_matter_keys(text)
    if not keys:
        return
    known = KNOWN_KEYS | set(app.config.front_matter_keys)
    if getattr(app.config, "myst_title_to_header", False):
        known |= {"title"}
    for key in keys:
        if key.name not in known and not key.name.startswith("og:"):
            warn(app, FrontMatterWarning.UNKNOWN_KEY, unknown_key_message(key.name, known), (docname, key.line))
        elif key.name in DATE_KEYS and key.value not in (None, ""):
            if key.name == "date" and _is_blog_post(app, docname):
                continue  # ext.blog reports it, with what it means for the post
            try:
                parse_date(key.value)
            except ValueError as error:
                warn(app, FrontMatterWarning.BAD_DATE, f"front matter {key.name}: {error}", (docname, key.line))
    source[0] = quote_impossible_dates(text, {key.line for key in keys if key.name in DATE_KEYS})


def quote_impossible_dates(text: str, lines: set[int]) -> str:
    """``text`` with every bare YAML date on one of ``lines`` (1-based) that is no
    real day written as a quoted string, so that YAML loads the front matter."""
    if not lines:
        return text
    rows = text.split("\n")
    changed = False
    for number in sorted(lines):
        match = _BARE_DATE_LINE.match(rows[number - 1]) if number <= len(rows) else None
        if match is None:
            continue
        try:
            parse_date(match["value"])
        except ValueError:
            rows[number - 1] = f"{match['key']}{match['colon']}\"{match['value']}\""
            changed = True
    return "\n".join(rows) if changed else text


def _is_blog_post(app: Sphinx, docname: str) -> bool:
    blog_path = getattr(app.config, "blog_path", None)
    if blog_path is None:
        return False
    from ext.blog.header import is_post

    return is_post(docname, blog_path)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("front_matter_keys", [], "env", types=frozenset({list, tuple, set}))
    app.connect("source-read", check_front_matter)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

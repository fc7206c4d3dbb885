"""Front matter: a key nobody reads, or a date that is no date, is a located warning; the
keys a section shows are a field list under each page's title.

Docutils and MyST-Parser take any front matter key as page metadata and say nothing,
so ``tittle:`` or ``tag:`` would be lost without a word, and a date no page shows
(``lastmod: "2027-13-01"``) would be ignored. When a MyST page is read
(``source-read``), this extension reads its YAML front matter (:func:`front_matter_keys`:
dates as written, the line of every key) and warns, at the key's line:

* about a key that is not known (:data:`KNOWN_KEYS`, plus ``front_matter_keys`` of
  ``conf.py``; ``og:`` keys are sphinxext-opengraph's), with the closest known key,
  or, for Hugo's ``title`` and ``draft`` (:data:`NOT_READ`), what to do instead;
* about a ``date``, ``lastmod``, ``publishDate`` or ``expiryDate`` that is not a
  real date in one of Hugo's forms (:func:`ext.shared.dates.parse_page_date`,
  as ``ext.last_updated`` reads them). A blog post's ``date`` is left to ``ext.blog``,
  which says what becomes of the post (``blog.bad-date``).

The known keys (:data:`ext.shared.page_keys.KNOWN_KEYS`) are those that
something reads (Sphinx, MyST-Parser, furo, sphinxext-opengraph, the handbook's
extensions), Hugo's own front matter fields and the custom keys of the IASSIST site.
The migration keeps a Hugo page's other keys (the custom keys of a section, ``employer``
on a job posting) under ``params``, which is not checked
(:func:`ext.hugo_import.frontmatter.nest_unread_keys`); the import report lists them once
per key and section, with how many pages have them and an example. Keys that pages
written by hand are meant to have are listed in ``front_matter_keys``.

An impossible date written as a bare YAML date (``date: 2027-02-30``) makes PyYAML,
and so MyST-Parser, drop the whole front matter ("Malformed YAML", at line 1): the
page would lose ``orphan``, ``description`` and the rest as well. The line of such a
value is quoted in the text MyST parses (the file is not changed), so the page keeps
its other keys and the date warning above is the one message.

Fields (``doctree-read``): ``front_matter_fields`` names, per section (the first folder
of a page's path in ``docs/``), the keys whose values each of its pages shows under its
title, as a field list, as the section's Hugo layout showed them (the employer and the
posting date of a job posting). A key is looked up at the top of the front matter, then
under ``params``; a page without it shows no such field. Dates (``YYYY-MM-DD``, with a
time or not) are written for people (``March 2, 2015``), web addresses are links, lists
are joined with commas. The keys a section shows are known keys on its pages. When no
page of a section has a key the setting names, the build warns (``unknown-field``).

Config values: ``front_matter_keys`` (list of str, ``[]``): more keys to accept;
``front_matter_fields`` (dict, ``{}``): ``{section: [key, ...]}`` or
``{section: {key: label, ...}}`` (the label shown; by default the key, capitalised, with
spaces for ``_`` and ``-``). A value of another shape is a :class:`ConfigError`.
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
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError

from ext._common import warn_typed
from ext.blog.posts import BadDate, parse_post_date
from ext.shared.page_keys import KNOWN_KEYS, PARAMS_KEY, handbook_section
from ext.shared.dates import parse_page_date
from ext.shared.limits import FastTextDatesLoader

WARNING_TYPE = "front-matter"


class FrontMatterWarning(Enum):
    """The subtypes of ``front-matter`` warnings."""

    UNKNOWN_KEY = "unknown-key"
    """A front matter key nothing reads (a typo, most often): it is ignored."""

    BAD_DATE = "bad-date"
    """A date key whose value is no date or no real day: it is ignored."""

    UNKNOWN_FIELD = "unknown-field"
    """``front_matter_fields`` names a key that no page of its section has (a typo, most
    often), or a section the handbook does not have: nothing is shown."""


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
    loader = FastTextDatesLoader("\n".join(lines[1:end]))
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
    known = KNOWN_KEYS | set(app.config.front_matter_keys) | set(section_fields(app.config, docname))
    if getattr(app.config, "myst_title_to_header", False):
        known |= {"title"}
    for key in keys:
        if key.name not in known and not key.name.startswith("og:"):
            warn(app, FrontMatterWarning.UNKNOWN_KEY, unknown_key_message(key.name, known), (docname, key.line))
        elif key.name in DATE_KEYS and key.value not in (None, ""):
            if key.name == "date" and _is_blog_post(app, docname):
                continue  # ext.blog reports it, with what it means for the post
            try:
                parse_page_date(key.value)
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
            parse_page_date(match["value"])
        except ValueError:
            rows[number - 1] = f"{match['key']}{match['colon']}\"{match['value']}\""
            changed = True
    return "\n".join(rows) if changed else text


# -- Fields: the keys a section shows under each page's title -------------------------

def read_fields_setting(value: Any) -> dict[str, dict[str, str]]:
    """``front_matter_fields`` as ``{section: {key: label}}``, in the order written.

    Raises :class:`ConfigError` when ``value`` is not a mapping of section names to a
    list of keys or to a mapping of keys to labels (all text)."""
    usage = ("front_matter_fields must map a section (a folder of docs/) to the keys its pages show: "
             "{'jobs': ['employer', 'date']} or {'jobs': {'employer': 'Employer', 'date': 'Posted'}}")
    if not isinstance(value, dict):
        raise ConfigError(f"{usage}; not {type(value).__name__}")
    sections: dict[str, dict[str, str]] = {}
    for section, keys in value.items():
        if isinstance(keys, (list, tuple)) and all(isinstance(key, str) for key in keys):
            keys = {key: default_label(key) for key in keys}
        if not isinstance(section, str) or not isinstance(keys, dict) or not all(
                isinstance(key, str) and isinstance(label, str) for key, label in keys.items()):
            raise ConfigError(f"{usage}; {section!r}: {keys!r} is not")
        sections[section.strip("/")] = dict(keys)
    return sections


def default_label(key: str) -> str:
    """A key as a field's label: ``apply_url`` -> ``Apply url``."""
    words = re.sub(r"[_-]+", " ", key).strip()
    return words[:1].upper() + words[1:]


def section_fields(config: Config, docname: str) -> dict[str, str]:
    """``{key: label}`` of the fields the page ``docname`` shows (``{}``: none)."""
    return read_fields_setting(config.front_matter_fields).get(handbook_section(docname), {})


def field_values(keys: list[FrontMatterKey]) -> dict[str, Any]:
    """A page's values by key: the top-level keys of its front matter, then (where the top
    level lacks them) the entries of its ``params``."""
    values = {key.name: key.value for key in keys}
    params = values.get(PARAMS_KEY)
    if isinstance(params, dict):
        values = {**{str(name): value for name, value in params.items()}, **values}
    return values


#: A value shown as a link.
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"]+")


def field_value_nodes(value: Any) -> list[nodes.Node]:
    """``value`` as the inline nodes of a field: a date for people, a web address as a
    link, a list joined with commas, ``true``/``false`` as yes/no; ``[]`` when there is
    nothing to show (empty, or a mapping)."""
    if value is None or isinstance(value, dict) or value in ("", []):
        return []
    if isinstance(value, list):
        shown = [node for item in value for node in (nodes.Text(", "), *field_value_nodes(item))]
        return shown[1:]
    if isinstance(value, bool):
        return [nodes.Text("yes" if value else "no")]
    text = str(value).strip()
    if _WEB_ADDRESS.fullmatch(text):
        return [nodes.reference(text, text, refuri=text)]
    return [nodes.Text(_day_for_people(text) or text)]


def _day_for_people(text: str) -> str | None:
    """``2011-02-02`` or ``2011-02-02T09:30:00-05:00`` as ``February 2, 2011`` (the day as
    written, as blog posts show theirs); ``None`` when ``text`` is no such date."""
    if not re.match(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return parse_post_date(text).for_people()
    except BadDate:
        return None


def fields_node(fields: dict[str, str], values: dict[str, Any]) -> nodes.field_list | None:
    """The field list of ``fields`` (``{key: label}``, in that order) that ``values`` has,
    or ``None`` when it has none of them."""
    field_list = nodes.field_list(classes=["front-matter-fields"])
    for key, label in fields.items():
        shown = field_value_nodes(values.get(key))
        if shown:
            paragraph = nodes.paragraph("", "", *shown)
            field_list += nodes.field("", nodes.field_name("", label), nodes.field_body("", paragraph))
    return field_list if len(field_list) else None


def add_fields(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: put the fields of the page's section under its title, and note
    which of them it has (for :func:`check_fields_setting`)."""
    env = app.env
    fields = section_fields(app.config, env.docname)
    if not fields:
        return
    path = Path(env.doc2path(env.docname))
    keys = front_matter_keys(path.read_text(encoding="utf-8")) if path.suffix == ".md" else None
    values = field_values(keys or [])
    _fields_found(env)[env.docname] = frozenset(key for key in fields if field_value_nodes(values.get(key)))
    field_list = fields_node(fields, values)
    if field_list is None:
        return
    title = next(doctree.findall(nodes.title), None)
    section = title.parent if title is not None else doctree
    section.insert(section.index(title) + 1 if title is not None else 0, field_list)


def _fields_found(env: BuildEnvironment) -> dict[str, frozenset[str]]:
    """``{docname: the keys of front_matter_fields it shows}``, kept in the environment."""
    if not hasattr(env, "front_matter_fields_found"):
        env.front_matter_fields_found = {}
    return env.front_matter_fields_found


def purge_fields(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _fields_found(env).pop(docname, None)


def merge_fields(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    found = _fields_found(other)
    _fields_found(env).update((docname, found[docname]) for docname in docnames if docname in found)


def check_fields_setting(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: warn about each section of ``front_matter_fields`` that
    the handbook does not have and each key that none of its pages has."""
    found = _fields_found(env)
    location = f"{Path(app.confdir) / 'conf.py'}:0"
    for section, fields in read_fields_setting(app.config.front_matter_fields).items():
        pages = [docname for docname in env.found_docs if handbook_section(docname) == section]
        if not pages:
            warn(app, FrontMatterWarning.UNKNOWN_FIELD,
                 f"front_matter_fields: the handbook has no section {section!r} (no folder docs/{section}/)", location)
            continue
        shown = frozenset().union(*(found.get(docname, frozenset()) for docname in pages))
        for key in fields:
            if key not in shown:
                warn(app, FrontMatterWarning.UNKNOWN_FIELD,
                     f"front_matter_fields: no page of section {section!r} has the key {key!r}, "
                     "at the top of its front matter or under params; nothing is shown", location)


def _is_blog_post(app: Sphinx, docname: str) -> bool:
    blog_path = getattr(app.config, "blog_path", None)
    if blog_path is None:
        return False
    from ext.blog.header import is_post

    return is_post(docname, blog_path)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("front_matter_keys", [], "env", types=frozenset({list, tuple, set}))
    app.add_config_value("front_matter_fields", {}, "env", types=frozenset({dict}))
    app.connect("config-inited", lambda app, config: read_fields_setting(config.front_matter_fields))
    app.connect("source-read", check_front_matter)
    app.connect("doctree-read", add_fields)
    app.connect("env-purge-doc", purge_fields)
    app.connect("env-merge-info", merge_fields)
    app.connect("env-check-consistency", check_fields_setting)
    return {"version": "1.1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}

"""The people index: every presenter of the conference programmes, once, with their
presentations across the years.

``{presenter-index}`` leaves a placeholder node while its page is read; when the
page is resolved (every programme page has been read by then, in any order and
in parallel), the placeholder becomes a list grouped by initial: one entry per
person, then one link per presentation (``2019: Title``) to its anchor on the
programme page. The data are the ``programmes`` domain's presentations.

Names are normalised to one key per person: accents, case, full stops and
spacing are ignored, and ``Matthew Welch`` is read as ``Welch, Matthew``; the
entry shows the form written most often. Pages with an index are written again
(not re-read) whenever the presentations change, so the index never lags behind
the programmes and editing another page costs nothing here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from .._common import resolves_one_document

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class presenter_index(nodes.General, nodes.Element):
    """Placeholder for the people index; ``letters`` is a ``(first, last)`` range of initials."""


def person_key(name: str) -> tuple[str, str]:
    """``("welch", "matthew")`` for ``"Welch, Matthew"``, ``"Matthew Welch"``,
    ``"WELCH,  Matthew."`` or ``"Welch, Dr. Matthew"``."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    folded = " ".join(folded.replace(".", " ").casefold().split())
    if "," in folded:
        last, _, first = folded.partition(",")
    else:
        parts = folded.rsplit(" ", 1)
        first, last = (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])
    first = _TITLES.sub("", first.strip())
    return last.strip(), first.strip()


#: Titles before a first name, left out of the key: "Dr. Avery" is "Avery".
_TITLES = re.compile(r"^(?:(?:dr|prof|professor|mr|mrs|ms)\s+)+")


def display_name(name: str) -> str:
    """``"Welch, Matthew"`` for ``"Matthew Welch"``; names with a comma as written."""
    name = " ".join(name.split())
    if "," in name or " " not in name:
        return name
    first, last = name.rsplit(" ", 1)
    return f"{last}, {first}"


def initial(key: tuple[str, str]) -> str:
    letter = key[0][:1].upper()
    return letter if letter.isalpha() else "#"


def group_people(presentations: Iterable[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """``{key: {"name", "institutions", "talks": [(year, title, docname, anchor)]}}`` from
    domain entries; talks sorted newest first, people by key."""
    people: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: {"names": Counter(), "institutions": Counter(), "talks": []})
    for entry in presentations:
        for name, institution in entry.get("presenters", []):
            if not str(name).strip():
                continue
            person = people[person_key(str(name))]
            person["names"][display_name(str(name))] += 1
            if str(institution or "").strip():
                person["institutions"][" ".join(str(institution).split())] += 1
            person["talks"].append((entry["programme"][:4], entry["title"], entry["docname"], entry["anchor"]))
    result = {}
    for key in sorted(people):
        person = people[key]
        result[key] = {
            "name": person["names"].most_common(1)[0][0],
            "institutions": [inst for inst, _ in person["institutions"].most_common()],
            # The whole tuple: talks of one year with one title (given twice) keep one order
            # whatever order parallel readers merged them in.
            "talks": sorted(set(person["talks"]), reverse=True),
        }
    return result


def _letters(argument: str) -> tuple[str, str]:
    match = re.fullmatch(r"\s*([A-Za-z#])\s*(?:-\s*([A-Za-z]))?\s*", argument or "")
    if not match:
        raise ValueError("letters must be an initial or a range such as A-F (# for names not starting with a letter)")
    return match.group(1).upper(), (match.group(2) or match.group(1)).upper()
    return match.group(1).upper(), match.group(2).upper()


class PresenterIndexDirective(SphinxDirective):
    """``{presenter-index}``: the people index (option ``:letters: A-F`` or ``:letters: B``
    limits it to those initials, for splitting it over several pages; ``#`` stands for
    names that do not start with a letter and sorts before ``A``)."""

    has_content = False
    option_spec: ClassVar[dict] = {"letters": _letters}

    def run(self) -> list[nodes.Node]:
        node = presenter_index(letters=self.options.get("letters", ("#", "Z")))
        self.set_source_info(node)
        self.env.get_domain("programmes").indexes[self.env.docname] = True
        return [node]


def resolve_presenter_index(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder by the list of people (in HTML,
    only pages that noted an index are looked through: the others have no placeholder)."""
    if docname not in app.env.get_domain("programmes").indexes and resolves_one_document(app):
        return
    placeholders = list(doctree.findall(presenter_index))
    if not placeholders:
        return
    people = _people_of_build(app)
    for placeholder in placeholders:
        low, high = placeholder["letters"]
        chosen = {key: person for key, person in people.items() if low <= initial(key) <= high}
        placeholder.replace_self(_people_nodes(app, docname, chosen) or [nodes.paragraph(text="No presenters to show.")])


def _people_of_build(app: Sphinx) -> dict[tuple[str, str], dict[str, Any]]:
    """:func:`group_people` of every presentation, made once per build (the people pages,
    one per initial, all ask for it) and again only when the presentations changed
    (their digest, from :func:`updated_indexes`)."""
    digest = getattr(app.env, "programmes_people_digest", None)
    cached = getattr(app, "_programmes_people", None)
    if cached is None or digest is None or cached[0] != digest:
        cached = (digest, group_people(app.env.get_domain("programmes").presentations.values()))
        app._programmes_people = cached
    return cached[1]


def _people_nodes(app: Sphinx, docname: str, people: dict[tuple[str, str], dict[str, Any]]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    by_letter: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for key, person in people.items():
        by_letter[initial(key)].append(person)
    for letter in sorted(by_letter):
        out.append(nodes.rubric(text=letter, classes=["presenter-letter"]))
        listing = nodes.bullet_list(classes=["presenter-index"])
        for person in by_letter[letter]:
            item = nodes.list_item()
            para = nodes.paragraph()
            para += nodes.strong(text=person["name"])
            if person["institutions"]:  # the three written most often
                para += nodes.Text(" (" + "; ".join(person["institutions"][:3]) + ")")
            item += para
            talks = nodes.bullet_list()
            for year, title, target, anchor in person["talks"]:
                line = nodes.paragraph()
                line += make_refnode(app.builder, docname, target, anchor, nodes.Text(f"{year}: {title}"))
                talks += nodes.list_item("", line)
            item += talks
            listing += item
        out.append(listing)
    return out


def updated_indexes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages with a people index, to be written again (not re-read:
    the list is made when the page is resolved) when the presentations changed."""
    domain = env.get_domain("programmes")
    entries = sorted(
        (e["anchor"], e["docname"], e["title"], e["programme"], [tuple(p) for p in e.get("presenters", [])])
        for e in domain.presentations.values()
    )
    digest = hashlib.sha256(repr(entries).encode()).hexdigest()
    if getattr(env, "programmes_people_digest", None) == digest:
        return []
    env.programmes_people_digest = digest
    return sorted(domain.indexes)


def setup_people(app: Sphinx) -> None:
    app.add_node(presenter_index)
    app.add_directive("presenter-index", PresenterIndexDirective)
    app.connect("doctree-resolved", resolve_presenter_index)
    app.connect("env-get-updated", updated_indexes)

"""The ``programmes`` domain: every session and presentation rendered in the project.

Entries are recorded while a page is read (by the directive), per anchor::

    data["sessions"][anchor] = {"docname", "anchor", "title", "programme", "day", "type"}
    data["presentations"][anchor] = {"docname", "anchor", "title", "programme",
                                     "session", "presenters": [[name, institution], ...]}

so later steps (the people index, :mod:`ext.programmes.people`) can use them across
documents; ``data["indexes"]`` holds the docnames of the pages with a people index. ``get_objects`` yields
presentations and sessions, which puts them into Sphinx's search index as objects (found
by title) and into ``objects.inv``.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain, ObjType

from .warnings_ import ProgrammeWarning, warn

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


class ProgrammesDomain(Domain):
    """Sessions and presentations of the conference programmes, for cross-document use."""

    name = "programmes"
    label = "Conference programmes"
    object_types = {
        "session": ObjType("session"),
        "presentation": ObjType("presentation"),
    }
    initial_data: dict[str, Any] = {"sessions": {}, "presentations": {}, "indexes": {}, "docs": {}}
    data_version = 2

    @property
    def sessions(self) -> dict[str, dict[str, Any]]:
        return self.data.setdefault("sessions", {})

    @property
    def presentations(self) -> dict[str, dict[str, Any]]:
        return self.data.setdefault("presentations", {})

    def note_entry(self, kind: str, entry: dict[str, Any], location: Any) -> bool:
        """Record a ``"sessions"`` or ``"presentations"`` entry (which has ``anchor`` and
        ``docname``). Warns ``duplicate-anchor`` and returns ``False`` when the anchor is
        already recorded; the first entry is kept."""
        store = self.data.setdefault(kind, {})
        first = store.get(entry["anchor"])
        if first is not None:
            warn(
                self.env, ProgrammeWarning.DUPLICATE_ANCHOR,
                f"anchor {entry['anchor']!r} is already used by {first['docname']!r}; "
                "show each programme (or each :sessions: part of it) on one page only",
                location,
            )
            return False
        store[entry["anchor"]] = entry
        self.data.setdefault("docs", {})[entry["docname"]] = True
        return True

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        """``"conference presentation"`` / ``"conference session"``: the search result label."""
        return f"conference {type.lname}"

    @property
    def indexes(self) -> dict[str, bool]:
        """Docnames of the pages with a people index (``{presenter-index}``)."""
        return self.data.setdefault("indexes", {})

    def clear_doc(self, docname: str) -> None:
        """Forget ``docname``'s entries; pages without a programme (most) cost one lookup."""
        self.indexes.pop(docname, None)
        if self.data.setdefault("docs", {}).pop(docname, None) is None:
            return
        for store in (self.sessions, self.presentations):
            for anchor in [anchor for anchor, entry in store.items() if entry["docname"] == docname]:
                del store[anchor]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.indexes.update({d: True for d in otherdata.get("indexes", {}) if d in docnames})
        for kind in ("sessions", "presentations"):
            for entry in otherdata.get(kind, {}).values():
                if entry["docname"] in docnames:
                    self.note_entry(kind, entry, (entry["docname"], None))

    def resolve_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str,
        target: str, node: pending_xref, contnode: nodes.Element,
    ) -> nodes.reference | None:
        return None

    def resolve_any_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, target: str,
        node: pending_xref, contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """``(anchor, title, type, docname, anchor, 1)`` per presentation and session."""
        for entry in self.presentations.values():
            yield entry["anchor"], entry["title"], "presentation", entry["docname"], entry["anchor"], 1
        for entry in self.sessions.values():
            yield entry["anchor"], entry["title"], "session", entry["docname"], entry["anchor"], 1

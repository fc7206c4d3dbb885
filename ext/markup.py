"""Small inline markup the Hugo pages use and docutils lacks: ``{del}`` (struck text),
and anchors in headings kept out of the tables of contents.

``{del}`text``` makes an ``inline`` node with class ``del``: struck through in HTML
(CSS in ``handbook.css``), struck by a rule in LaTeX (no package: ulem is not in a
minimal TeX installation; the struck text does not break across lines), plain in text.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole


class deleted(nodes.inline):
    """Text the page shows struck through (a corrected date, a superseded fee)."""


class DeletedTextRole(SphinxRole):
    """``{del}`old text``` -> :class:`deleted` node."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [deleted(self.rawtext, self.text, classes=["del"])], []


def visit_deleted_html(self, node: deleted) -> None:
    self.body.append(self.starttag(node, "del", ""))


def depart_deleted_html(self, node: deleted) -> None:
    self.body.append("</del>")


def visit_deleted_latex(self, node: deleted) -> None:
    self.body.append(r"\begingroup\setbox0\hbox{")


def depart_deleted_latex(self, node: deleted) -> None:
    self.body.append(r"}\rlap{\rule[0.5ex]{\wd0}{0.4pt}}\box0\endgroup{}")


def _pass(self, node: nodes.Node) -> None:
    pass


def drop_anchor_ids_from_toc(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after Sphinx's TOC collector: a heading's explicit anchor
    (``## []{#fees}Fees``, the import's form of Hugo's ``{#fees}``) is an ``inline``
    node with an id; the TOC entry copies the heading's text, and with it that id,
    so the page would define the id twice (in "On this page" and at the heading).
    The copies in the page's TOC lose their ids; the heading keeps its anchor."""
    toc = app.env.tocs.get(app.env.docname)
    if toc is None:
        return
    for node in list(toc.findall(nodes.inline)):
        node["ids"] = []
        if not node.children and not node["classes"]:
            node.parent.remove(node)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(
        deleted,
        html=(visit_deleted_html, depart_deleted_html),
        latex=(visit_deleted_latex, depart_deleted_latex),
        text=(_pass, _pass), man=(_pass, _pass), texinfo=(_pass, _pass),
    )
    app.add_role("del", DeletedTextRole())
    app.connect("doctree-read", drop_anchor_ids_from_toc, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

"""The programme's own nodes and their HTML, LaTeX and text visitors.

The nodes are containers; everything a reader sees inside them is ordinary docutils
nodes (paragraphs, lists, references, emphasis), so Sphinx's search indexes the text and
every builder renders it. The visitors only add structure: HTML elements with classes
and ids, LaTeX labels and spacing, text headings. Every value they write themselves is
escaped (:func:`html.escape`, :func:`sphinx.util.texescape.escape`).

==========================  =================================  ===========================
node                        HTML                               LaTeX
==========================  =================================  ===========================
``conference_programme``    ``<div class="programme">``        labels, ``\\par``
``programme_day``           ``<section class="programme-day">`` labels
``programme_session``       ``<section class=...-session>``    ``\\par\\medskip`` + labels
``presentation``            ``<article class=...>``            ``\\par\\smallskip`` + labels
``programme_heading``       ``<h2>``-``<h6>`` (page-relative)  bold, sized by ``depth``
``abstract_details``        ``<details><summary>``             ``small`` environment
==========================  =================================  ===========================
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import texescape

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator


class conference_programme(nodes.General, nodes.Element):
    """A whole programme: header, day navigation and days. ``ids``: ``p<stem>``."""


class programme_day(nodes.General, nodes.Element):
    """The sessions of one day (or "Other sessions"), after a depth-2 heading."""


class programme_session(nodes.General, nodes.Element):
    """One session: heading, chair/moderator, abstract, video, presentations."""


class presentation(nodes.General, nodes.Element):
    """One presentation: heading, presenters, abstract, DOIs, files, video."""


class programme_heading(nodes.Part, nodes.TextElement):
    """A heading inside a programme. ``depth``: 1 programme, 2 day, 3 session,
    4 presentation; the HTML level counts from the enclosing section."""


class abstract_details(nodes.General, nodes.Element):
    """A presentation abstract: collapsible in HTML (``summary`` attribute is the
    label), printed in full and smaller in LaTeX."""


_HTML_TAGS = {
    conference_programme: ("div", "programme"),
    programme_day: ("section", "programme-day"),
    programme_session: ("section", "programme-session"),
    presentation: ("article", "programme-presentation"),
}


# -- HTML ------------------------------------------------------------------------------

def visit_container_html(self: HTML5Translator, node: nodes.Element) -> None:
    tag, css_class = _HTML_TAGS[type(node)]
    self.body.append(self.starttag(node, tag, CLASS=css_class))


def depart_container_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(f"</{_HTML_TAGS[type(node)][0]}>\n")


def _html_level(self: HTML5Translator, node: programme_heading) -> int:
    level = self.section_level + getattr(self, "initial_header_level", 1) - 1 + node["depth"]
    return max(2, min(level, 6))


def visit_heading_html(self: HTML5Translator, node: programme_heading) -> None:
    self.body.append(self.starttag(node, f"h{_html_level(self, node)}", "", CLASS="programme-heading"))


def depart_heading_html(self: HTML5Translator, node: programme_heading) -> None:
    self.body.append(f"</h{_html_level(self, node)}>\n")


def visit_details_html(self: HTML5Translator, node: abstract_details) -> None:
    self.body.append(self.starttag(node, "details", CLASS="programme-abstract"))
    self.body.append(f"<summary>{escape(node['summary'])}</summary>\n")


def depart_details_html(self: HTML5Translator, node: abstract_details) -> None:
    self.body.append("</details>\n")


# -- LaTeX -----------------------------------------------------------------------------

_LATEX_SPACE = {
    conference_programme: "\n\\par\\bigskip\n",
    programme_day: "\n\\par\\bigskip\n",
    programme_session: "\n\\par\\medskip\n",
    presentation: "\n\\par\\smallskip\n",
}
_LATEX_SIZE = {1: r"\Large\bfseries", 2: r"\large\bfseries", 3: r"\normalsize\bfseries", 4: r"\bfseries"}


def visit_container_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(_LATEX_SPACE[type(node)])
    if node["ids"]:
        self.body.append(self.hypertarget_to(node, anchor=True) + "%\n")


def depart_container_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\par\n")


def visit_heading_latex(self: LaTeXTranslator, node: programme_heading) -> None:
    self.body.append("\n\\par\\noindent{" + _LATEX_SIZE.get(node["depth"], r"\bfseries") + " ")


def depart_heading_latex(self: LaTeXTranslator, node: programme_heading) -> None:
    self.body.append("}\\par\\nopagebreak\n")


def visit_details_latex(self: LaTeXTranslator, node: abstract_details) -> None:
    label = texescape.escape(node["summary"], self.config.latex_engine)
    self.body.append(f"\n\\begin{{small}}\n\\par\\noindent\\textit{{{label}:}}\n")


def depart_details_latex(self: LaTeXTranslator, node: abstract_details) -> None:
    self.body.append("\n\\end{small}\n")


# -- Text ------------------------------------------------------------------------------

_TEXT_UNDERLINE = {1: "=", 2: "-", 3: "~"}


def visit_heading_text(self: TextTranslator, node: programme_heading) -> None:
    self.new_state(0)


def depart_heading_text(self: TextTranslator, node: programme_heading) -> None:
    text = "".join(item[1] for item in self.states.pop() if item[0] == -1)
    self.stateindent.pop()
    char = _TEXT_UNDERLINE.get(node["depth"])
    lines = ["", text, char * len(text), ""] if char else ["", text, ""]
    self.states[-1].append((0, lines))


def visit_details_text(self: TextTranslator, node: abstract_details) -> None:
    self.new_state()


def depart_details_text(self: TextTranslator, node: abstract_details) -> None:
    self.end_state(wrap=False)


# -- Other builders (man, texinfo): the children carry everything -------------------------

def visit_passthrough(self: Any, node: nodes.Element) -> None:
    pass


def depart_passthrough(self: Any, node: nodes.Element) -> None:
    pass


def register_nodes(app: Any) -> None:
    """Add the nodes with their visitors for html, latex, text, man and texinfo."""
    passthrough = (visit_passthrough, depart_passthrough)
    for node_class in (conference_programme, programme_day, programme_session, presentation):
        app.add_node(
            node_class,
            html=(visit_container_html, depart_container_html),
            latex=(visit_container_latex, depart_container_latex),
            text=passthrough, man=passthrough, texinfo=passthrough,
        )
    drawn = {
        programme_heading: ((visit_heading_html, depart_heading_html), (visit_heading_latex, depart_heading_latex),
                            (visit_heading_text, depart_heading_text)),
        abstract_details: ((visit_details_html, depart_details_html), (visit_details_latex, depart_details_latex),
                           (visit_details_text, depart_details_text)),
    }
    for node_class, (html, latex, text) in drawn.items():
        app.add_node(node_class, html=html, latex=latex, text=text, man=passthrough, texinfo=passthrough)

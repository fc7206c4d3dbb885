"""The blog's doctree nodes and their HTML, LaTeX and text renderings.

``post_header``
    the block under a post's title: its date, author(s) and tags (paragraphs).
``post_date``
    a date as people read it; HTML gets ``<time datetime="...">``.
``post_list`` / ``tag_list``
    placeholders written by the directives and replaced, once every document is
    read, by plain bullet lists (so the PDF and text get ordinary lists). A
    placeholder that was not replaced renders as nothing.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


class post_header(nodes.General, nodes.Element):
    """Date, author(s) and tags of a post, under its title."""


class post_date(nodes.Inline, nodes.TextElement):
    """A publication date; ``node["datetime"]`` is the ISO 8601 value."""


class post_list(nodes.General, nodes.Element):
    """Placeholder: the posts that match ``node["spec"]`` (a :class:`~.domain.ListSpec`)."""


class tag_list(nodes.General, nodes.Element):
    """Placeholder: every tag with its number of posts."""


def visit_post_header_html(self, node: post_header) -> None:
    self.body.append(self.starttag(node, "div", CLASS="post-header"))


def depart_post_header_html(self, node: post_header) -> None:
    self.body.append("</div>\n")


def visit_post_date_html(self, node: post_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_post_date_html(self, node: post_date) -> None:
    self.body.append("</time>")


def visit_post_header_latex(self, node: post_header) -> None:
    self.body.append("\n\n{\\small\n")


def depart_post_header_latex(self, node: post_header) -> None:
    self.body.append("\\par}\n\n")


def _pass(self, node: nodes.Node) -> None:
    pass


def _skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    app.add_node(
        post_header,
        html=(visit_post_header_html, depart_post_header_html),
        latex=(visit_post_header_latex, depart_post_header_latex),
        text=(_pass, _pass),
    )
    app.add_node(
        post_date,
        html=(visit_post_date_html, depart_post_date_html),
        latex=(_pass, _pass),
        text=(_pass, _pass),
    )
    for placeholder in (post_list, tag_list):
        app.add_node(placeholder, html=(_skip, None), latex=(_skip, None), text=(_skip, None))

"""The import's limits: how big and how deep input may be before it is refused,
flattened or cut, each a named constant with a test (``tests/test_hostile_markup.py``).

Input beyond a limit is never a crash or a silent loss: the importer reports it,
located, and keeps what it can (:func:`yaml_load`, :func:`json_loads` raise
:class:`LimitError` with the 1-based line; the callers report it).

The work of the import is linear in the size of a page: nothing it does per node of
a page looks at all the other nodes (mdformat's list renderer did; see
:func:`ext.hugo_import.block_renderers.render_list_item`).
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

#: The largest content file imported (bytes): a page over it is reported
#: (``page-size``) and not imported. Ten times the largest page a site writes by
#: hand; a 5 MB page is imported whole.
MAX_PAGE_BYTES = 16 * 1024 * 1024

#: MyST-Parser reads Markdown with markdown-it's ``maxNesting`` of 20: the blocks of a
#: container opened deeper are dropped, and the rest of the page with them.
MYST_NESTING = 20

#: The deepest level (markdown-it's ``token.level``: open blocks around it) at which
#: the converter writes the content of a list, quote or definition list; the blocks of
#: a container nested deeper are written at that depth (``invalid-structure``). Below
#: :data:`MYST_NESTING`, with room for a directive's own nesting.
MAX_BLOCK_DEPTH = MYST_NESTING - 4

#: The nesting the converter's own parser follows (its ``maxNesting`` for blocks):
#: deeper than what MyST reads, so that what is deeper than :data:`MAX_BLOCK_DEPTH`
#: is read to be flattened; low enough for Python's recursion limit. Text nested
#: deeper still cannot be read; it is reported (``invalid-structure``).
PARSE_BLOCK_NESTING = 200

#: The inline nesting (emphasis in emphasis) the converter's parser follows: MyST's,
#: so that emphasis nested deeper is text (its ``*`` escaped) for both.
PARSE_INLINE_NESTING = MYST_NESTING

#: The most nodes YAML front matter may add by its aliases (``*a``), counted each
#: time an alias repeats a node: a few aliases of aliases make a "billion laughs".
MAX_YAML_ALIAS_NODES = 1000

#: The deepest nesting of arrays and objects read in a JSON file (Python's decoder
#: recurses once per level).
MAX_JSON_DEPTH = 100


class LimitError(ValueError):
    """Input over a limit; ``line`` is 1-based in the text read."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def dates_as_text(loader: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """A subclass of the safe YAML ``loader`` that leaves dates as the text written (no
    timestamp resolver): ``2024-30-05`` is a bad date to report with its line, not a
    loader error, and ``2026-06`` stays what the person typed."""
    resolvers = {
        first: [(tag, regexp) for tag, regexp in found if tag != "tag:yaml.org,2002:timestamp"]
        for first, found in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return type(f"TextDates{loader.__name__}", (loader,), {"yaml_implicit_resolvers": resolvers})


#: PyYAML's pure-Python safe loader, dates as text: its error messages are the ones the
#: warnings and the import report quote.
TextDatesLoader = dates_as_text(yaml.SafeLoader)
#: The same with libyaml's parser when PyYAML has it (a tenth of the time), for text
#: read on every page, where a parse error is not quoted.
FastTextDatesLoader = dates_as_text(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def yaml_load(text: str, loader: type[yaml.SafeLoader]) -> Any:
    """``text`` loaded with ``loader`` (a safe loader class), refused when its aliases
    repeat more than :data:`MAX_YAML_ALIAS_NODES` nodes.

    Raises :class:`LimitError` at the line of the alias that went over the limit, and
    :class:`yaml.YAMLError` when the text does not parse."""
    load = loader(text)
    try:
        node = load.get_single_node()
        if node is not None:
            check_aliases(node)
            return load.construct_document(node)
        return None
    finally:
        load.dispose()


def check_aliases(root: yaml.Node) -> None:
    """Count the nodes that the aliases of the document ``root`` repeat (a node
    reached again is an alias: the composer shares it), each node's size once;
    raise :class:`LimitError` at the line of the key (or sequence) that holds the
    alias going over :data:`MAX_YAML_ALIAS_NODES`."""
    sizes: dict[int, int] = {}
    seen_at: set[int] = set()
    added = 0

    def size(node: yaml.Node) -> int:
        # Iterative post-order walk: the size of a node is 1 + the sizes of its values.
        stack: list[tuple[yaml.Node, bool]] = [(node, False)]
        visiting: set[int] = set()
        while stack:
            current, done = stack.pop()
            if id(current) in sizes:
                continue
            children = _children(current)
            if done or not children:
                sizes[id(current)] = 1 + sum(sizes[id(child)] for child in children)
                visiting.discard(id(current))
                continue
            if id(current) in visiting:  # an alias inside its own anchor: endless
                return MAX_YAML_ALIAS_NODES + 1
            visiting.add(id(current))
            stack.append((current, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
        return sizes[id(node)]

    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        for where, child in _placed_children(node):
            if id(child) in seen_at:
                added += size(child)
                if added > MAX_YAML_ALIAS_NODES:
                    raise LimitError(
                        f"its YAML aliases repeat more than {MAX_YAML_ALIAS_NODES} values",
                        where.start_mark.line + 1 if where.start_mark else 1)
                continue
            seen_at.add(id(child))
            stack.append(child)


def _placed_children(node: yaml.Node) -> list[tuple[yaml.Node, yaml.Node]]:
    """``(where, child)`` for each child of ``node``: where it is written is the key
    of a mapping's value (an alias node is the anchored node, which was written
    elsewhere), the sequence itself for an item."""
    if isinstance(node, yaml.MappingNode):
        return [(key, part) for key, value in node.value for part in (key, value)]
    return [(node, child) for child in _children(node)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


#: What a JSON scan looks at: a string (skipped whole), an opening or a closing bracket.
_JSON_SCAN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', re.DOTALL)


def json_depth_error(text: str) -> LimitError | None:
    """A :class:`LimitError` (at the line and column of the bracket) when the arrays
    and objects of the JSON ``text`` nest deeper than :data:`MAX_JSON_DEPTH`; linear,
    without recursion."""
    depth = 0
    for match in _JSON_SCAN.finditer(text):
        char = match.group(0)[0]
        if char == '"':
            continue
        if char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - text.rfind("\n", 0, match.start())
                return LimitError(f"nested more than {MAX_JSON_DEPTH} deep (line {line}, column {column})", line)
        else:
            depth = max(0, depth - 1)
    return None


def json_loads(text: str) -> Any:
    """``json.loads(text)``, refused (:class:`LimitError`) when it nests deeper than
    :data:`MAX_JSON_DEPTH`."""
    error = json_depth_error(text)
    if error is not None:
        raise error
    return json.loads(text)

"""The ``conference-programme`` directive: read, validate and render a programme file."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pydantic import ValidationError
from sphinx.util.docutils import SphinxDirective

from .build import RenderContext, build_programme, programme_key
from ext.shared.dates import parse_day
from .model import validate_programme
from ext.shared.programme_file import ProgrammeFileError, ProgrammeSource
from .warnings_ import ProgrammeWarning, warn

if TYPE_CHECKING:
    from .model import Session

_RANGE = re.compile(r"(\d+)(?:\s*-\s*(\d+))?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def sessions_option(argument: str | None) -> str:
    """``:sessions:`` value: ``all`` (the default), or a comma-separated list of 1-based
    session positions, ranges (``1-4``) and days (``2019-05-28``). Raises ``ValueError``
    on anything else, which docutils reports on the directive."""
    value = (argument or "all").strip()
    if value.lower() == "all":
        return "all"
    for token in value.split(","):
        token = token.strip()
        if not (_RANGE.fullmatch(token) or _ISO_DAY.fullmatch(token)):
            msg = f"{token!r} is not a session number, a range (1-4), a day (YYYY-MM-DD) or 'all'"
            raise ValueError(msg)
    return value


def session_selector(value: str) -> tuple[Callable[[int, Session], bool], list[str]]:
    """The predicate for a ``:sessions:`` value, and its tokens (to check each matched)."""
    if value == "all":
        return (lambda position, session: True), []
    positions: set[int] = set()
    days: set[str] = set()
    tokens = [token.strip() for token in value.split(",")]
    for token in tokens:
        if match := _RANGE.fullmatch(token):
            first = int(match[1])
            positions.update(range(first, int(match[2] or first) + 1))
        else:
            days.add(token)

    def selected(position: int, session: Session) -> bool:
        day = parse_day(session.day) if session.day else None
        return position in positions or (day is not None and day.isoformat() in days)

    return selected, tokens


class ConferenceProgrammeDirective(SphinxDirective):
    """Render a conference programme JSON file.

    Usage (MyST)::

        ```{conference-programme} _data/programmes/2019-Sydney.json
        :sessions: 1-5, 2019-05-29
        :class: compact
        ```

    The argument is the file's path relative to the source directory (a leading ``/``
    is accepted). The file is a dependency of the page (``env.note_dependency``), so
    editing it re-reads exactly the pages that show it. Warnings: ``bad-file`` (the
    page gets a short notice instead), ``bad-value``, ``bad-date``,
    ``end-before-start``, ``bad-link``, ``duplicate-anchor``; see
    :class:`~.warnings_.ProgrammeWarning`.
    """

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "sessions": sessions_option,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        rel_path, abs_path = self.env.relfn2path("/" + self.arguments[0].lstrip("/"))
        self.env.note_dependency(rel_path)
        try:
            if rel_path.startswith("../"):
                raise ProgrammeFileError("outside the source directory")
            source = ProgrammeSource.read(Path(abs_path))
            programme, repairs = validate_programme(source.data)
        except (ProgrammeFileError, ValidationError) as exc:
            reason = str(exc) if isinstance(exc, ProgrammeFileError) else "invalid programme data"
            warn(self.env, ProgrammeWarning.BAD_FILE, f"programme {rel_path!r} not rendered: {reason}", self.get_location())
            notice = nodes.paragraph("", f"The programme ({rel_path}) could not be shown.", classes=["programme-missing"])
            self.set_source_info(notice)
            return [notice]

        ctx = RenderContext(
            env=self.env, source=source, key=programme_key(Path(rel_path).stem),
            files_url=self.config.programmes_files_url,
        )
        for repair in repairs:
            ctx.warn(ProgrammeWarning.BAD_VALUE, repair.path, repair.message)
        selected, tokens = session_selector(self.options.get("sessions", "all"))
        self._check_selection(programme.sessions, selected, tokens)
        root = build_programme(programme, ctx, selected, self.options.get("class"))
        self.set_source_info(root)
        domain = self.env.get_domain("programmes")
        for kind, entry in ctx.entries:
            domain.note_entry(kind, entry, self.get_location())
        return [root]

    def _check_selection(self, sessions: list[Session], selected: Callable[[int, Session], bool], tokens: list[str]) -> None:
        """Warn ``bad-value`` for each ``:sessions:`` token that selects no session."""
        for token in tokens:
            single, _ = session_selector(token)
            if not any(single(position, session) for position, session in enumerate(sessions, 1)):
                warn(
                    self.env, ProgrammeWarning.BAD_VALUE,
                    f":sessions: {token!r} selects no session ({len(sessions)} in the file)",
                    self.get_location(),
                )

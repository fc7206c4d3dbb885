"""ext.programmes on the real site's 25 programme files (skipped when they are absent).

Builds every file on its own page in a temporary source folder, as the importer lays
them out (``_data/programmes/<name>.json``), with the conference pages that the newer
files link to by site path, and checks that every session and presentation is in the
HTML and that the only warnings are the known data-quality ones.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import time
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx._cli.util.errors import strip_escape_sequences
from sphinx.testing.util import SphinxTestApp

SITE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "iassist-site"
ARCHIVE = SITE / "data" / "conferences" / "archive"

#: Known problems of the real data: (file, JSON path, subtype).
EXPECTED_DATA_WARNINGS = [
    ("2019-Sydney.json", "endDate", "end-before-start"),  # 2018-05-31 < 2019-05-27
    ("2022-Gothenburg.json", "sessions[36].presentations[1].doi[0]", "bad-value"),  # "0.5281/..."
    ("2025-Bristol.json", "sessions[0].day", "bad-date"),  # "June 4 and June 5, 2026"
]

CONF = """\
project = "Programmes corpus"
extensions = ["myst_parser", "ext.programmes"]
exclude_patterns = ["_build"]
nitpicky = True
html_theme = "basic"
"""


@pytest.mark.skipif(not ARCHIVE.is_dir(), reason="the real site's corpus is not beside the repository")
def test_all_real_programmes_render(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    data = srcdir / "_data" / "programmes"
    data.mkdir(parents=True)
    files = sorted(ARCHIVE.glob("*.json"))
    assert len(files) == 25
    pages = []
    for file in files:
        shutil.copy(file, data / file.name)
        (srcdir / f"{file.stem}.md").write_text(
            f"# {file.stem}\n\n```{{conference-programme}} _data/programmes/{file.name}\n```\n", encoding="utf-8"
        )
        pages.append(file.stem)
    for year in (2023, 2024, 2025):
        page = srcdir / "conferences" / f"iassist{year}" / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(f"# IASSIST {year}\n", encoding="utf-8")
        pages.append(f"conferences/iassist{year}/index")
    toctree = "\n".join(pages)
    (srcdir / "index.md").write_text(f"# Programmes\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8")
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")

    started = time.perf_counter()
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build", status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    seconds = time.perf_counter() - started

    html = {file.stem: (app.outdir / f"{file.stem}.html").read_text(encoding="utf-8") for file in files}
    sessions = sum(len(re.findall(r'<section class="programme-session" id="p[\w-]+-s\d+"', page)) for page in html.values())
    presentations = sum(
        len(re.findall(r'<article class="programme-presentation" id="p[\w-]+-s\d+-p\d+"', page)) for page in html.values()
    )
    assert (sessions, presentations) == (779, 2598)

    warnings = [line for line in strip_escape_sequences(app.warning.getvalue()).splitlines() if line]
    found = sorted(
        (Path(match[1]).name, match[2], match[3])
        for line in warnings
        if (match := re.match(r"(.+?):\d+: WARNING: ([^:]+): .* \[programmes\.([a-z-]+)\]$", line))
    )
    assert found == sorted(EXPECTED_DATA_WARNINGS), "\n".join(warnings)
    assert len(warnings) == len(EXPECTED_DATA_WARNINGS), warnings
    # Every title, name and institution reads as the data means it: decoded once.
    for file in files:
        shown = " ".join(BeautifulSoup(html[file.stem], "html.parser").get_text(" ").split())
        for raw in programme_texts(json.loads(file.read_text(encoding="utf-8"))):
            decoded = " ".join(htmllib.unescape(raw).split())
            assert decoded in shown, (file.name, raw)
            if decoded != " ".join(raw.split()):
                assert " ".join(raw.split()) not in shown, (file.name, raw)
    # The site paths of the newer files are links to their conference pages.
    assert 'href="conferences/iassist2024/index.html"' in html["2024-Halifax"]
    # Light pages: the largest programme stays well under 1 MB.
    assert max(len(page.encode("utf-8")) for page in html.values()) < 1_000_000
    assert seconds < 60


def programme_texts(data: dict) -> list[str]:
    """The session and presentation titles, presenter names and institutions of a
    programme file, as the file writes them (entities and all)."""
    texts = []
    for session in data.get("sessions") or []:
        if not isinstance(session, dict):
            continue
        texts.append(session.get("title"))
        for presentation in session.get("presentations") or []:
            if not isinstance(presentation, dict):
                continue
            texts.append(presentation.get("title"))
            for presenter in presentation.get("presenters") or []:
                if isinstance(presenter, dict):
                    texts += [presenter.get("name"), presenter.get("institution")]
    return [text for text in texts if isinstance(text, str) and text.strip()]

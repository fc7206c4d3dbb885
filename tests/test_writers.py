"""With ``-j``, the forked readers send back only what they read (ext/readers.py), the
forked writers resolve and index the pages they write (ext/writers.py), and the site's
files, the feeds and the calendars are made in forks of their own (ext/background.py):
every output file is the one Sphinx's own parallel reading and writing make, with that
work in the main process, byte for byte, the search index and the images included,
with the same warnings."""

from __future__ import annotations

from pathlib import Path

from sphinx.util.console import strip_escape_sequences

from .conftest import build, docs_copy


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_readers_and_writers_build_what_sphinx_builds(tmp_path: Path) -> None:
    built = {}
    warnings = {}
    for resolve in (True, False):
        docs = docs_copy(tmp_path / f"resolve-{resolve}")
        out = tmp_path / f"html-{resolve}"
        text = build(docs, out, parallel=3, confoverrides={
            "writers_resolve": resolve, "readers_merge_last": resolve, "background_work": resolve,
            "serial_read_limit": 0, "serial_write_limit": 0})
        warnings[resolve] = sorted(strip_escape_sequences(text).replace(str(docs), "DOCS").splitlines())
        built[resolve] = outputs(out)
    assert built[True].keys() == built[False].keys()
    assert len(built[True]) > 200 and "searchindex.js" in built[True]
    assert any(name.startswith("_images/") for name in built[True])
    assert {"events.ics", "blog/index.xml"} <= built[True].keys()
    different = [name for name in built[True] if built[True][name] != built[False][name]]
    assert different == []
    assert warnings[True] == warnings[False]

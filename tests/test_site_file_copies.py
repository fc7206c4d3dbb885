"""The site's files (``_site_static/``) in the HTML output at their URLs (ext/site_files.py):
copied again only when they changed, and never through a symbolic link."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from .conftest import CONF_SHIM, build, build_in_place, new_docs
from .hostile import SECRET


def site_docs(tmp_path: Path) -> Path:
    """The handbook's own pages and two files of a site: a PDF and an image."""
    docs = new_docs(tmp_path)
    (docs / "conf.py").write_text(CONF_SHIM, encoding="utf-8")
    (docs / "_site_static" / "file").mkdir(parents=True)
    (docs / "_site_static" / "file" / "report.pdf").write_bytes(b"%PDF-1.4\n% first\n%%EOF\n")
    (docs / "_site_static" / "img").mkdir()
    (docs / "_site_static" / "img" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return docs


def test_the_sites_files_are_copied_at_their_urls_and_again_only_when_changed(tmp_path: Path) -> None:
    docs = site_docs(tmp_path)
    source = docs / "_site_static" / "file" / "report.pdf"
    build_in_place(docs, tmp_path / "build")
    copy = tmp_path / "build" / "dirhtml" / "file" / "report.pdf"
    assert copy.read_bytes() == source.read_bytes()
    assert copy.stat().st_mtime_ns == source.stat().st_mtime_ns
    assert (tmp_path / "build" / "dirhtml" / "img" / "map.png").is_file()

    # unchanged: the copy is left as it is, not written again
    written = copy.stat().st_ctime_ns
    build_in_place(docs, tmp_path / "build")
    assert copy.stat().st_ctime_ns == written

    # changed, to the same size: copied again
    source.write_bytes(b"%PDF-1.4\n% other\n%%EOF\n")
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 1_000_000_000))
    build_in_place(docs, tmp_path / "build")
    assert copy.read_bytes() == b"%PDF-1.4\n% other\n%%EOF\n"


#: A build whose documents are read by two forked readers (ext.rebuilds reads up to
#: ``serial_read_limit`` documents in the main process): the site's files are copied
#: meanwhile, in a process of their own.
FORKED_READERS = {"parallel": 2, "confoverrides": {"serial_read_limit": 0}}


def test_with_forked_readers_the_sites_files_are_copied_while_they_read(tmp_path: Path) -> None:
    docs = site_docs(tmp_path)
    html = tmp_path / "html"
    assert "[site." not in build(docs, html, **FORKED_READERS)
    copy = html / "file" / "report.pdf"
    assert copy.read_bytes() == (docs / "_site_static" / "file" / "report.pdf").read_bytes()
    assert (html / "img" / "map.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    # copied before the environment was saved, that is, before the reading ended
    environment = tmp_path / "html-build" / "doctrees" / "environment.pickle"
    assert copy.stat().st_ctime_ns <= environment.stat().st_mtime_ns


@pytest.mark.parametrize("forked", [False, True], ids=["one process", "forked readers"])
def test_a_symbolic_link_among_the_sites_files_is_not_followed(tmp_path: Path, forked: bool) -> None:
    """A link in ``_site_static/`` (a pull request can add one) to a file or a folder
    outside the site is a located warning; nothing outside is copied to the output."""
    docs = site_docs(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (docs / "_site_static" / "file" / "notes.txt").symlink_to(outside / "secret.txt")
    (docs / "_site_static" / "private").symlink_to(outside, target_is_directory=True)
    html = tmp_path / "html"
    warnings = strip_escape_sequences(build(docs, html, **(FORKED_READERS if forked else {}))).splitlines()
    message = "WARNING: a symbolic link among the site's files; not copied (copy the file itself there) [site.linked-file]"
    assert [line for line in warnings if "site.linked-file" in line] == [
        f"{docs}/_site_static/file/notes.txt:1: {message}", f"{docs}/_site_static/private:1: {message}"]
    assert (html / "file" / "report.pdf").is_file()
    assert not (html / "file" / "notes.txt").exists() and not (html / "private").exists()
    assert not any(SECRET in p.read_text(errors="replace") for p in html.rglob("*") if p.is_file())


def test_a_file_that_cannot_be_copied_is_a_warning_and_the_rest_is_built(tmp_path: Path) -> None:
    docs = site_docs(tmp_path)
    builddir = tmp_path / "build"
    build_in_place(docs, builddir)
    out = builddir / "dirhtml"
    (out / "file" / "report.pdf").unlink()
    (out / "file" / "report.pdf").mkdir()  # a folder of the output where the file goes
    app = SphinxTestApp("dirhtml", srcdir=docs, builddir=builddir, status=io.StringIO(), warning=io.StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = strip_escape_sequences(app.warning.getvalue())
    assert (f"{docs}/_site_static/file/report.pdf:1: WARNING: cannot be copied to the output (Is a directory); "
            "not served [site.uncopied-file]") in warnings
    assert (out / "img" / "map.png").is_file() and (out / "index.html").is_file()

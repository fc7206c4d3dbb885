"""The site's static and page bundle files in the handbook source (``_site_static/``):
copied in a process of their own while the pages convert, at the URLs Hugo serves."""

from __future__ import annotations

import errno
import multiprocessing

import pytest

from ext.hugo_import import pipeline, static_copy
from ext.hugo_import.static_copy import StaticCopy
from ext.hugo_import.importer import import_site

from .conftest import write_site

BUNDLE_PAGE = '+++\ntitle = "Sources"\n+++\nThe [data](data.csv).\n'


@pytest.mark.parametrize("jobs", [1, 2], ids=["in-process", "forked"])
def test_static_files_are_served_and_removed_with_the_site(tmp_path, jobs) -> None:
    site = write_site(tmp_path / "site", {})
    docs = tmp_path / "docs"
    report = import_site(site, docs, jobs=jobs)
    served = docs / "_site_static"
    assert (served / "img" / "a.png").read_bytes() == (site / "static" / "img" / "a.png").read_bytes()
    assert (served / "file" / "doc.pdf").stat().st_ino == (site / "static" / "file" / "doc.pdf").stat().st_ino
    assert report.static_copied == 2

    (site / "static" / "file" / "doc.pdf").unlink()
    report = import_site(site, docs, jobs=jobs)
    assert not (served / "file").exists()
    assert (served / "img" / "a.png").is_file()
    assert report.static_copied == 0


def test_a_bundle_file_wins_over_a_static_file_at_its_url(tmp_path) -> None:
    site = write_site(tmp_path / "site", {"community/sources/index.md": BUNDLE_PAGE})
    (site / "content" / "community" / "sources" / "data.csv").write_text("year,count\n2024,1\n")
    (site / "static" / "community" / "sources").mkdir(parents=True)
    (site / "static" / "community" / "sources" / "data.csv").write_text("an older copy\n")
    report = import_site(site, tmp_path / "docs")
    served = tmp_path / "docs" / "_site_static" / "community" / "sources" / "data.csv"
    assert served.read_text() == "year,count\n2024,1\n"
    assert report.static_copied == 3


def test_an_error_in_the_forked_copy_is_raised_in_the_import(tmp_path, monkeypatch) -> None:
    site = write_site(tmp_path / "site", {})

    def full_disk(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(static_copy, "copy_files", full_disk)
    copy = StaticCopy(site, tmp_path / "docs" / "_site_static", background=True)
    assert copy._process is not None  # it did run in a forked process
    with pytest.raises(OSError, match="No space left on device"):
        copy.result()


def test_a_failed_import_leaves_no_copy_running(tmp_path, monkeypatch) -> None:
    site = write_site(tmp_path / "site", {})

    def endless(*_args):
        while True:
            pass

    def failing(*_args, **_kwargs):
        raise RuntimeError("the conversion failed")

    monkeypatch.setattr(static_copy, "copy_files", endless)
    monkeypatch.setattr(pipeline, "convert_site", failing)
    before = set(multiprocessing.active_children())  # other tests' processes may still run
    with pytest.raises(RuntimeError, match="the conversion failed"):
        import_site(site, tmp_path / "docs", jobs=2)
    assert set(multiprocessing.active_children()) - before == set()

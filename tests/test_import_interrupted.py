"""An interrupted import (Ctrl-C, a crash) leaves nothing behind that the next run
takes for a person's work: its write-ahead journal names every file it wrote, so the
next normal run gives the same bytes as a clean run, and ``--clean`` removes them."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ext.hugo_import import writer
from ext.shared.manifest import JOURNAL, MANIFEST, journal_write
from ext.hugo_import.importer import import_site
from ext.hugo_import.writer import clean

from .conftest import EXAMPLE_SITE, REPO

AUTHORED = {"index.md": "# The handbook\n", "handbook/guide.md": "# A guide people wrote\n"}


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes (the static copy's links read through)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def with_authored(dest: Path) -> Path:
    for rel, text in AUTHORED.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text(text, encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory) -> dict[str, bytes]:
    dest = with_authored(tmp_path_factory.mktemp("clean") / "docs")
    import_site(EXAMPLE_SITE, dest, jobs=1)
    return tree(dest)


def interrupt_at(monkeypatch, count: int) -> None:
    """Make the import stop with Ctrl-C at its ``count``-th file, after the file's
    journal line and half its bytes are written (the worst moment)."""
    calls = {"n": 0}

    def journal_then_stop(journal: Path, rel: str) -> None:
        journal_write(journal, rel)
        calls["n"] += 1
        if calls["n"] == count:
            path = journal.parent / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"half a page")
            raise KeyboardInterrupt

    monkeypatch.setattr(writer, "journal_write", journal_then_stop)


@pytest.mark.parametrize("count", [1, 7, 30, 60])
def test_ctrl_c_then_a_normal_run_gives_the_bytes_of_a_clean_run(clean_run, tmp_path, monkeypatch, count) -> None:
    dest = with_authored(tmp_path / "docs")
    with monkeypatch.context() as patch:
        interrupt_at(patch, count)
        with pytest.raises(KeyboardInterrupt):
            import_site(EXAMPLE_SITE, dest, jobs=1)
    assert (dest / JOURNAL).is_file() and not (dest / MANIFEST).exists()
    report = import_site(EXAMPLE_SITE, dest, jobs=1)
    assert not [p for p in report.problems if p.kind.value == "url-collision"]
    assert tree(dest) == clean_run


def test_ctrl_c_during_a_reimport_then_a_normal_run(tmp_path, monkeypatch) -> None:
    """Interrupted while updating an earlier import of a site since edited: the next
    run still gives the bytes of a clean import of the edited site."""
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE_SITE, site)
    dest = with_authored(tmp_path / "docs")
    import_site(site, dest, jobs=1)
    for path in sorted((site / "content").rglob("*.md"))[:10]:
        path.write_text(path.read_text(encoding="utf-8") + "\nA line added later.\n", encoding="utf-8")
    with monkeypatch.context() as patch:
        interrupt_at(patch, 5)
        with pytest.raises(KeyboardInterrupt):
            import_site(site, dest, jobs=1)
    import_site(site, dest, jobs=1)
    fresh = with_authored(tmp_path / "fresh")
    import_site(site, fresh, jobs=1)
    assert tree(dest) == tree(fresh)


def test_clean_after_an_interrupted_import_leaves_only_the_authored_pages(tmp_path, monkeypatch) -> None:
    dest = with_authored(tmp_path / "docs")
    interrupt_at(monkeypatch, 20)
    with pytest.raises(KeyboardInterrupt):
        import_site(EXAMPLE_SITE, dest, jobs=1)
    clean(dest)
    assert {rel: data.decode() for rel, data in tree(dest).items()} == AUTHORED


def test_sigint_to_the_command_then_a_normal_run(clean_run, tmp_path) -> None:
    """The real thing: ``python -m ext.hugo_import`` stopped by SIGINT as soon as it
    writes its first file; then a normal run."""
    dest = with_authored(tmp_path / "docs")
    command = [sys.executable, "-m", "ext.hugo_import", str(EXAMPLE_SITE), str(dest), "--quiet"]
    process = subprocess.Popen(command, cwd=REPO, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (dest / JOURNAL).exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    process.send_signal(signal.SIGINT)
    process.wait(60)
    assert subprocess.run(command, cwd=REPO, env={**os.environ}).returncode == 0
    got = tree(dest)
    got.pop("_generated/import-report.json", None)
    assert got == clean_run

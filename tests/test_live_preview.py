"""The warm rebuilds of ``make livehtml`` (ext/live_preview.py): an application set up
once builds what changed, again and again, and its pages are the pages a new
``sphinx-build`` writes. (``tests/test_maintainer_guide.py`` runs ``make livehtml``
itself and waits for the edited page in the browser's place.)"""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

from ext.live_preview import WarmApp

from .conftest import REPO, docs_copy


def sphinx_build(docs: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "sphinx", "build", "-b", "dirhtml", "-q", "-W", "--keep-going", "-n",
                    str(docs), str(out)], check=True, cwd=REPO)


def warm_app(docs: Path, out: Path) -> WarmApp:
    """A warm application as ``make livehtml`` sets one up, for ``docs`` into ``out``."""
    return WarmApp(["-b", "dirhtml", "-q", "-W", "--keep-going", "-n", str(docs), str(out)])


def built_and_warm(tmp_path: Path) -> tuple[Path, Path, WarmApp]:
    """A copy of the committed ``docs/`` built by ``sphinx-build`` into ``html/``, and a
    warm application set up on that build: (docs, output folder, application)."""
    docs = docs_copy(tmp_path)
    out = tmp_path / "html"
    sphinx_build(docs, out)
    return docs, out, warm_app(docs, out)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def differing(left: Path, right: Path) -> list[str]:
    """The files (not the build's own caches) that differ between two output folders."""
    found = []
    compared = filecmp.dircmp(left, right, ignore=[".doctrees", ".buildinfo"])
    stack = [(compared, "")]
    while stack:
        node, prefix = stack.pop()
        found += [prefix + name for name in node.left_only + node.right_only + node.diff_files]
        found += [prefix + name for name in node.common_files
                  if (Path(node.left) / name).read_bytes() != (Path(node.right) / name).read_bytes()]
        stack += [(sub, f"{prefix}{name}/") for name, sub in node.subdirs.items()]
    return sorted(set(found))


def test_warm_rebuilds_write_what_a_new_build_writes(tmp_path: Path) -> None:
    docs, out, warm = built_and_warm(tmp_path)
    append(docs / "about" / "faq.md", "\nSaved once while the preview ran.\n")
    assert warm.build() == 0
    assert "Saved once while the preview ran." in (out / "about" / "faq" / "index.html").read_text(encoding="utf-8")
    warm.close()

    # the next warm application starts from the rebuilt environment
    warm = warm_app(docs, out)
    append(docs / "index.md", "\nA second save.\n")
    assert warm.build() == 0
    warm.close()
    assert "A second save." in (out / "index.html").read_text(encoding="utf-8")

    fresh = tmp_path / "fresh"
    sphinx_build(docs, fresh)
    assert differing(fresh, out) == []


def test_a_warm_rebuild_with_a_warning_fails_as_sphinx_build_does(tmp_path: Path, capsys) -> None:
    docs, _out, warm = built_and_warm(tmp_path)
    append(docs / "about" / "faq.md", "\nSee {doc}`no-such-page`.\n")
    assert warm.build() == 1
    warm.close()
    assert "unknown document: 'no-such-page'" in capsys.readouterr().err


def test_a_changed_extension_ends_the_warm_rebuilds(tmp_path: Path, monkeypatch) -> None:
    """The server's modules are the ones it started with: once a Python file of the
    configuration's folder is newer than the warm application, rebuilds are new
    ``sphinx-build`` processes again."""
    import os

    import ext.live_preview as live

    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "local_ext.py").write_text("def setup(app):\n    return {'parallel_read_safe': True}\n")
    (conf / "conf.py").write_text("import sys, pathlib\nsys.path.insert(0, str(pathlib.Path(__file__).parent))\n"
                                  "extensions = ['myst_parser', 'local_ext']\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n")
    warm = WarmApp(["-b", "dirhtml", "-q", "-c", str(conf), str(docs), str(tmp_path / "html")])
    monkeypatch.setattr(live, "_WARM", warm)
    try:
        assert not live._code_changed()
        later = warm.created_ns + 5_000_000_000
        os.utime(conf / "local_ext.py", ns=(later, later))
        assert live._code_changed()
    finally:
        warm.close()
        monkeypatch.delitem(sys.modules, "local_ext", raising=False)


def test_the_version_is_the_nearest_tag_not_the_commit(tmp_path: Path) -> None:
    """The version (footer, ``<head>``, PDF title page) of a local build names the
    release the pages follow: neither a save nor a commit changes it, so neither makes
    the next build (or a live preview's first save) read every page again (a changed
    ``version`` is a changed configuration); a tag does."""
    from .conftest import checkout

    clone = checkout(tmp_path / "clone")
    git = ["git", "-c", "user.name=Handbook tests", "-c", "user.email=tests@example.org"]

    def release() -> str:
        command = [sys.executable, "-c", "import runpy; print(runpy.run_path('conf.py')['release'])"]
        return subprocess.run(command, cwd=clone, capture_output=True, text=True, check=True).stdout.strip()

    assert release() == "dev"  # no tag yet
    subprocess.run([*git, "tag", "-a", "2027.1", "-m", "Handbook 2027.1"], cwd=clone, check=True)
    assert release() == "2027.1"
    append(clone / "docs" / "about" / "faq.md", "\nAn edit not committed yet.\n")
    assert release() == "2027.1"
    subprocess.run([*git, "commit", "-q", "-am", "FAQ: one more answer"], cwd=clone, check=True)
    assert release() == "2027.1"

"""Shared test helpers: tiny Hugo sites in tmp_path, imports and Sphinx builds."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from ext.hugo_import.importer import import_site

pytest_plugins = ("sphinx.testing.fixtures",)
#: Helper modules whose asserts show the values compared, as a test module's do.
pytest.register_assert_rewrite("tests.hostile")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Test roots for ``@pytest.mark.sphinx(testroot=...)``: ``tests/roots/test-<name>/``."""
    return Path(__file__).resolve().parent / "roots"


REPO = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = REPO / "examples" / "site"
REAL_SITE = REPO.parent / "shared" / "corpus" / "iassist-site"



def _link_or_copy(src: str, dst: str) -> str:
    """Hard-link ``src`` at ``dst`` (the corpus is read-only, so links are safe),
    or copy it where the two are on different file systems."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
    return dst


def real_site_copy(site: Path, parts: tuple[str, ...] = ("content", "data", "static", "config.toml", "netlify.toml")) -> Path:
    """A copy of the real site's ``parts`` at ``site``: ``content/`` copied (tests replace
    pages in it), the rest hard-linked where the file system allows. Never symlinks: the
    import rightly refuses files that resolve outside the site."""
    site.mkdir(parents=True, exist_ok=True)
    for name in parts:
        source = REAL_SITE / name
        if name == "content":
            shutil.copytree(source, site / name)
        elif source.is_dir():
            shutil.copytree(source, site / name, copy_function=_link_or_copy)
        elif source.exists():
            _link_or_copy(str(source), str(site / name))
    return site


#: A 1x1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)

MINI_CONFIG = """\
baseurl = "https://iassistdata.org/"
title = "Mini site"

[[menu.main]]
    name = "About"
    url = "/about/"
    weight = 1

[Permalinks]
    blog = "/blog/:year/:month/:day/:filename/"
"""

MINI_PAGES = {
    "about/_index.md": '+++\ntitle = "About"\n+++\nAbout us.\n',
    "about/faq.md": '+++\ntitle = "FAQ"\nweight = 2\n+++\n## Membership\n\nText.\n\n### Fees {#fees}\n\nMore.\n',
    "blog/first-post.md": '+++\ntitle = "First post"\ndate = "2013-04-02 10:22:46 -0700"\n+++\nHello.\n',
}


def write_site(root: Path, pages: dict[str, str], config: str = MINI_CONFIG) -> Path:
    """Write a Hugo site: ``config.toml``, ``content/`` pages, a static image and PDF."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "config.toml").write_text(config, encoding="utf-8")
    for rel, text in {**MINI_PAGES, **pages}.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    (root / "static" / "img").mkdir(parents=True, exist_ok=True)
    (root / "static" / "img" / "a.png").write_bytes(PNG)
    (root / "static" / "file").mkdir(parents=True, exist_ok=True)
    (root / "static" / "file" / "doc.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return root


#: An entry of events.yaml that announces a conference (the web team's way to do it).
LISBON_2029 = """\
- id: iassist-2029
  kind: annual-conference
  title: IASSIST 2029
  start: '2029-06-05'
  end: '2029-06-08'
  city: Lisbon
  country: Portugal
  website: https://iassist2029.example.org/
  button: Go to the 2029 conference
"""


CONF_SHIM = f"""\
# Test source folder: run the handbook's own conf.py as if it stood here.
import runpy
globals().update({{k: v for k, v in runpy.run_path({str(REPO / "conf.py")!r}).items() if not k.startswith("__")}})
"""


def build(srcdir: Path, outdir: Path, builder: str = "dirhtml", parallel: int = 0,
          status: io.StringIO | None = None, confoverrides: dict | None = None) -> str:
    """Build ``srcdir`` with the handbook's conf.py (and ``confoverrides``) into ``outdir``;
    returns the warnings (``status``: where the build's other messages go).

    Uses :class:`sphinx.testing.util.SphinxTestApp`, which cleans docutils' global
    registries afterwards, so several builds can run in one test session."""
    (srcdir / "conf.py").write_text(CONF_SHIM, encoding="utf-8")
    warnings = io.StringIO()
    app = SphinxTestApp(
        builder, srcdir=srcdir, builddir=outdir.parent / f"{outdir.name}-build",
        status=status if status is not None else io.StringIO(),
        warning=warnings, confoverrides={"nitpicky": True, **(confoverrides or {})}, parallel=parallel,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    if outdir.exists():
        shutil.rmtree(outdir)
    shutil.move(str(app.outdir), outdir)
    return warnings.getvalue()


def build_in_place(srcdir: Path, builddir: Path, builder: str = "dirhtml") -> str:
    """Build ``srcdir`` (with its own conf.py) into ``builddir``/``builder``, keeping the
    environment there, so that a next call is a rebuild; returns the build's messages
    (``reading sources...``, ``updating environment: ...``)."""
    status = io.StringIO()
    app = SphinxTestApp(builder, srcdir=srcdir, builddir=builddir, status=status, warning=io.StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    return status.getvalue()


ROOTS = Path(__file__).resolve().parent / "roots"


def copy_root(tmp_path: Path, name: str) -> Path:
    """A writable copy of the test root ``tests/roots/test-<name>/`` (for tests that edit it)."""
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


def html_page(app, page: str):
    """The built page ``page`` of ``app`` (a path under its output folder), parsed."""
    from bs4 import BeautifulSoup

    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def docs_copy(tmp_path: Path) -> Path:
    """A copy of the committed ``docs/`` (the handbook's pages and the example site
    migrated) under ``tmp_path``, built with the handbook's conf.py."""
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    (docs / "conf.py").write_text(CONF_SHIM, encoding="utf-8")
    return docs


def new_docs(tmp_path: Path) -> Path:
    """A handbook source folder with the authored pages, as a fresh clone has it."""
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    for name in ("index.md", "member-guide.md"):
        shutil.copy(REPO / "docs" / name, docs / name)
    shutil.copytree(REPO / "docs" / "handbook", docs / "handbook")
    return docs


def skip_or_fail(message: str) -> None:
    """A tool a test needs is missing: skip the test on a maintainer's computer, fail it in
    CI (``CI`` set), where every tool must be there and no check may be skipped silently."""
    import os

    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def needs(tools: tuple[str, ...], install: str) -> None:
    """:func:`skip_or_fail` when any of the programs ``tools`` is missing, saying which make
    target (``install``) installs them."""
    missing = [t for t in tools if not shutil.which(t)]
    if missing:
        skip_or_fail(f"{', '.join(missing)} missing ({install})")


TEX_TOOLS = ("xelatex", "latexmk", "pdftotext")


def shell_env(**extra: str) -> dict[str, str]:
    """The environment of a maintainer's fresh shell for commands a test runs: this run's
    Read the Docs, make, Sphinx and ``SITE`` variables left out, the repository's
    virtualenv as ``VENV`` (so a checkout's Makefile does not install another), plus ``extra``."""
    import os

    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("READTHEDOCS", "MAKE", "MFLAGS", "SPHINX", "SITE"))}
    return {**env, "VENV": str(REPO / ".venv"), **extra}


def checkout(dest: Path) -> Path:
    """``dest`` made a fresh clone of this repository: its tracked and new (not ignored)
    files, committed in a new git repository, so ``git describe`` and tags work there.
    ``node_modules`` (ignored, installed by ``npm ci``) is linked, not copied."""
    import subprocess

    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                           capture_output=True, text=True, check=True).stdout.split("\0")
    for rel in filter(None, files):
        if (REPO / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, dest / rel)
    git = ["git", "-c", "user.name=Handbook tests", "-c", "user.email=tests@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=dest, check=True)
    subprocess.run(["git", "add", "-A"], cwd=dest, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "checkout"], cwd=dest, check=True)
    if (REPO / "node_modules").is_dir():
        (dest / "node_modules").symlink_to(REPO / "node_modules")
    return dest


@pytest.fixture
def mini_site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {})


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> tuple[Path, str, dict]:
    """The handbook's committed source, ``docs/`` (the example site migrated), built once
    as ``make html`` builds it: (output folder, warnings, the migration's report as JSON)."""
    import json

    tmp = tmp_path_factory.mktemp("example")
    docs = tmp / "docs"
    shutil.copytree(REPO / "docs", docs)
    report = json.loads((docs / "_data" / "migration-report.json").read_text(encoding="utf-8"))
    warnings = build(docs, tmp / "html", parallel=2)
    return tmp / "html", warnings, report


@pytest.fixture(scope="session")
def real_build(tmp_path_factory) -> tuple[Path, str, object]:
    """The real site (``../shared/corpus/iassist-site``) imported and built once:
    (output folder, warnings, report); skipped where the real site is not beside the repository."""
    if not REAL_SITE.is_dir():
        pytest.skip("the real site is not beside the repository")
    tmp = tmp_path_factory.mktemp("real")
    docs = new_docs(tmp)
    report = import_site(REAL_SITE, docs)
    warnings = build(docs, tmp / "html", parallel=3)
    return tmp / "html", warnings, report


__all__ = ["LISBON_2029", "shell_env", "skip_or_fail", "needs", "TEX_TOOLS", "checkout", "ROOTS", "copy_root", "html_page", "REPO", "EXAMPLE_SITE", "REAL_SITE", "write_site", "build", "docs_copy", "new_docs", "import_site"]

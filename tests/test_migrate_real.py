"""The real site (``../shared/corpus/iassist-site``) migrated into a fresh clone, as the
web team will do it once: then the Hugo site is moved away and the handbook is built,
edited and announced from ``docs/`` alone, with the commands of the maintainer guide.

The tests of this module run in order on one clone (``handbook``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ext.hugo_import.site import read_site

from .conftest import LISBON_2029, REAL_SITE, checkout, shell_env

pytestmark = pytest.mark.skipif(not REAL_SITE.is_dir(), reason="the real site is not beside the repository")

#: Files of a build that record the build, not the handbook (Sphinx's environment and
#: build information).
BUILD_RECORDS = (".doctrees", ".buildinfo")


class Handbook:
    """A fresh clone with the real site beside it (``../hugo-site``, then moved away)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = root.parent / "hugo-site"
        self.env = shell_env()

    def make(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(["make", *args], cwd=self.root, env=self.env, capture_output=True, text=True,
                                timeout=1200, check=False)
        if check:
            assert result.returncode == 0, f"make {' '.join(args)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        return result

    def page(self, url: str, build: str = "_build") -> BeautifulSoup:
        path = self.root / build / "html" / url.strip("/") / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def docs_bytes(self) -> dict[str, bytes]:
        docs = self.root / "docs"
        return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def handbook(tmp_path_factory) -> Handbook:
    tmp = tmp_path_factory.mktemp("real-migration")
    work = Handbook(checkout(tmp / "handbook"))
    shutil.copytree(REAL_SITE, work.site, symlinks=True)
    migrated = work.make("migrate", "SITE=../hugo-site")
    work.summary = migrated.stdout
    work.site = work.site.rename(tmp / "hugo-site-moved-away")
    return work


def test_the_migration_summary_says_what_was_written(handbook) -> None:
    summary = handbook.summary
    pages, events, programmes = map(int, re.search(r"(\d+) pages, (\d+) events, (\d+) programmes", summary).groups())
    assert pages > 700 and events > 60 and programmes == 25
    assert "each with file and line in docs/_data/migration-report.json" in summary
    # The example's pages that nobody edited made way for the site's; the handbook's own stayed.
    docs = handbook.root / "docs"
    assert not (docs / "conferences" / "conference-committees-2026.md").exists()
    assert not (docs / "blog" / "2019" / "10" / "01" / "new-website-launched.md").exists()
    assert (docs / "handbook" / "maintainer-guide.md").is_file()


def test_the_migrated_handbook_builds_without_the_hugo_site(handbook) -> None:
    """`make html` of docs/ alone: zero warnings (-W), no import, every published page at
    its Hugo URL."""
    result = handbook.make("html")
    assert "WARNING" not in result.stderr
    assert not (handbook.root / "_build" / "site-src").exists()
    outdir = handbook.root / "_build" / "html"
    site = read_site(handbook.site)
    missing = [p.url for p in site.pages.values() if not (outdir / p.url.strip("/") / "index.html").is_file()]
    assert missing == []


#: What differs, by design, between the migrated handbook and the transition preview of
#: the same site: a page of docs/ links to its file in the repository ("Edit this page"),
#: and a page committed in docs/ (the handbook's own) has a git date as "Last updated",
#: also in the sitemap; the preview's pages are in no repository. And Sphinx numbers
#: images that share a file name (``ddi.png``, ``ddi1.png``) in the order its parallel
#: readers meet them, which differs between any two builds: images are compared as a
#: set of files, and their numbers in the pages are left out. The import report page
#: names the import that wrote its report and the site's folder.
EXPLAINED = (
    (re.compile(r'<div class="edit-this-page">.*?</div>', re.DOTALL), ""),
    (re.compile(r'<div class="last-updated">.*?</div>', re.DOTALL), ""),
    (re.compile(r"<lastmod>[^<]*</lastmod>"), ""),
    (re.compile(r"(_images/[^\"/]*?)\d*\.(\w+)\""), r'\1.\2"'),
    # the import report page says which import wrote its report (the migration or the
    # preview's), from which folder, and the file it reads; its problems are the same
    (re.compile(r"<p>What the .*? found in the Hugo site .*?</p>", re.DOTALL), ""),
)


def test_the_migrated_handbook_is_the_transition_preview_of_the_same_site(handbook) -> None:
    """Byte for byte: building the migrated docs/ gives what previewing the Hugo site as
    it is gives, but for the records of the build itself and the differences explained
    in :data:`EXPLAINED`."""
    import difflib

    handbook.make("html", f"SITE={handbook.site}", "BUILDDIR=_build-preview")
    migrated, preview = handbook.root / "_build" / "html", handbook.root / "_build-preview" / "html"
    different = [rel for rel in differences(migrated, preview) if not rel.startswith("_images/")]
    assert different, "the edit links at least differ"
    assert images(migrated) == images(preview)

    def explained(path: Path) -> list[str]:
        text = path.read_text(encoding="utf-8")
        for pattern, replacement in EXPLAINED:
            text = pattern.sub(replacement, text)
        return text.splitlines()

    unexplained = {}
    for rel in different:
        ours, theirs = migrated / rel, preview / rel
        if not (ours.is_file() and theirs.is_file()):
            unexplained[rel] = "in one build only"
        elif explained(ours) != explained(theirs):
            unexplained[rel] = "\n".join(list(difflib.unified_diff(explained(ours), explained(theirs), lineterm=""))[:12])
    assert unexplained == {}


def differences(left: Path, right: Path) -> list[str]:
    """Files of two output folders that differ in their bytes, or are in one only (paths
    relative to them), but for :data:`BUILD_RECORDS`."""
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*")
                if p.is_file() and not set(p.relative_to(root).parts) & set(BUILD_RECORDS)}

    ours, theirs = files(left), files(right)
    return sorted(rel for rel in ours.keys() | theirs.keys()
                  if rel not in ours or rel not in theirs or ours[rel].read_bytes() != theirs[rel].read_bytes())


def images(outdir: Path) -> list[bytes]:
    """The bytes of every image in ``outdir/_images``, sorted."""
    return sorted(p.read_bytes() for p in (outdir / "_images").iterdir())


MISTAKES = """\
- id: iassist-2030
  kind: annual-conferense
  title: IASSIST 2030
  start: '2030-02-30'
"""

TODAY = "-D events_today=2028-12-01"


def test_one_entry_announces_a_conference(handbook) -> None:
    """A 2029 conference in Lisbon added to events.yaml: an upcoming card with its button on
    /conferences/, an entry in events.ics, JSON-LD. A second entry with an impossible date
    and an unknown kind: two warnings naming events.yaml and their lines, nothing else lost."""
    events = handbook.root / "docs" / "_data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("\nevents:\n", "\nevents:\n" + LISBON_2029 + MISTAKES, 1), encoding="utf-8")
    lines = events.read_text(encoding="utf-8").splitlines()
    kind_line = lines.index("  kind: annual-conferense") + 1
    date_line = lines.index("  start: '2030-02-30'") + 1

    result = handbook.make("html", f"SPHINXOPTS=-W --keep-going -n {TODAY}", check=False)
    assert result.returncode != 0  # a mistake in docs/ fails the build...
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert len(warnings) == 2, warnings
    assert any(f"events.yaml:{kind_line}:" in w and "annual-conferense" in w and "[events.unknown-kind]" in w
               for w in warnings), warnings
    assert any(f"events.yaml:{date_line}:" in w and "2030-02-30" in w and "[events.bad-date]" in w
               for w in warnings), warnings

    # ...and the rest of the handbook is built, the new conference with it.
    conferences = handbook.page("/conferences/")
    cards = conferences.select(".sd-card")
    lisbon = [card for card in cards if "Lisbon" in card.get_text()]
    assert len(lisbon) == 1
    assert lisbon[0].select_one("a.events-button")["href"] == "https://iassist2029.example.org/"
    assert "Go to the 2029 conference" in lisbon[0].get_text()
    first_grid = conferences.select_one(".events-grid, .sd-container-fluid")
    assert "Lisbon" in first_grid.get_text()  # among the upcoming ones, at the top
    calendar = (handbook.root / "_build" / "html" / "events.ics").read_text(encoding="utf-8")
    assert "Lisbon" in calendar and "20290605" in calendar
    jsonld = " ".join(s.get_text() for s in conferences.find_all("script", type="application/ld+json"))
    assert '"startDate": "2029-06-05"' in jsonld and "Lisbon" in jsonld
    assert "2030" not in " ".join(card.get_text() for card in cards)

    events.write_text(events.read_text(encoding="utf-8").replace(MISTAKES, ""), encoding="utf-8")
    handbook.make("html", f"SPHINXOPTS=-W --keep-going -n {TODAY}")


def test_editing_one_page_rebuilds_it(handbook) -> None:
    faq = handbook.root / "docs" / "about" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\nA question the web team answered in the handbook.\n",
                   encoding="utf-8")
    result = handbook.make("html", f"SPHINXOPTS=-W --keep-going -n {TODAY}")
    assert re.search(r"1 changed", result.stdout), result.stdout[-2000:]
    assert "A question the web team answered" in handbook.page("/about/faq/").get_text()


def test_migrating_again_refuses_and_names_the_edited_files(handbook) -> None:
    before = handbook.docs_bytes()
    result = handbook.make("migrate", f"SITE={handbook.site}", check=False)
    assert result.returncode != 0
    assert "migrate: refused. 2 files" in result.stdout
    assert "docs/_data/events.yaml\n" in result.stdout and "docs/about/faq.md\n" in result.stdout
    assert handbook.docs_bytes() == before

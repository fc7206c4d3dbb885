"""Every command of the maintainer guide (docs/handbook/maintainer-guide.md), run as written.

The guide is for people who are not Sphinx experts: when it says "run this", it must work.
The tests below run each ``sh`` command of the guide, in the guide's order, in a fresh
checkout of the repository (``checkout`` in conftest.py), with ``path/to/hugo-site`` read as
a Hugo site beside it (the example site with a page of its own), and the example snippets of
the guide (the events, the programme, its page, the blog post) written into ``docs/`` as the
guide says. Each test checks what a maintainer would look at: the page served, the card,
the PDF, the version.
``test_the_guide_has_no_command_without_a_test`` fails when a command is added to the guide
without a test here.
"""

from __future__ import annotations

import http.client
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from .conftest import EXAMPLE_SITE, REPO, TEX_TOOLS, checkout, needs, shell_env

GUIDE = REPO / "docs" / "handbook" / "maintainer-guide.md"
SITE = "../hugo-site"  # what the guide calls path/to/hugo-site, beside the checkout
CHECK_TOOLS = ("chromium", "java", "node", "npm")
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Web team", "GIT_AUTHOR_EMAIL": "web@example.org",
                "GIT_COMMITTER_NAME": "Web team", "GIT_COMMITTER_EMAIL": "web@example.org"}


def fences(info: str) -> list[str]:
    """The contents of the guide's fenced blocks whose info string is ``info``, in order."""
    tokens = MarkdownIt("commonmark").parse(GUIDE.read_text(encoding="utf-8"))
    return [t.content for t in tokens if t.type == "fence" and t.info.strip() == info]


def guide_commands() -> list[str]:
    """Every shell command of the guide (one per line of its ``sh`` blocks), in order."""
    return [line.strip() for block in fences("sh") for line in block.splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    """The body of ``url``, or None while nothing answers there, or while the page is
    being written (the server gave the length of the file, then found it shorter)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (OSError, http.client.IncompleteRead):
        return None


def wait_for(predicate, timeout: float, what: str):
    """Poll ``predicate`` every 0.2 s until it returns something true; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"waited {timeout:.0f} s for {what}")


class Workspace:
    """A fresh checkout where the guide's commands run, with the repository's virtualenv."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = shell_env()

    def command(self, guide_line: str, **substitutions: str) -> list[str]:
        """The guide's command line as argv, ``path/to/hugo-site`` read as the example site."""
        assert guide_line in guide_commands(), f"not a command of the guide: {guide_line}"
        line = guide_line.replace("path/to/hugo-site", SITE)
        for old, new in substitutions.items():
            line = line.replace(old, new)
        return shlex.split(line)

    def run(self, guide_line: str, timeout: float = 600, **substitutions: str) -> str:
        """Run a command of the guide to its end; returns its output, fails on a non-zero exit."""
        result = subprocess.run(self.command(guide_line, **substitutions), cwd=self.root, env=self.env,
                                capture_output=True, text=True, timeout=timeout, check=False)
        assert result.returncode == 0, f"{guide_line}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        return result.stdout + result.stderr

    @contextmanager
    def serve(self, guide_line: str, **kwargs):
        """Start a long-running command of the guide (a server) and stop it afterwards."""
        process = subprocess.Popen(self.command(guide_line, **kwargs.pop("substitutions", {})), cwd=self.root,
                                   env={**self.env, **kwargs}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            yield process
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def page(self, url: str) -> BeautifulSoup:
        path = self.root / "_build" / "html" / url.strip("/") / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Workspace:
    return Workspace(checkout(tmp_path_factory.mktemp("guide") / "handbook"))


# The commands, in the guide's order. Each test names the command it runs.

def test_build_the_handbook(work) -> None:
    work.run("make html")
    assert work.page("/about/").h1.get_text(strip=True).startswith("About")
    assert not (work.root / "_build" / "site-src").exists()  # docs/ is built as it is: no import


def test_look_at_it_in_a_browser(work) -> None:
    port = free_port()
    with work.serve("python3 -m http.server --bind 127.0.0.1 -d _build/html 8000",
                    substitutions={" 8000": f" {port}"}):
        body = wait_for(lambda: fetch(f"http://127.0.0.1:{port}/about/"), 30, "the server")
    assert "<h1>About" in body


def test_live_preview_reloads_after_an_edit(work) -> None:
    port = free_port()
    with work.serve("make livehtml", LIVEPORT=str(port)) as server:
        url = f"http://127.0.0.1:{port}"
        first = wait_for(lambda: server.poll() is None and fetch(f"{url}/about/faq/"), 300, "the live preview")
        assert "/websocket-reload" in first  # the page reloads itself when the build changes it
        faq = work.root / "docs" / "about" / "faq.md"
        for save in ("Saved while the preview ran.", "Saved again."):
            faq.write_text(faq.read_text(encoding="utf-8") + f"\n{save}\n", encoding="utf-8")
            wait_for(lambda: save in (fetch(f"{url}/about/faq/") or ""), 60, "the edited page")
    subprocess.run(["git", "checkout", "-q", "--", "docs/about/faq.md"], cwd=work.root, check=True)
    log = server.stdout.read().decode()
    # each save rebuilt in the server's warm process, not in a new sphinx-build
    assert log.count("Rebuilding (warm)...") >= 2 and "Traceback" not in log, log[-3000:]


def test_start_from_the_hugo_site(work) -> None:
    site = work.root.parent / "hugo-site"
    shutil.copytree(EXAMPLE_SITE, site)
    (site / "content" / "about" / "history.md").write_text(
        '+++\ntitle = "Our history"\n+++\nFounded in 1974, in a room full of punched cards.\n', encoding="utf-8")
    own = {rel: (work.root / "docs" / rel).read_bytes() for rel in ("index.md", "member-guide.md")}

    dry = work.run("make migrate SITE=path/to/hugo-site DRY_RUN=1")
    assert "would write 1 new" in dry and "new: about/history.md" in dry
    assert not (work.root / "docs" / "about" / "history.md").exists()

    out = work.run("make migrate SITE=path/to/hugo-site")
    assert "pages," in out and "17 events" in out and "3 programmes" in out
    assert "docs/_data/migration-report.json" in out
    assert {rel: (work.root / "docs" / rel).read_bytes() for rel in own} == own
    work.env.update(GIT_IDENTITY)
    work.run("git add docs")
    work.run('git commit -m "Migrate the Hugo site"')
    assert "docs/about/history.md" in subprocess.run(["git", "show", "--stat", "HEAD"], cwd=work.root,
                                                     capture_output=True, text=True, check=True).stdout
    shutil.rmtree(site)  # the Hugo site is no longer needed
    work.run("make html")
    assert "punched cards" in work.page("/about/history/").get_text()


def test_add_events_a_programme_and_a_blog_post(work) -> None:
    conference, workshop, programme_keys = fences("yaml")
    archive_page, post = fences("text")
    docs = work.root / "docs"
    # The guide: the entries at the top of the list, the programme's keys in its conference's entry.
    events = docs / "_data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=events.schema.json\n")
    entries = conference + programme_keys + workshop
    events.write_text(text.replace("\nevents:\n", "\nevents:\n" + entries, 1), encoding="utf-8")
    # The guide: a programme "in the same shape as the earlier years", and its page.
    programme = json.loads((docs / "_data" / "programmes" / "2025-Bristol.json").read_text(encoding="utf-8"))
    (docs / "_data" / "programmes" / "2028-Lisbon.json").write_text(json.dumps(programme), encoding="utf-8")
    (docs / "conferences" / "archive" / "2028-lisbon.md").write_text(archive_page, encoding="utf-8")
    # The guide: the blog post at the place its address says.
    post_path = docs / "blog" / "2027" / "05" / "25" / "our-new-handbook.md"
    post_path.parent.mkdir(parents=True)
    post_path.write_text(post, encoding="utf-8")

    work.run('make html SPHINXOPTS="-W --keep-going -n -D events_today=2028-06-05"')

    cards = work.page("/conferences/").select(".sd-card")
    lisbon = next(c for c in cards if "Lisbon" in c.get_text())
    assert "May 30" in lisbon.get_text() and "June 2, 2028" in lisbon.get_text()
    assert lisbon.select_one("a.events-button")["href"] == "https://iassist2028.example.org/"
    accra = next(c for c in cards if "Accra" in c.get_text())
    assert "October 10" in accra.get_text()
    archive = work.page("/conferences/archive/2028-lisbon/")
    assert archive.select("article.programme-presentation")
    assert "2028-lisbon" in str(work.page("/conferences/archive/").select("a"))
    assert "Lisbon" in (work.root / "_build" / "html" / "events.ics").read_text(encoding="utf-8")
    blog = work.page("/blog/2027/05/25/our-new-handbook/")
    assert blog.h1.get_text(strip=True).startswith("Our new handbook")
    assert "our-new-handbook" in str(work.page("/blog/").select("a"))
    assert "our-new-handbook" in str(work.page("/tags/website/").select("a"))


def test_print_the_member_guide(work) -> None:
    needs(TEX_TOOLS, "make tex-deps")
    work.run("make tex-deps")
    work.run("make latexpdf")
    pdf = work.root / "_build" / "latex" / "iassist-member-guide.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "IASSIST Member Guide" in text and "Lisbon" in text


def test_publish_a_version(work, tmp_path) -> None:
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    subprocess.run(["git", "remote", "add", "origin", str(origin)], cwd=work.root, check=True)
    work.env.update(GIT_IDENTITY)
    subprocess.run(["git", "add", "-A"], cwd=work.root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "The 2028 conference"], cwd=work.root, env=work.env, check=True)
    work.run('git tag -a 2027.1 -m "Handbook 2027.1"')
    work.run("git push origin 2027.1")
    tags = subprocess.run(["git", "tag"], cwd=origin, capture_output=True, text=True, check=True).stdout
    assert tags.split() == ["2027.1"]
    work.run("make html")
    assert work.page("/about/").select_one(".handbook-version").get_text(strip=True) == "Handbook version 2027.1"


def test_run_the_tests(work) -> None:
    needs(CHECK_TOOLS, "make check-deps")
    work.run("make check-deps")
    output = work.run("make test", **{"make test": "make test PYTEST_ARGS=tests/test_readthedocs.py::"
                                                   "test_readthedocs_config_passes_the_read_the_docs_schema"})
    assert "1 passed" in output


RUN_HERE = {
    "make html", "python3 -m http.server --bind 127.0.0.1 -d _build/html 8000", "make livehtml",
    "make migrate SITE=path/to/hugo-site DRY_RUN=1", "make migrate SITE=path/to/hugo-site", "git add docs",
    'git commit -m "Migrate the Hugo site"',
    'make html SPHINXOPTS="-W --keep-going -n -D events_today=2028-06-05"',
    "make tex-deps", "make latexpdf", 'git tag -a 2027.1 -m "Handbook 2027.1"',
    "git push origin 2027.1", "make check-deps", "make test",
}


def test_the_guide_has_no_command_without_a_test() -> None:
    assert set(guide_commands()) == RUN_HERE

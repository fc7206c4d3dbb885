"""The quality gates' fixtures: the example site served over HTTP, one Chromium for the
session (Playwright), each page type visited once per view (desktop, phone, dark mode:
console, requests, screenshot, axe-core), and one run of the Nu HTML checker over the
same pages.

Missing tools (Chromium, Java, node_modules) skip the gates locally and fail them when
the environment variable ``CI`` is set: :func:`require_tool`.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import pytest

from ..conftest import skip_or_fail

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: Where the screenshots go, for people to look at (``_build/`` is ignored by git).
SCREENSHOTS = REPO / "_build" / "screenshots"
#: Screen widths (CSS px) and the viewport height used with each.
WIDTHS = {1280: 800, 390: 844}
#: How every page type is seen: (width, colour scheme). furo follows the system's dark
#: mode, so colour contrast is checked in both schemes.
VIEWS = [(1280, "light"), (390, "light"), (1280, "dark")]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
#: The WCAG levels the accessibility gate checks.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: The only host pages may load from.
LOCAL_HOST = "127.0.0.1"
#: Loads from other hosts that a page type makes on purpose: page type -> {host: why}.
#: They are answered here with an empty page (:data:`STUB_PAGE`), never from the network,
#: so the gates stay offline and deterministic. Every other host is aborted and reported.
ALLOWED_OUTSIDE_HOSTS: dict[str, dict[str, str]] = {
    "embed": {"www.youtube-nocookie.com": "the webinar recordings: ext/embeds' privacy-enhanced YouTube player"},
    "calendar": {"calendar.google.com": "the events calendar: the event-calendar shortcode's Google Calendar"},
    "form": {"docs.google.com": "the contact form: a Google Form in an iframe"},
    "map": {"www.openstreetmap.org": "the conference venue: an OpenStreetMap map in an iframe"},
}
#: URL schemes of the browser's own resources, never the network.
BROWSER_SCHEMES = {"chrome", "chrome-extension"}
STUB_PAGE = "<!DOCTYPE html><html lang=en><title>Embedded page</title></html>"
#: One page of every page type of the example site: name -> URL path. The redirect
#: page is found in the build (:func:`find_redirect_page`).
PAGE_TYPES = {
    "home": "/",
    "page": "/about/",
    "conferences": "/conferences/",
    "event": "/conferences/iassist2025/",
    "programme": "/conferences/archive/2024-halifax/",
    "people": "/conferences/archive/people/",
    "blog": "/blog/",
    "post": "/blog/2024/06/19/first-conference-notes-halifax/",
    "tag": "/tags/canada/",
    "search": "/search/?q=conference",
    "notfound": "/404/",
    "member-guide": "/member-guide/",
    "embed": "/community/iassist-webinars/",
    "calendar": "/community/calendar/",
    "form": "/contact/",
    "map": "/conferences/iassist2025/maps-and-local-information/",
}
#: Every page type the gates check: the above and a redirect page.
ALL_PAGE_TYPES = [*PAGE_TYPES, "redirect"]
#: Pages that finish drawing after "load": name -> JavaScript condition to wait for.
READY = {"search": "document.querySelector('#search-results .search-summary')?.textContent.length > 0"}
#: What ext/redirects.py writes into each redirect page.
REDIRECT_MARKER = '<meta name="generator" content="handbook-redirects">'


def require_tool(available: bool, what: str) -> None:
    """Go on when a gate's tool is there; else skip the test, or fail it when ``CI`` is set
    (CI must never skip a gate silently)."""
    if available:
        return
    skip_or_fail(f"{what} is missing: `make check-deps` installs Chromium, Java and Node.js, "
                 "`make test` installs node_modules (axe-core, vnu-jar)")


def chromium_path() -> str | None:
    """Debian's Chromium (``make check-deps``), or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


# -- The pages -------------------------------------------------------------------------

@dataclass(frozen=True)
class PageType:
    """One page standing for a kind of page: its name, URL path (with a query for the
    search page), built file, for a redirect page the URL path it leads to, and a
    JavaScript condition that is true once the page has drawn itself."""

    name: str
    path: str
    file: Path
    redirect_to: str | None = None
    ready: str | None = None


def _built_file(outdir: Path, path: str) -> Path:
    """The file the dirhtml build wrote for the URL path ``path``."""
    relative = urlsplit(path).path.lstrip("/")
    return outdir / (relative if relative.endswith(".html") else relative + "index.html")


def find_redirect_page(outdir: Path) -> PageType:
    """The first (by path) redirect page ext/redirects.py wrote, with its target."""
    for file in sorted(outdir.rglob("*.html")):
        text = file.read_text(encoding="utf-8")
        if REDIRECT_MARKER in text:
            target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', text)
            assert target, f"{file}: a redirect page without a meta refresh"
            relative = file.relative_to(outdir).as_posix()
            path = "/" + (relative[: -len("index.html")] if relative.endswith("/index.html") else relative)
            return PageType("redirect", path, file, urlsplit(urljoin(path, target.group(1))).path)
    raise AssertionError("the build wrote no redirect page")


@pytest.fixture(scope="package")
def page_types(example_build) -> dict[str, PageType]:
    """Every page type of the example build: name -> :class:`PageType` (the files exist)."""
    outdir = example_build[0]
    found = {name: PageType(name, path, _built_file(outdir, path), ready=READY.get(name))
             for name, path in PAGE_TYPES.items()}
    found["redirect"] = find_redirect_page(outdir)
    missing = [f"{p.name}: {p.file}" for p in found.values() if not p.file.is_file()]
    assert not missing, f"page types not in the build: {missing}"
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, without a log line per request."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="package")
def site_url(example_build):
    """The example build served over HTTP on 127.0.0.1 (an ephemeral port): its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(example_build[0]))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="quality-site", daemon=True)
    thread.start()
    yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# -- The browser -----------------------------------------------------------------------

@pytest.fixture(scope="package")
def browser(request):
    """One headless Chromium (Debian's, driven by Playwright) for the gates of this package;
    it is closed after them, so no later test forks workers beside Playwright's threads.

    Started after the example build: the build forks worker processes, which must not
    inherit Playwright's threads. Without Chromium, the build is not waited for."""
    executable = chromium_path()
    require_tool(executable is not None, "Chromium")
    request.getfixturevalue("example_build")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - requirements.txt pins it
        require_tool(False, "The Python package playwright")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Recorder:
    """What one page did wrong: console errors, uncaught exceptions and requests to
    hosts other than 127.0.0.1 (those are aborted)."""

    allowed_hosts: dict[str, str] = field(default_factory=dict)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    stubbed_requests: list[str] = field(default_factory=list)

    def guard(self, route) -> None:
        """Route handler: let 127.0.0.1 and the browser's own pages (its PDF viewer, for an
        embedded PDF) through, answer allowed hosts with :data:`STUB_PAGE`, abort (and
        note) the rest."""
        url = urlsplit(route.request.url)
        host = url.hostname
        if host == LOCAL_HOST or url.scheme in BROWSER_SCHEMES:
            route.continue_()
        elif host in self.allowed_hosts:
            self.stubbed_requests.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body=STUB_PAGE)
        else:
            self.outside_requests.append(route.request.url)
            route.abort()

    def watch(self, page) -> None:
        """Record ``page``'s console errors, uncaught exceptions and requests to other hosts."""
        page.route("**/*", self.guard)
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(
            f"{m.text} ({m.location.get('url', '')}:{m.location.get('lineNumber', '')})"))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def problems(self) -> list[str]:
        """Everything recorded, one line each."""
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"uncaught exception: {m}" for m in self.page_errors]
                + [f"request to another host: {u}" for u in self.outside_requests])


def new_context(browser, width: int = 1280, scheme: str = "light"):
    """A fresh browser context, ``width`` CSS px wide, in the ``scheme`` colour scheme;
    narrower than 600 px it is a phone (touch, and the page's viewport meta applies)."""
    phone = width < 600
    return browser.new_context(viewport={"width": width, "height": WIDTHS.get(width, 800)},
                               device_scale_factor=1, reduced_motion="reduce", color_scheme=scheme,
                               is_mobile=phone, has_touch=phone)


def watched_page(context, allowed_hosts: dict[str, str] | None = None):
    """A new page of ``context`` whose requests to other hosts are aborted (those to
    ``allowed_hosts`` answered with a stub); its :class:`Recorder`, ``page.recorder``,
    notes them and the console errors."""
    page = context.new_page()
    page.recorder = Recorder(allowed_hosts=allowed_hosts or {})
    page.recorder.watch(page)
    return page


def _fresh_page(browser, width: int):
    """A page in a context of its own, ``width`` px wide; ``page.recorder`` holds what went wrong."""
    context = new_context(browser, width)
    page = watched_page(context)
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def site_page(browser, site_url):
    """A fresh desktop-wide (1280 px) page; ``site_page.recorder`` holds what went wrong."""
    context, page = _fresh_page(browser, 1280)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, site_url):
    """A fresh phone-wide (390 px) page; ``phone_page.recorder`` holds what went wrong."""
    context, page = _fresh_page(browser, 390)
    yield page
    context.close()


#: Resolves once the web fonts are in and the page has been drawn after "load".
SETTLED = "() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50))))"
AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       targets: v.nodes.map(n => n.target.join(' '))}));
}"""


@dataclass
class Visit:
    """One page type seen in the browser in every view of :data:`VIEWS`: what went wrong,
    the axe-core violations (rule id -> impact, help, target selectors, views; None
    without axe-core), the screenshots written, how wide the page is at each screen
    width, and the requests to allowed other hosts (answered with a stub)."""

    page_type: PageType
    problems: list[str] = field(default_factory=list)
    violations: dict[str, dict] | None = None
    screenshots: list[Path] = field(default_factory=list)
    scroll_widths: dict[int, int] = field(default_factory=dict)
    stubbed_requests: list[str] = field(default_factory=list)


def _visit(context, site_url: str, page_type: PageType, width: int, scheme: str, visit: Visit) -> None:
    """Load one page in one view: screenshot it, run axe-core on it, note what went wrong.
    A redirect page is held (its target answers 204 No Content) so that it is itself seen."""
    view = f"{width} px" + ("" if scheme == "light" else f" {scheme}")
    page = watched_page(context, ALLOWED_OUTSIDE_HOSTS.get(page_type.name))
    page.set_default_timeout(15_000)
    if page_type.redirect_to:
        page.route(site_url + page_type.redirect_to, lambda route: route.fulfill(status=204))
    page.goto(site_url + page_type.path, wait_until="load")
    page.evaluate(SETTLED)
    if page_type.ready:
        page.wait_for_function(page_type.ready)
    visit.scroll_widths[width] = page.evaluate("document.documentElement.scrollWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / (f"{page_type.name}-{width}.png" if scheme == "light" else f"{page_type.name}-{width}-{scheme}.png")
    page.screenshot(path=str(shot), full_page=True, animations="disabled")
    visit.screenshots.append(shot)
    if AXE_JS.is_file():
        page.add_script_tag(path=str(AXE_JS))
        if visit.violations is None:
            visit.violations = {}
        for violation in page.evaluate(AXE_RUN, AXE_TAGS):
            seen = visit.violations.setdefault(violation["id"], {**violation, "targets": [], "views": []})
            seen["views"].append(view)
            seen["targets"] += [t for t in violation["targets"] if t not in seen["targets"]]
    page.close()
    visit.stubbed_requests += [u for u in page.recorder.stubbed_requests if u not in visit.stubbed_requests]
    for problem in page.recorder.problems():
        line = f"{problem} ({view})"  # once, though the browser may ask for a file twice
        if line not in visit.problems:
            visit.problems.append(line)


@pytest.fixture(scope="package")
def page_visits(browser, site_url, page_types) -> dict[str, Visit]:
    """Every page type loaded once in each view of :data:`VIEWS` (one context per view):
    name -> :class:`Visit`. Screenshots land in ``_build/screenshots/<name>-<width>.png``
    (``<name>-<width>-dark.png`` in dark mode)."""
    visits = {name: Visit(page_type) for name, page_type in page_types.items()}
    for width, scheme in VIEWS:
        context = new_context(browser, width, scheme)
        try:
            for name, page_type in page_types.items():
                _visit(context, site_url, page_type, width, scheme, visits[name])
        finally:
            context.close()
    return visits


# -- The Nu HTML checker ---------------------------------------------------------------

@pytest.fixture(scope="package")
def vnu_messages(request) -> dict[Path, list[dict]]:
    """The Nu HTML checker's errors for every page type's file, in one Java run:
    built file -> its messages (``message``, ``lastLine``, ``extract``...)."""
    java = shutil.which("java")
    require_tool(java is not None, "Java")
    require_tool(VNU_JAR.is_file(), "node_modules/vnu-jar")
    page_types = request.getfixturevalue("page_types")
    files = [page_type.file.resolve() for page_type in page_types.values()]
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout",
                          *map(str, files)], capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(run.stdout)["messages"]
    except (ValueError, KeyError) as error:
        raise AssertionError(f"vnu gave no JSON report ({error}): {run.stdout[:500]} {run.stderr[:500]}") from None
    found: dict[Path, list[dict]] = {file: [] for file in files}
    for message in messages:
        file = Path(url2pathname(urlsplit(message.get("url", "")).path))
        found.setdefault(file, []).append(message)
    return found

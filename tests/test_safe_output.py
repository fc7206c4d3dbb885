"""Safe output: the built handbook runs no code but Sphinx's, furo's and its own, and
leaks no secret of the site's config.toml (the example site always, the real one when present)."""

from __future__ import annotations

import runpy

from ext.embeds import DEFAULT_IFRAME_HOSTS

from .conftest import EXAMPLE_SITE, REAL_SITE, REPO
from .site_checks import config_secrets, unsafe_output


def iframe_hosts() -> tuple[str, ...]:
    """The iframe allow-list the handbook's conf.py builds with."""
    return tuple(runpy.run_path(str(REPO / "conf.py")).get("embeds_iframe_hosts", DEFAULT_IFRAME_HOSTS))


def test_example_handbook_output_is_safe(example_build) -> None:
    outdir, _warnings, _report = example_build
    assert unsafe_output(outdir, iframe_hosts(), config_secrets(EXAMPLE_SITE / "config.toml")) == []


def test_real_handbook_output_is_safe(real_build) -> None:
    outdir, _warnings, _report = real_build
    secrets = config_secrets(REAL_SITE / "config.toml")
    assert len(secrets) >= 2  # the analytics id and the maps API key
    assert unsafe_output(outdir, iframe_hosts(), secrets) == []


def test_the_gate_finds_unsafe_output(tmp_path) -> None:
    """The check itself: each kind of unsafe output in a page is found."""
    page = tmp_path / "p" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<script src="https://tracker.example/t.js"></script><script>alert(1)</script>'
        '<img src="a.png" onerror="alert(1)"><a href="javascript:alert(1)">x</a>'
        '<iframe src="https://evil.example/"></iframe><a href="https://a.example/" target="_blank">y</a>'
        "<p>key AIzaSyTEST1234</p>", encoding="utf-8")
    found = unsafe_output(tmp_path, ("youtube.com",), ["AIzaSyTEST1234"])
    assert [f.split(": ", 1)[1].split(" ")[0] for f in found] == [
        "a", "script", "inline", "<img", "javascript:", "iframe", "target=_blank"]

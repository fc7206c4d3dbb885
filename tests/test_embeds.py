"""Embeds: what an untitled ``{iframe}`` is called."""

from __future__ import annotations

import pytest

from ext.embeds import iframe_title


@pytest.mark.parametrize(("uri", "title"), [
    ("https://www.google.com/maps/embed?pb=!1m18", "Map (Google Maps)"),
    ("https://www.google.com/maps/d/embed?mid=1qw", "Map (Google Maps)"),
    ("https://www.openstreetmap.org/export/embed.html?bbox=1", "Map (OpenStreetMap)"),
    ("https://docs.google.com/forms/d/e/ID/viewform?embedded=true", "Form (Google Forms)"),
    ("https://calendar.google.com/calendar/embed?src=a", "Calendar (Google Calendar)"),
    ("https://www.google.com/search?q=maps", "Embedded page (google.com)"),
    ("https://docs.google.com/document/d/ID", "Embedded page (docs.google.com)"),
])
def test_an_untitled_iframe_is_called_what_it_shows(uri: str, title: str) -> None:
    assert iframe_title(uri) == title


@pytest.mark.sphinx("html", testroot="embeds", freshenv=True)
def test_a_youtube_argument_that_is_no_video_id_is_a_located_warning(app) -> None:
    """Only a video ID reaches the player's URL: text that would change the URL (a
    quote, a path, a query) is one warning at its line and no player; the page builds."""
    from pathlib import Path

    from bs4 import BeautifulSoup
    from sphinx.util.console import strip_escape_sequences

    app.build()
    warnings = [line.split("WARNING: ")[-1] for line in strip_escape_sequences(app.warning.getvalue()).splitlines()]
    located = [line.split(": WARNING")[0].rsplit(":", 1)[-1] for line in strip_escape_sequences(app.warning.getvalue()).splitlines()]
    assert warnings == [
        "'abc\"onload=\"alert(1)' is no YouTube video ID (letters, digits, - and _); no video shown [embeds.youtube-id]",
        "'../../watch?v=x' is no YouTube video ID (letters, digits, - and _); no video shown [embeds.youtube-id]",
    ]
    assert located == ["7", "10"]
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [frame["src"] for frame in page.find_all("iframe")] == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]
    assert "alert" not in str(page) and "Text after the embeds." in page.get_text()


@pytest.mark.parametrize(("url", "allowed"), [
    ("https://www.google.com/maps/embed?pb=1", True),
    ("https://www.google.com/search?q=embed", False),
    ("https://youtu.be/dQw4w9WgXcQ", False),
    ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", True),
    ("//www.openstreetmap.org/export/embed.html", True),
])
def test_the_converter_and_the_build_allow_the_same_embeds(url: str, allowed: bool) -> None:
    """One list (:data:`ext.shared.embeds.IFRAME_HOSTS`): what the import keeps as an
    embed, the build shows as one with its default ``embeds_iframe_hosts``."""
    from ext.embeds import DEFAULT_IFRAME_HOSTS
    from ext.shared.embeds import iframe_allowed

    assert iframe_allowed(url) is allowed
    assert iframe_allowed(url, DEFAULT_IFRAME_HOSTS) is allowed

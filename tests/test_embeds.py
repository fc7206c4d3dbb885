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

"""The About page as the project first saw it (a seed page): every element comes out right."""

from __future__ import annotations

from pathlib import Path

import pytest

from ext.hugo_import.importer import import_site

from .test_import_events import SEEDS, site_with_conference_page

ABOUT_SEEDS = [p for p in sorted(SEEDS.glob("*.txt")) if 'title = "About IASSIST"' in p.read_text(encoding="utf-8")] if SEEDS.is_dir() else []


@pytest.mark.skipif(not ABOUT_SEEDS, reason="needs ../shared/seeds and the real site")
def test_about_seed_converts_every_element(tmp_path: Path) -> None:
    source = ABOUT_SEEDS[0].read_text(encoding="utf-8")
    dest = tmp_path / "docs"
    report = import_site(site_with_conference_page(tmp_path, source, "about/_index.md"), dest)
    myst = (dest / "about" / "index.md").read_text(encoding="utf-8")
    assert not [p for p in report.problems if p.file == "content/about/_index.md"]
    # front matter kept as metadata, title as H1, headings normalised to start at ##
    assert "oldpath: /about/index.html" in myst and "description: This is IASSIST" in myst
    assert "\n# About IASSIST\n" in myst and "\n## Expertise and Colleagues\n" in myst and "\n## Goals\n" in myst
    # entities, links with titles to pages of the site, emphasis
    assert '**» [Join IASSIST](become-a-member.md "More information on becoming a member")**' in myst
    assert '[Read more ](../conferences/index.md "Read more about our annual conference")' in myst
    assert "*Numbers represent averages in early 2019.*" in myst
    # four figure shortcodes: each an image with its alt text and width, none lost
    assert myst.count(":::{image} /_site_static/img/about/") == 4
    assert myst.count(":width: 500px") == 3 and ":width: 450px" in myst
    assert "{{<" not in myst and "<br" not in myst and "&raquo;" not in myst
    # lists
    assert "- Data archivists" in myst and "- Advance infrastructure in the social sciences" in myst

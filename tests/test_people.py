"""The people index of the conference programmes (``{presenter-index}``)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from ext.programmes.people import display_name, group_people, person_key


def test_one_key_per_person_however_the_name_is_written() -> None:
    forms = ["Welch, Matthew", "Matthew Welch", "WELCH,  Matthew.", "Welch, Dr. Matthew", "Wélch, Matthew"]
    assert {person_key(name) for name in forms} == {("welch", "matthew")}
    assert person_key("Plato") == ("plato", "")
    assert display_name("Matthew  Welch") == "Welch, Matthew"


def test_people_are_grouped_with_their_talks_newest_first() -> None:
    entries = [
        {"programme": "2019-sydney", "title": "Old talk", "docname": "a", "anchor": "p1",
         "presenters": [["Welch, Matthew", "World Data Lab"], ["Doe, Jane", ""]]},
        {"programme": "2024-halifax", "title": "New talk", "docname": "b", "anchor": "p2",
         "presenters": [["Matthew Welch", "World Data Lab"], ["", "Nobody"]]},
    ]
    people = group_people(entries)
    assert list(people) == [("doe", "jane"), ("welch", "matthew")]
    welch = people[("welch", "matthew")]
    assert welch["name"] == "Welch, Matthew" and welch["institutions"] == ["World Data Lab"]
    assert [talk[:2] for talk in welch["talks"]] == [("2024", "New talk"), ("2019", "Old talk")]


def test_example_people_page_links_each_talk_to_its_programme(example_build) -> None:
    outdir, _warnings, _report = example_build
    page = outdir / "conferences" / "archive" / "people" / "e" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = soup.select("ul.presenter-index a.reference.internal")
    assert links
    for link in links:
        target, _, anchor = link["href"].partition("#")
        programme = (page.parent / target / "index.html").resolve()
        assert f'id="{anchor}"' in programme.read_text(encoding="utf-8"), link["href"]
    archive = (outdir / "conferences" / "archive" / "index.html").read_text(encoding="utf-8")
    assert 'href="people/"' in archive


def test_people_page_is_rewritten_not_reread_when_a_programme_changes(tmp_path) -> None:
    import shutil
    from pathlib import Path

    from .conftest import build_in_place

    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-programme", src)
    (src / "people.md").write_text("---\norphan: true\n---\n# People\n\n```{presenter-index}\n```\n", encoding="utf-8")

    def build() -> tuple[str, str]:
        status = build_in_place(src, tmp_path / "out", "html")
        return status, (tmp_path / "out" / "html" / "people.html").read_text(encoding="utf-8")

    _status, html = build()
    assert "Nautilus, Nemo" in html
    data = src / "_data" / "programmes" / "2030-Atlantis.json"
    data.write_text(data.read_text(encoding="utf-8").replace("Nautilus, Nemo", "Nautilus, Nemonia"), encoding="utf-8")
    status, html = build()
    assert "Nautilus, Nemonia" in html and "Nautilus, Nemo<" not in html
    reading = "\n".join(line for line in status.splitlines() if line.startswith("reading sources"))
    assert "people" not in reading  # written again, not re-read

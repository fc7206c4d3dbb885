"""The Read the Docs configuration is valid and builds what `make` builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / ".readthedocs.yaml"


def test_readthedocs_config_passes_the_read_the_docs_schema() -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.readthedocs", str(CONFIG)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readthedocs_builds_with_the_makefile_and_the_pinned_python() -> None:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert config["build"]["tools"]["python"] == f"{sys.version_info.major}.{sys.version_info.minor}"
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]
    html = " ".join(config["build"]["jobs"]["build"]["html"])
    pdf = " ".join(config["build"]["jobs"]["build"]["pdf"])
    assert "make html" in html and '$READTHEDOCS_OUTPUT/html' in html
    assert "make latexpdf" in pdf and '$READTHEDOCS_OUTPUT/pdf' in pdf


def test_read_the_docs_version_and_canonical_url_reach_the_pages(tmp_path, monkeypatch) -> None:
    from bs4 import BeautifulSoup

    from ext.hugo_import.importer import import_site

    from .conftest import EXAMPLE_SITE, build, new_docs

    monkeypatch.setenv("READTHEDOCS_VERSION_NAME", "2026.11")
    monkeypatch.setenv("READTHEDOCS_GIT_IDENTIFIER", "v2026.11")
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://handbook.example.org/en/2026.11/")
    docs = new_docs(tmp_path)
    import_site(EXAMPLE_SITE, docs)
    assert build(docs, tmp_path / "html") == ""
    soup = BeautifulSoup((tmp_path / "html" / "about" / "faq" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("meta", attrs={"name": "handbook-version"})["content"] == "2026.11 (v2026.11)"
    assert "Handbook version 2026.11 (v2026.11)" in soup.select_one(".handbook-version").get_text()
    assert soup.find("link", rel="canonical")["href"] == "https://handbook.example.org/en/2026.11/about/faq/"
    notfound = (tmp_path / "html" / "404" / "index.html").read_text(encoding="utf-8")
    assert 'href="/en/2026.11/about/' in notfound  # the 404 page works under Read the Docs' prefix


def read_the_docs_env(checkout_dir: Path, output: Path, version: str, **project_variables: str) -> dict[str, str]:
    """The environment Read the Docs gives the build commands of ``version`` (a tag), plus
    the project's own variables ``project_variables``."""
    from .conftest import shell_env

    return shell_env(**{
        "READTHEDOCS": "True", "READTHEDOCS_PROJECT": "iassist-handbook", "READTHEDOCS_LANGUAGE": "en",
        "READTHEDOCS_VERSION": version, "READTHEDOCS_VERSION_NAME": version, "READTHEDOCS_VERSION_TYPE": "tag",
        "READTHEDOCS_GIT_IDENTIFIER": version, "READTHEDOCS_OUTPUT": str(output),
        "READTHEDOCS_CANONICAL_URL": f"https://iassist-handbook.readthedocs.io/en/{version}/",
        "READTHEDOCS_VIRTUALENV_PATH": str(REPO / ".venv"), "READTHEDOCS_REPOSITORY_PATH": str(checkout_dir),
        **project_variables,
    })


GIT = ["git", "-c", "user.name=Web team", "-c", "user.email=web@example.org"]


def run_read_the_docs(repository: Path, tag: str, workdir: Path, formats: tuple[str, ...] = ("html", "pdf"),
                      **project_variables: str) -> Path:
    """Read the Docs' build of version ``tag``: a clone of ``repository`` checked out at the
    tag, then the jobs of its .readthedocs.yaml in their order, with Read the Docs'
    variables. Returns ``$READTHEDOCS_OUTPUT``."""
    work = workdir / tag
    subprocess.run(["git", "clone", "-q", str(repository), str(work)], check=True)
    subprocess.run(["git", "checkout", "-q", tag], cwd=work, check=True)
    output = work / "_readthedocs"
    env = read_the_docs_env(work, output, tag, **project_variables)
    jobs = yaml.safe_load((work / ".readthedocs.yaml").read_text(encoding="utf-8"))["build"]["jobs"]
    steps = [*jobs["post_checkout"], *jobs["post_install"], *(step for f in formats for step in jobs["build"][f])]
    for step in steps:
        result = subprocess.run(["bash", "-c", step], cwd=work, env=env, capture_output=True, text=True,
                                timeout=600, check=False)
        assert result.returncode == 0, f"{step}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return output


def page(output: Path, url: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup((output / "html" / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_each_tag_builds_its_own_pages_and_events(tmp_path) -> None:
    """Read the Docs builds the committed docs/ at the version's commit: tag v1, add an
    event and edit a page, tag v2; v1 shows neither change, v2 both, in the HTML and in
    the PDF, with no variable set on Read the Docs."""
    from .conftest import LISBON_2029, TEX_TOOLS, checkout, needs

    needs(TEX_TOOLS, "make tex-deps")
    repository = checkout(tmp_path / "repository")
    subprocess.run([*GIT, "tag", "v1"], cwd=repository, check=True)
    events = repository / "docs" / "_data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("\nevents:\n", "\nevents:\n" + LISBON_2029, 1), encoding="utf-8")
    about = repository / "docs" / "about" / "index.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA sentence written for version 2.\n", encoding="utf-8")
    subprocess.run([*GIT, "commit", "-q", "-am", "The 2029 conference; About edited"], cwd=repository, check=True)
    subprocess.run([*GIT, "tag", "v2"], cwd=repository, check=True)

    for tag, changed in (("v1", False), ("v2", True)):
        output = run_read_the_docs(repository, tag, tmp_path / "builds")
        about_page = page(output, "/about/")
        assert about_page.select_one(".handbook-version").get_text(strip=True) == f"Handbook version {tag}"
        assert about_page.find("link", rel="canonical")["href"] == f"https://iassist-handbook.readthedocs.io/en/{tag}/about/"
        assert ("A sentence written for version 2." in about_page.get_text()) is changed
        cards = page(output, "/conferences/").select(".sd-card")
        lisbon = [card for card in cards if "Lisbon" in card.get_text()]
        assert len(lisbon) == int(changed)
        if changed:
            assert lisbon[0].select_one("a.events-button")["href"] == "https://iassist2029.example.org/"
        calendar = (output / "html" / "events.ics").read_text(encoding="utf-8")
        assert ("Lisbon" in calendar) is changed
        assert 'href="/en/' + tag + '/about/' in (output / "html" / "404" / "index.html").read_text(encoding="utf-8")
        pdfs = list((output / "pdf").glob("*.pdf"))
        assert [p.name for p in pdfs] == ["iassist-member-guide.pdf"]
        text = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True, check=True).stdout
        assert "IASSIST Member Guide" in text and f"Version {tag}" in " ".join(text.split())
        assert ("A sentence written for version 2." in " ".join(text.split())) is changed


def site_repository(tmp_path: Path) -> Path:
    """The example site as a git repository: tag ``content-2027.1``, then a later commit that
    changes the About page (the preview must show the tagged content, not the later one)."""
    import shutil

    from .conftest import EXAMPLE_SITE

    site = tmp_path / "site-repository"
    shutil.copytree(EXAMPLE_SITE, site)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "site"],
                 ["tag", "content-2027.1"]):
        subprocess.run([*GIT, *args], cwd=site, check=True)
    about = site / "content" / "about" / "_index.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA sentence written after the tag.\n", encoding="utf-8")
    (site / "content" / "about" / "history.md").write_text('+++\ntitle = "History"\n+++\nOnly in the site.\n',
                                                           encoding="utf-8")
    subprocess.run([*GIT, "add", "-A"], cwd=site, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "later"], cwd=site, check=True)
    return site


def test_the_transition_preview_builds_a_pinned_hugo_site(tmp_path) -> None:
    """Before the migration only: SITE_REPOSITORY and SITE_REVISION on Read the Docs build
    that Hugo site as it is (make html SITE=...), at the pinned revision."""
    from .conftest import checkout

    repository = checkout(tmp_path / "repository")
    subprocess.run([*GIT, "tag", "2027.1"], cwd=repository, check=True)
    output = run_read_the_docs(repository, "2027.1", tmp_path / "builds", formats=("html",),
                               SITE_REPOSITORY=str(site_repository(tmp_path)), SITE_REVISION="content-2027.1")
    assert "written after the tag" not in page(output, "/about/").get_text()
    assert not (output / "html" / "about" / "history").exists()
    assert page(output, "/").select_one(".handbook-version").get_text(strip=True) == "Handbook version 2027.1"
    status = subprocess.run(["git", "status", "--porcelain", "--", "docs"], cwd=output.parent,
                            capture_output=True, text=True, check=True).stdout
    assert status == ""  # the preview never writes into docs/

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

    from ext.hugo_import.writer import import_site

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


def read_the_docs_env(checkout_dir: Path, output: Path, site_repository: Path) -> dict[str, str]:
    """The environment Read the Docs gives the build commands of version ``2027.1`` (a tag),
    plus the project's own variables (``SITE_REPOSITORY``, ``SITE_REVISION``)."""
    from .conftest import shell_env

    return shell_env(**{
        "READTHEDOCS": "True", "READTHEDOCS_PROJECT": "iassist-handbook", "READTHEDOCS_LANGUAGE": "en",
        "READTHEDOCS_VERSION": "2027.1", "READTHEDOCS_VERSION_NAME": "2027.1", "READTHEDOCS_VERSION_TYPE": "tag",
        "READTHEDOCS_GIT_IDENTIFIER": "2027.1", "READTHEDOCS_OUTPUT": str(output),
        "READTHEDOCS_CANONICAL_URL": "https://iassist-handbook.readthedocs.io/en/2027.1/",
        "READTHEDOCS_VIRTUALENV_PATH": str(REPO / ".venv"), "READTHEDOCS_REPOSITORY_PATH": str(checkout_dir),
        "SITE_REPOSITORY": str(site_repository), "SITE_REVISION": "content-2027.1",
    })


def site_repository(tmp_path: Path) -> Path:
    """The example site as a git repository: tag ``content-2027.1``, then a later commit that
    changes the About page (a handbook version must show the tagged content, not the later one)."""
    import shutil

    from .conftest import EXAMPLE_SITE

    site = tmp_path / "site-repository"
    shutil.copytree(EXAMPLE_SITE, site)
    git = ["git", "-c", "user.name=Web team", "-c", "user.email=web@example.org"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "site"],
                 ["tag", "content-2027.1"]):
        subprocess.run([*git, *args], cwd=site, check=True)
    about = site / "content" / "about" / "_index.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA sentence written after the tag.\n", encoding="utf-8")
    subprocess.run([*git, "commit", "-q", "-am", "later"], cwd=site, check=True)
    return site


def test_read_the_docs_build_steps_run_locally(tmp_path) -> None:
    """The jobs of .readthedocs.yaml, run in their order with Read the Docs' variables, in a
    fresh checkout: the pinned site is cloned, the handbook and the PDF land in
    $READTHEDOCS_OUTPUT with the version and the canonical URLs of Read the Docs."""
    from bs4 import BeautifulSoup

    from .conftest import TEX_TOOLS, checkout, needs

    needs(TEX_TOOLS, "make tex-deps")
    work = checkout(tmp_path / "checkout")
    output = work / "_readthedocs"
    env = read_the_docs_env(work, output, site_repository(tmp_path))
    jobs = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["build"]["jobs"]
    steps = [*jobs["post_checkout"], *jobs["post_install"], *jobs["build"]["html"], *jobs["build"]["pdf"]]
    for step in steps:
        result = subprocess.run(["bash", "-c", step], cwd=work, env=env, capture_output=True, text=True,
                                timeout=600, check=False)
        assert result.returncode == 0, f"{step}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"

    html = output / "html"
    about = BeautifulSoup((html / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert about.select_one(".handbook-version").get_text(strip=True) == "Handbook version 2027.1"
    assert about.find("meta", attrs={"name": "handbook-version"})["content"] == "2027.1"
    assert about.find("link", rel="canonical")["href"] == "https://iassist-handbook.readthedocs.io/en/2027.1/about/"
    assert "written after the tag" not in about.get_text()  # the pinned revision of the site
    assert (html / "conferences" / "index.html").is_file() and (html / "blog" / "index.html").is_file()
    assert 'href="/en/2027.1/about/' in (html / "404" / "index.html").read_text(encoding="utf-8")
    pdfs = list((output / "pdf").glob("*.pdf"))
    assert [p.name for p in pdfs] == ["iassist-member-guide.pdf"]
    text = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True, check=True).stdout
    assert "IASSIST Member Guide" in text and "Version 2027.1" in " ".join(text.split())

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

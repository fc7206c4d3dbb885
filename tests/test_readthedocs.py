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

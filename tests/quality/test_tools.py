"""The gates' tool policy: a missing tool skips a gate on a developer's machine and
fails it in CI, where a gate must never be skipped silently."""

from __future__ import annotations

import pytest

from tests.quality.conftest import require_tool


def test_missing_tool_skips_the_gate_locally_naming_make_check_deps(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is missing: `make check-deps`"):
        require_tool(False, "Chromium")


def test_missing_tool_fails_the_gate_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Java is missing: .*`make test`"):
        require_tool(False, "Java")


def test_present_tool_lets_the_gate_run(monkeypatch):
    monkeypatch.setenv("CI", "true")
    require_tool(True, "Java")

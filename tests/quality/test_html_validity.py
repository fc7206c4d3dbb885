"""HTML validity: the Nu HTML checker (vnu) finds no error in any page type's file,
the redirect pages and the 404 page included."""

from __future__ import annotations

import pytest

from tests.quality.conftest import ALL_PAGE_TYPES

#: vnu messages that come from markup we cannot change (exact text -> where it comes from).
#: Empty: every error so far was ours to fix.
IGNORED: dict[str, str] = {}


@pytest.mark.parametrize("name", ALL_PAGE_TYPES)
def test_page_is_valid_html(vnu_messages, page_types, name):
    page_type = page_types[name]
    errors = [m for m in vnu_messages[page_type.file.resolve()] if m.get("message") not in IGNORED]
    assert not errors, f"{page_type.path} ({page_type.file.name}):\n" + "\n".join(
        f"line {m.get('lastLine', '?')}: {m.get('message')} [{m.get('extract', '').strip()[:120]}]" for m in errors)

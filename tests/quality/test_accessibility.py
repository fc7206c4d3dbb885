"""Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) finds nothing serious or critical
on any page type, at desktop or phone width, in light or dark mode."""

from __future__ import annotations

import pytest

from tests.quality.conftest import ALL_PAGE_TYPES, AXE_JS, require_tool

SERIOUS = ("serious", "critical")


@pytest.mark.parametrize("name", ALL_PAGE_TYPES)
def test_page_has_no_serious_accessibility_violations(page_visits, name):
    require_tool(AXE_JS.is_file(), "node_modules/axe-core")
    visit = page_visits[name]
    serious = [v for v in visit.violations.values() if v["impact"] in SERIOUS]
    assert not serious, f"{visit.page_type.path}:\n" + "\n".join(
        f"{v['id']} ({v['impact']}; {', '.join(v['views'])}): {v['help']}; "
        f"{len(v['targets'])} element(s): {', '.join(v['targets'][:3])}" for v in serious)

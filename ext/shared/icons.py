"""Icons: the Font Awesome names a Hugo theme writes (``<i class="fas fa-bell">``, a data
file's ``icon: fa-bell``) and the octicon the handbook draws instead.

Octicons come with sphinx-design (``{octicon}`` role), so the handbook needs no icon
font. The converter turns an ``<i>`` icon of a page into the ``{octicon}`` role; the
home page's cards (``ext.home``) show a data file's icon. An icon not in
:data:`ICONS` is left out (the converter reports it; the build warns).
"""

from __future__ import annotations

#: Font Awesome icon names and the octicon (bundled with sphinx-design) drawn instead.
ICONS = {
    "fa-external-link-alt": "link-external",
    "fa-external-link": "link-external",
    "fa-arrow-up-right-from-square": "link-external",
    "fa-bell": "bell",
    "fa-table": "table",
    "fa-shapes": "apps",
    "fa-person-chalkboard": "mortar-board",
    "fa-magnifying-glass": "search",
    "fa-search": "search",
    "fa-book-open": "book",
    "fa-book": "book",
    "fa-people-arrows": "people",
    "fa-users": "people",
    "fa-envelope": "mail",
    "fa-calendar": "calendar",
    "fa-file-alt": "file",
    "fa-briefcase": "briefcase",
    "fa-comments": "comment-discussion",
    "fa-video": "video",
    "fa-globe": "globe",
    "fa-download": "download",
    "fa-info-circle": "info",
    "fa-book-reader": "book",
    "fa-users-cog": "people",
    "fa-tv": "device-desktop",
    "fa-id-card": "id-badge",
}

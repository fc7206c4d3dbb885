"""Names: how a site path step, a tag or a docname becomes a URL step, and back.

Hugo writes a URL step with its ``MakePath`` (:func:`urlize`); the handbook's dirhtml
build serves docname ``about/index`` at ``/about/`` (:func:`served_url`,
:func:`docname_for_url`). A step must also be a name a file system can hold
(:func:`name_fits`, else :func:`shortened`) and no path step (:func:`url_step`).
The converter names pages and tag pages by these rules and the blog extension names
the tag pages it makes by the same ones (:func:`tag_slug`, :func:`tag_page_title`),
so a tag's page is where the import put it.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from urllib.parse import unquote

#: The longest file name (in bytes of UTF-8) that common file systems hold.
NAME_MAX = 255
#: The longest name a page may have in the handbook: room is left for what Sphinx adds
#: to a docname in its own files (``.doctree``).
PAGE_NAME_MAX = NAME_MAX - len(".doctree")
#: A shortened name keeps this many bytes of the name, then ``-`` and a hash.
SHORT_PREFIX = 100


def name_fits(name: str) -> bool:
    """Whether ``name`` (one step of a path) fits in :data:`PAGE_NAME_MAX` bytes."""
    return len(name.encode("utf-8")) <= PAGE_NAME_MAX


def shortened(name: str) -> str:
    """``name`` cut to at most :data:`SHORT_PREFIX` bytes (whole characters), then ``-``
    and 8 hexadecimal digits of its SHA-1: the same name always gives the same result,
    and two long names that share their start stay apart."""
    cut = name.encode("utf-8")[:SHORT_PREFIX].decode("utf-8", "ignore").rstrip("-")
    return f"{cut}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"


#: A segment that :func:`urlize` leaves as it is (most of them).
_URLIZED = re.compile(r"[a-z0-9._~+_-]*")


def urlize(segment: str) -> str:
    """A path segment as Hugo writes it in URLs (its ``MakePath``): percent-escapes
    decoded, lower case, white space to ``-``, letters, digits and ``._-~+`` kept,
    other punctuation (quotes, ``’``, ``?``) dropped."""
    if _URLIZED.fullmatch(segment):
        return segment
    out: list[str] = []
    for char in unicodedata.normalize("NFC", unquote(segment)).strip().lower():
        category = unicodedata.category(char)
        if char.isspace():
            if not out or out[-1] != "-":
                out.append("-")
        elif category[0] in "LNM" or char in "._-~+":
            out.append(char)
    return "".join(out)


def docname_for_url(url: str, is_index: bool = False) -> str:
    """The Sphinx docname the dirhtml builder serves at ``url``: a section or
    bundle index is ``<url>/index`` (written to ``<url>/index.html``), any other
    page ``<url>`` (written to ``<url>/index.html`` as well)."""
    stripped = url.strip("/")
    if not stripped:
        return "index"
    return f"{stripped}/index" if is_index else stripped


def served_url(docname: str) -> str:
    """The URL the dirhtml build serves ``docname`` at (``about/index`` -> ``/about/``)."""
    path = docname.removesuffix("index").strip("/") if docname == "index" or docname.endswith("/index") else docname
    return f"/{path}/" if path else "/"


def url_step(step: str) -> str:
    """``step`` (one step of a URL made by :func:`urlize`: a tag's) as a name the
    handbook can serve a page at: ``.`` and ``..`` spelled out (``dot``, ``dot-dot``),
    a name longer than a page's can be shortened (:func:`shortened`); any
    other as it is. The import and the blog extension both name tag pages by it."""
    if step in {".", ".."}:
        return "-".join("dot" for _ in step)
    return step if name_fits(step) else shortened(step)


def tag_page_title(name: str) -> str:
    """The title of the page of the tag ``name`` (plain text); ``ext.blog`` gives the
    pages it makes for new tags the same one."""
    return f"Posts tagged “{name}”"


@functools.lru_cache(maxsize=4096)
def tag_slug(tag: str) -> str:
    """The URL step of the page of the tag ``tag``, as Hugo makes it (:func:`urlize`:
    ``Data Access & Open Data`` -> ``data-access-open-data``), made one a page can be
    served at (:func:`url_step`: a tag Hugo would serve at ``..`` or at a name too long
    for a file is spelled out or shortened), so its page stays in its folder. Cached:
    tag lists and tag pages ask for the same few hundred tags about a million times in
    a build of the real site."""
    return url_step(urlize(tag))

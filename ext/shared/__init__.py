"""What the converter (:mod:`ext.hugo_import`) and the Sphinx extensions both need: the
contract between them, without Sphinx or docutils. Both sides import from here; this
package imports neither (``tests/test_architecture.py`` holds it to that).

====================  ====================================================================
module                what both sides agree on
====================  ====================================================================
``paths``             where the import writes what in the source folder; the ``site:`` scheme
``urls``              the URL allow-list, YouTube video IDs, paths that climb above the root
``embeds``            the hosts (and paths) whose pages are embedded in an iframe
``icons``             Font Awesome names and the octicon drawn instead
``dates``             event, programme and front matter dates; the day of a build
``slugs``             Hugo's URL steps, docname <-> URL, names a file system holds, tags
``page_keys``         the front matter keys the handbook reads
``events_model``      the events file's entries (pydantic), ``events_schema`` its JSON Schema
``programme_file``    reading a conference programme (JSON) with lines for warnings
``manifest``          the import's manifest of what it wrote
``report_file``       the import report's file and its summary
``limits``            how big and how deep input may be
====================  ====================================================================
"""

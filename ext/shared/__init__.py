"""What the converter (:mod:`ext.hugo_import`) and the Sphinx extensions both need,
without Sphinx or docutils: the URL allow-list (:mod:`.urls`) and the limits on how big
and how deep input may be (:mod:`.limits`). Both sides import from here; this package
imports neither."""

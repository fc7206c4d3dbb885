"""Quality gates of the built handbook: a real browser, accessibility (axe-core), HTML validity (vnu)."""

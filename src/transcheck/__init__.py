"""transcheck: a translation consistency checker for localized Markdown articles."""

__version__ = "0.1.0"

"""The engine: runs load → index → pages → render → write again and again, redoing only what changed.

``builder.py`` is the story of one build, ``fastpath.py`` the live preview's shortcut for body
edits, ``state.py`` what a build leaves for the next, ``report.py`` what it tells people.
"""

from generator.engine.builder import SiteBuilder, build
from generator.engine.report import BuildResult

__all__ = ["BuildResult", "SiteBuilder", "build"]

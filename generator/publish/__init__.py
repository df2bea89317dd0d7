"""Publish: a built site to GitHub Pages (``deploy.py``), through git plumbing (``git.py``)."""

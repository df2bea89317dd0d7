"""Write: bytes → the site folder (``writer.py``), its search index (``search.py``), and the
internal link check over what was written (``linkcheck.py``)."""

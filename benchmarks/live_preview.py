"""The live-preview path, timed inside one process: what ``briefing serve`` does after a save.

A ``SiteBuilder(live=True)`` builds the site once into a private folder, then one brief gets a
sentence appended and the second ``rebuild()`` is timed: the time until that edited brief (and
every page it shows up on) is on disk. Then the same brief is retitled, given another tag, dated
a day later and given another entity, each followed by a timed ``rebuild()``, and its text put
back. Prints each rebuild's wall and CPU seconds (this process and any workers it forked) as
JSON: ``first``, ``edit`` (the body), ``edit-title``, ``edit-tags``, ``edit-date``,
``edit-entities``.

    python benchmarks/live_preview.py SITE_ROOT OUTPUT_DIR BRIEF_FILE
"""

from __future__ import annotations

import json
import re
import resource
import sys
import time
from pathlib import Path

from generator.engine import SiteBuilder

EDIT = "\nA late update adds one more sentence to this brief.\n"


def cpu() -> float:
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def timed(action) -> tuple[float, float]:
    wall, cpu_before = time.perf_counter(), cpu()
    action()
    return time.perf_counter() - wall, cpu() - cpu_before


def _front(text: str, field: str, change) -> str:
    return re.sub(rf"^{field}: (.*)$", lambda m: f"{field}: {change(m.group(1))}", text, count=1, flags=re.M)


# Edits of the front matter the corpus writes (``corpus.py``): what each changes in the text.
FRONT_EDITS = {
    "edit-title": lambda t: _front(t, "title", lambda v: v[:-1] + ' (retitled)"'),
    "edit-tags": lambda t: _front(t, "tags", lambda v: v.replace("[", '["topic-1", ', 1)),
    "edit-date": lambda t: _front(t, "date", lambda v: v[:-3] + ("02" if v[-3:-1] != "02" else "03") + '"'),
    "edit-entities": lambda t: _front(t, "entities", lambda v: v.replace("[", '["e1", ', 1)),
}


def main() -> None:
    root, output, brief = (Path(a) for a in sys.argv[1:4])
    original = brief.read_text(encoding="utf-8")
    builder = SiteBuilder(root, output_dir=output, live=True)
    times = {"first": timed(builder.rebuild)}
    try:
        brief.write_text(original + EDIT, encoding="utf-8")
        times["edit"] = timed(builder.rebuild)
        for name, edit in FRONT_EDITS.items():
            brief.write_text(edit(brief.read_text(encoding="utf-8")), encoding="utf-8")
            times[name] = timed(builder.rebuild)
    finally:
        brief.write_text(original, encoding="utf-8")
    print(json.dumps(times))


if __name__ == "__main__":
    main()

"""The live-preview path, timed inside one process: what ``briefing serve`` does after a save.

A ``SiteBuilder(live=True)`` builds the site once into a private folder, then one brief gets a
sentence appended and the second ``rebuild()`` is timed: the time until that edited brief (and
every page it shows up on) is on disk. Prints each rebuild's wall and CPU seconds (this process
and any workers it forked) as JSON.

    python benchmarks/live_preview.py SITE_ROOT OUTPUT_DIR BRIEF_FILE
"""

from __future__ import annotations

import json
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


def main() -> None:
    root, output, brief = (Path(a) for a in sys.argv[1:4])
    builder = SiteBuilder(root, output_dir=output, live=True)
    first = timed(builder.rebuild)
    with brief.open("a", encoding="utf-8") as f:
        f.write(EDIT)
    edit = timed(builder.rebuild)
    print(json.dumps({"first": first, "edit": edit}))


if __name__ == "__main__":
    main()

"""Results: merged into ``benchmarks/results/<date>.json`` and shown as a Markdown table.

A row is one measurement: ``size, tool, phase, seconds, pages, peak_mib`` plus when and at which
commit it was taken. A new run replaces the rows it measured again (same size, tool and phase)
and keeps the others, so Briefing's rows can be refreshed without re-running the peers.

    python benchmarks/report.py benchmarks/results/DATE.json   # the table of a results file
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
PHASE_ORDER = ("cold", "warm", "edit", "live-first", "live-edit")


def merge(path: Path, rows: list[dict], meta: dict) -> dict:
    data = json.loads(path.read_text()) if path.exists() else {"rows": [], "versions": {}}
    fresh = {(r["size"], r["tool"], r["phase"]) for r in rows}
    kept = [r for r in data["rows"] if (r["size"], r["tool"], r["phase"]) not in fresh]
    data["rows"] = sorted(kept + rows, key=sort_key)
    data["versions"] = {**data.get("versions", {}), **meta.pop("versions")}
    data.update(meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n")
    return data


def sort_key(row: dict) -> tuple:
    tool = 0 if row["tool"].startswith("briefing") else 1
    phase = PHASE_ORDER.index(row["phase"]) if row["phase"] in PHASE_ORDER else len(PHASE_ORDER)
    return (row["size"], tool, row["tool"], phase)


def markdown(rows: list[dict]) -> str:
    """One line per measurement; the last column is the wall time relative to Briefing's cold build."""
    cold = {r["size"]: r["seconds"] for r in rows if r["tool"] == "briefing" and r["phase"] == "cold"}
    hugo = {r["size"]: r["seconds"] for r in rows if r["tool"] == "hugo" and r["phase"] == "cold"}
    lines = [
        "| briefs | tool | phase | wall (s) | CPU (s) | pages | pages/s | peak memory (MiB) "
        "| wall ÷ Briefing cold | wall ÷ Hugo cold |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        ratio = f"{r['seconds'] / cold[r['size']]:.2f}×" if r["size"] in cold else "–"
        to_hugo = f"{r['seconds'] / hugo[r['size']]:.2f}×" if r["size"] in hugo else "–"
        rate = r["pages"] / r["seconds"] if r["seconds"] else 0
        lines.append(
            f"| {r['size']:,} | {r['tool']} | {r['phase']} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {r['pages']:,} "
            f"| {rate:,.0f} | {r['peak_mib']:.0f} | {ratio} | {to_hugo} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(markdown(json.loads(Path(sys.argv[1]).read_text())["rows"]))

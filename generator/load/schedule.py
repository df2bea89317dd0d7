"""Embargoes: which briefs are out yet, and "now" (``BRIEFING_NOW``, for tests).

A brief appears once its ``publish_at`` (or, without one, its ``date``) has come. A cached build
must neither keep an embargoed brief out after its time nor show it early, so the build stamp
covers ``schedule_setting``: the embargoes the last build held back that have passed since.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import date, datetime, time, timezone
from pathlib import Path

from generator.errors import ConfigError
from generator.files import atomic_write

NOW_VARIABLE = "BRIEFING_NOW"
SCHEDULE_FILE = Path(".briefing-cache") / "embargoes.json"


def now() -> datetime:
    """The current time (UTC), or ``BRIEFING_NOW`` (a date or ISO date-time) when set: for tests."""
    text = os.environ.get(NOW_VARIABLE, "").strip()
    if not text:
        return datetime.now(timezone.utc)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(text), time.min)
        except ValueError:
            raise ConfigError(f"{NOW_VARIABLE}={text!r} is not an ISO date or date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def remember_embargoes(root: Path, held: Iterable[datetime]) -> None:
    """Note when each brief held back comes out (``Site.embargoes``), for the next build's stamp."""
    times = sorted({moment.isoformat() for moment in held})
    path = root / SCHEDULE_FILE
    text = json.dumps(times)
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.parent.mkdir(exist_ok=True)
    atomic_write(path, text.encode("utf-8"))


def schedule_setting(root: Path, future: bool) -> str:
    """What the build stamp covers about time: the held-back embargoes that have passed."""
    if future:
        return "future"
    try:
        times = json.loads((root / SCHEDULE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    at = now()
    return ",".join(t for t in times if isinstance(t, str) and datetime.fromisoformat(t) <= at)

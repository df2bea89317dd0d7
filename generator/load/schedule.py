"""Embargoes: which briefs are out yet, and "now" (``BRIEFING_NOW``, for tests).

A brief appears once its ``publish_at`` (or, without one, its ``date``) has come. A cached build
must neither keep an embargoed brief out after its time nor show it early, so the build stamp
records the window in which its site stays right (``engine.builder._window``).
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timezone

from generator.errors import ConfigError

NOW_VARIABLE = "BRIEFING_NOW"


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

"""memory.release: space freed by Python goes back to the system, not just to the allocator."""

from __future__ import annotations

import pytest

from generator import workers as memory


def resident_mib() -> float:
    with open("/proc/self/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.skipif(memory._trim is None, reason="malloc_trim is glibc's; elsewhere release() does nothing")
def test_release_hands_freed_heap_back():
    blocks = [bytes([i % 251]) * 4000 for i in range(30_000)]  # ~120 MB of malloc'd (not pymalloc) blocks
    keep = blocks[-1]  # the last block pins the top of the heap, so free() alone cannot shrink it
    del blocks
    before = resident_mib()
    memory.release()
    after = resident_mib()
    assert keep and before - after > 60, (before, after)

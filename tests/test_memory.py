"""memory.release: space freed by Python goes back to the system, not just to the allocator."""

from __future__ import annotations

from generator import workers as memory


def resident_mib() -> float:
    with open("/proc/self/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def test_release_hands_freed_heap_back():
    assert memory._trim is not None  # glibc, as on Debian: the build relies on it for its memory goal
    blocks = [bytes([i % 251]) * 4000 for i in range(30_000)]  # ~120 MB of malloc'd (not pymalloc) blocks
    keep = blocks[-1]  # the last block pins the top of the heap, so free() alone cannot shrink it
    del blocks
    before = resident_mib()
    memory.release()
    after = resident_mib()
    assert keep and before - after > 60, (before, after)

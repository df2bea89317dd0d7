"""Reading an input file: the size limit holds, and a small file costs small memory."""

from __future__ import annotations

import tracemalloc

import pytest

from generator.errors import InputError
from generator.files import STATIC_LIMIT, read_input


def test_a_small_file_read_under_a_large_limit_sets_little_aside(tmp_path):
    path = tmp_path / "style.css"
    path.write_bytes(b"body { color: black }\n")
    tracemalloc.start()
    try:
        data = read_input(path, tmp_path, STATIC_LIMIT)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert data == path.read_bytes()
    assert peak < 1024 * 1024  # read(limit + 1) set aside the whole 100 MiB limit


def test_a_file_over_the_limit_is_refused_and_one_at_it_is_read(tmp_path):
    path = tmp_path / "big.bin"
    path.write_bytes(b"x" * 3000)
    assert read_input(path, tmp_path, 3000) == b"x" * 3000
    with pytest.raises(InputError, match="over the 2,999-byte limit"):
        read_input(path, tmp_path, 2999)

"""A process pool for the CPU-bound stages.

Prefect tasks run in threads (one task per shard); each task hands its CPU work to this pool,
so shards are processed on every core without a Prefect server. Workers are spawned, not
forked, because the parent holds Prefect's threads and event loop.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_pool_size = 0


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def start(workers: int | None = None) -> None:
    global _pool, _pool_size
    size = workers or default_workers()
    with _lock:
        if _pool is not None and _pool_size == size:
            return
        if _pool is not None:
            _pool.shutdown()
        _pool = None
        _pool_size = size
        if size > 1:
            _pool = ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("spawn"))


def run(fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn(*args)`` in the pool, or inline when the pool has a single worker."""
    pool = _pool
    if pool is None:
        return fn(*args)
    return pool.submit(fn, *args).result()


def stop() -> None:
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(cancel_futures=True)
        _pool = None
